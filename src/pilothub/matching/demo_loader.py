"""Load the demo vocabularies and platforms from the YAML files into the database.

Only for `python -m pilothub.matching.evaluate`, which needs the demo platforms in a throwaway
database: the registry's own loader (pilothub.platforms.demo) is used when it exists; this small
fallback reads the same files and keeps to the fields matching uses.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from pilothub.accounts.models import Organisation, OrganisationStatus
from pilothub.platforms.models import (
    Equipment,
    Expert,
    Platform,
    PlatformStatus,
    Qualification,
    TestService,
)

DATA = Path(__file__).resolve().parent.parent / "platforms" / "data"


def _date(value) -> datetime.date | None:
    if not value:
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _required_date(value) -> datetime.date:
    day = _date(value)
    if day is None:
        raise ValueError("a qualification needs valid_until")
    return day


def load_vocabularies() -> None:
    """The registry's vocabularies (one loader for the migration, the demo and this fallback)."""
    from pilothub.platforms.demo import load_vocabularies as load

    load()


@transaction.atomic
def load_platforms() -> dict[str, int]:
    """Returns demo code → platform id."""
    rows = yaml.safe_load((DATA / "demo_platforms.yaml").read_text(encoding="utf-8"))["platforms"]
    ids = {}
    for row in rows:
        operator, _ = Organisation.objects.get_or_create(credit_code=row["operator_credit_code"], defaults={
            "name": row["operator"], "kind": row["operator_kind"], "region_id": row["region"],
            "status": OrganisationStatus.APPROVED, "is_demo": True})
        platform, _ = Platform.objects.update_or_create(name=row["name"], operator=operator, defaults={
            "region_id": row["region"], "address": row.get("address", ""), "longitude": row.get("lon"),
            "latitude": row.get("lat"), "tier": row["tier"], "main_business": row.get("main_business", ""),
            "description": row.get("description", ""), "status": PlatformStatus.PUBLISHED, "is_demo": True})
        platform.industries.set(row.get("industries") or [])
        platform.service_types.set(row.get("service_types") or [])
        platform.equipment.all().delete()
        Equipment.objects.bulk_create([Equipment(
            platform=platform, name=e["name"], model=e.get("model") or "", maker=e.get("maker") or "",
            specs=e.get("specs") or "", shareable=bool(e.get("shareable", True))) for e in row.get("equipment") or []])
        platform.test_services.all().delete()
        TestService.objects.bulk_create([TestService(
            platform=platform, name=t["name"], standard=t.get("standard") or "")
            for t in row.get("test_services") or []])
        platform.experts.all().delete()
        Expert.objects.bulk_create([Expert(platform=platform, name=x["name"], title=x.get("title") or "",
                                           field=x.get("field") or "") for x in row.get("experts") or []])
        platform.qualifications.all().delete()
        Qualification.objects.bulk_create([Qualification(
            platform=platform, kind=q["kind"], number=str(q["number"]), scope=q.get("scope") or "",
            valid_from=_date(q.get("valid_from")), valid_until=_required_date(q["valid_until"]))
            for q in row.get("qualifications") or []])
        ids[row["code"]] = platform.pk
    # bulk_create sends no signals: bring the registry's search documents up to date in one pass.
    from pilothub.platforms.search import search_index_update

    search_index_update(platform_ids=ids.values())
    return ids


def demo_codes() -> dict[str, str]:
    """Demo code → platform name (names are unique in the demo file)."""
    rows = yaml.safe_load((DATA / "demo_platforms.yaml").read_text(encoding="utf-8"))["platforms"]
    return {row["code"]: row["name"] for row in rows}
