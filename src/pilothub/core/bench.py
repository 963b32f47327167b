"""`python -m pilothub.core.bench`: what a background job costs on top of the work it runs.

On a throwaway test database (see platforms.bench) with generated platforms: the search index
rebuild called directly and as a background job (start, eager run, progress, audit); the cost of
one progress report outside a transaction (cache + row update) and inside one (cache only); and
the job page's polled fragment (p50/p95 latency and SQL queries per request).

Usage: python -m pilothub.core.bench [--platforms 10000] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _run(count: int, requests: int) -> None:
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    from pilothub.core import jobs
    from pilothub.core.models import BackgroundJob, JobKind
    from pilothub.platforms.bench import _generate
    from pilothub.platforms.search import search_index_rebuild
    from pilothub.testing.factories import admin

    timings = _generate(count)
    user = admin()
    started = time.perf_counter()
    search_index_rebuild()
    direct = time.perf_counter() - started

    started = time.perf_counter()
    job = jobs.start_job(JobKind.SEARCH_INDEX_REBUILD, user)  # eager: runs on commit, i.e. here
    as_job = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == "done", job.error_zh

    tracker = jobs._Tracker(job.pk)
    calls = 1000
    started = time.perf_counter()
    for n in range(calls):
        tracker(n, calls, "bench")
    outside = (time.perf_counter() - started) / calls * 1000
    with transaction.atomic():
        started = time.perf_counter()
        for n in range(calls):
            tracker(n, calls, "bench")
        inside = (time.perf_counter() - started) / calls * 1000

    BackgroundJob.objects.filter(pk=job.pk).update(status="running")
    client = Client()
    client.force_login(user)
    url = reverse("core:job_progress", args=[job.pk])
    client.get(url)
    latencies = []
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        latencies.append((time.perf_counter() - started) * 1000)

    print(f"\n## background jobs, {count:,} platforms on {connection.vendor} "
          f"(generated in {timings['generate']:.0f} s)\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| search index rebuild, direct | {direct:.2f} s |")
    print(f"| search index rebuild as a job (start + eager run + progress + audit) | {as_job:.2f} s "
          f"({job.steps_done}/{job.steps_total} steps) |")
    print(f"| one progress report outside a transaction (cache + row) | {outside:.3f} ms |")
    print(f"| one progress report inside a transaction (cache only) | {inside:.3f} ms |")
    print(f"| polled fragment p50 / p95 ({requests} requests) | {statistics.median(latencies):.1f} / "
          f"{_percentile(latencies, 0.95):.1f} ms, {len(queries)} queries |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark background jobs")
    parser.add_argument("--platforms", type=int, nargs="+", default=[10_000])
    parser.add_argument("--requests", type=int, default=50)
    args, _unknown = parser.parse_known_args(argv)  # make bench passes every module the same options

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilothub.settings.test")
    import django

    django.setup()
    from django.db import connection

    from pilothub.platforms.bench import _use_bench_database

    for count in args.platforms:
        _use_bench_database(f"jobs-{count}")
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            _run(count, args.requests)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
