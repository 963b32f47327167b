"""Many simultaneous requests, each thread with its own database connection.

They prove the exclusion constraint and the wallet row lock on the real PostgreSQL server. They
are skipped on SQLite: the test database there is Django's shared-cache in-memory database, whose
table locks fail at once ("database table is locked") instead of waiting like the file database
in WAL mode that deployments use. SQLite's guarantee (triggers, CHECK constraint) is tested
without threads in test_bookings_api.py and test_vouchers.py.
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from pilothub.bookings.models import Booking
from pilothub.bookings.services import booking_create, order_contract, order_create, order_quote
from pilothub.bookings.vouchers.models import VoucherUse, VoucherWallet
from pilothub.bookings.vouchers.services import voucher_apply
from pilothub.core.errors import DomainError
from pilothub.testing.factories import OrganisationFactory, UserFactory, region

from .factories import Setting, local

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a real PostgreSQL server"),
    pytest.mark.django_db(transaction=True),
]


def run_simultaneously(functions):
    """Start every function at the same moment in its own thread; collect ("ok", value) or ("error", code)."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = ("ok", function())
        except DomainError as error:
            results[index] = ("error", error.code)
        except Exception as error:  # noqa: BLE001 - reported to the assertion below
            results[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _booking_attempts(s, slots):
    users = [UserFactory(organisation=OrganisationFactory(region=region("110116"))) for _ in slots]

    def attempt(user, start, end):
        return lambda: booking_create(equipment=s.equipment, actor=user, start=start, end=end, purpose="并发").pk

    return [attempt(user, start, end) for user, (start, end) in zip(users, slots, strict=True)]


def _assert_no_overlap(equipment):
    holding = list(Booking.objects.filter(equipment=equipment, status__in=["pending", "approved"]).order_by("start"))
    for earlier, later in zip(holding, holding[1:], strict=False):
        assert earlier.end <= later.start


def test_simultaneous_requests_for_one_slot_yield_exactly_one_booking():
    s = Setting()
    slots = [(local(3, 9), local(3, 11))] * 8
    results = run_simultaneously(_booking_attempts(s, slots))
    assert [r for r in results if r[0] == "crash"] == []
    assert sorted(r[0] for r in results) == ["error"] * 7 + ["ok"]
    assert {r[1] for r in results if r[0] == "error"} == {"booking_overlap"}
    assert Booking.objects.count() == 1


def test_simultaneous_staggered_overlapping_requests_never_overlap():
    s = Setting()
    # Eight requests each overlapping its neighbours by 30 minutes: 9:00–10:00, 9:30–10:30, …
    slots = [(local(3, 9) + timezone.timedelta(minutes=30 * i), local(3, 10) + timezone.timedelta(minutes=30 * i))
             for i in range(8)]
    results = run_simultaneously(_booking_attempts(s, slots))
    assert [r for r in results if r[0] == "crash"] == []
    assert 1 <= sum(r[0] == "ok" for r in results) <= 4
    assert Booking.objects.count() == sum(r[0] == "ok" for r in results)
    _assert_no_overlap(s.equipment)


def _contracted_orders(s, count, amount):
    orders = []
    for n in range(count):
        order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise,
                             title=f"检测委托{n}")
        order_quote(order=order, actor=s.operator, amount=amount)
        orders.append(order_contract(order=order, actor=s.operator, amount=amount, signed_on=timezone.localdate()))
    return orders


def test_simultaneous_voucher_uses_never_exceed_the_yearly_cap():
    s = Setting()
    orders = _contracted_orders(s, 7, 100_000)
    results = run_simultaneously([
        (lambda order=order: voucher_apply(order=order, actor=s.enterprise, amount=100_000).amount)
        for order in orders])
    assert [r for r in results if r[0] == "crash"] == []
    assert sorted(r[0] for r in results) == ["error"] * 2 + ["ok"] * 5
    assert {r[1] for r in results if r[0] == "error"} == {"voucher_cap_exceeded"}
    wallet = VoucherWallet.objects.get()
    assert (wallet.cap, wallet.used_amount) == (500_000, 500_000)
    assert sum(VoucherUse.objects.values_list("amount", flat=True)) == 500_000


def test_two_large_simultaneous_voucher_uses_cannot_both_pass():
    s = Setting()
    orders = _contracted_orders(s, 2, 400_000)
    results = run_simultaneously([
        (lambda order=order: voucher_apply(order=order, actor=s.enterprise, amount=300_000).amount)
        for order in orders])
    assert sorted(results) == [("error", "voucher_cap_exceeded"), ("ok", 300_000)]
    assert VoucherWallet.objects.get().used_amount == 300_000


def test_the_exclusion_constraint_and_its_extension_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT contype FROM pg_constraint WHERE conname = 'booking_no_overlap'")
        assert cursor.fetchall() == [("x",)]
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")
        assert cursor.fetchall() == [(1,)]


def test_the_yearly_cap_holds_across_many_small_applications_under_a_per_application_cap(settings, tmp_path):
    """Decision 0604: with a share rule and a per-application cap in force, 12 simultaneous uses of
    50 000 yuan on 12 orders still stop at the 500 000 yuan year (exactly 10 succeed)."""
    from .voucher_setup import write_rules

    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, mode="tongyong", voucher_rate_max="0.5",
                                              per_application_cap=60_000)
    s = Setting()
    orders = _contracted_orders(s, 12, 100_000)
    results = run_simultaneously([
        (lambda order=order: voucher_apply(order=order, actor=s.enterprise, amount=50_000).amount)
        for order in orders])
    assert [r for r in results if r[0] == "crash"] == []
    assert sorted(r[0] for r in results) == ["error"] * 2 + ["ok"] * 10
    assert {r[1] for r in results if r[0] == "error"} == {"voucher_cap_exceeded"}
    assert VoucherWallet.objects.get().used_amount == 500_000
    assert VoucherUse.objects.count() == 10


def test_simultaneous_redemption_claims_for_one_order_yield_one():
    from pilothub.bookings.vouchers.models import VoucherRedemption
    from pilothub.bookings.vouchers.services import redemption_submit

    from .voucher_setup import accepted

    s = Setting()
    order = accepted(s)
    others = [UserFactory(role="operator", organisation=s.platform.operator) for _ in range(5)]
    results = run_simultaneously([(lambda user=user: redemption_submit(order=order, actor=user).pk)
                                  for user in [s.operator, *others]])
    assert [r for r in results if r[0] == "crash"] == []
    assert sorted(r[0] for r in results) == ["error"] * 5 + ["ok"]
    assert {r[1] for r in results if r[0] == "error"} == {"redemption_exists"}
    assert VoucherRedemption.objects.count() == 1
