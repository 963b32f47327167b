"""The matching index on disk: built once, memory-mapped by every process (decision 0504).

A snapshot is a directory `<PILOTHUB_VAR_DIR>/match-index/<encoder setting>/<generation>/`:
- `meta.json`: format, encoder, vocabulary signature, the database fingerprint the index was
  built from (index.py compares it to catch up incrementally), sizes and checksums of the files;
- one `.npy` file per numpy array of the engine (passage vectors, the BM25 CSC matrix, the
  structured columns), opened with `numpy.load(mmap_mode="c")`: every gunicorn worker maps the
  same pages (copy-on-write: a worker that updates a row in place gets a private copy of that page
  only);
- `objects.pickle`: the Python side (documents, term → column map, document frequencies, region
  lists, per-platform child counts). Pickle is trusted because only the application writes
  PILOTHUB_VAR_DIR; its SHA-256 is checked before it is read, so a truncated or damaged file is
  refused, never half-loaded.

`CURRENT` names the live generation and is replaced atomically (write, fsync, rename), so a
reader sees either the old snapshot or the new one. Older generations are deleted; processes that
still map them keep their pages (Linux frees an unlinked file when its last mapping goes).
Pure Python + numpy (the caller passes the directory).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import engine as eng

FORMAT = 1
ARRAYS = ("active", "ids", "stale", "length", "region_idx", "lat", "lon", "tier", "services", "industries",
          "qual_until", "qual_from", "has_vector", "scale_max", "has_lines", "clean_best", "due_ord", "hide_ord",
          "vectors", "_indptr", "_indices", "_data")
OBJECTS = ("n", "_capacity", "docs", "slot_of", "_regions", "_region_index", "_region_names", "_vocab", "df",
           "_main_rows", "_total_length")


class SnapshotError(Exception):
    """A snapshot that is absent, of another format or encoder, or damaged."""


def headroom(n: int) -> int:
    """Free rows written after the live ones, so new platforms go in without growing (and thereby
    copying) the mapped arrays: as many as a delta may hold before a compaction."""
    return n + 256 + n // 50


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(engine: eng.Engine, directory: Path, meta: dict, extra: dict) -> Path:
    """Write the engine (compacted first: no delta) as a new generation and make it current.

    `meta` must be JSON-serialisable (the fingerprint); `extra` is pickled with the objects."""
    with engine._lock:
        if engine.delta:
            engine._compact()
        if engine._capacity < headroom(engine.n):
            engine._grow(headroom(engine.n))
        directory.mkdir(parents=True, exist_ok=True)
        generation = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        target = directory / generation
        tmp = directory / f".tmp-{generation}"
        tmp.mkdir()
        files: dict[str, int] = {}
        for name in ARRAYS:
            array = np.ascontiguousarray(getattr(engine, name))
            path = tmp / f"{name.lstrip('_')}.npy"
            np.save(path, array, allow_pickle=False)
            files[path.name] = path.stat().st_size
        objects = {name: getattr(engine, name) for name in OBJECTS}
        objects["extra"] = extra
        with (tmp / "objects.pickle").open("wb") as handle:
            pickle.dump(objects, handle, protocol=pickle.HIGHEST_PROTOCOL)
    full_meta = {**meta, "format": FORMAT, "files": files, "objects_sha256": _sha256(tmp / "objects.pickle"),
                 "n": engine.n, "live": engine.live_count(), "written_at": time.time()}
    (tmp / "meta.json").write_text(json.dumps(full_meta, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)
    pointer = directory / f".CURRENT-{generation}"
    with pointer.open("w", encoding="utf-8") as handle:
        handle.write(generation)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer, directory / "CURRENT")
    for old in directory.iterdir():
        if old.is_dir() and old.name != generation:
            shutil.rmtree(old, ignore_errors=True)
    return target


def current(directory: Path) -> Path | None:
    try:
        name = (directory / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = directory / name
    return path if name and path.is_dir() else None


def read_meta(directory: Path) -> dict:
    path = current(directory)
    if path is None:
        raise SnapshotError("no snapshot")
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SnapshotError(f"unreadable meta.json: {error}") from error
    if meta.get("format") != FORMAT:
        raise SnapshotError(f"format {meta.get('format')} is not {FORMAT}")
    meta["path"] = str(path)
    return meta


def load(directory: Path, make_engine: Callable[[], eng.Engine], *, expect: dict) -> tuple[eng.Engine, dict, dict]:
    """The current snapshot as an engine built by `make_engine()` (same encoder and vocabulary)
    with its state replaced by the mapped arrays. `expect` lists meta keys that must match (the
    encoder, the vocabulary signature). Raises SnapshotError when absent, outdated or damaged."""
    meta = read_meta(directory)
    for key, value in expect.items():
        if meta.get(key) != value:
            raise SnapshotError(f"{key} differs: snapshot {meta.get(key)!r}, wanted {value!r}")
    path = Path(meta["path"])
    for name, size in meta["files"].items():
        try:
            actual = (path / name).stat().st_size
        except OSError as error:
            raise SnapshotError(f"{name} missing") from error
        if actual != size:
            raise SnapshotError(f"{name} has {actual} bytes, expected {size}")
    if _sha256(path / "objects.pickle") != meta["objects_sha256"]:
        raise SnapshotError("objects.pickle does not match its checksum")
    try:
        with (path / "objects.pickle").open("rb") as handle:
            objects = pickle.load(handle)  # noqa: S301 — our own file, checksum verified
        arrays = {name: np.load(path / f"{name.lstrip('_')}.npy", mmap_mode="c", allow_pickle=False)
                  for name in ARRAYS}
    except (OSError, ValueError, pickle.UnpicklingError, EOFError) as error:
        raise SnapshotError(f"unreadable snapshot: {error}") from error
    engine = make_engine()
    with engine._lock:
        for name, array in arrays.items():
            setattr(engine, name, array)
        extra = objects.pop("extra")
        for name, value in objects.items():
            setattr(engine, name, value)
        engine.delta = {}
        engine.__dict__.pop("_live_key", None)
    return engine, meta, extra
