"""Load the controlled vocabularies (industries, service types, regions' key-industry groups).

The data files (data/industries.yaml, data/service_types.yaml) are the source; a data migration
and `reference_data.load()` call `load_vocabularies` with the models they have, so the historical
models of a migration and the live ones share one loader. Loading is an upsert by code: running it
again after editing a file updates names, synonyms and groups and never deletes a code in use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"


def read(name: str) -> dict[str, Any]:
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_vocabularies(Industry, ServiceType, RegionIndustryGroup, Region) -> dict[str, int]:
    industries = read("industries.yaml")
    rows = industries["industries"]
    for order, row in enumerate(rows):
        Industry.objects.update_or_create(code=row["code"], defaults={
            "name": row["name"], "name_en": row.get("name_en", ""), "synonyms": row.get("synonyms", []),
            "sort_order": order, "parent": None})
    for row in rows:
        if row.get("parent"):
            Industry.objects.filter(code=row["code"]).update(parent_id=row["parent"])
    for order, row in enumerate(read("service_types.yaml")["service_types"]):
        ServiceType.objects.update_or_create(code=row["code"], defaults={
            "name": row["name"], "name_en": row.get("name_en", ""), "description": row.get("description", ""),
            "synonyms": row.get("synonyms", []), "sort_order": order})
    groups = 0
    for region_code, spec in (industries.get("region_groups") or {}).items():
        region = Region.objects.filter(code=str(region_code)).first()
        if region is None:  # a region the deployment has not loaded: its groups wait for it
            continue
        for order, group in enumerate(spec["groups"]):
            record, _ = RegionIndustryGroup.objects.update_or_create(
                region=region, code=group["code"],
                defaults={"name": group["name"], "policy_tier": group.get("policy_tier", ""),
                          "citation": group.get("citation", ""), "sort_order": order})
            codes = sorted({code for field in group.get("fields", []) for code in field["codes"]})
            record.industries.set(Industry.objects.filter(code__in=codes))
            groups += 1
    return {"industries": Industry.objects.count(), "service_types": ServiceType.objects.count(), "groups": groups}
