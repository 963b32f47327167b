"""`evaluate(request, region_chain)`: every applicable measure of every region in the chain.

Items are listed from the highest level down (Beijing before Huairou). A measure whose document
is not in force on `as_of` still yields an item, with `in_force: false`, amount 0 and the reason,
so a caller can never mistake "no rule yet" for "entitled to nothing".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .chain import resolve_chain
from .errors import RuleFileError
from .formulas import FORMULAS, Context, Outcome
from .formulas.base import jsonable
from .inputs import validate_request
from .money import fmt_yuan
from .params import Document, Measure, RuleBook, default_rulebook
from .version import ENGINE_VERSION

DRAFT_PREFIX = "【征求意见稿，结果仅供参考】"


def _zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _not_in_force(doc: Document, measure: Measure, as_of: dt.date) -> str:
    starts = [
        d for d in (doc.first_in_force_date(), measure.formulas[0][0] if measure.formulas else None) if d
    ]
    begin = max(starts) if starts else None
    if begin is not None and as_of < begin:
        return (
            f"《{doc.title}》（{doc.number}）{measure.clause}自 {_zh_date(begin)} 起施行，"
            f"计算基准日 {_zh_date(as_of)} 尚未施行，本项不予计算，金额为 0 元。"
        )
    return (
        f"计算基准日 {_zh_date(as_of)}，{doc.number} {measure.clause}已不再施行，本项不予计算，金额为 0 元。"
    )


def _trace(
    *,
    rulebook: RuleBook,
    doc: Document,
    measure: Measure,
    request: dict[str, Any],
    chain: list[str],
    formula: tuple[dt.date, str] | None,
    ctx: Context | None,
    outcome: Outcome | None,
) -> dict[str, Any]:
    in_force = doc.in_force.at(request["as_of"])
    return {
        "engine_version": ENGINE_VERSION,
        "rules_digest": rulebook.digest,
        "measure": measure.id,
        "document": {"id": doc.id, "number": doc.number, "source": doc.source, "draft": doc.draft},
        "citation": measure.citation,
        "formula": formula[1] if formula else None,
        "formula_effective_from": formula[0].isoformat() if formula else None,
        "in_force": {
            "value": bool(in_force and in_force.value),
            "effective_from": in_force.effective_from.isoformat() if in_force else None,
            "citation": doc.in_force.citation,
            "assumed": doc.in_force.assumed,
        },
        "as_of": request["as_of"].isoformat(),
        "region_chain": list(chain),
        "request": jsonable(request),
        "parameters": list(ctx.used.values()) if ctx else [],
        "steps": jsonable(outcome.steps) if outcome else {},
        "result": {"amount": outcome.amount, "eligible": outcome.eligible} if outcome else None,
    }


def evaluate_measure(
    rulebook: RuleBook, doc: Document, measure: Measure, request: dict[str, Any], chain: list[str]
) -> dict[str, Any]:
    as_of = request["as_of"]
    formula = measure.formula_at(as_of)
    in_force = doc.in_force_on(as_of) and formula is not None
    ctx: Context | None = None
    outcome: Outcome | None = None
    if in_force:
        assert formula is not None
        fn = FORMULAS.get(formula[1])
        if fn is None:
            raise RuleFileError(f"{doc.source}: {measure.id} names unknown formula {formula[1]}")
        ctx = Context(doc, as_of, request)
        outcome = fn(ctx)
        if outcome.amount < 0:
            raise RuleFileError(f"{formula[1]} returned a negative amount")
        explanation = outcome.explanation
    else:
        explanation = _not_in_force(doc, measure, as_of)
    if doc.draft:
        explanation = DRAFT_PREFIX + explanation
    return {
        "measure": measure.id,
        "name": measure.name,
        "region": doc.region,
        "region_name": doc.region_name,
        "document": doc.number,
        "clause": measure.clause,
        "citation": measure.citation,
        "amount": outcome.amount if outcome else 0,
        "in_force": in_force,
        "eligible": outcome.eligible if outcome else False,
        "draft": doc.draft,
        "estimate": measure.estimate,
        "explanation": explanation,
        "trace": _trace(
            rulebook=rulebook,
            doc=doc,
            measure=measure,
            request=request,
            chain=chain,
            formula=formula,
            ctx=ctx,
            outcome=outcome,
        ),
    }


def _notes(items: list[dict[str, Any]], project_type: str) -> list[str]:
    notes = []
    if not items:
        notes.append(f"所选地区及其上级地区没有适用于项目类型 {project_type} 的可计算措施。")
    if any(item["draft"] for item in items):
        notes.append(
            "含征求意见稿（draft: true）的测算结果，正式文件发布前仅供参考；total_excluding_draft 为不含征求意见稿的合计。"
        )
    if any(item["estimate"] for item in items):
        notes.append("含按假定参数测算的项目（estimate: true），以主管部门确定的标准为准。")
    regions = {item["region"] for item in items if item["in_force"] and item["amount"] > 0}
    if len(regions) > 1:
        notes.append(
            "不同层级的支持相互叠加计入合计：区级条款为市级支持的配套或补充（见 docs/decisions/0109）。"
        )
    return notes


def evaluate(
    request: dict[str, Any], region_chain: list[str] | None = None, *, rulebook: RuleBook | None = None
) -> dict[str, Any]:
    """Evaluate one project against every measure of its region and the regions above it.

    `region_chain` lists codes from the request's region up to the root (Django passes it from
    its region table); when omitted the built-in table for the shipped codes is used.
    """
    clean = validate_request(request)
    chain = resolve_chain(clean["region"], region_chain)
    book = rulebook or default_rulebook()
    project_type = clean["project"]["type"]
    items = [
        evaluate_measure(book, doc, measure, clean, chain)
        for doc in book.documents_for_chain(chain)
        for measure in doc.measures
        if measure.computable and project_type in measure.project_types
    ]
    total = sum(item["amount"] for item in items if item["in_force"])
    final = sum(item["amount"] for item in items if item["in_force"] and not item["draft"])
    return {
        "items": items,
        "total": total,
        "total_excluding_draft": final,
        "total_text": fmt_yuan(total),
        "region": clean["region"],
        "region_chain": chain,
        "as_of": clean["as_of"].isoformat(),
        "project_type": project_type,
        "engine_version": ENGINE_VERSION,
        "rules_digest": book.digest,
        "notes": _notes(items, project_type),
    }


def recompute(trace: dict[str, Any], *, rulebook: RuleBook | None = None) -> dict[str, Any]:
    """Re-run the measure recorded in a stored trace with the inputs and date it recorded."""
    result = evaluate(trace["request"], trace["region_chain"], rulebook=rulebook)
    for item in result["items"]:
        if item["measure"] == trace["measure"]:
            return dict(item)
    raise RuleFileError(f"measure {trace['measure']} no longer applies to the recorded request")
