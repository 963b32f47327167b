"""Loading the seed policy documents (data/policies.yaml + data/policies/*.txt) into the database.

Used by migration 0002 with the historical models and by `reference_data.load()` with the live
ones, so both take a model registry. Clause ↔ measure links come from the policy engine's
catalogue (`list_measures`): a measure links to the clause whose label equals its `clause` in
the document whose id is the measure's prefix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml

from pilothub.core.text import token_string
from pilothub.policy.engine import list_measures

from .policy_text import parse_policy_text

DATA_DIR = Path(__file__).resolve().parent / "data"
MANIFEST = DATA_DIR / "policies.yaml"


def read_manifest() -> list[dict[str, Any]]:
    with MANIFEST.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["documents"])


def read_document_text(entry: dict[str, Any]) -> str:
    raw = (DATA_DIR / "policies" / entry["file"]).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise ValueError(f"{entry['file']}: sha256 {digest} does not match the manifest; the text was changed")
    return raw.decode("utf-8")


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def engine_measures_by_clause(*, engine_document: str, region_chain: list[str],
                              as_of: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The engine's measures of one document, grouped by the clause label they cite."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    if not engine_document:
        return grouped
    for measure in list_measures(region_chain, as_of):
        if measure["measure"].split(".", 1)[0] != engine_document:
            continue
        grouped.setdefault(measure["clause"], []).append(measure)
    return grouped


def link_measures(registry, document) -> int:
    """(Re)build the clause ↔ measure links of one document; returns how many links it has."""
    clause_model = registry.get_model("content", "PolicyClause")
    link_model = registry.get_model("content", "ClauseMeasure")
    clauses = {clause.label: clause for clause in clause_model.objects.filter(document=document)}
    link_model.objects.filter(clause__document=document).delete()
    if not document.engine_document:
        return 0
    chain = [code for code in document.region.path.strip("/").split("/") if code]
    as_of = document.effective_on or document.issued_on or dt.date.today()
    links = []
    for label, measures in engine_measures_by_clause(engine_document=document.engine_document,
                                                     region_chain=chain, as_of=as_of).items():
        clause = clauses.get(label)
        if clause is None:
            raise ValueError(f"{document.key}: the engine cites clause {label!r}, which the text does not have")
        links += [link_model(clause=clause, measure_id=m["measure"], name=m["name"][:200],
                             citation=m["citation"][:200], computable=bool(m["computable"])) for m in measures]
    link_model.objects.bulk_create(links)
    return len(links)


def load_policy_documents(registry) -> list[Any]:
    """Create or update every seed document with its clauses and measure links (idempotent)."""
    document_model = registry.get_model("content", "PolicyDocument")
    clause_model = registry.get_model("content", "PolicyClause")
    documents: dict[str, Any] = {}
    for entry in read_manifest():
        text = read_document_text(entry)
        parsed = parse_policy_text(text, layout=entry["layout"])
        document, _created = document_model.objects.update_or_create(key=entry["key"], defaults={
            "title": entry["title"], "number": entry.get("number") or "", "issuer": entry["issuer"],
            "issued_on": _date(entry.get("issued_on")), "effective_on": _date(entry.get("effective_on")),
            "region_id": str(entry["region"]), "kind": entry["kind"], "is_draft": bool(entry.get("draft")),
            "engine_document": entry.get("engine_document") or "", "source_file": entry["file"],
            "source_sha256": entry["sha256"], "preamble": parsed.preamble, "full_text": text,
            "search_tokens": token_string(" ".join([entry["title"], entry.get("number") or "", entry["issuer"], text])),
            "interprets": documents.get(entry.get("interprets") or "") or document_model.objects.filter(
                key=entry.get("interprets") or "").first(),
        })
        labels = [clause.label for clause in parsed.clauses]
        clause_model.objects.filter(document=document).exclude(label__in=labels).delete()
        for position, clause in enumerate(parsed.clauses, start=1):
            clause_model.objects.update_or_create(document=document, label=clause.label, defaults={
                "heading": clause.heading[:300], "title": clause.title[:200], "text": clause.text,
                "position": position})
        link_measures(registry, document)
        documents[entry["key"]] = document
    return list(documents.values())
