"""`python -m pilothub.platforms.bench_trust`: the cost of the trust layer's hard filters in matching.

Builds an engine over N generated documents (default 100k; no database, no encoder) of which a
third declare pilot lines and a tenth are overdue or hidden, then times top-10 searches with and
without pilot-line requirements. The difference is the cost of `Engine.eligible` (hidden mask,
scale and clean-room masks) and the overdue penalty.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

from pilothub.matching.engine import Document, Engine, Line, Query

WORDS = ["发酵", "反应釜", "工艺放大", "灌装", "冻干", "纯化", "合成", "检测", "中试", "洁净", "涂布", "压铸"]


def build(n: int, seed: int = 2026) -> tuple[Engine, datetime.date]:
    rng = random.Random(seed)
    today = datetime.date(2026, 12, 7)
    docs = []
    for i in range(n):
        lines: tuple[Line, ...] = ()
        if i % 3 == 0:
            lines = (Line(f"线{i}", rng.choice(["volume", "mass"]), float(rng.choice([50, 200, 500, 2000, 5000]))),
                     Line(f"洁净{i}", cleanroom_class=rng.choice([None, 5, 7, 8])))
        confirmed = today - datetime.timedelta(days=rng.randint(0, 260))
        due = confirmed + datetime.timedelta(days=180)
        docs.append(Document(id=i + 1, name="".join(rng.sample(WORDS, 3)) + "平台",
                             main_business="、".join(rng.sample(WORDS, 4)), lines=lines,
                             due_on=due, hide_on=due + datetime.timedelta(days=61)))
    engine = Engine(use_dense=False)
    engine.rebuild(docs)
    return engine, today


def timed(engine: Engine, queries: list[Query], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            engine.search(query, top=10)
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--platforms", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    engine, today = build(args.platforms)
    print(f"built {args.platforms} documents in {time.perf_counter() - start:.1f} s")
    plain = [Query(text=f"{a}{b}", today=today) for a, b in zip(WORDS, reversed(WORDS), strict=True)]
    hard = [Query(text=q.text, today=today, min_scale={"volume": (2000.0, "2000L 以上")}, cleanroom_max_class=7)
            for q in plain]
    for label, queries in (("without requirements", plain), ("with scale + clean-room", hard)):
        times = sorted(timed(engine, queries, args.rounds))
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} searches")
    hidden = int(((engine.hide_ord[: engine.n] > 0) & (today.toordinal() >= engine.hide_ord[: engine.n])).sum())
    print(f"hidden today: {hidden} of {engine.n}")


if __name__ == "__main__":
    main()
