"""`list_measures`: every measure (computable or not) visible from a region, for the calculator UI."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .chain import check_chain
from .formulas.base import jsonable
from .inputs import parse_date
from .params import Document, Measure, RuleBook, default_rulebook


def _parameters(doc: Document, names: list[str], as_of: dt.date) -> list[dict[str, Any]]:
    out = []
    for name in names:
        version = doc.parameters[name].at(as_of)
        if version is not None:
            out.append(
                {
                    "name": f"{doc.id}:{name}",
                    "description": doc.parameters[name].description,
                    "value": jsonable(version.value),
                    "unit": doc.parameters[name].unit,
                    "effective_from": version.effective_from.isoformat(),
                    "citation": version.citation,
                    "assumed": doc.parameters[name].assumed,
                }
            )
    return out


def _entry(doc: Document, measure: Measure, as_of: dt.date) -> dict[str, Any]:
    formula = measure.formula_at(as_of)
    in_force = doc.in_force_on(as_of) and (formula is not None or not measure.computable)
    # A computable measure's parameters share its prefix (rules/*.yaml naming convention).
    prefix = measure.id.split(".", 1)[1]
    related = [n for n in doc.parameters if n.split(".")[0] in (prefix, *_shared_prefixes(prefix))]
    return {
        "measure": measure.id,
        "name": measure.name,
        "region": doc.region,
        "region_name": doc.region_name,
        "document": doc.number,
        "document_title": doc.title,
        "clause": measure.clause,
        "citation": measure.citation,
        "computable": measure.computable,
        "project_types": list(measure.project_types),
        "formula": formula[1] if formula else None,
        "in_force": in_force,
        "effective_from": (doc.first_in_force_date() or as_of).isoformat(),
        "effective_date_assumed": doc.in_force.assumed,
        "draft": doc.draft,
        "estimate": measure.estimate,
        "reason": measure.reason,
        "parameters": _parameters(doc, list(measure.info_parameters) or related, as_of),
    }


def _shared_prefixes(prefix: str) -> tuple[str, ...]:
    # Parameters shared by two measures of one clause carry the clause-level prefix.
    shared = {
        "digital_upgrade": ("upgrade",),
        "green_upgrade": ("upgrade",),
        "national_certification": ("certification",),
        "provincial_certification": ("certification",),
    }
    return shared.get(prefix, ())


def list_measures(
    region_chain: list[str], as_of: str | dt.date, *, rulebook: RuleBook | None = None
) -> list[dict[str, Any]]:
    """All measures of every region in the chain (root first), with clause and parameters."""
    chain = check_chain(region_chain)
    day = parse_date(as_of)
    book = rulebook or default_rulebook()
    return [_entry(doc, measure, day) for doc in book.documents_for_chain(chain) for measure in doc.measures]
