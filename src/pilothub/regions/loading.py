"""Loading regions from a data file.

Used by the data migration (with the historical model) and by `pilothub load-regions`, so the
function takes the model class and computes paths itself instead of relying on Region.save().
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

BUILTIN_REGIONS_FILE = Path(__file__).resolve().parent / "data" / "regions.yaml"
LEVELS = {"province", "city", "district", "functional_zone", "town", "street"}
CODE_PATTERN = re.compile(r"^\d{6}(\d{3})?$")


class RegionFileError(ValueError):
    """The file is not a valid region list; nothing was loaded."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


def read_region_rows(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    rows = document.get("regions") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise RegionFileError(["文件缺少 regions 列表 (the file has no 'regions' list)"])
    return rows


def validate_region_rows(rows: list[dict[str, Any]], known_codes: set[str]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        code = str(row.get("code", "")).strip()
        where = f"第 {index} 条（{code or '无代码'}）"
        if not CODE_PATTERN.match(code):
            problems.append(f"{where}：区划代码须为 6 位或 9 位数字")
        if code in seen:
            problems.append(f"{where}：区划代码重复")
        seen.add(code)
        if not str(row.get("name", "")).strip():
            problems.append(f"{where}：缺少名称")
        if row.get("level") not in LEVELS:
            problems.append(f"{where}：层级须为 {', '.join(sorted(LEVELS))} 之一")
        parent = row.get("parent")
        if parent is not None and str(parent) not in seen and str(parent) not in known_codes:
            problems.append(f"{where}：上级区划 {parent} 不存在（上级须在本条之前或已在系统中）")
    return problems


def load_regions(rows: list[dict[str, Any]], region_model: Any) -> int:
    """Upsert rows (parents before children). Returns how many rows were written."""
    known = {code: (path, depth) for code, path, depth in region_model.objects.values_list("code", "path", "depth")}
    problems = validate_region_rows(rows, set(known))
    if problems:
        raise RegionFileError(problems)
    for row in rows:
        code = str(row["code"])
        parent_code = str(row["parent"]) if row.get("parent") is not None else None
        if parent_code is None:
            path, depth = f"/{code}/", 0
        else:
            parent_path, parent_depth = known[parent_code]
            path, depth = f"{parent_path}{code}/", parent_depth + 1
        region_model.objects.update_or_create(
            code=code,
            defaults={
                "name": str(row["name"]).strip(),
                "name_en": str(row.get("name_en") or ""),
                "level": row["level"],
                "parent_id": parent_code,
                "path": path,
                "depth": depth,
                "source": str(row.get("source") or ""),
            },
        )
        known[code] = (path, depth)
    return len(rows)
