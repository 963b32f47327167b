"""Synthetic data at production scale for load tests (`pilothub generate-scale-data`).

Issue 10 asks for figures with 100k platforms, 1M equipment items and 1M orders. This module
writes them with bulk inserts in batches (minutes, not hours) and marks every row as generated
(`is_demo=True` for platforms and organisations) so nobody mistakes them for real data. It never
runs in `make test`; `scripts/load-test.sh` calls it against the throwaway production stack.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from pilothub.accounts.credit_code import credit_code_complete
from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus
from pilothub.bookings.models import OrderStatus, ServiceOrder
from pilothub.platforms.models import Equipment, Industry, Platform, PlatformStatus, ServiceType, Tier
from pilothub.regions.models import Region

BATCH = 5_000

# Rough bounding boxes (WGS-84) of the seed regions' territories, by GB/T 2260 prefix.
_BOXES = {"11": (115.7, 39.5, 117.3, 40.9), "3304": (120.3, 30.3, 121.2, 31.0), "4420": (113.1, 22.2, 113.7, 22.8)}
_WORDS = ["抗体偶联药物", "细胞治疗", "合成生物", "新材料", "集成电路", "传感器", "氢能", "储能电池", "智能装备",
          "医疗器械", "纺织印染", "光伏组件", "机器人", "生物医药", "精细化工", "先进封装", "航空航天", "人工智能"]
_SUFFIXES = ["中试平台", "中试基地", "概念验证中心", "工程化平台", "检验检测中心", "中试熟化平台"]
_EQUIPMENT = ["高效液相色谱仪", "扫描电子显微镜", "生物反应器", "喷雾干燥机", "电感耦合等离子体质谱仪", "三坐标测量机",
              "环境试验箱", "激光粒度仪", "冷冻干燥机", "电池充放电测试系统", "X射线衍射仪", "注塑成型机"]
_TIERS = [Tier.CULTIVATING] * 6 + [Tier.MUNICIPAL] * 3 + [Tier.PROVINCIAL, Tier.NATIONAL]


def _batched(total: int, make: Callable[[int], Any]) -> Iterator[list[Any]]:
    for start in range(0, total, BATCH):
        yield [make(i) for i in range(start, min(total, start + BATCH))]


def _box(region: Region) -> tuple[float, float, float, float]:
    for prefix, box in _BOXES.items():
        if region.code.startswith(prefix):
            return box
    return (73.5, 18.0, 134.8, 53.5)


def generate(*, platforms: int, equipment: int, orders: int, seed: int = 2026,
             log: Callable[[str], None] = print) -> dict[str, int]:
    """Insert `platforms` platforms (with industries and service types), `equipment` items and
    `orders` service orders spread over them. Returns the row counts written."""
    rng = random.Random(seed)
    leaves = list(Region.objects.filter(children__isnull=True, is_active=True))
    industries = list(Industry.objects.values_list("code", flat=True))
    service_types = list(ServiceType.objects.values_list("code", flat=True))
    if not leaves or not industries or not service_types:
        raise RuntimeError("reference data missing: run `pilothub migrate` first")
    base = Organisation.objects.count() + 1

    def organisation(i: int, kind: str) -> Organisation:
        n = base + i
        return Organisation(name=f"规模测试单位{n:07d}", kind=kind, region=rng.choice(leaves), is_demo=True,
                            credit_code=credit_code_complete(f"91990000MA{n:07d}"), status=OrganisationStatus.APPROVED)

    operator_count = max(1, platforms // 3)
    customer_count = max(1, min(20_000, orders // 50 or 1))
    with transaction.atomic():
        for batch in _batched(operator_count, lambda i: organisation(i, OrganisationKind.PLATFORM_OPERATOR)):
            Organisation.objects.bulk_create(batch)
        base += operator_count
        for batch in _batched(customer_count, lambda i: organisation(i, OrganisationKind.ENTERPRISE)):
            Organisation.objects.bulk_create(batch)
    operator_ids = list(Organisation.objects.filter(kind=OrganisationKind.PLATFORM_OPERATOR, name__startswith="规模测试单位")
                        .values_list("id", flat=True))
    customer_ids = list(Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, name__startswith="规模测试单位")
                        .values_list("id", flat=True))
    log(f"organisations: {len(operator_ids)} operators, {len(customer_ids)} customers")

    now = timezone.now()

    def platform(i: int) -> Platform:
        region = rng.choice(leaves)
        west, south, east, north = _box(region)
        topic = rng.choice(_WORDS)
        return Platform(name=f"{region.name}{topic}{rng.choice(_SUFFIXES)}{i:06d}", operator_id=rng.choice(operator_ids),
                        region=region, address=f"{region.name}科技园{rng.randint(1, 300)}号",
                        longitude=round(rng.uniform(west, east), 6), latitude=round(rng.uniform(south, north), 6),
                        tier=rng.choice(_TIERS), main_business=f"{topic}工艺放大、{rng.choice(_WORDS)}检测与小批量试生产",
                        description=f"面向{topic}和{rng.choice(_WORDS)}企业提供中试熟化服务。",
                        contact_name="联系人", contact_phone="010-00000000", status=PlatformStatus.PUBLISHED, is_demo=True,
                        last_confirmed_at=now)

    first_platform = (Platform.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for number, batch in enumerate(_batched(platforms, platform)):
        with transaction.atomic():
            created = Platform.objects.bulk_create(batch)
            ind = Platform.industries.through
            st = Platform.service_types.through
            ind.objects.bulk_create([ind(platform_id=p.pk, industry_id=code) for p in created
                                     for code in rng.sample(industries, k=min(2, len(industries)))])
            st.objects.bulk_create([st(platform_id=p.pk, servicetype_id=code) for p in created
                                    for code in rng.sample(service_types, k=min(2, len(service_types)))])
        log(f"platforms: {min((number + 1) * BATCH, platforms)}")
    platform_ids = list(Platform.objects.filter(id__gte=first_platform).values_list("id", flat=True))

    def item(i: int) -> Equipment:
        return Equipment(platform_id=rng.choice(platform_ids), name=rng.choice(_EQUIPMENT), model=f"M-{i % 997}",
                         maker="规模测试厂商", original_value=rng.randint(50_000, 5_000_000),
                         shareable=rng.random() < 0.6)

    for number, batch in enumerate(_batched(equipment, item)):
        with transaction.atomic():
            Equipment.objects.bulk_create(batch)
        if number % 20 == 19:
            log(f"equipment: {(number + 1) * BATCH}")

    statuses = [OrderStatus.ACCEPTED] * 5 + [OrderStatus.RATED] * 2 + [OrderStatus.IN_PROGRESS, OrderStatus.CANCELLED]

    def order(i: int) -> ServiceOrder:
        signed = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 1400))
        return ServiceOrder(platform_id=rng.choice(platform_ids), customer_id=rng.choice(customer_ids),
                            title="规模测试服务", status=rng.choice(statuses), is_external=rng.random() < 0.8,
                            contract_amount=rng.randint(5_000, 2_000_000), contract_signed_on=signed,
                            created_at=timezone.make_aware(datetime.datetime.combine(signed, datetime.time(9))))

    for number, batch in enumerate(_batched(orders, order)):
        with transaction.atomic():
            ServiceOrder.objects.bulk_create(batch)
        if number % 20 == 19:
            log(f"orders: {(number + 1) * BATCH}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"platforms": len(platform_ids), "equipment": equipment, "orders": orders,
            "organisations": len(operator_ids) + len(customer_ids)}
