"""`python -m pilothub.platforms.bench`: the public registry pages at 10k and 100k platforms.

Creates a throwaway test database (SQLite file in the temp folder, or `test_<name>` on the
PostgreSQL server of DATABASE_URL), fills it with generated platforms by bulk_create — texts
recombined from the demo platforms, regions and coordinates around the demo platforms' sites,
2 industries, 3 service types, 3 instruments, 2 test services and 1 expert each, CMA on ~30 %,
CNAS on ~10 % (some expired) — builds the search index, then requests each page through
Django's test client (URL routing, middleware, templates and JSON included) and reports p50 and
p95 latency and the number of SQL queries per request.

Usage: python -m pilothub.platforms.bench [--platforms 10000 100000] [--requests 30] [--keepdb] [--only TEXT]

`--keepdb` keeps the generated database after the run and reuses it next time (no generation, no
re-indexing) when it already holds that many platforms: for measuring before/after a change.
`--only TEXT` measures only the rows whose label contains TEXT (e.g. `--only "new words"`).

The row "search, new words" sends a different common word with each request and clears the cache
before each one: the cost of a search nobody has made yet (count, candidates, facets, ranking).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


def _use_bench_database(label: str) -> None:
    """Point the test database at a bench-only name (never the developer's or CI's database)."""
    from django.db import connection

    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(Path(tempfile.gettempdir()) / f"pilothub-bench-{label}.sqlite3")
    else:
        test["NAME"] = f"test_pilothub_bench_{label}"


def _generate(count: int, seed: int = 20261207) -> dict[str, float]:
    """Bulk-create `count` platforms with children; returns timings in seconds."""
    from django.db import transaction

    from pilothub.accounts.credit_code import credit_code_complete
    from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus
    from pilothub.matching.demo_loader import load_vocabularies
    from pilothub.platforms.models import (
        Equipment,
        Expert,
        Industry,
        Platform,
        Qualification,
        ServiceType,
        TestService,
    )
    from pilothub.platforms.search import search_index_rebuild

    rng = random.Random(seed)
    demo = yaml.safe_load((DATA / "demo_platforms.yaml").read_text(encoding="utf-8"))["platforms"]
    sites: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in demo:
        if row.get("lon") is not None:
            sites[row["region"]].append((row["lon"], row["lat"]))
    region_codes = sorted(sites)
    equipment_pool = [e for row in demo for e in row["equipment"]]
    service_pool = [s for row in demo for s in row["test_services"]]
    expert_pool = [x for row in demo for x in row.get("experts") or []]
    stems = [row["name"] for row in demo]
    timings: dict[str, float] = {}

    started = time.perf_counter()
    load_vocabularies()
    industries = list(Industry.objects.values_list("code", flat=True))
    service_types = list(ServiceType.objects.values_list("code", flat=True))
    with transaction.atomic():
        operators = Organisation.objects.bulk_create([Organisation(
            name=f"基准测试运营单位{n}", kind=OrganisationKind.PLATFORM_OPERATOR,
            credit_code=credit_code_complete(f"91110000MB{n:07d}"), region_id=rng.choice(region_codes),
            status=OrganisationStatus.APPROVED) for n in range(max(count // 20, 1))], batch_size=2000)
        batch = 5000
        for start in range(0, count, batch):
            platforms = []
            for n in range(start, min(start + batch, count)):
                source = rng.choice(demo)
                code = rng.choice(region_codes)
                lon, lat = rng.choice(sites[code])
                platforms.append(Platform(
                    name=f"{rng.choice(stems)}（{n}）", operator=operators[n % len(operators)], region_id=code,
                    address=source.get("address", ""), longitude=lon + rng.uniform(-0.04, 0.04),
                    latitude=lat + rng.uniform(-0.03, 0.03), tier=rng.choice(["cultivating", "municipal", "municipal",
                                                                              "provincial", "national"]),
                    main_business=source["main_business"], description=rng.choice(demo)["description"],
                    contact_name="联系人", contact_phone="010-00000000", is_demo=rng.random() < 0.1))
            platforms = Platform.objects.bulk_create(platforms, batch_size=2000)
            industry_links, service_links, equipment, services, experts, qualifications = [], [], [], [], [], []
            for platform in platforms:
                for code in rng.sample(industries, 2):
                    industry_links.append(Platform.industries.through(platform_id=platform.pk, industry_id=code))
                for code in rng.sample(service_types, 3):
                    service_links.append(Platform.service_types.through(platform_id=platform.pk, servicetype_id=code))
                for item in rng.sample(equipment_pool, 3):
                    equipment.append(Equipment(platform_id=platform.pk, name=item["name"], model=item.get("model") or "",
                                               maker=item.get("maker") or "", shareable=rng.random() < 0.7,
                                               original_value=item.get("original_value")))
                for item in rng.sample(service_pool, 2):
                    services.append(TestService(platform_id=platform.pk, name=item["name"],
                                                standard=item.get("standard") or "", price=item.get("price"),
                                                unit=item.get("unit") or ""))
                if expert_pool:
                    item = rng.choice(expert_pool)
                    experts.append(Expert(platform_id=platform.pk, name=item["name"], title=item.get("title") or "",
                                          field=item.get("field") or ""))
                for kind, share in (("CMA", 0.3), ("CNAS", 0.1)):
                    if rng.random() < share:
                        year = 2030 if rng.random() < 0.9 else 2024
                        qualifications.append(Qualification(platform_id=platform.pk, kind=kind,
                                                            number=f"{kind}{platform.pk}", valid_until=f"{year}-06-30"))
            Platform.industries.through.objects.bulk_create(industry_links, batch_size=5000)
            Platform.service_types.through.objects.bulk_create(service_links, batch_size=5000)
            Equipment.objects.bulk_create(equipment, batch_size=5000)
            TestService.objects.bulk_create(services, batch_size=5000)
            Expert.objects.bulk_create(experts, batch_size=5000)
            Qualification.objects.bulk_create(qualifications, batch_size=5000)
    timings["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    search_index_rebuild()
    timings["index"] = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings


def _scenarios(rng: random.Random) -> list[tuple[str, str, dict | None]]:
    from pilothub.platforms.models import Platform

    ids = list(Platform.objects.values_list("pk", flat=True))
    return [
        ("目录首页 directory list", "/platforms/", {}),
        ("目录翻页 directory page 50", "/platforms/", {"page": "50"}),
        ("筛选 filter region+industry+tier", "/platforms/",
         {"region": "110000", "industry": "pharma-health", "tier": "municipal"}),
        ("筛选 filter CMA + shareable", "/platforms/", {"qualification": "CMA", "shareable": "1"}),
        ("搜索 search 抗体", "/platforms/", {"q": "抗体"}),
        ("搜索 search 扫描电子显微镜 + 北京", "/platforms/", {"q": "扫描电子显微镜", "region": "110000"}),
        ("搜索 search 中试 (99 % of platforms) sort=name", "/platforms/", {"q": "中试", "sort": "name"}),
        ("htmx 局部 partial search", "/platforms/", {"q": "工艺放大", "sort": "tier", "_htmx": "1"}),
        ("地图宽 map wide (zoom 5)", "/platforms/map/data/", {"zoom": "5", "bbox": "100,15,130,45"}),
        ("地图窄 map narrow (zoom 14)", "/platforms/map/data/", {"zoom": "14", "bbox": "116.28,39.97,116.34,40.00"}),
        ("地图筛选 map wide + filter", "/platforms/map/data/", {"zoom": "7", "industry": "pharma-health"}),
        ("详情 detail", "/platforms/{id}/", {"_ids": ids}),
        ("API 列表 /api/v1/platforms", "/api/v1/platforms", {"q": "检测", "page_size": "20"}),
        ("新搜索 search, new words (uncached)", "/platforms/", {"_words": True}),
    ]


def _common_words(count: int) -> list[str]:
    """`count` distinct search words that many generated platforms hold: the tokens found in the
    most demo platforms' texts (the generated platforms recombine those texts), longest first
    among equals, skipping one-character tokens. A user's varied searches for common terms."""
    from collections import Counter

    from pilothub.platforms.search import query_tokens

    demo = yaml.safe_load((DATA / "demo_platforms.yaml").read_text(encoding="utf-8"))["platforms"]
    seen: Counter[str] = Counter()
    for row in demo:
        text = " ".join([row["name"], row.get("main_business") or "", row.get("description") or ""])
        seen.update({token for token in query_tokens(text) if len(token) >= 2 and not token.isascii()})
    ranked = sorted(seen, key=lambda token: (-seen[token], -len(token), token))
    return ranked[:count]


def _measure(requests: int, seed: int = 5, only: str = "") -> list[dict]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rng = random.Random(seed)
    client = Client()
    results = []
    for label, url, params in _scenarios(rng):
        if only and only not in label:
            continue
        params = dict(params or {})
        ids = params.pop("_ids", None)
        # A new word per request, every cache cleared first: the cost of a search nobody made before.
        words = _common_words(requests + 2) if params.pop("_words", None) else None
        headers = {"HX-Request": "true"} if params.pop("_htmx", None) else {}
        latencies, queries, sizes, cold = [], [], [], None
        for n in range(requests + 2):
            target = url.format(id=rng.choice(ids)) if ids else url
            if words:
                cache.clear()
                params["q"] = words[n]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(target, params, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (target, response.status_code, response.content[:300])
            if n == 0:  # first request: facet counts not cached yet for these filters
                cold = (elapsed, len(captured))
            if n >= 2:  # two warm-up requests (template, tokenizer and facet caches)
                latencies.append(elapsed)
                queries.append(len(captured))
                sizes.append(len(response.content))
        latencies.sort()
        results.append({"label": label, "p50": statistics.median(latencies),
                        "p95": latencies[max(0, int(round(0.95 * len(latencies))) - 1)],
                        "queries": max(queries), "kb": statistics.median(sizes) / 1024,
                        "cold_ms": cold[0] if cold else 0.0, "cold_queries": cold[1] if cold else 0})
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the public registry pages")
    parser.add_argument("--platforms", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keepdb", action="store_true", help="keep the generated database and reuse it")
    parser.add_argument("--only", default="", help="measure only the rows whose label contains this text")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilothub.settings.test")
    import django

    django.setup()
    from django.db import connection

    for count in args.platforms:
        _use_bench_database(str(count))

        from pilothub.core.text import tokens

        tokens("预热分词器")  # jieba loads once per process (~1 s): not a request's cost
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False,
                                                      keepdb=args.keepdb)
        try:
            from pilothub.platforms.models import Platform

            existing = Platform.objects.count() if args.keepdb else 0
            if existing == count:
                timings = {"generate": 0.0, "index": 0.0}  # reused
            elif existing:
                raise SystemExit(f"the kept database holds {existing} platforms, not {count}: run once without --keepdb")
            else:
                timings = _generate(count)
            vendor = connection.vendor
            print(f"\n## {count:,} platforms on {vendor} — generate {timings['generate']:.0f} s, "
                  f"search index {timings['index']:.0f} s; {args.requests} requests per row\n")
            print("| request | p50 ms | p95 ms | queries | first request ms (queries) | response KB |")
            print("|---|---:|---:|---:|---:|---:|")
            for row in _measure(args.requests, only=args.only):
                print(f"| {row['label']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['queries']} | "
                      f"{row['cold_ms']:.0f} ({row['cold_queries']}) | {row['kb']:.1f} |")
            sys.stdout.flush()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)


if __name__ == "__main__":
    main()
