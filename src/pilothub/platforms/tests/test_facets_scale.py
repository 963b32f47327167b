"""Facet counts of a search and the cache stampede guard (decision 0308, addendum).

A search's facets count its matches when there are at most search.RANK_CANDIDATES (exact), and
otherwise the RANK_CANDIDATES platforms listed first in relevance order, saying so. A missing
cache entry is computed by one request while the others wait for it (search.cached_compute).
"""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pilothub.platforms import search
from pilothub.platforms.search import cached_compute
from pilothub.platforms.selectors import PlatformFilters, platform_facets

from .factories import make_platform, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap(monkeypatch):
    monkeypatch.setattr(search, "RANK_CANDIDATES", 3)
    return 3


def _counts(facet: dict) -> dict:
    return {o["value"]: o["count"] for o in facet["options"]}


def _match_lookups(captured) -> int:
    marker = "@@" if connection.vendor == "postgresql" else f"{search.FTS_TABLE} MATCH"
    return sum(marker in query["sql"] for query in captured.captured_queries)


def test_search_facets_under_the_cap_are_exact_and_read_the_index_once(cap):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    make_platform(name="甲", main_business="抗体偶联药物", region=region("110116"), tier="municipal",
                  industries=("biologics",), service_types=("scale-up",), equipment=1,
                  qualifications=(("CMA", soon),))
    make_platform(name="乙", main_business="抗体偶联药物", region=region("330402"), tier="national",
                  industries=("new-materials",), equipment=1, shareable=False)
    make_platform(name="丙", main_business="抗体偶联药物", region=region("110108"), tier="municipal",
                  service_types=("scale-up",), qualifications=(("CNAS", soon),))
    make_platform(name="丁", main_business="锂电池材料", region=region("110108"), tier="national",
                  industries=("biologics",), service_types=("scale-up",), qualifications=(("CMA", soon),))
    with CaptureQueriesContext(connection) as captured:
        facets = platform_facets(filters=PlatformFilters(q="抗体偶联药物"))
    assert facets["capped"] is None
    assert {o["label"]: o["count"] for o in facets["region"]["options"]} == {"北京市": 2, "浙江省": 1}
    assert _counts(facets["tier"]) == {"municipal": 2, "national": 1}
    assert _counts(facets["service_type"]) == {"scale-up": 2}
    assert _counts(facets["industry"]) == {"pharma-health": 1, "new-materials": 1}
    assert _counts(facets["qualification"]) == {"CMA": 1, "CNAS": 1}
    assert facets["shareable"]["count"] == 1
    # The matches are read once; the six facet queries count a list of ids.
    assert _match_lookups(captured) == 1


def test_search_facets_over_the_cap_count_the_first_in_relevance_order_and_say_so(client, cap):
    # Five body matches (national) created first, then two name matches (municipal): the relevance
    # order lists the two name matches, then one body match.
    for n in range(5):
        make_platform(name=f"发酵平台{n}", main_business="抗体偶联药物工艺放大", tier="national",
                      region=region("330402"))
    for n in range(2):
        make_platform(name=f"抗体偶联药物中试平台{n}", main_business="工艺放大", tier="municipal",
                      region=region("110116"))
    facets = platform_facets(filters=PlatformFilters(q="抗体偶联药物"))
    assert facets["capped"] == 3
    assert _counts(facets["tier"]) == {"municipal": 2, "national": 1}
    assert {o["label"]: o["count"] for o in facets["region"]["options"]} == {"北京市": 2, "浙江省": 1}
    html = client.get("/platforms/", {"q": "抗体偶联药物"}).content.decode()
    assert "以下各项数量只统计按相关度排在前 3 的平台" in html
    # Without a query the facets count everything, and say nothing.
    plain = platform_facets(filters=PlatformFilters())
    assert plain["capped"] is None
    assert _counts(plain["tier"]) == {"municipal": 2, "national": 5}
    assert "只统计按相关度" not in client.get("/platforms/").content.decode()


def test_a_new_search_page_reads_the_document_index_for_the_name_stream_and_the_head_only(client, cap):
    for n in range(2):
        make_platform(name=f"抗体偶联药物平台{n}", main_business="工艺放大")
    make_platform(name="发酵平台", main_business="抗体偶联药物")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/platforms/", {"q": "抗体偶联药物"}).content.decode()
    assert "共 3 个平台" in html and html.count('<article class="platform-card">') == 3
    # PostgreSQL: name stream + head (the ranking joins the candidates by id); SQLite's bm25 ranking
    # also joins the FTS table with MATCH.
    assert _match_lookups(captured) == (2 if connection.vendor == "postgresql" else 3)


def test_search_facets_exactly_at_the_cap_are_exact(cap):
    for n in range(3):
        make_platform(name=f"平台{n}", main_business="抗体偶联药物", tier="provincial")
    facets = platform_facets(filters=PlatformFilters(q="抗体偶联药物"))
    assert facets["capped"] is None and _counts(facets["tier"]) == {"provincial": 3}


# --- cached_compute -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_cached_compute_stores_and_reuses_and_releases_the_lock():
    calls = []
    assert cached_compute("k", lambda: calls.append(1) or 41, timeout=60) == 41
    assert cached_compute("k", lambda: calls.append(1) or 42, timeout=60) == 41
    assert calls == [1] and cache.get("k") == 41 and cache.get("k:lock") is None


def test_cached_compute_releases_the_lock_when_the_computation_fails():
    def boom():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cached_compute("k", boom, timeout=60)
    assert cache.get("k:lock") is None and cache.get("k") is None
    assert cached_compute("k", lambda: 7, timeout=60) == 7


def test_a_waiting_request_takes_the_value_the_lock_holder_stores():
    cache.add("k:lock", 1, 10)  # another request is computing
    clock = FakeClock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if len(clock.sleeps) == 3:
            cache.set("k", "theirs", 60)

    calls = []
    value = cached_compute("k", lambda: calls.append(1) or "mine", timeout=60, wait=2.0, poll=0.05,
                           sleep=sleep, clock=clock)
    assert value == "theirs" and calls == [] and len(clock.sleeps) == 3


def test_a_waiting_request_computes_itself_after_the_wait():
    cache.add("k:lock", 1, 10)  # a holder that never finishes
    clock = FakeClock()
    value = cached_compute("k", lambda: "mine", timeout=60, wait=1.0, poll=0.25, sleep=clock.sleep, clock=clock)
    assert value == "mine" and cache.get("k") == "mine"
    assert clock.sleeps == [0.25] * 4  # polled for the whole wait, then computed: never failed
    assert cache.get("k:lock") == 1  # the other request's lock is not ours to delete


def test_a_waiting_request_computes_at_once_when_the_lock_goes_without_a_value():
    cache.add("k:lock", 1, 10)
    clock = FakeClock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        cache.delete("k:lock")  # the holder failed

    assert cached_compute("k", lambda: "mine", timeout=60, wait=5.0, poll=0.1, sleep=sleep, clock=clock) == "mine"
    assert len(clock.sleeps) == 1


def test_concurrent_requests_compute_a_missing_entry_once():
    started, release = threading.Event(), threading.Event()
    calls, results = [], []

    def slow() -> str:
        calls.append(threading.get_ident())
        started.set()
        release.wait(5)
        return "value"

    def request() -> None:
        results.append(cached_compute("k", slow, timeout=60, wait=5.0, poll=0.01))

    first = threading.Thread(target=request)
    first.start()
    assert started.wait(5)
    others = [threading.Thread(target=request) for _ in range(3)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert results == ["value"] * 4
    assert len(calls) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner setting")
def test_index_lookups_disable_sequential_scans_inside_only():
    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    assert setting() == "on"
    with search.index_lookups():
        assert setting() == "off"
    assert setting() == "on"  # put back although the test's transaction is still open
    with pytest.raises(RuntimeError), search.index_lookups():
        raise RuntimeError("query failed")
    assert setting() == "on"


def test_index_lookups_leave_sqlite_alone():
    with search.index_lookups():
        assert cached_compute("k", lambda: 1, timeout=60) == 1


def test_a_search_page_in_an_explicit_order_is_read_with_the_index_lookups():
    from pilothub.platforms.selectors import platform_paginator

    names = ["丙抗体偶联药物平台", "甲抗体偶联药物平台", "乙抗体偶联药物平台"]
    for name in names:
        make_platform(name=name)
    make_platform(name="锂电池平台")
    paginator = platform_paginator(filters=PlatformFilters(q="抗体偶联药物", sort="name"), per_page=2)
    with CaptureQueriesContext(connection) as captured:
        page = paginator.page(1)
    assert isinstance(page.object_list, list)
    assert [p.name for p in page.object_list] == sorted(names)[:2]
    sqls = [query["sql"] for query in captured.captured_queries]
    page_query = next(n for n, sql in enumerate(sqls) if 'ORDER BY "platforms_platform"."name"' in sql)
    if connection.vendor == "postgresql":
        switched = [n for n, sql in enumerate(sqls) if "set_config('enable_seqscan'" in sql]
        assert len(switched) == 2 and switched[0] < page_query < switched[1]
    unfiltered = platform_paginator(filters=PlatformFilters(sort="name"), per_page=2)
    with CaptureQueriesContext(connection) as captured:
        unfiltered.page(1)
    assert not any("enable_seqscan" in query["sql"] for query in captured.captured_queries)


def test_map_data_of_a_search_is_read_with_the_index_lookups():
    from pilothub.platforms.selectors import platform_map_data

    found = make_platform(name="抗体偶联药物平台", longitude=116.63, latitude=40.32)
    make_platform(name="锂电池平台", longitude=116.64, latitude=40.33)
    with CaptureQueriesContext(connection) as captured:
        data = platform_map_data(filters=PlatformFilters(q="抗体偶联药物"), bbox=None, zoom=14)
    assert [point[0] for point in data["points"]] == [found.pk]
    switched = any("set_config('enable_seqscan'" in query["sql"] for query in captured.captured_queries)
    assert switched is (connection.vendor == "postgresql")
    with CaptureQueriesContext(connection) as captured:
        data = platform_map_data(filters=PlatformFilters(), bbox=None, zoom=14)
    assert len(data["points"]) == 2
    assert not any("enable_seqscan" in query["sql"] for query in captured.captured_queries)
