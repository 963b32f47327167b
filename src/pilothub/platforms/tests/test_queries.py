"""A page costs the same number of queries whatever the number of platforms on it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pilothub.platforms.models import TestService
from pilothub.platforms.search import search_index_batch

from .factories import EquipmentFactory, make_platform

pytestmark = pytest.mark.django_db


def _platforms(count: int) -> list:
    today = timezone.localdate()
    platforms = []
    with search_index_batch():
        for n in range(count):
            platform = make_platform(name=f"平台{n:03d}", industries=("hydrogen", "biologics"),
                                     service_types=("scale-up", "inspection-testing"), equipment=2, experts=1,
                                     qualifications=(("CMA", today + datetime.timedelta(days=30)),))
            TestService.objects.create(platform=platform, name="盐雾试验", price=300)
            platforms.append(platform)
    return platforms


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url, params", [
    ("/platforms/", {}), ("/platforms/", {"q": "平台", "region": "110000", "industry": "green-low-carbon"}),
    ("/api/v1/platforms", {"page_size": 50}), ("/api/v1/equipment", {"page_size": 50}),
    ("/api/v1/test-services", {"page_size": 50}), ("/platforms/map/data/", {"zoom": 3}),
    ("/platforms/map/data/", {"zoom": 12, "bbox": "116,40,117,41"}),
])
def test_list_queries_do_not_grow_with_platforms(client, url, params, django_assert_max_num_queries):
    _platforms(5)
    small = _count(client, url, params)
    _platforms(45)
    with django_assert_max_num_queries(small):
        client.get(url, params)


def test_directory_page_query_budget(client, django_assert_max_num_queries):
    _platforms(50)
    # count, page, 4 prefetches (industries, service types, valid qualifications, shareable
    # equipment), facets (regions ×3 + trail, industries ×2, service types ×2, tiers, flags).
    with django_assert_max_num_queries(18):
        client.get("/platforms/")


def test_detail_queries_do_not_grow_with_children(client, django_assert_max_num_queries):
    small = _platforms(1)[0]
    small_count = _count(client, f"/platforms/{small.pk}/")
    big = make_platform(name="大平台", industries=("hydrogen", "biologics", "new-materials"), experts=8, equipment=0)
    for _ in range(20):
        EquipmentFactory(platform=big)
        TestService.objects.create(platform=big, name="检测", price=1)
    with django_assert_max_num_queries(small_count):
        client.get(f"/platforms/{big.pk}/")
    with django_assert_max_num_queries(small_count):
        client.get(f"/api/v1/platforms/{big.pk}")
