"""Reasons a person can read (推荐理由), in Chinese, for one hit of the engine. Pure Python."""

from __future__ import annotations

import datetime

from pilothub.core.text import tokens

from .engine import Document, Engine, Hit, Query, calibration

TIER_NAMES = {"national": "国家级", "provincial": "省级", "municipal": "市级", "cultivating": "培育"}
MAX_TERMS = 6
MAX_ITEMS = 3
# Words too general to explain a match on their own (they still count in BM25, with a low idf).
DIMENSION_NAMES = {"volume": "体积", "mass": "质量", "area": "面积", "count": "数量"}
BASE_UNITS = {"volume": "L", "mass": "kg", "area": "m²", "count": "件"}
CLEANROOM_NAMES = {5: "ISO 5（百级）", 6: "ISO 6（千级）", 7: "ISO 7（万级）", 8: "ISO 8（十万级）", 9: "ISO 9（三十万级）"}
_GENERIC = {"检测", "测试", "检验", "中试", "平台", "服务", "分析", "试验", "技术", "研发", "生产", "产品"}


def _quote(items: list[str]) -> str:
    return "、".join(items)


def _matching_items(items: tuple[str, ...], terms: set[str]) -> list[str]:
    chosen = []
    for item in items:
        if set(tokens(item)) & terms:
            chosen.append(item)
        if len(chosen) == MAX_ITEMS:
            break
    return chosen


def reasons_for(engine: Engine, hit: Hit, query: Query, *, today: datetime.date | None = None) -> list[str]:
    doc, analysis = hit.document, hit.analysis
    reasons: list[str] = []
    doc_terms = set(engine.term_counts(doc))
    matched = [t for t in analysis.terms if t in doc_terms]
    matched.sort(key=lambda t: -analysis.terms[t] * engine._idf(t))
    shown: list[str] = []
    for term in matched:
        if len(shown) == MAX_TERMS:
            break
        if term in _GENERIC and len(matched) > 1:
            continue
        # "可靠" says nothing "可靠性" does not: show the longer term only.
        if any(term != other and term in other for other in matched):
            continue
        source = analysis.origin.get(term)
        shown.append(f"{term}（由“{source}”联想）" if source else term)
    if shown:
        reasons.append(f"关键词匹配：{_quote(shown)}")
    specific = {t for t in matched if t not in _GENERIC and len(t) >= 2}
    equipment = _matching_items(doc.equipment, specific)
    if equipment:
        reasons.append(f"相关设备：{_quote(equipment)}")
    services = _matching_items(doc.services, specific)
    if services:
        reasons.append(f"相关检测服务：{_quote(services)}")
    offered = [engine.vocabulary.service_names.get(c, c) for c in analysis.service_types if c in doc.service_types]
    if offered:
        reasons.append(f"服务类型符合：{_quote(offered)}")
    fields = [engine.vocabulary.industry_names.get(c, c) for c in analysis.industries if c in doc.industries]
    if fields:
        reasons.append(f"产业领域符合：{_quote(fields)}")
    gate = calibration(engine.encoder.name)[2] if engine.encoder else 1.0
    if hit.dense is not None and hit.dense >= gate:
        reasons.append("需求描述与平台业务语义高度相近" if hit.dense >= 1.0 else "需求描述与平台业务语义相近")
    region = doc.region_name or doc.region_code
    if query.region_prefix:
        reasons.append(f"位于{region}（在所选地区范围内）")
    elif query.preferred_region_prefix:
        if doc.region_path.startswith(query.preferred_region_prefix):
            reasons.append(f"位于{region}（在需求偏好地区内）")
        elif hit.distance_km is not None:
            reasons.append(f"位于{region}，距需求偏好地区约 {round(hit.distance_km):,} 公里")
        else:
            reasons.append(f"位于{region}（不在需求偏好地区内）")
    elif region:
        reasons.append(f"所在地区：{region}")
    day = today or query.today or datetime.date.today()
    valid = [q for q in doc.qualifications if q.valid_on(day) and q.kind in ("CMA", "CNAS")]
    if valid:
        latest: dict[str, datetime.date] = {}
        for q in valid:
            latest[q.kind] = max(latest.get(q.kind, q.valid_until), q.valid_until)
        reasons.append("具备有效资质：" + _quote([f"{kind}（有效期至 {until:%Y-%m-%d}）"
                                               for kind, until in sorted(latest.items())]))
    if doc.tier in ("national", "provincial"):
        reasons.append(f"平台层级：{TIER_NAMES[doc.tier]}")
    reasons += capability_reasons(doc, query)
    if doc.due_on is not None and day > doc.due_on:
        reasons.append(f"信息待更新：平台超过确认期限（{doc.due_on:%Y-%m-%d}）未确认信息，排序已下调")
    return reasons


def _amount(dimension: str, value: float) -> str:
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{text} {BASE_UNITS.get(dimension, '')}".strip()


def capability_reasons(doc: Document, query: Query) -> list[str]:
    """How the platform's declared lines meet the demand's hard requirements (platforms whose
    lines fall short never reach here: the engine leaves them out)."""
    reasons: list[str] = []
    for dimension, (minimum, phrase) in query.min_scale.items():
        lines = [line for line in doc.lines if line.dimension == dimension and line.scale_base is not None]
        fitting = sorted((line for line in lines if (line.scale_base or 0.0) >= minimum * (1 - 1e-9)),
                         key=lambda line: -(line.scale_base or 0))
        if fitting:
            reasons.append(f"产线规模满足“{phrase}”：" + _quote([f"{line.name}（{_amount(dimension, line.scale_base or 0)}）"
                                                          for line in fitting[:MAX_ITEMS]]))
        else:
            reasons.append(f"平台未填报{DIMENSION_NAMES.get(dimension, '')}规模，是否满足“{phrase}”请与平台确认")
    if query.cleanroom_max_class is not None:
        clean = sorted((line for line in doc.lines if line.cleanroom_class is not None
                        and line.cleanroom_class <= query.cleanroom_max_class), key=lambda line: line.cleanroom_class or 0)
        if clean:
            reasons.append(f"洁净条件满足“{query.cleanroom_phrase}”：" + _quote(
                [f"{line.name}（{CLEANROOM_NAMES.get(line.cleanroom_class or 0, line.cleanroom_class)}）"
                 for line in clean[:MAX_ITEMS]]))
        else:
            reasons.append(f"平台未填报产线洁净等级，是否满足“{query.cleanroom_phrase}”请与平台确认")
    if query.gmp:
        gmp = [line.name for line in doc.lines if line.gmp]
        if gmp:
            reasons.append("具备通过 GMP 符合性检查的产线：" + _quote(gmp[:MAX_ITEMS]))
    return reasons
