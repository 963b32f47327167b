"""Importing platforms from the canonical template (.xlsx or .csv).

Every row is checked before anything is written; every problem is reported as row + column +
reason in Chinese; if any row is invalid nothing is imported. A valid file upserts by
(平台名称, 运营单位) in one transaction — the operating organisation is found by name or created —
and reports how many platforms were created, updated and left unchanged.

The reader never raises on a bad file: a wrong type, a bad encoding, a corrupt workbook, formulas,
a huge file, wrong headers, empty or duplicate rows all end up as problems in the report.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count

from pilothub.accounts.credit_code import ALPHABET, credit_code_complete
from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus
from pilothub.core.audit import AuditAction, audit_record
from pilothub.regions.models import Region

from . import geo
from .exporting import FORMATS, FORMULA_PREFIXES, HEADERS, MULTI_SEPARATOR, NO, TIER_LABELS, YES
from .models import Industry, Platform, PlatformStatus, ServiceType

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL_CHARS = 5000
FIELD_LIMITS = {"平台名称": 200, "运营单位": 200, "详细地址": 255, "联系人": 64, "联系电话": 64}
TIER_BY_LABEL = {label: tier for tier, label in TIER_LABELS.items()}
PHONE_RE = re.compile(r"^[0-9０-９+\-－()（）\s转/、,，;；#ext.]*$")
REQUIRED = ("平台名称", "运营单位", "行政区划代码", "平台层级", "是否独立法人")
# WGS-84 box around China's territory, generous; anything outside is certainly a typo or swapped.
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)
PROGRESS_EVERY = 200
FILE_ROW = 0  # problems with the file as a whole


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = "文件" if self.row == FILE_ROW else f"第 {self.row} 行"
        column = f"「{self.column}」" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class CleanRow:
    row: int
    name: str
    operator_name: str
    region_id: str
    address: str
    longitude: float | None
    latitude: float | None
    industries: list[str]
    service_types: list[str]
    main_business: str
    description: str
    contact_name: str
    contact_phone: str
    tier: str
    independent_legal_entity: bool

    def platform_values(self) -> dict[str, Any]:
        return {
            "region_id": self.region_id, "address": self.address, "longitude": self.longitude,
            "latitude": self.latitude, "main_business": self.main_business, "description": self.description,
            "contact_name": self.contact_name, "contact_phone": self.contact_phone, "tier": self.tier,
            "independent_legal_entity": self.independent_legal_entity,
        }


@dataclass
class ImportReport:
    filename: str
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    rows: list[CleanRow] = field(default_factory=list)
    blank_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    committed: bool = False
    platform_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename, "dry_run": self.dry_run, "ok": self.ok, "committed": self.committed,
            "rows": len(self.rows), "blank_rows": self.blank_rows, "created": self.created,
            "updated": self.updated, "unchanged": self.unchanged,
            "organisations_created": self.organisations_created,
            "problems": [p.as_dict() for p in self.problems],
        }

    def summary(self) -> str:
        if self.problems:
            return f"发现 {len(self.problems)} 个问题，未导入任何数据。"
        verb = "检查通过（仅检查，未写入）" if self.dry_run else "导入完成"
        return (f"{verb}：共 {len(self.rows)} 行，新增 {self.created}，更新 {self.updated}，"
                f"未变化 {self.unchanged}；新建运营单位 {self.organisations_created}。")


ProgressCallback = Callable[[int, int], None]


# --- reading the file ------------------------------------------------------------------------------

def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _read_csv(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    if b"\x00" in data:
        return [], [Problem(FILE_ROW, "", "文件不是文本格式的 CSV（含有二进制内容），请另存为 CSV UTF-8 后重试")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # what Excel/WPS save as "CSV" on Chinese Windows
        except UnicodeDecodeError:
            return [], [Problem(FILE_ROW, "", "无法识别文件编码，请使用 UTF-8 或 GBK 编码保存 CSV 文件")]
    rows: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            rows.append(record)
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        return [], [Problem(FILE_ROW, "", f"CSV 格式错误（第 {len(rows) + 1} 行附近）：{error}")]
    return rows, []


def _read_xlsx(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    unreadable = [Problem(FILE_ROW, "", "无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式（旧版 .xls 请另存为 .xlsx）")]
    if not data.startswith(b"PK\x03\x04"):
        return [], unreadable
    from openpyxl import load_workbook

    problems: list[Problem] = []
    rows: list[list[str]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Refuse zip bombs before openpyxl inflates anything.
            if sum(info.file_size for info in archive.infolist()) > 20 * MAX_FILE_BYTES:
                return [], [Problem(FILE_ROW, "", "Excel 文件解压后过大，请删除无关的工作表或内容后重试")]
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            for row_number, cells in enumerate(
                    sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=len(HEADERS) + 10), start=1):
                values = []
                for index, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) == "f":
                        header = HEADERS[index] if index < len(HEADERS) else ""
                        problems.append(Problem(row_number, header,
                                                "单元格是公式，请复制后“粘贴为数值”再导入"))
                        values.append("")
                    else:
                        values.append(_cell_text(getattr(cell, "value", None)))
                rows.append(values)
        finally:
            workbook.close()
    except Exception:  # noqa: BLE001 — any failure to parse a user's workbook is a report, not a crash
        return [], unreadable
    return rows, problems


def read_table(data: bytes, filename: str) -> tuple[list[list[str]], list[Problem]]:
    """The sheet's rows (header first) as texts, or the problems that prevent reading it."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in FORMATS:
        return [], [Problem(FILE_ROW, "", "文件类型不支持：请上传 .xlsx 或 .csv 文件")]
    if len(data) > MAX_FILE_BYTES:
        return [], [Problem(FILE_ROW, "", f"文件过大（{len(data) / 1024 / 1024:.1f} MB），"
                                          f"上限为 {MAX_FILE_BYTES // 1024 // 1024} MB，请分成多个文件导入")]
    if not data:
        return [], [Problem(FILE_ROW, "", "文件是空的")]
    return _read_csv(data) if suffix == ".csv" else _read_xlsx(data)


def _normalise_header(text: str) -> str:
    return text.replace("\ufeff", "").replace("*", "").strip()


def check_headers(header_row: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Column index of each template header; the template's headers must all be there, once."""
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for index, raw in enumerate(header_row):
        header = _normalise_header(raw)
        if not header:
            continue
        if header not in HEADERS:
            problems.append(Problem(1, header[:50], f"无法识别的列“{header[:50]}”，模板的列为：{'，'.join(HEADERS)}"))
        elif header in positions:
            problems.append(Problem(1, header, f"列“{header}”出现了两次"))
        else:
            positions[header] = index
    for header in HEADERS:
        if header not in positions:
            problems.append(Problem(1, header, f"缺少列“{header}”，请使用下载的导入模板"))
    return positions, problems


# --- checking the rows -----------------------------------------------------------------------------

@dataclass
class _Vocabulary:
    industries: dict[str, str]
    service_types: dict[str, str]
    regions: dict[str, str]  # code → path
    organisations: dict[str, int]  # name → how many organisations carry it

    @classmethod
    def for_rows(cls, raw_rows: list[dict[str, str]]) -> _Vocabulary:
        def terms(model) -> dict[str, str]:
            mapping: dict[str, str] = {}
            for code, name, synonyms in model.objects.values_list("code", "name", "synonyms"):
                for synonym in synonyms or []:
                    mapping.setdefault(str(synonym).strip().lower(), code)
                mapping[name.strip().lower()] = code  # the name wins over any synonym
            return mapping

        codes = {r["行政区划代码"].strip() for r in raw_rows if r["行政区划代码"].strip()}
        names = {r["运营单位"].strip() for r in raw_rows if r["运营单位"].strip()}
        regions = dict(Region.objects.filter(code__in=codes, is_active=True).values_list("code", "path"))
        organisations = dict(Organisation.objects.filter(name__in=names).values("name")
                             .annotate(n=Count("id")).values_list("name", "n"))
        return cls(terms(Industry), terms(ServiceType), regions, organisations)


def _unescape(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(MULTI_SEPARATOR) if part.strip()]


def _coordinate(text: str, column: str, row: int, problems: list[Problem]) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace("，", ".").replace("°", "").strip())
    except ValueError:
        problems.append(Problem(row, column, f"“{text[:30]}”不是数字，请填写十进制度数（如 116.397）"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(row, column, "不是有效的数字"))
        return None
    return value


def _check_row(row: int, raw: dict[str, str], vocab: _Vocabulary, *, coordinate_system: str,
               scope_path: str | None, problems: list[Problem]) -> CleanRow | None:
    before = len(problems)
    values = {h: _unescape(raw[h].strip()) for h in HEADERS}
    for header in HEADERS:
        text = raw[header].strip()
        if text.startswith("=") and len(text) > 1:
            problems.append(Problem(row, header, "单元格内容以“=”开头，疑似公式；请填写数值或文本"))
        if len(values[header]) > MAX_CELL_CHARS:
            problems.append(Problem(row, header, f"内容过长（{len(values[header])} 字），上限为 {MAX_CELL_CHARS} 字"))
        limit = FIELD_LIMITS.get(header)
        if limit and len(values[header]) > limit:
            problems.append(Problem(row, header, f"内容过长（{len(values[header])} 字），上限为 {limit} 字"))
    for header in REQUIRED:
        if not values[header]:
            problems.append(Problem(row, header, "不能为空"))

    code = values["行政区划代码"]
    if code:
        path = vocab.regions.get(code)
        if path is None:
            problems.append(Problem(row, "行政区划代码", f"未知的行政区划代码“{code[:20]}”（应为 GB/T 2260 代码，如 110116）"))
        elif scope_path is not None and not path.startswith(scope_path):
            problems.append(Problem(row, "行政区划代码", f"行政区划“{code}”不在您的管辖范围内"))

    operator_name = values["运营单位"]
    if operator_name and vocab.organisations.get(operator_name, 0) > 1:
        problems.append(Problem(row, "运营单位", f"系统中有多个名为“{operator_name}”的单位，无法确定是哪一个，请联系管理员"))

    lon = _coordinate(values["经度"], "经度", row, problems)
    lat = _coordinate(values["纬度"], "纬度", row, problems)
    if bool(values["经度"]) != bool(values["纬度"]):
        missing = "经度" if not values["经度"] else "纬度"
        problems.append(Problem(row, missing, "经度和纬度需同时填写或同时留空"))
    if lon is not None and lat is not None:
        if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
            hint = "（经纬度可能填反了）" if LAT_RANGE[0] <= lon <= LAT_RANGE[1] else ""
            problems.append(Problem(row, "经度", f"经度 {lon} 不在中国境内（{LON_RANGE[0]}–{LON_RANGE[1]}）{hint}"))
        if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
            problems.append(Problem(row, "纬度", f"纬度 {lat} 不在中国境内（{LAT_RANGE[0]}–{LAT_RANGE[1]}）"))
        if LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
            lon, lat = geo.to_wgs84(lon, lat, coordinate_system)
            if coordinate_system != geo.CoordinateSystem.WGS84:
                lon, lat = round(lon, 7), round(lat, 7)

    industries: list[str] = []
    for term in _split(values["产业领域"]):
        industry_code = vocab.industries.get(term.lower())
        if industry_code is None:
            problems.append(Problem(row, "产业领域", f"未知的产业领域“{term[:30]}”（多个领域用“、”分隔，名称见产业领域目录）"))
        elif industry_code not in industries:
            industries.append(industry_code)
    service_types: list[str] = []
    for term in _split(values["服务类型"]):
        type_code = vocab.service_types.get(term.lower())
        if type_code is None:
            problems.append(Problem(row, "服务类型", f"未知的服务类型“{term[:30]}”（多个类型用“、”分隔，名称见服务类型目录）"))
        elif type_code not in service_types:
            service_types.append(type_code)

    tier = TIER_BY_LABEL.get(values["平台层级"])
    if values["平台层级"] and tier is None:
        problems.append(Problem(row, "平台层级", f"“{values['平台层级'][:20]}”不是有效的平台层级，应为：培育、市级、省级、国家级"))
    legal = values["是否独立法人"]
    if legal and legal not in (YES, NO):
        problems.append(Problem(row, "是否独立法人", f"“{legal[:20]}”无效，应填“是”或“否”"))
    if values["联系电话"] and not PHONE_RE.match(values["联系电话"]):
        problems.append(Problem(row, "联系电话", f"“{values['联系电话'][:30]}”不是有效的电话号码"))

    if len(problems) > before:
        return None
    return CleanRow(
        row=row, name=values["平台名称"], operator_name=operator_name, region_id=code, address=values["详细地址"],
        longitude=lon, latitude=lat, industries=industries, service_types=service_types,
        main_business=values["主营业务"], description=values["平台简介"], contact_name=values["联系人"],
        contact_phone=values["联系电话"], tier=str(tier), independent_legal_entity=legal == YES)


def check_table(table: list[list[str]], report: ImportReport, *, coordinate_system: str = "wgs84",
                scope_path: str | None = None, progress: ProgressCallback | None = None) -> None:
    """Fill report.rows (when every row is valid) and report.problems."""
    if not table:
        report.problems.append(Problem(FILE_ROW, "", "文件中没有内容（第 1 行应为表头）"))
        return
    positions, header_problems = check_headers(table[0])
    if header_problems:
        report.problems.extend(header_problems)
        return
    data_rows = table[1:]
    if len(data_rows) > MAX_ROWS:
        report.problems.append(Problem(FILE_ROW, "", f"数据行超过 {MAX_ROWS} 行，请分成多个文件导入"))
        return
    raw_rows: list[tuple[int, dict[str, str]]] = []
    for offset, cells in enumerate(data_rows, start=2):
        if not any(cell.strip() for cell in cells):
            report.blank_rows += 1
            continue
        raw = {h: (cells[i] if i < len(cells) else "") for h, i in positions.items()}
        extra = [c for i, c in enumerate(cells) if i not in positions.values() and c.strip()]
        if extra:
            report.problems.append(Problem(offset, "", "表头以外的列中有内容，请删除多余的列"))
        raw_rows.append((offset, raw))
    if not raw_rows:
        report.problems.append(Problem(FILE_ROW, "", "文件中没有数据行"))
        return
    vocab = _Vocabulary.for_rows([raw for _row, raw in raw_rows])
    seen: dict[tuple[str, str], int] = {}
    rows: list[CleanRow] = []
    for done, (row, raw) in enumerate(raw_rows, start=1):
        clean = _check_row(row, raw, vocab, coordinate_system=coordinate_system, scope_path=scope_path,
                           problems=report.problems)
        key = (raw["平台名称"].strip(), raw["运营单位"].strip())
        if all(key):
            if key in seen:
                report.problems.append(Problem(row, "平台名称", f"与第 {seen[key]} 行重复（平台名称和运营单位相同）"))
                clean = None
            else:
                seen[key] = row
        if clean is not None:
            rows.append(clean)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(raw_rows)):
            progress(done, len(raw_rows))
    if not report.problems:
        report.rows = rows


# --- writing ---------------------------------------------------------------------------------------

def placeholder_credit_code(*, name: str, region_code: str) -> str:
    """A valid, deterministic stand-in 统一社会信用代码 for an operator created by an import.

    The template has no credit-code column. Authority `Y` (其他) and category `9` mark it as ours;
    the body is derived from the name; the organisation's administrators replace it later.
    """
    digest = hashlib.sha256(name.encode()).digest()
    body = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:9])
    region = (region_code[:6] if region_code[:6].isdigit() else "100000").ljust(6, "0")
    for salt in range(1000):
        code = credit_code_complete(f"Y9{region}{body}" if salt == 0 else f"Y9{region}{body[:6]}{salt:03d}")
        if not Organisation.objects.filter(credit_code=code).exists():
            return code
    raise RuntimeError("no free placeholder credit code")  # pragma: no cover


def _operator_for(row: CleanRow, cache: dict[str, Organisation], report: ImportReport, actor) -> Organisation:
    if row.operator_name in cache:
        return cache[row.operator_name]
    organisation = Organisation.objects.filter(name=row.operator_name).first()
    if organisation is None:
        organisation = Organisation(
            name=row.operator_name, kind=OrganisationKind.PLATFORM_OPERATOR, region_id=row.region_id,
            credit_code=placeholder_credit_code(name=row.operator_name, region_code=row.region_id),
            status=OrganisationStatus.APPROVED, review_note="由平台导入创建，统一社会信用代码为占位值，待单位补正")
        organisation.full_clean()
        organisation.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation, region_path=organisation.region.path,
                     after={"name": organisation.name, "credit_code": organisation.credit_code},
                     note=f"平台导入（{report.filename}）创建运营单位")
        report.organisations_created += 1
    cache[row.operator_name] = organisation
    return organisation


def _snapshot(platform: Platform) -> dict[str, Any]:
    return {
        "region_id": platform.region_id, "address": platform.address, "longitude": platform.longitude,
        "latitude": platform.latitude, "main_business": platform.main_business, "description": platform.description,
        "contact_name": platform.contact_name, "contact_phone": platform.contact_phone, "tier": platform.tier,
        "independent_legal_entity": platform.independent_legal_entity,
        "industries": sorted(i.code for i in platform.industries.all()),
        "service_types": sorted(s.code for s in platform.service_types.all()),
    }


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    return bool(a == b)


def write_rows(report: ImportReport, *, actor=None) -> None:
    """Upsert the checked rows (one transaction) and count what happened."""
    with transaction.atomic():
        operators: dict[str, Organisation] = {}
        for row in report.rows:
            operator = _operator_for(row, operators, report, actor)
            platform = (Platform.objects.filter(name=row.name, operator=operator)
                        .select_related("region").prefetch_related("industries", "service_types").first())
            wanted = {**row.platform_values(), "industries": sorted(row.industries),
                      "service_types": sorted(row.service_types)}
            if platform is None:
                platform = Platform(name=row.name, operator=operator, status=PlatformStatus.PUBLISHED,
                                    **row.platform_values())
                platform.full_clean(exclude=["operator", "region"])
                platform.save()
                platform.industries.set(Industry.objects.filter(code__in=row.industries))
                platform.service_types.set(ServiceType.objects.filter(code__in=row.service_types))
                audit_record(actor=actor, action=AuditAction.CREATE, obj=platform,
                             region_path=platform.region.path, after=wanted,
                             note=f"平台导入（{report.filename}，第 {row.row} 行）")
                report.created += 1
            else:
                before = _snapshot(platform)
                changed = {k: v for k, v in wanted.items() if not _same(before.get(k), v)}
                if not changed:
                    report.unchanged += 1
                    report.platform_ids.append(platform.pk)
                    continue
                for key, value in row.platform_values().items():
                    setattr(platform, key, value)
                platform.full_clean(exclude=["operator", "region"])
                platform.save()
                if "industries" in changed:
                    platform.industries.set(Industry.objects.filter(code__in=row.industries))
                if "service_types" in changed:
                    platform.service_types.set(ServiceType.objects.filter(code__in=row.service_types))
                audit_record(actor=actor, action=AuditAction.UPDATE, obj=platform,
                             region_path=Region.objects.get(code=platform.region_id).path,
                             before={k: before.get(k) for k in changed}, after=changed,
                             note=f"平台导入（{report.filename}，第 {row.row} 行）")
                report.updated += 1
            report.platform_ids.append(platform.pk)
        touched = sorted(set(report.platform_ids))

        def _touch_index() -> None:
            from pilothub.matching.services import match_index_touch

            match_index_touch(platform_ids=touched)

        transaction.on_commit(_touch_index)
    report.committed = True


def scope_path_for(user) -> str | None:
    """None = no restriction (command line, administrators); else the reviewer's region path."""
    if user is None or getattr(user, "is_system_admin", False):
        return None
    if getattr(user, "is_reviewer", False):
        return user.region.path
    from pilothub.core.errors import forbidden

    raise forbidden("导入平台数据", "import platforms")


def import_platforms(*, data: bytes, filename: str, user=None, coordinate_system: str = "wgs84",
                     dry_run: bool = False, progress: ProgressCallback | None = None,
                     on_checked: Callable[[ImportReport], None] | None = None) -> ImportReport:
    """Check the whole file; if every row is valid (and not a dry run), import it atomically."""
    report = ImportReport(filename=filename, dry_run=dry_run)
    scope_path = scope_path_for(user)
    try:
        system = geo.CoordinateSystem(coordinate_system)
    except ValueError:
        report.problems.append(Problem(FILE_ROW, "", f"未知的坐标系“{coordinate_system}”"))
        return report
    table, problems = read_table(data, filename)
    report.problems.extend(problems)
    if not report.problems:
        check_table(table, report, coordinate_system=system, scope_path=scope_path, progress=progress)
    if on_checked is not None:
        on_checked(report)
    if report.ok and not dry_run:
        write_rows(report, actor=user)
    elif report.ok:
        _count_dry_run(report)
    return report


def _count_dry_run(report: ImportReport) -> None:
    """What an import would do, without writing."""
    for row in report.rows:
        operator = Organisation.objects.filter(name=row.operator_name).first()
        platform = (Platform.objects.filter(name=row.name, operator=operator)
                    .prefetch_related("industries", "service_types").first() if operator else None)
        if platform is None:
            report.created += 1
            continue
        wanted = {**row.platform_values(), "industries": sorted(row.industries),
                  "service_types": sorted(row.service_types)}
        before = _snapshot(platform)
        if any(not _same(before.get(k), v) for k, v in wanted.items()):
            report.updated += 1
        else:
            report.unchanged += 1
    report.organisations_created = len({r.operator_name for r in report.rows
                                        if not Organisation.objects.filter(name=r.operator_name).exists()})


# --- background import jobs (web) ------------------------------------------------------------------

def import_job_create(*, user, filename: str, data: bytes, coordinate_system: str = "wgs84",
                      dry_run: bool = False):
    """Record an upload and queue its check/import (eager Celery runs it before this returns)."""
    from .models import ImportJob
    from .tasks import import_job_run

    scope_path_for(user)  # reviewers and administrators only
    if len(data) > MAX_FILE_BYTES:
        from pilothub.core.errors import DomainError

        raise DomainError("file_too_large", f"文件过大，上限为 {MAX_FILE_BYTES // 1024 // 1024} MB，请分成多个文件导入",
                          f"The file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB", field="file")
    job = ImportJob.objects.create(created_by=user, filename=Path(filename).name[:255], content=data,
                                   coordinate_system=coordinate_system, dry_run=dry_run)
    transaction.on_commit(lambda: import_job_run.delay(job.pk))
    return job


def import_job_execute(*, job_id: int) -> str:
    """Run one job: progress is written as rows are checked; the import itself is one transaction."""
    from django.utils import timezone

    from .models import ImportJob, ImportJobStatus

    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job.status
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.CHECKING)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_checked=done, rows_total=total)

    def on_checked(report: ImportReport) -> None:
        if report.ok and not report.dry_run:
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.WRITING)

    try:
        report = import_platforms(data=bytes(job.content), filename=job.filename, user=job.created_by,
                                  coordinate_system=job.coordinate_system, dry_run=job.dry_run,
                                  progress=progress, on_checked=on_checked)
    except Exception as error:  # noqa: BLE001 — the job page must say it failed, not spin forever
        from pilothub.core.errors import DomainError

        message = error.message_zh if isinstance(error, DomainError) else "处理文件时发生内部错误，请联系管理员"
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.FAILED, finished_at=timezone.now(),
                                                   report={"ok": False, "error": message, "problems": []})
        if not isinstance(error, DomainError):
            raise
        return ImportJobStatus.FAILED
    status = ImportJobStatus.DONE if report.ok else ImportJobStatus.INVALID
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(),
                                               report={**report.as_dict(), "summary": report.summary()})
    return status
