"""Shared request builders for the policy engine tests (pure pytest, no Django)."""

from __future__ import annotations

from typing import Any

import pytest

from pilothub.policy.engine import default_rulebook


def make_request(
    project: dict[str, Any], *, region: str = "110116", as_of: str = "2026-03-01", **applicant: Any
) -> dict[str, Any]:
    base_applicant = {"independent_legal_entity": False, "sme": True, "sector": "科学仪器和传感器"}
    base_applicant.update(applicant)
    return {"region": region, "as_of": as_of, "applicant": base_applicant, "project": project}


@pytest.fixture(scope="session")
def rulebook():
    return default_rulebook()


def param(document_id: str, name: str, on: str = "2026-03-01") -> Any:
    """A parameter value read from the rule files, so tests never retype the policy's numbers."""
    import datetime as dt

    version = default_rulebook().document(document_id).parameters[name].at(dt.date.fromisoformat(on))
    assert version is not None
    return version.value


def pytest_ignore_collect(collection_path, config):
    """The engine's tests also run without Django (`-p no:django`, docs/policy-engine.md); the
    web app's tests (they use the database) are then skipped instead of failing to import."""
    if config.pluginmanager.has_plugin("django") or collection_path.suffix != ".py":
        return None
    if collection_path.name.startswith("test_") and "django_db" in collection_path.read_text(encoding="utf-8"):
        return True
    return None
