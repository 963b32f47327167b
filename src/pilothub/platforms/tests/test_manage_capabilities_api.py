"""The operators' API for pilot lines, hazard permits and accreditation scope items (decision 0307):
the same services as the pages, under /api/v1/my/platforms/{id}/…"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pilothub.accounts.tokens import api_token_create
from pilothub.platforms.models import (
    AccreditationScopeItem,
    HazardPermit,
    PilotLine,
    PlatformFieldChange,
    Qualification,
)
from pilothub.testing.factories import operator

from .factories_manage import operated_platform

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def _json(client, method, url, headers, body=None):
    return getattr(client, method)(url, body or {}, content_type="application/json", **headers)


def test_an_operator_maintains_lines_permits_and_scope_items_by_token(client):
    user, platform = operated_platform()
    cma = Qualification.objects.create(platform=platform, kind="CMA", number="231100000001",
                                       valid_until=timezone.localdate() + datetime.timedelta(days=365))
    headers = _bearer(user)
    base = f"/api/v1/my/platforms/{platform.pk}"

    response = _json(client, "post", f"{base}/pilot-lines", headers, {
        "name": "发酵中试线", "process_step": "scale_up", "scale_value": "2", "scale_unit": "立方米"})
    assert response.status_code == 201, response.content
    line = response.json()
    assert (line["scale_dimension"], line["scale_base"]) == ("volume", 2000.0)

    response = _json(client, "post", f"{base}/hazard-permits", headers, {
        "kind": "key_hazard_process", "line": line["id"], "processes": "加氢工艺", "issued_on": "2026-01-01",
        "valid_until": "2025-12-31"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_dates"
    assert response.json()["error"]["message_zh"] == "有效期至不能早于发证日期"
    assert not HazardPermit.objects.exists()
    response = _json(client, "post", f"{base}/hazard-permits", headers, {
        "kind": "key_hazard_process", "line": line["id"], "processes": "加氢工艺", "issued_on": "2026-01-01"})
    assert response.status_code == 201, response.content
    permit = response.json()
    assert (permit["line"], permit["valid"], permit["status"]) == (line["id"], True, "有效（长期）")
    response = _json(client, "post", f"{base}/hazard-permits/{permit['id']}/expire", headers)
    assert response.status_code == 200
    assert response.json()["valid_until"] == (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert response.json()["valid"] is False

    response = _json(client, "post", f"{base}/accreditation-scope", headers, {
        "qualification": cma.pk, "category": "水质", "parameter": "pH值"})
    assert response.status_code == 201, response.content
    item = response.json()
    response = _json(client, "put", f"{base}/accreditation-scope/{item['id']}", headers, {
        "qualification": cma.pk, "category": "地表水", "parameter": "pH值", "standard": "HJ 1147-2020"})
    assert response.status_code == 200 and response.json()["category"] == "地表水"
    listing = client.get(f"{base}/accreditation-scope", **headers).json()
    assert [(i["category"], i["standard"]) for i in listing] == [("地表水", "HJ 1147-2020")]

    assert client.delete(f"{base}/pilot-lines/{line['id']}", **headers).status_code == 204
    assert not PilotLine.objects.exists()
    assert HazardPermit.objects.get().line_id is None
    assert set(PlatformFieldChange.objects.values_list("object_type", "action")) == {
        ("hazard_permit", "create"), ("hazard_permit", "update"), ("pilot_line", "create"),
        ("pilot_line", "delete"), ("scope_item", "create"), ("scope_item", "update")}


def test_another_operator_is_refused_and_changes_nothing(client):
    _user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="线", process_step="scale_up")
    permit = HazardPermit.objects.create(platform=platform, kind="hazchem_use", number="WH-1")
    cma = Qualification.objects.create(platform=platform, kind="CMA", number="1",
                                       valid_until=timezone.localdate() + datetime.timedelta(days=30))
    item = AccreditationScopeItem.objects.create(qualification=cma, category="水质")
    headers = _bearer(operator("110108"))
    base = f"/api/v1/my/platforms/{platform.pk}"
    for method, url, body in (
            ("get", f"{base}/pilot-lines", None),
            ("post", f"{base}/pilot-lines", {"name": "x", "process_step": "scale_up"}),
            ("put", f"{base}/pilot-lines/{line.pk}", {"name": "x", "process_step": "scale_up"}),
            ("delete", f"{base}/pilot-lines/{line.pk}", None),
            ("put", f"{base}/hazard-permits/{permit.pk}", {"kind": "radiation"}),
            ("post", f"{base}/hazard-permits/{permit.pk}/expire", None),
            ("delete", f"{base}/hazard-permits/{permit.pk}", None),
            ("put", f"{base}/accreditation-scope/{item.pk}", {"qualification": cma.pk, "category": "土壤"}),
            ("delete", f"{base}/accreditation-scope/{item.pk}", None)):
        assert _json(client, method, url, headers, body).status_code == 403, (method, url)
    assert list(PilotLine.objects.values_list("name", flat=True)) == ["线"]
    assert list(HazardPermit.objects.values_list("kind", "valid_until")) == [("hazchem_use", None)]
    assert list(AccreditationScopeItem.objects.values_list("category", flat=True)) == ["水质"]
    assert not PlatformFieldChange.objects.exists()
