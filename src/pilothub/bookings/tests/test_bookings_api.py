import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pilothub.bookings.models import Booking, BookingPolicy, BookingStatus, MaintenanceBlock, ServiceOrder
from pilothub.core.models import AuditEvent
from pilothub.platforms.models import PlatformStatus
from pilothub.testing.factories import EquipmentFactory, OrganisationFactory, UserFactory, region, reviewer

from .factories import Setting, local, open_all_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Setting()


def post_booking(client, user, equipment_id, start, end, purpose="SEM 形貌观察"):
    client.force_login(user)
    return client.post(f"/api/v1/equipment/{equipment_id}/bookings",
                       {"start": start.isoformat(), "end": end.isoformat(), "purpose": purpose},
                       content_type="application/json")


def test_request_creates_a_pending_booking_and_audits_it(client, s):
    response = post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["customer"] == s.enterprise_org.name
    booking = Booking.objects.get()
    assert booking.start == local(3, 9) and booking.requested_by == s.enterprise
    assert AuditEvent.objects.filter(action="booking_request", object_id=str(booking.pk)).count() == 1


def test_overlap_with_a_pending_or_approved_booking_is_409_and_creates_nothing(client, s):
    assert post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11)).status_code == 201
    other = UserFactory(organisation=OrganisationFactory(region=region("110116")))
    response = post_booking(client, other, s.equipment.pk, local(3, 10), local(3, 12))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "booking_overlap"
    assert response.json()["error"]["message_en"]
    assert Booking.objects.count() == 1
    # Touching intervals do not overlap: [9, 11) then [11, 12).
    assert post_booking(client, other, s.equipment.pk, local(3, 11), local(3, 12)).status_code == 201


def test_declined_and_cancelled_bookings_free_the_slot(client, s):
    post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11))
    booking = Booking.objects.get()
    client.force_login(s.operator)
    response = client.post(f"/api/v1/bookings/{booking.pk}/decline", {"reason": "当天设备校准"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11)).status_code == 201


@pytest.mark.parametrize("start, end, code", [
    (lambda: local(3, 11), lambda: local(3, 9), "invalid_range"),
    (lambda: local(3, 11), lambda: local(3, 11), "invalid_range"),
    (lambda: timezone.now() - datetime.timedelta(hours=1), lambda: timezone.now() + datetime.timedelta(hours=1),
     "start_in_past"),
    (lambda: local(3, 7), lambda: local(3, 9), "outside_opening_hours"),
    (lambda: local(3, 19), lambda: local(4, 9), "outside_opening_hours"),
    (lambda: local(200, 9), lambda: local(200, 10), "too_far_ahead"),
])
def test_bad_slots_are_400_naming_the_problem_and_create_nothing(client, s, start, end, code):
    response = post_booking(client, s.enterprise, s.equipment.pk, start(), end())
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == code
    assert not Booking.objects.exists()


def test_maintenance_blocks_and_non_shareable_equipment_are_400(client, s):
    MaintenanceBlock.objects.create(equipment=s.equipment, start=local(3, 10), end=local(3, 12), reason="年检")
    response = post_booking(client, s.enterprise, s.equipment.pk, local(3, 11), local(3, 13))
    assert response.status_code == 400 and response.json()["error"]["code"] == "in_maintenance"
    private = EquipmentFactory(platform=s.platform, shareable=False)
    response = post_booking(client, s.enterprise, private.pk, local(3, 9), local(3, 10))
    assert response.status_code == 400 and response.json()["error"]["code"] == "equipment_not_shareable"
    assert not Booking.objects.exists()


def test_equipment_hours_override_the_platform_default(client, s):
    open_all_week(s.platform, equipment=s.equipment, opens=datetime.time(13, 0), closes=datetime.time(17, 0))
    response = post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 10))
    assert response.json()["error"]["code"] == "outside_opening_hours"
    assert post_booking(client, s.enterprise, s.equipment.pk, local(3, 13), local(3, 17)).status_code == 201


def test_equipment_without_any_opening_hours_is_not_bookable(client, s):
    bare = EquipmentFactory(platform__status=PlatformStatus.PUBLISHED)
    response = post_booking(client, s.enterprise, bare.pk, local(3, 9), local(3, 10))
    assert response.status_code == 400 and response.json()["error"]["code"] == "no_opening_hours"


def test_login_is_required_and_pending_organisations_cannot_book(client, s):
    response = client.post(f"/api/v1/equipment/{s.equipment.pk}/bookings",
                           {"start": local(3, 9).isoformat(), "end": local(3, 10).isoformat(), "purpose": "x"},
                           content_type="application/json")
    assert response.status_code == 401
    pending = UserFactory(organisation=OrganisationFactory(status="pending"))
    assert post_booking(client, pending, s.equipment.pk, local(3, 9), local(3, 10)).status_code == 403
    assert not Booking.objects.exists()


def test_public_busy_slots_show_times_only(client, s):
    post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11), purpose="保密项目 A")
    MaintenanceBlock.objects.create(equipment=s.equipment, start=local(4, 8), end=local(4, 12))
    client.logout()
    response = client.get(f"/api/v1/equipment/{s.equipment.pk}/bookings")
    assert response.status_code == 200
    assert response.json() == [
        {"start": local(3, 9).astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
         "end": local(3, 11).astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"), "kind": "booking"},
        {"start": local(4, 8).astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
         "end": local(4, 12).astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"), "kind": "maintenance"},
    ]
    assert s.enterprise_org.name not in response.content.decode()
    assert "保密项目" not in response.content.decode()


def test_approval_opens_an_order_from_the_booking(client, s):
    post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11))
    booking = Booking.objects.get()
    client.force_login(s.enterprise)
    assert client.post(f"/api/v1/bookings/{booking.pk}/approve", {}, content_type="application/json").status_code == 403
    client.force_login(s.operator)
    response = client.post(f"/api/v1/bookings/{booking.pk}/approve", {}, content_type="application/json")
    assert response.status_code == 200
    order = ServiceOrder.objects.get()
    assert response.json()["order_id"] == order.pk
    assert (order.source, order.source_ref, order.customer, order.status) == (
        "booking", f"bookings.booking:{booking.pk}", s.enterprise_org, "inquiry")
    again = client.post(f"/api/v1/bookings/{booking.pk}/approve", {}, content_type="application/json")
    assert again.status_code == 409
    assert ServiceOrder.objects.count() == 1


def test_bookings_outside_the_users_scope_are_404(client, s):
    post_booking(client, s.enterprise, s.equipment.pk, local(3, 9), local(3, 11))
    booking = Booking.objects.get()
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 404
    assert client.post(f"/api/v1/bookings/{booking.pk}/cancel", {"reason": "x"},
                       content_type="application/json").status_code == 404
    client.force_login(reviewer("330400"))
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 404
    client.force_login(reviewer("110000"))
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 200


def test_customer_cancels_freely_before_the_deadline_and_late_per_the_rule(client, s):
    BookingPolicy.objects.create(platform=s.platform, free_cancel_hours=48, late_cancellation="allow_marked")
    post_booking(client, s.enterprise, s.equipment.pk, local(5, 9), local(5, 10))
    post_booking(client, s.enterprise, s.equipment.pk, local(1, 19), local(1, 20))
    early, late = Booking.objects.order_by("-start")
    response = client.post(f"/api/v1/bookings/{early.pk}/cancel", {"reason": "计划变更"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["cancelled_late"] is False
    response = client.post(f"/api/v1/bookings/{late.pk}/cancel", {"reason": "样品未到"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["cancelled_late"] is True


def test_refusing_rule_blocks_late_customer_cancellation_but_not_the_operator(client, s):
    BookingPolicy.objects.create(platform=s.platform, free_cancel_hours=48, late_cancellation="refuse")
    post_booking(client, s.enterprise, s.equipment.pk, local(1, 19), local(1, 20))
    booking = Booking.objects.get()
    response = client.post(f"/api/v1/bookings/{booking.pk}/cancel", {"reason": "x"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "cancellation_too_late"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING
    client.force_login(s.operator)
    response = client.post(f"/api/v1/bookings/{booking.pk}/cancel", {"reason": ""}, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["field"] == "reason"
    response = client.post(f"/api/v1/bookings/{booking.pk}/cancel", {"reason": "设备故障"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_the_database_itself_refuses_overlapping_holding_bookings(s):
    """Bypass the service: the constraint (PostgreSQL) or trigger (SQLite) must still refuse."""
    Booking.objects.create(equipment=s.equipment, customer=s.enterprise_org, start=local(3, 9), end=local(3, 11),
                           purpose="a", status="approved")
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(equipment=s.equipment, customer=s.enterprise_org, start=local(3, 10),
                               end=local(3, 12), purpose="b", status="pending")
    declined = Booking.objects.create(equipment=s.equipment, customer=s.enterprise_org, start=local(3, 10),
                                      end=local(3, 12), purpose="c", status="declined")
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.filter(pk=declined.pk).update(status="pending")
    assert Booking.objects.filter(status__in=["pending", "approved"]).count() == 1
    assert connection.vendor in {"sqlite", "postgresql"}
