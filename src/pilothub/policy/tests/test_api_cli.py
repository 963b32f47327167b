"""The evaluate contract (issue #7): API and CLI return exactly the engine's response; errors name
the field; the region chain comes from the Region table."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pilothub.policy import engine
from pilothub.regions.models import Region, RegionLevel

from .factories import contract_request, new_platform_request

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {"measure", "region", "amount", "in_force", "draft", "citation", "explanation"}


def post(client, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post("/api/v1/policy/evaluate", body, content_type="application/json", **extra)


def test_api_returns_exactly_the_engine_response(client):
    request = new_platform_request(as_of="2026-03-01")
    response = post(client, request)
    assert response.status_code == 200
    body = response.json()
    assert body == engine.evaluate(request, ["110116", "110000"])
    assert [i["measure"] for i in body["items"]] == ["beijing_2026_1.new_platform", "huairou_draft.new_platform"]
    assert [i["amount"] for i in body["items"]] == [7_000_000, 3_000_000]
    assert body["total"] == 10_000_000
    for item in body["items"]:
        assert set(item) >= CONTRACT_KEYS


def test_a_region_added_to_the_database_inherits_the_measures_above_it(client):
    Region.objects.create(code="110116001", name="泉河街道", level=RegionLevel.STREET,
                          parent=Region.objects.get(code="110116"))
    response = post(client, new_platform_request(region_code="110116001", as_of="2026-03-01"))
    assert response.status_code == 200
    body = response.json()
    assert body["region_chain"] == ["110116001", "110116", "110000"]
    assert [i["region"] for i in body["items"]] == ["110000", "110116"]


def test_a_county_sees_the_city_measures(client):
    request = {"region": "330402", "as_of": "2026-03-01", "applicant": {},
               "project": {"type": "evaluation_reward", "evaluation_year": 2025, "evaluation_grade": "优秀"}}
    body = post(client, request).json()
    assert [(i["measure"], i["region"], i["amount"]) for i in body["items"]] == [
        ("jiaxing_2025_47.evaluation_reward", "330400", 1_000_000)]


@pytest.mark.parametrize(("mutate", "field", "code"), [
    (lambda r: r["project"].update(type="spaceship"), "project.type", "unknown_project_type"),
    (lambda r: r["project"].pop("total_investment"), "project.total_investment", "required"),
    (lambda r: r["project"].update(total_investment=-5), "project.total_investment", "negative"),
    (lambda r: r.update(region="999999"), "region", "unknown_region"),
    (lambda r: r.update(as_of="2026-02-30"), "as_of", "invalid_date"),
    (lambda r: r["applicant"].pop("independent_legal_entity"), "applicant.independent_legal_entity", "required"),
])
def test_api_errors_name_the_field(client, mutate, field, code):
    request = new_platform_request(as_of="2026-03-01")
    mutate(request)
    response = post(client, request)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message_zh"] and error["message_en"]


def test_api_rejects_malformed_json(client):
    response = post(client, "{not json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_measures_lists_computable_and_non_computable_with_clause(client):
    response = client.get("/api/v1/policy/measures", {"region": "110116", "as_of": "2026-03-01"})
    assert response.status_code == 200
    body = response.json()
    ids = [m["measure"] for m in body["items"]]
    assert body["count"] == len(ids) == len(engine.list_measures(["110116", "110000"], "2026-03-01"))
    assert "huairou_draft.platform_operation" in ids and "beijing_2026_1.new_platform" in ids
    assert not any(i.startswith("jiaxing") for i in ids)
    operation = next(m for m in body["items"] if m["measure"] == "huairou_draft.platform_operation")
    assert (operation["computable"], operation["clause"]) == (False, "第4条")


def test_measures_without_region_lists_every_document(client):
    ids = {m["measure"] for m in client.get("/api/v1/policy/measures").json()["items"]}
    assert {"zhongshan_2025_73.performance_award", "jiaxing_2025_47.evaluation_reward",
            "huairou_draft.rent", "beijing_2026_1.innovation_voucher"} <= ids


@pytest.mark.parametrize(("params", "field"), [({"region": "12"}, "region"),
                                               ({"region": "110116", "as_of": "yesterday"}, "as_of")])
def test_measures_errors(client, params, field):
    response = client.get("/api/v1/policy/measures", params)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_cli_reads_standard_input_and_prints_the_engine_json():
    request = contract_request(as_of="2026-03-01")
    out = io.StringIO()
    call_command("policy", "evaluate", "-", stdin=io.StringIO(json.dumps(request)), stdout=out)
    assert json.loads(out.getvalue()) == engine.evaluate(request, ["110116", "110000"])


def test_cli_reads_a_file(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(new_platform_request(as_of="2026-03-01")), encoding="utf-8")
    out = io.StringIO()
    call_command("policy", "evaluate", str(path), stdout=out)
    assert json.loads(out.getvalue())["total"] == 10_000_000


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda r: r["project"].update(contract_amount=-1), "project.contract_amount"),
    (lambda r: r.update(region="000000"), "region"),
    (lambda r: r["project"].update(type="unknown"), "project.type"),
])
def test_cli_errors_name_the_field(mutate, field):
    request = contract_request(as_of="2026-03-01")
    mutate(request)
    with pytest.raises(CommandError, match=rf"^{field}: "):
        call_command("policy", "evaluate", "-", stdin=io.StringIO(json.dumps(request)), stdout=io.StringIO())


def test_cli_measures_subcommand():
    out = io.StringIO()
    call_command("policy", "measures", "--region", "442000001", "--as-of", "2026-03-01", stdout=out)
    assert {m["measure"] for m in json.loads(out.getvalue())["items"]} == {
        "zhongshan_2025_73.performance_award", "zhongshan_2025_73.fiscal_funding"}


def test_console_script_end_to_end(tmp_path):
    """The real `python -m pilothub policy evaluate -` on a migrated throwaway database."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "pilothub.settings.test",
           "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    run = [sys.executable, "-m", "pilothub"]
    subprocess.run([*run, "migrate", "-v0"], env=env, check=True, timeout=120)
    request = contract_request(as_of="2026-03-01")
    ok = subprocess.run([*run, "policy", "evaluate", "-"], input=json.dumps(request), env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == engine.evaluate(request, ["110116", "110000"])
    request["project"]["contract_amount"] = -3
    bad = subprocess.run([*run, "policy", "evaluate", "-"], input=json.dumps(request), env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert "project.contract_amount" in bad.stderr
