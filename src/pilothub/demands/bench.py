"""`python -m pilothub.demands.bench`: platform_responsiveness over generated records.

Creates a throwaway test database (SQLite in memory, or PostgreSQL with DATABASE_URL), generates
`--platforms` platforms and `--requests` requests spread over demand threads, service order
inquiries (answered through audit events) and equipment bookings, then times
`platform_responsiveness` for the matching pool (30 platforms), for one platform (the page
fragment) and for every platform. Prints the medians of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time


def _generate(platforms: int, requests: int) -> list[int]:
    from django.utils import timezone

    from pilothub.accounts.credit_code import credit_code_complete
    from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus, Role, User
    from pilothub.bookings.models import Booking, OrderSource, ServiceOrder
    from pilothub.core.models import AuditEvent
    from pilothub.demands.models import Demand, DemandResponse
    from pilothub.platforms.models import Equipment, Platform
    from pilothub.regions.models import Region

    rng = random.Random(11)
    region = Region.objects.get(pk="110116")
    now = timezone.now()
    orgs = Organisation.objects.bulk_create([
        Organisation(name=f"基准单位{i}", kind=OrganisationKind.ENTERPRISE, region=region,
                     credit_code=credit_code_complete(f"91110000MB{i:07d}"), status=OrganisationStatus.APPROVED)
        for i in range(platforms + 50)])
    operators, customers = orgs[:platforms], orgs[platforms:]
    users = User.objects.bulk_create([User(username=f"bench-op-{i}", role=Role.OPERATOR, organisation=o)
                                      for i, o in enumerate(operators)])
    rows = Platform.objects.bulk_create([Platform(name=f"基准平台{i}", operator=o, region=region)
                                         for i, o in enumerate(operators)])
    equipment = Equipment.objects.bulk_create([Equipment(platform=p, name="设备") for p in rows])
    demands = Demand.objects.bulk_create([
        Demand(enterprise=c, title="基准需求", text="基准", deadline=now.date(), region=region, published_at=now)
        for c in customers])
    responses, orders, bookings, answers = [], [], [], []
    used: set[tuple[int, int]] = set()
    for n in range(requests):
        i = rng.randrange(platforms)
        asked = now - datetime.timedelta(hours=rng.uniform(1, 24 * 300))
        delay = datetime.timedelta(hours=rng.expovariate(1 / 30))
        answered = asked + delay if rng.random() < 0.85 and asked + delay < now else None
        kind = n % 3
        if kind == 0:
            d = rng.randrange(len(demands))
            if (d, i) in used:
                continue
            used.add((d, i))
            responses.append(DemandResponse(demand=demands[d], platform=rows[i], enterprise_first_message_at=asked,
                                            first_message_at=answered))
        elif kind == 1:
            orders.append((ServiceOrder(platform=rows[i], customer=rng.choice(customers), title="询价",
                                        source=OrderSource.DIRECT, created_at=asked), answered, users[i]))
        else:
            start = now + datetime.timedelta(days=30, hours=n)
            bookings.append(Booking(equipment=equipment[i], customer=rng.choice(customers), start=start,
                                    end=start + datetime.timedelta(minutes=30), purpose="基准", created_at=asked,
                                    status="approved" if answered else "pending", decided_at=answered))
    DemandResponse.objects.bulk_create(responses)
    Booking.objects.bulk_create(bookings, batch_size=500)
    made = ServiceOrder.objects.bulk_create([o for o, _a, _u in orders], batch_size=500)
    for order, (_o, answered, user) in zip(made, orders, strict=True):
        if answered is not None:
            answers.append(AuditEvent(occurred_at=answered, actor=user, actor_username=user.username,
                                      action="order_transition", object_type="bookings.serviceorder",
                                      object_id=str(order.pk), event_hash=f"bench-{order.pk}"))
    AuditEvent.objects.bulk_create(answers, batch_size=500)
    return [p.pk for p in rows]


def _time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--platforms", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from pilothub.demands.responsiveness import platform_responsiveness

    connection.creation.create_test_db(verbosity=0)
    started = time.perf_counter()
    ids = _generate(args.platforms, args.requests)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(f"{connection.vendor}: generated {args.platforms} platforms, ~{args.requests} requests "
          f"in {time.perf_counter() - started:.1f} s")
    pool = ids[:30]
    print(f"  30 platforms (matching pool): {_time(lambda: platform_responsiveness(pool), args.repeat):.1f} ms")
    print(f"  1 platform (page fragment):   {_time(lambda: platform_responsiveness(ids[:1]), args.repeat):.1f} ms")
    print(f"  all {len(ids)} platforms:       {_time(lambda: platform_responsiveness(ids), args.repeat):.1f} ms")


if __name__ == "__main__":
    main()
