import pytest
from django.urls import reverse
from icalendar import Calendar

from pilothub.bookings.models import Booking, MaintenanceBlock
from pilothub.bookings.services import booking_create, order_create
from pilothub.testing.factories import EquipmentFactory, reviewer

from .factories import Setting, local

pytestmark = pytest.mark.django_db


def test_equipment_list_filters_and_keeps_queries_flat(client, django_assert_max_num_queries):
    s = Setting()
    for _ in range(15):
        EquipmentFactory(platform=s.platform)
    EquipmentFactory(platform=s.platform, shareable=False, name="内部专用离心机")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("bookings:equipment"))
    assert response.status_code == 200
    assert "扫描电子显微镜" in response.content.decode() and "内部专用离心机" not in response.content.decode()
    assert len(response.context["page"]) == 16
    response = client.get(reverse("bookings:equipment"), {"region": "330400"})
    assert len(response.context["page"]) == 0


def test_week_grid_marks_booked_maintenance_free_and_closed(client):
    s = Setting()
    booking_create(equipment=s.equipment, actor=s.enterprise, start=local(7, 9), end=local(7, 11), purpose="观察")
    MaintenanceBlock.objects.create(equipment=s.equipment, start=local(7, 14), end=local(7, 15))
    response = client.get(reverse("bookings:equipment_detail", args=[s.equipment.pk]),
                          {"week": local(7, 9).date().isoformat()})
    grid = response.context["grid"]
    column = grid["days"].index(local(7, 9).date())
    states = {row["hour"]: row["cells"][column]["state"] for row in grid["rows"]}
    assert (states[8], states[9], states[10], states[11], states[14]) == ("free", "booked", "booked", "free",
                                                                          "maintenance")
    assert s.enterprise_org.name not in response.content.decode()


def test_booking_form_shows_the_problem_next_to_the_field_and_creates_nothing(client):
    s = Setting()
    client.force_login(s.enterprise)
    url = reverse("bookings:equipment_detail", args=[s.equipment.pk])
    response = client.post(url, {"day": local(3, 9).date().isoformat(), "start_time": "06:00", "end_time": "07:00",
                                 "purpose": "观察"})
    assert response.status_code == 400
    assert "开放时间" in response.context["form"].errors["start_time"][0]
    assert not Booking.objects.exists()
    response = client.post(url, {"day": local(3, 9).date().isoformat(), "start_time": "09:00", "end_time": "10:00",
                                 "purpose": "观察"})
    assert response.status_code == 302 and Booking.objects.count() == 1


def test_ical_feed_is_stable_and_anonymous(client):
    s = Setting()
    booking = booking_create(equipment=s.equipment, actor=s.enterprise, start=local(3, 9), end=local(3, 11),
                             purpose="保密")
    response = client.get(f"/bookings/platforms/{s.platform.pk}/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{booking.uid}@pilothub"]
    assert events[0].decoded("dtstart") == local(3, 9)
    assert "保密" not in response.content.decode() and s.enterprise_org.name not in response.content.decode()


def test_order_pages_are_gated_and_list_queries_are_flat(client, django_assert_max_num_queries):
    s = Setting()
    orders = [order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title=f"委托{n}")
              for n in range(10)]
    client.force_login(s.enterprise)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("bookings:orders")).status_code == 200
    assert client.get(reverse("bookings:order_detail", args=[orders[0].pk])).status_code == 200
    client.force_login(reviewer("330400"))
    assert client.get(reverse("bookings:order_detail", args=[orders[0].pk])).status_code == 404


def test_voucher_report_is_for_reviewers(client):
    Setting()
    client.force_login(reviewer("110000"))
    assert client.get(reverse("bookings:vouchers")).status_code == 200
    assert client.get(reverse("bookings:voucher_export")).status_code == 200
    from pilothub.testing.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("bookings:vouchers")).status_code == 403
