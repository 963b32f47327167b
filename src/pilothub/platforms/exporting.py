"""Writing platforms in the canonical template (.xlsx or .csv, chosen by the file name).

The same rows are what `importing` reads, so export → import round-trips unchanged, and what a
supply-list release stores as its snapshot.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Industry, Platform, PlatformStatus, ServiceType, Tier

HEADERS: list[str] = [
    "平台名称", "运营单位", "行政区划代码", "详细地址", "经度", "纬度", "产业领域", "服务类型",
    "主营业务", "平台简介", "联系人", "联系电话", "平台层级", "是否独立法人",
]
MULTI_SEPARATOR = "、"
YES, NO = "是", "否"
TIER_LABELS: dict[str, str] = {
    Tier.CULTIVATING: "培育", Tier.MUNICIPAL: "市级", Tier.PROVINCIAL: "省级", Tier.NATIONAL: "国家级",
}
# A CSV cell starting with one of these is a formula to Excel/WPS (CSV injection, OWASP): the export
# prefixes an apostrophe and the import removes it again.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
COLUMN_WIDTHS = [36, 30, 12, 36, 12, 12, 24, 30, 40, 60, 10, 18, 10, 12]
FORMATS = (".xlsx", ".csv")


def format_coordinate(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def platform_row(platform: Platform) -> dict[str, str]:
    """One platform as the template's row of texts (relations must be prefetched)."""
    return {
        "平台名称": platform.name,
        "运营单位": platform.operator.name,
        "行政区划代码": platform.region_id,
        "详细地址": platform.address,
        "经度": format_coordinate(platform.longitude),
        "纬度": format_coordinate(platform.latitude),
        "产业领域": MULTI_SEPARATOR.join(i.name for i in platform.industries.all()),
        "服务类型": MULTI_SEPARATOR.join(s.name for s in platform.service_types.all()),
        "主营业务": platform.main_business,
        "平台简介": platform.description,
        "联系人": platform.contact_name,
        "联系电话": platform.contact_phone,
        "平台层级": TIER_LABELS.get(platform.tier, platform.tier),
        "是否独立法人": YES if platform.independent_legal_entity else NO,
    }


def platforms_for_export(*, region_code: str | None = None, queryset: QuerySet[Platform] | None = None
                         ) -> QuerySet[Platform]:
    """Published platforms (in the region and under it), with what the rows need prefetched."""
    platforms = queryset if queryset is not None else Platform.objects.all()
    platforms = platforms.filter(status=PlatformStatus.PUBLISHED)
    if region_code:
        from pilothub.regions.selectors import region_subtree_q

        platforms = platforms.filter(region_subtree_q(code=region_code))
    return (platforms.select_related("operator")
            .prefetch_related(Prefetch("industries", queryset=Industry.objects.order_by("sort_order", "code")),
                              Prefetch("service_types", queryset=ServiceType.objects.order_by("sort_order", "code")))
            .order_by("name", "operator__name", "pk"))


def table_format(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(suffix)
    return suffix


def _csv_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def write_csv(rows: Iterable[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_cell(row[h]) for h in HEADERS])
    # UTF-8 with a byte-order mark: Excel and WPS then open the Chinese text correctly.
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[dict[str, str]], *, title: str = "中试平台") -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values: list[object] = []
        for header in HEADERS:
            value = row[header]
            if header in ("经度", "纬度") and value:
                values.append(float(value))
            else:
                values.append(value)
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # text that happens to start with "=", never a formula
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(rows: Iterable[dict[str, str]], *, filename: str, title: str = "中试平台") -> bytes:
    if table_format(filename) == ".csv":
        return write_csv(rows)
    return write_xlsx(rows, title=title)


def export_platforms(*, filename: str, region_code: str | None = None,
                     queryset: QuerySet[Platform] | None = None) -> tuple[bytes, int]:
    """The file's bytes and the number of platforms written."""
    rows = [platform_row(p) for p in platforms_for_export(region_code=region_code, queryset=queryset)]
    return write_table(rows, filename=filename), len(rows)


def template_file(*, filename: str) -> bytes:
    """The empty template (headers only) for users to fill in."""
    return write_table([], filename=filename, title="导入模板")


CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
