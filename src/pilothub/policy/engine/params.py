"""Rule files: documents, dated parameters and measures, loaded from `policy/rules/*.yaml`.

A parameter holds a list of versions, each with the date it takes effect and its citation.
`Parameter.at(day)` returns the version in force on `day` (the latest version that started on or
before it), so a revised policy is encoded by adding a version, and an old decision can still be
recomputed with the values of its own date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleFileError

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"

UNITS = {"rate", "yuan", "area_m2", "months", "years", "names", "industry_groups", "bool"}


@dataclass(frozen=True)
class ParamVersion:
    effective_from: dt.date
    value: Any
    citation: str
    note: str | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    document_id: str
    description: str
    unit: str
    citation: str
    versions: tuple[ParamVersion, ...]
    assumed: bool = False
    note: str | None = None

    def at(self, day: dt.date) -> ParamVersion | None:
        current = None
        for version in self.versions:  # sorted ascending at load time
            if version.effective_from <= day:
                current = version
        return current


@dataclass(frozen=True)
class Measure:
    id: str
    document_id: str
    name: str
    clause: str
    citation: str
    computable: bool
    project_types: tuple[str, ...] = ()
    formulas: tuple[tuple[dt.date, str], ...] = ()
    reason: str | None = None
    estimate: bool = False
    info_parameters: tuple[str, ...] = ()

    def formula_at(self, day: dt.date) -> tuple[dt.date, str] | None:
        current = None
        for start, name in self.formulas:
            if start <= day:
                current = (start, name)
        return current


@dataclass(frozen=True)
class Document:
    id: str
    number: str
    title: str
    issuer: str
    region: str
    region_name: str
    draft: bool
    in_force: Parameter
    parameters: dict[str, Parameter]
    measures: tuple[Measure, ...]
    source: str

    def in_force_on(self, day: dt.date) -> bool:
        version = self.in_force.at(day)
        return bool(version and version.value)

    def first_in_force_date(self) -> dt.date | None:
        return next((v.effective_from for v in self.in_force.versions if v.value), None)


@dataclass(frozen=True)
class RuleBook:
    documents: tuple[Document, ...]
    digest: str
    measures_by_id: dict[str, Measure] = field(default_factory=dict)

    def document(self, document_id: str) -> Document:
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        raise KeyError(document_id)

    def documents_for_chain(self, region_chain: list[str]) -> list[Document]:
        """Documents issued by any region of the chain, the highest level (root) first."""
        ordered: list[Document] = []
        for region in reversed(region_chain):
            ordered.extend(doc for doc in self.documents if doc.region == region)
        return ordered


def _coerce(value: Any, unit: str, where: str) -> Any:
    if isinstance(value, dict) and unit in {"rate", "yuan"}:
        return {str(k): _coerce(v, unit, f"{where}.{k}") for k, v in value.items()}
    if unit == "rate":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RuleFileError(f"{where}: a rate must be a number, got {value!r}")
        rate = Decimal(str(value))  # str() keeps the written decimal: 0.35, not 0.34999…
        if not Decimal(0) <= rate <= Decimal(1):
            raise RuleFileError(f"{where}: a rate must lie in [0, 1], got {value!r}")
        return rate
    if unit in {"yuan", "area_m2", "months", "years"}:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleFileError(f"{where}: {unit} must be a non-negative integer, got {value!r}")
        return value
    if unit == "names":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(f"{where}: names must be a list of strings")
        return tuple(value)
    if unit == "industry_groups":
        if not isinstance(value, dict):
            raise RuleFileError(f"{where}: industry_groups must map a group to its industries")
        return {str(g): tuple(_coerce(v, "names", f"{where}.{g}")) for g, v in value.items()}
    if unit == "bool":
        if not isinstance(value, bool):
            raise RuleFileError(f"{where}: expected true/false, got {value!r}")
        return value
    raise RuleFileError(f"{where}: unknown unit {unit!r}")


def _versions(raw: Any, unit: str, citation: str, where: str) -> tuple[ParamVersion, ...]:
    if not isinstance(raw, dict) or not raw:
        raise RuleFileError(f"{where}: 'values' must map effective dates to values")
    versions = []
    for start, entry in raw.items():
        if not isinstance(start, dt.date):
            raise RuleFileError(f"{where}: key {start!r} is not a YYYY-MM-DD date")
        # A version may carry its own citation when a later document revises the value.
        if isinstance(entry, dict) and "value" in entry:
            value, cite, note = entry["value"], entry.get("citation", citation), entry.get("note")
        else:
            value, cite, note = entry, citation, None
        versions.append(ParamVersion(start, _coerce(value, unit, f"{where}@{start}"), cite, note))
    return tuple(sorted(versions, key=lambda v: v.effective_from))


def _parameter(doc_id: str, name: str, raw: dict[str, Any], where: str) -> Parameter:
    for key in ("description", "citation", "unit", "values"):
        if key not in raw:
            raise RuleFileError(f"{where}: missing '{key}'")
    if raw["unit"] not in UNITS:
        raise RuleFileError(f"{where}: unknown unit {raw['unit']!r}")
    return Parameter(
        name=name,
        document_id=doc_id,
        description=raw["description"],
        unit=raw["unit"],
        citation=raw["citation"],
        versions=_versions(raw["values"], raw["unit"], raw["citation"], where),
        assumed=bool(raw.get("assumed", False)),
        note=raw.get("note"),
    )


def _measure(doc: dict[str, Any], raw: dict[str, Any], params: dict[str, Parameter], where: str) -> Measure:
    for key in ("id", "name", "clause", "computable"):
        if key not in raw:
            raise RuleFileError(f"{where}: missing '{key}'")
    computable = bool(raw["computable"])
    formulas = tuple(sorted((start, str(name)) for start, name in (raw.get("formula") or {}).items()))
    if computable and (not formulas or not raw.get("project_types")):
        raise RuleFileError(f"{where}: a computable measure needs 'formula' and 'project_types'")
    if not computable and not raw.get("reason"):
        raise RuleFileError(f"{where}: a measure that is not computable must say why ('reason')")
    for name in raw.get("info_parameters", []):
        if name not in params:
            raise RuleFileError(f"{where}: unknown info parameter {name!r}")
    return Measure(
        id=raw["id"],
        document_id=doc["id"],
        name=raw["name"],
        clause=raw["clause"],
        citation=f"{doc['number']} {raw['clause']}",
        computable=computable,
        project_types=tuple(raw.get("project_types", [])),
        formulas=formulas,
        reason=raw.get("reason"),
        estimate=bool(raw.get("estimate", False)),
        info_parameters=tuple(raw.get("info_parameters", [])),
    )


def load_document(path: Path) -> Document:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:  # pragma: no cover - exercised only by a broken file
        raise RuleFileError(f"{path.name}: {exc}") from exc
    doc = raw.get("document") or {}
    for key in ("id", "number", "title", "issuer", "region", "region_name", "draft", "in_force"):
        if key not in doc:
            raise RuleFileError(f"{path.name}: document is missing '{key}'")
    in_force_raw = dict(doc["in_force"])
    in_force_raw.setdefault("description", "施行状态")
    in_force_raw["unit"] = "bool"
    in_force = _parameter(doc["id"], "in_force", in_force_raw, f"{path.name}:document.in_force")
    params = {
        name: _parameter(doc["id"], name, body, f"{path.name}:{name}")
        for name, body in (raw.get("parameters") or {}).items()
    }
    measures = tuple(
        _measure(doc, body, params, f"{path.name}:measures[{i}]")
        for i, body in enumerate(raw.get("measures") or [])
    )
    return Document(
        id=doc["id"],
        number=doc["number"],
        title=doc["title"],
        issuer=doc["issuer"],
        region=str(doc["region"]),
        region_name=doc["region_name"],
        draft=bool(doc["draft"]),
        in_force=in_force,
        parameters=params,
        measures=measures,
        source=path.name,
    )


def load_rulebook(rules_dir: Path = RULES_DIR) -> RuleBook:
    paths = sorted(rules_dir.glob("*.yaml"))
    if not paths:
        raise RuleFileError(f"no rule files in {rules_dir}")
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    documents = tuple(load_document(path) for path in paths)
    by_id: dict[str, Measure] = {}
    for doc in documents:
        for measure in doc.measures:
            if measure.id in by_id:
                raise RuleFileError(f"{doc.source}: duplicate measure id {measure.id}")
            by_id[measure.id] = measure
    return RuleBook(documents=documents, digest=digest.hexdigest()[:16], measures_by_id=by_id)


@lru_cache(maxsize=1)
def default_rulebook() -> RuleBook:
    """The shipped rules, parsed once per process."""
    return load_rulebook()
