"""Pilot-line capabilities: units, the demand-text requirement parser, directory filters and the
accreditation display that never shows an expired certificate as valid (the operators' writes are
in services_capabilities.py).

Decision 0306. The parser and the unit table are plain Python (no database) so matching can use
them on any text; the rest works on the registry models.

Hooks for other modules:
- directory page / API list: `filter_platforms(qs, process_step=, min_scale=, unit=,
  cleanroom_max_class=, gmp=)`; raw GET/API strings go through `capability_filters_from_params`.
- platform page: `qualifications_for_display(platform)` and the template filters in
  `templatetags/platforms_trust.py` (`qualification_status`); `lines_for_display(platform)`.
- matching: `parse_requirements(text)` (used by matching.selectors) and `line_capabilities`
  (used by matching.index).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from pilothub.core.errors import DomainError

from .models import GmpStatus, HazardPermit, PilotLine, Platform, ProcessStep, Qualification, ScaleDimension

# ---------------------------------------------------------------------- units
BASE_UNIT: dict[str, str] = {ScaleDimension.VOLUME: "L", ScaleDimension.MASS: "kg", ScaleDimension.AREA: "m²",
                             ScaleDimension.COUNT: "件"}
# unit as written → (dimension, factor to the base unit). Longest spellings are matched first.
UNITS: dict[str, tuple[str, float]] = {
    "l": ("volume", 1.0), "升": ("volume", 1.0), "ml": ("volume", 0.001), "毫升": ("volume", 0.001),
    "m³": ("volume", 1000.0), "m3": ("volume", 1000.0), "立方米": ("volume", 1000.0), "立方": ("volume", 1000.0),
    "kg": ("mass", 1.0), "公斤": ("mass", 1.0), "千克": ("mass", 1.0), "g": ("mass", 0.001), "克": ("mass", 0.001),
    "t": ("mass", 1000.0), "吨": ("mass", 1000.0),
    "m²": ("area", 1.0), "m2": ("area", 1.0), "㎡": ("area", 1.0), "平方米": ("area", 1.0), "平米": ("area", 1.0),
    "件": ("count", 1.0), "片": ("count", 1.0), "个": ("count", 1.0), "台": ("count", 1.0), "套": ("count", 1.0),
    "支": ("count", 1.0), "pcs": ("count", 1.0),
}


def unit_info(unit: str) -> tuple[str, float] | None:
    """(dimension, factor to base unit) for a unit as written ("L", "吨", "m²" …), else None."""
    return UNITS.get(unit.strip().lower().replace(" ", "")) if unit else None


def to_base(value: float | Decimal, unit: str) -> tuple[str, float]:
    info = unit_info(unit)
    if info is None:
        raise DomainError("unknown_unit", f"不支持的规模单位：{unit}（可用 L、mL、m³、kg、g、t、m²、件等）",
                          f"Unknown scale unit: {unit} (use L, mL, m³, kg, g, t, m², pieces …)", field="scale_unit")
    return info[0], float(value) * info[1]


def format_base(dimension: str, amount: float) -> str:
    text = f"{amount:,.3f}".rstrip("0").rstrip(".")
    return f"{text} {BASE_UNIT.get(dimension, '')}".strip()


# ---------------------------------------------------------------------- clean-room classes
# Chinese usage names the old US Fed-Std-209E classes; GB 50073-2013 表 3.0.1 adopts the
# ISO 14644-1 N classes: 百级 = ISO 5, 千级 = ISO 6, 万级 = ISO 7, 十万级 = ISO 8, 三十万级 ≈ ISO 8.5
# (taken as 9, the next class). GMP (2010 修订) 附录1 grades at rest: A/B = ISO 5, C = ISO 7, D = ISO 8.
CLEANROOM_WORDS = {"百级": 5, "千级": 6, "万级": 7, "十万级": 8, "三十万级": 9}
GMP_GRADES = {"a": 5, "b": 5, "c": 7, "d": 8}
CLEANROOM_CHOICES = [(5, "ISO 5（百级）"), (6, "ISO 6（千级）"), (7, "ISO 7（万级）"), (8, "ISO 8（十万级）"),
                     (9, "ISO 9（三十万级）")]


def cleanroom_label(cls: int | None) -> str:
    return dict(CLEANROOM_CHOICES).get(cls, f"ISO {cls}") if cls else ""


# ---------------------------------------------------------------------- the requirement parser
@dataclass(frozen=True)
class ScaleRequirement:
    dimension: str
    minimum: float  # in the base unit of the dimension
    phrase: str  # the words of the demand that said so

    @property
    def label(self) -> str:
        return f"≥ {format_base(self.dimension, self.minimum)}"


@dataclass(frozen=True)
class Requirements:
    scales: tuple[ScaleRequirement, ...] = ()
    cleanroom_max_class: int | None = None
    cleanroom_phrase: str = ""
    gmp: bool = False
    notes: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.scales or self.cleanroom_max_class or self.gmp)

    def min_scale(self) -> dict[str, float]:
        """The strictest minimum per dimension."""
        result: dict[str, float] = {}
        for s in self.scales:
            result[s.dimension] = max(result.get(s.dimension, 0.0), s.minimum)
        return result

    def describe(self) -> list[str]:
        parts = [f"规模 {s.label}（“{s.phrase}”）" for s in self.scales]
        if self.cleanroom_max_class:
            parts.append(f"洁净度不低于 {cleanroom_label(self.cleanroom_max_class)}（“{self.cleanroom_phrase}”）")
        if self.gmp:
            parts.append("GMP 条件")
        return parts


_NUMBER = r"(\d+(?:[.,]\d+)*)\s*(万|千)?\s*"
_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_AMOUNT = _NUMBER + rf"({_UNIT_ALTERNATION})(?![A-Za-z])"
_AT_LEAST_BEFORE = r"(?:≥|>=|＞=|>|＞|不低于|不少于|不小于|至少|最少|大于|超过|高于|达到)\s*"
_AT_LEAST_AFTER = r"\s*(?:以上|及以上|或以上|以上规模|起)"
_BEFORE_RE = re.compile(_AT_LEAST_BEFORE + _AMOUNT, re.IGNORECASE)
_AFTER_RE = re.compile(_AMOUNT + _AT_LEAST_AFTER, re.IGNORECASE)
_CLEANROOM_RE = re.compile(r"(三十万级|十万级|万级|千级|百级)\s*(?:的)?\s*(?:洁净|净化|无尘|gmp)"
                           r"|(?:洁净度|洁净等级|洁净级别|洁净区)\s*(?:为|达到|不低于)?\s*(三十万级|十万级|万级|千级|百级)"
                           r"|iso\s*(?:14644\s*)?(?:class\s*)?([5-9])\s*级?"
                           r"|(?<![A-Za-z])([A-Da-d])\s*级\s*(?:洁净|净化|区)", re.IGNORECASE)
_GMP_RE = re.compile(r"gmp", re.IGNORECASE)


def _amount(number: str, multiplier: str | None, unit: str) -> tuple[str, float] | None:
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    if multiplier == "万":
        value *= 10_000
    elif multiplier == "千":
        value *= 1_000
    info = unit_info(unit)
    return (info[0], value * info[1]) if info else None


def parse_requirements(text: str) -> Requirements:
    """Minimum scale, clean-room class and GMP a demand text asks for.

    Only explicit minimums count as scale requirements ("需要 2000L 以上", "≥500 kg", "不低于 1 吨",
    "至少 1万片"); a bare size ("200L 规模的工艺放大") or an upper bound ("10L 以下") is not one.
    """
    text = text or ""
    scales: list[ScaleRequirement] = []
    seen: set[tuple[int, int]] = set()
    for regex in (_BEFORE_RE, _AFTER_RE):
        for match in regex.finditer(text):
            span = match.span(1)
            if span in seen:
                continue
            seen.add(span)
            parsed = _amount(match.group(1), match.group(2), match.group(3))
            if parsed:
                scales.append(ScaleRequirement(parsed[0], parsed[1], match.group(0).strip()))
    cleanroom: int | None = None
    phrase = ""
    for match in _CLEANROOM_RE.finditer(text):
        word = match.group(1) or match.group(2)
        if word:
            cls = CLEANROOM_WORDS[word]
        elif match.group(3):
            cls = int(match.group(3))
        else:
            cls = GMP_GRADES[match.group(4).lower()]
        if cleanroom is None or cls < cleanroom:
            cleanroom, phrase = cls, match.group(0).strip()
    return Requirements(scales=tuple(scales), cleanroom_max_class=cleanroom, cleanroom_phrase=phrase,
                        gmp=bool(_GMP_RE.search(text)))


# ---------------------------------------------------------------------- directory filters
def filter_platforms(qs: QuerySet, *, process_step: str | None = None, min_scale: float | Decimal | None = None,
                     unit: str | None = None, cleanroom_max_class: int | None = None,
                     gmp: bool | None = None) -> QuerySet:
    """Platforms having at least one active line that meets every given criterion at once.

    `min_scale` is in `unit` (required with it); `cleanroom_max_class` 7 means ISO 7 (万级) or
    cleaner; `gmp=True` means a line that passed a GMP compliance inspection.
    """
    lines = PilotLine.objects.filter(platform=OuterRef("pk"), is_active=True)
    used = False
    if process_step:
        if process_step not in ProcessStep.values:
            raise DomainError("unknown_process_step", f"未知的工艺环节：{process_step}",
                              f"Unknown process step: {process_step}", field="process_step")
        lines, used = lines.filter(process_step=process_step), True
    if min_scale is not None:
        if not unit:
            raise DomainError("unit_required", "按规模筛选时请同时选择单位", "A unit is required with min_scale",
                              field="unit")
        dimension, amount = to_base(min_scale, unit)
        # A relative tolerance keeps "≥ 2000 L" true for a 2 m³ line despite float rounding.
        lines, used = lines.filter(scale_dimension=dimension, scale_base__gte=amount * (1 - 1e-9)), True
    if cleanroom_max_class is not None:
        lines, used = lines.filter(cleanroom_class__isnull=False, cleanroom_class__lte=cleanroom_max_class), True
    if gmp:
        lines, used = lines.filter(gmp_status=GmpStatus.INSPECTED), True
    return qs.filter(Exists(lines)) if used else qs


def capability_filters_from_params(params: Any) -> dict[str, Any]:
    """Validated keyword arguments for `filter_platforms` from GET or API strings (a dict-like).

    Keys: process_step, min_scale, unit, cleanroom (5–9 or 百级/千级/万级/十万级), gmp (1/true/是)."""
    result: dict[str, Any] = {}
    step = (params.get("process_step") or "").strip()
    if step:
        result["process_step"] = step
    raw_scale = (params.get("min_scale") or "").strip() if isinstance(params.get("min_scale"), str) \
        else params.get("min_scale")
    if raw_scale not in (None, ""):
        try:
            result["min_scale"] = Decimal(str(raw_scale))
        except InvalidOperation:
            raise DomainError("invalid_min_scale", "最小规模须为数字", "min_scale must be a number",
                              field="min_scale") from None
        if not result["min_scale"].is_finite() or result["min_scale"] < 0:
            raise DomainError("invalid_min_scale", "最小规模不能为负数", "min_scale must not be negative",
                              field="min_scale")
        result["unit"] = (params.get("unit") or "").strip() or None
    cleanroom = str(params.get("cleanroom") or params.get("cleanroom_max_class") or "").strip()
    if cleanroom:
        value = CLEANROOM_WORDS.get(cleanroom) or (int(cleanroom) if cleanroom.isdigit() else None)
        if value is None or not 1 <= value <= 9:
            raise DomainError("invalid_cleanroom", "洁净度等级须为 ISO 1–9 或 百级/千级/万级/十万级",
                              "cleanroom must be an ISO class 1–9", field="cleanroom")
        result["cleanroom_max_class"] = value
    gmp = str(params.get("gmp") or "").strip().lower()
    if gmp in ("1", "true", "yes", "on", "是"):
        result["gmp"] = True
    return result


# ---------------------------------------------------------------------- reads for display and matching
@dataclass(frozen=True)
class LineCapability:
    """What matching knows about one line (plain data, no model)."""

    name: str
    dimension: str
    scale_base: float | None
    cleanroom_class: int | None
    gmp: bool

    @property
    def scale_label(self) -> str:
        return format_base(self.dimension, self.scale_base) if self.scale_base is not None else ""


def line_capabilities(platform: Platform) -> tuple[LineCapability, ...]:
    """Active lines as plain data; uses prefetched `pilot_lines` when present."""
    return tuple(LineCapability(name=line.name, dimension=line.scale_dimension, scale_base=line.scale_base,
                                cleanroom_class=line.cleanroom_class, gmp=line.gmp_status == GmpStatus.INSPECTED)
                 for line in platform.pilot_lines.all() if line.is_active)


def lines_for_display(platform: Platform) -> QuerySet[PilotLine]:
    return platform.pilot_lines.filter(is_active=True).prefetch_related("hazard_permits")


def valid_qualifications(qs: QuerySet[Qualification], today: datetime.date | None = None) -> QuerySet[Qualification]:
    """Qualifications in force on `today`: never an expired (or not yet valid) one."""
    today = today or timezone.localdate()
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today), valid_until__gte=today)


@dataclass(frozen=True)
class QualificationView:
    qualification: Qualification
    valid: bool
    status: str
    scope_items: list


def qualifications_for_display(platform: Platform, today: datetime.date | None = None) -> list[QualificationView]:
    """Every qualification with its computed status; those in force first. Templates show
    `status`, never a stored flag, so an expired certificate is never shown as valid."""
    today = today or timezone.localdate()
    views = []
    for q in platform.qualifications.prefetch_related("scope_items").order_by("-valid_until", "kind"):
        valid = q.is_valid_on(today)
        views.append(QualificationView(qualification=q, valid=valid, status=qualification_status(q, today),
                                       scope_items=list(q.scope_items.all())))
    views.sort(key=lambda v: not v.valid)
    return views


def qualification_status(qualification: Qualification, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    if qualification.valid_from and today < qualification.valid_from:
        return gettext("尚未生效（%(date)s 起）") % {"date": f"{qualification.valid_from:%Y-%m-%d}"}
    if today > qualification.valid_until:
        return gettext("已过期（%(date)s）") % {"date": f"{qualification.valid_until:%Y-%m-%d}"}
    return gettext("有效（至 %(date)s）") % {"date": f"{qualification.valid_until:%Y-%m-%d}"}


def permit_status(permit: HazardPermit, today: datetime.date | None = None) -> str:
    """A hazard permit's status from its dates (computed on every read, like qualifications)."""
    today = today or timezone.localdate()
    if permit.issued_on and today < permit.issued_on:
        return gettext("尚未生效（%(date)s 起）") % {"date": f"{permit.issued_on:%Y-%m-%d}"}
    if permit.valid_until is None:
        return gettext("有效（长期）")
    if today > permit.valid_until:
        return gettext("已失效（%(date)s）") % {"date": f"{permit.valid_until:%Y-%m-%d}"}
    return gettext("有效（至 %(date)s）") % {"date": f"{permit.valid_until:%Y-%m-%d}"}


# Writes (lines, permits, accreditation scope items) live in services_capabilities.py (decision 0307).


# ---------------------------------------------------------------------- demo data
def capabilities_demo_load(*, stdout: Any = None) -> int:
    """Pilot lines and permits for a few demo platforms (platforms/data/demo_capabilities.yaml),
    idempotently; returns the number of lines. Call after the demo platforms are loaded."""
    from pathlib import Path

    import yaml

    from .models import HazardPermit
    from .services_capabilities import line_apply

    data = yaml.safe_load((Path(__file__).resolve().parent / "data" / "demo_capabilities.yaml").read_text("utf-8"))
    platforms = {p.name: p for p in Platform.objects.filter(is_demo=True)}
    count = 0
    with transaction.atomic():
        for name, lines in (data.get("lines") or {}).items():
            platform = platforms.get(name)
            if platform is None:
                continue
            for values in lines:
                line = PilotLine.objects.filter(platform=platform, name=values["name"]).first() or \
                    PilotLine(platform=platform)
                line_apply(line, {**values, "scale_value": Decimal(str(values["scale_value"])) if values.get(
                    "scale_value") is not None else None, "gmp_status": values.get("gmp_status") or "",
                    "scale_unit": values.get("scale_unit") or ""})
                line.save()
                count += 1
        for name, permits in (data.get("hazard_permits") or {}).items():
            platform = platforms.get(name)
            if platform is not None:
                for values in permits:
                    HazardPermit.objects.update_or_create(platform=platform, kind=values["kind"],
                                                          number=values.get("number", ""), defaults=values)
        for name, days in (data.get("overdue") or {}).items():
            platform = platforms.get(name)
            if platform is not None:
                platform.last_confirmed_at = timezone.now() - datetime.timedelta(days=int(days))
                platform.save(update_fields=["last_confirmed_at", "updated_at"])
    if stdout is not None:
        stdout.write(f"  pilot lines: {count}")
    return count
