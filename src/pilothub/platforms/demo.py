"""Demo registry: vocabularies, the demo platforms of data/demo_platforms.yaml, and one published
supply list per demo region. Called by `pilothub demo-data` (after accounts), idempotently.

Everything here is marked `is_demo` (decision 0302). Child rows (equipment, services, experts,
qualifications) are upserted by name rather than recreated, because bookings and orders made by
other demo loaders point at them.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from pilothub.accounts.models import Organisation, OrganisationStatus, User

from .models import (
    ContactVisibility,
    Equipment,
    Expert,
    Industry,
    Platform,
    PlatformStatus,
    Qualification,
    RegionIndustryGroup,
    ServiceType,
    SupplyListRelease,
    TestService,
)

DATA = Path(__file__).resolve().parent / "data"
# The demo operator account (accounts.demo, `demo-operator`) runs these two Huairou platforms, so an
# operator login has platforms to edit, quote and take bookings for. The YAML's own operators for
# them are replaced by the account's organisation (decision 0310). They are loaded first, so they
# have the lowest ids: the bookings and demands demo loaders take the first platforms by id that
# have an operator account.
DEMO_OPERATOR_USERNAME = "demo-operator"
DEMO_OPERATOR_PLATFORMS = ("怀柔科学城极端条件材料表征中试平台", "怀柔科学城科学仪器工程化中试平台")
# One supply list per demo region: 北京市 (怀柔 included), 嘉兴市, 中山市.
DEMO_SUPPLY_REGIONS = ("110000", "330400", "442000")
DEMO_SUPPLY_REVIEWERS = {"110000": "demo-reviewer-bj", "330400": "demo-reviewer-jx", "442000": "demo-reviewer-zs"}


@cache
def _yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def demo_rows() -> list[dict[str, Any]]:
    return list(_yaml("demo_platforms.yaml")["platforms"])


def _date(value: Any) -> datetime.date | None:
    if not value:
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def load_vocabularies() -> None:
    """Industries, service types and key-industry groups (also loaded by migration 0007; upsert)."""
    from pilothub.regions.models import Region

    from .vocabulary import load_vocabularies as load

    load(Industry, ServiceType, RegionIndustryGroup, Region)


def _operator(row: dict[str, Any], demo_operator_org: Organisation | None) -> Organisation:
    if demo_operator_org is not None and row["name"] in DEMO_OPERATOR_PLATFORMS:
        return demo_operator_org
    organisation, _created = Organisation.objects.update_or_create(
        credit_code=row["operator_credit_code"], defaults={
            "name": row["operator"], "kind": row["operator_kind"], "region_id": row["region"],
            "status": OrganisationStatus.APPROVED, "is_demo": True})
    return organisation


def _upsert_children(platform: Platform, row: dict[str, Any]) -> None:
    for item in row.get("equipment") or []:
        Equipment.objects.update_or_create(platform=platform, name=item["name"], model=item.get("model") or "",
                                           defaults={
            "maker": item.get("maker") or "", "specs": item.get("specs") or "",
            "original_value": item.get("original_value"), "location": item.get("location") or "",
            "shareable": bool(item.get("shareable", True)), "fee_rule": item.get("fee_rule") or ""})
    for item in row.get("test_services") or []:
        scope = item.get("qualification_scope") or ""
        TestService.objects.update_or_create(platform=platform, name=item["name"], defaults={
            "standard": item.get("standard") or "", "price": item.get("price"), "unit": item.get("unit") or "",
            "turnaround_days": item.get("turnaround_days"), "qualification_scope": "" if scope == "none" else scope})
    for item in row.get("experts") or []:
        Expert.objects.update_or_create(platform=platform, name=item["name"], defaults={
            "title": item.get("title") or "", "field": item.get("field") or ""})
    for item in row.get("qualifications") or []:
        valid_until = _date(item["valid_until"])
        assert valid_until is not None
        Qualification.objects.update_or_create(platform=platform, kind=item["kind"], number=str(item["number"]),
                                               defaults={
            "scope": item.get("scope") or "", "valid_from": _date(item.get("valid_from")), "valid_until": valid_until})


def load_platforms() -> dict[str, int]:
    """Demo code (bj-001 …) → platform id."""
    demo_user = User.objects.filter(username=DEMO_OPERATOR_USERNAME).select_related("organisation").first()
    demo_operator_org = demo_user.organisation if demo_user is not None else None
    ids: dict[str, int] = {}
    rows = sorted(demo_rows(), key=lambda r: r["name"] not in DEMO_OPERATOR_PLATFORMS)
    for row in rows:
        operator = _operator(row, demo_operator_org)
        platform, _created = Platform.objects.update_or_create(name=row["name"], operator=operator, defaults={
            "region_id": row["region"], "address": row.get("address") or "", "longitude": row.get("lon"),
            "latitude": row.get("lat"), "tier": row["tier"],
            "independent_legal_entity": bool(row.get("independent_legal_entity")),
            "main_business": row.get("main_business") or "", "description": row.get("description") or "",
            "contact_name": row.get("contact_name") or "", "contact_phone": row.get("contact_phone") or "",
            "contact_email": row.get("contact_email") or "",
            "contact_visibility": ContactVisibility.PUBLIC if row.get("contact_public") else ContactVisibility.LOGGED_IN,
            "open_sharing": bool(row.get("open_sharing", True)), "status": PlatformStatus.PUBLISHED, "is_demo": True})
        platform.industries.set(row.get("industries") or [])
        platform.service_types.set(row.get("service_types") or [])
        _upsert_children(platform, row)
        ids[row["code"]] = platform.pk
    return ids


def load_supply_lists() -> int:
    """One published release per demo region, unless that region already has one."""
    from .supply import supply_list_publish

    published = 0
    for code in DEMO_SUPPLY_REGIONS:
        if SupplyListRelease.objects.filter(region_id=code).exists():
            continue
        reviewer = User.objects.filter(username=DEMO_SUPPLY_REVIEWERS[code]).first()
        supply_list_publish(region_code=code, actor=reviewer, is_demo=True,
                            note="演示数据：首期供给清单，由演示审核员发布。")
        published += 1
    return published


def load(stdout=None) -> dict[str, int]:
    load_vocabularies()
    ids = load_platforms()
    releases = load_supply_lists()
    from .capabilities import capabilities_demo_load

    capabilities_demo_load(stdout=stdout)
    from pilothub.matching.services import match_index_touch

    transaction.on_commit(lambda: match_index_touch(platform_ids=ids.values()))
    if stdout is not None:
        stdout.write(f"  中试平台 platforms: {len(ids)}，新发布供给清单 supply lists: +{releases}")
    return ids
