"""The synonym table: equivalent terms and one-way expansions, as data (data/synonyms.yaml).

Pure Python (no Django). The Django side adds the Industry and ServiceType vocabularies (their
names and `synonyms` fields) as more groups with `SynonymTable.with_groups`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pilothub.core.text import normalise, tokens

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.yaml"
_ASCII = re.compile(r"^[a-z0-9.+\-]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_cjk_term(term: str) -> bool:
    return bool(_CJK.search(term))


@dataclass(frozen=True)
class Expansion:
    """A term found in a query, and the terms it adds."""

    found: str
    added: tuple[str, ...]
    kind: str  # "synonym" or "expansion"


@dataclass
class SynonymTable:
    groups: list[frozenset[str]] = field(default_factory=list)
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._related: dict[str, set[str]] = {}
        for group in self.groups:
            for term in group:
                self._related.setdefault(term, set()).update(group - {term})
        # (term, may match inside the text, added terms, kind), prepared once: find() runs per query.
        self._checks = [(term, self._substring_ok(term), tuple(sorted(related)), "synonym")
                        for term, related in self._related.items()]
        self._checks += [(term, self._substring_ok(term), added, "expansion") for term, added in self.expansions.items()]

    @classmethod
    def from_yaml(cls, path: Path = SYNONYMS_FILE) -> SynonymTable:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        groups = [frozenset(t for t in (normalise(str(x)) for x in group) if t) for group in data.get("groups") or []]
        expansions = {normalise(str(key)): tuple(normalise(str(v)) for v in values)
                      for key, values in (data.get("expansions") or {}).items()}
        return cls(groups=[g for g in groups if len(g) > 1], expansions=expansions)

    def with_groups(self, extra: Iterable[Iterable[str]]) -> SynonymTable:
        groups = list(self.groups)
        for group in extra:
            terms = frozenset(t for t in (normalise(str(x)) for x in group) if t)
            if len(terms) > 1:
                groups.append(terms)
        return SynonymTable(groups=groups, expansions=dict(self.expansions))

    def terms(self) -> set[str]:
        """Every term the table knows (to teach the tokenizer to keep them whole)."""
        result = set(self._related)
        result.update(self.expansions)
        for values in self.expansions.values():
            result.update(values)
        return result

    def related(self, term: str) -> set[str]:
        return set(self._related.get(normalise(term), ()))

    def find(self, text: str, text_tokens: Iterable[str] | None = None) -> list[Expansion]:
        """The synonyms and expansions a text triggers.

        A Chinese term of two or more characters matches anywhere in the text (jieba may cut a
        colloquial sentence differently from the term); Latin abbreviations and one-character
        terms must be whole tokens, so "ic" does not fire inside "plastic" and "光" not inside "光伏".
        """
        cleaned = normalise(text)
        token_set = set(text_tokens if text_tokens is not None else tokens(cleaned))
        found: list[Expansion] = []
        for term, substring_ok, added, kind in self._checks:
            if term in token_set or (substring_ok and term in cleaned):
                found.append(Expansion(term, added, kind))
        return found

    @staticmethod
    def _substring_ok(term: str) -> bool:
        return _is_cjk_term(term) and len(term) >= 2 and not _ASCII.match(term)


@lru_cache(maxsize=1)
def default_table() -> SynonymTable:
    return SynonymTable.from_yaml()
