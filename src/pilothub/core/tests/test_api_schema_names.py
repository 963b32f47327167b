"""django-ninja names OpenAPI components after the schema class: two different classes with the
same name in different API modules silently share one component, and the published schema then
describes one endpoint with the other's fields (schemathesis found /equipment documented with the
operator API's fields). Every schema class name must therefore be unique across the API."""

import importlib
import inspect
from collections import defaultdict
from pathlib import Path

from ninja import Schema

PACKAGE = Path(__file__).resolve().parents[2]


def test_schema_class_names_are_unique_across_api_modules():
    owners: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.glob("*/api*.py")):
        module = importlib.import_module(f"pilothub.{path.parent.name}.{path.stem}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Schema) and value.__module__ == module.__name__:
                owners[name].add(module.__name__)
    assert len(owners) > 20
    assert {name: modules for name, modules in owners.items() if len(modules) > 1} == {}


def test_an_out_of_range_number_is_a_400_not_a_crash(client, db):
    from pilothub.testing.factories import reviewer

    client.force_login(reviewer("110000"))
    response = client.post("/api/v1/voucher-payment-batches", content_type="application/json", data={
        "reference": "批次1", "paid_on": "2026-01-01", "redemption_ids": [10**35]})
    assert response.status_code in (400, 422)
    assert response.json()["error"]["message_zh"]
