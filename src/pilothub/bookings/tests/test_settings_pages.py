"""The operator's availability settings page, the reviewer's redemption pages, navigation and links."""

import datetime

import pytest
from django.urls import reverse

from pilothub.bookings.models import BookingPolicy, MaintenanceBlock, OpeningHours
from pilothub.bookings.vouchers.services import redemption_submit
from pilothub.core.models import AuditEvent
from pilothub.core.navigation import navigation_for
from pilothub.testing.factories import EquipmentFactory, UserFactory, reviewer

from .factories import Setting, local
from .voucher_setup import accepted

pytestmark = pytest.mark.django_db


def test_the_operator_sets_hours_policy_and_maintenance_on_one_page(client, django_assert_max_num_queries):
    s = Setting()
    for _ in range(5):
        EquipmentFactory(platform=s.platform)
    client.force_login(s.operator)
    assert client.get(reverse("bookings:availability")).url == f"/bookings/settings/{s.platform.pk}/"
    url = reverse("bookings:availability_platform", args=[s.platform.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200

    response = client.post(url, {"action": "hours", "equipment": str(s.equipment.pk), "weekdays": ["0", "2"],
                                 "opens": "09:00", "closes": "12:00", "opens2": "13:00", "closes2": "17:00"})
    assert response.status_code == 302
    morning, afternoon = (datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(17))
    assert sorted(OpeningHours.objects.filter(equipment=s.equipment).values_list("weekday", "opens", "closes")) == [
        (0, *morning), (0, *afternoon), (2, *morning), (2, *afternoon)]

    response = client.post(url, {"action": "hours", "weekdays": ["1"], "opens": "09:00", "closes": "12:00",
                                 "opens2": "11:00", "closes2": "14:00"})
    assert response.status_code == 400 and "开放时段相互重叠" in response.content.decode()

    response = client.post(url, {"action": "policy", "free_cancel_hours": "1000", "late_cancellation": "refuse",
                                 "max_advance_days": "30"})
    assert response.status_code == 400 and "不能超过 720 小时" in response.content.decode()
    assert not BookingPolicy.objects.exists()
    client.post(url, {"action": "policy", "free_cancel_hours": "48", "late_cancellation": "refuse",
                      "max_advance_days": "30"})
    assert BookingPolicy.objects.values_list("free_cancel_hours", "late_cancellation").get() == (48, "refuse")

    start, end = local(5, 8), local(5, 18)
    response = client.post(url, {"action": "maintenance", "equipment": str(s.equipment.pk),
                                 "start": start.strftime("%Y-%m-%dT%H:%M"), "end": end.strftime("%Y-%m-%dT%H:%M"),
                                 "reason": "校准"})
    assert response.status_code == 302
    block = MaintenanceBlock.objects.get()
    assert (block.start, block.end, block.reason) == (start, end, "校准")
    client.post(url, {"action": "delete_maintenance", "block": str(block.pk)})
    assert not MaintenanceBlock.objects.exists()
    assert set(AuditEvent.objects.filter(action__in=["availability_set", "booking_policy_set", "maintenance_add",
                                                     "maintenance_delete"]).values_list("action", flat=True)) == {
        "availability_set", "booking_policy_set", "maintenance_add", "maintenance_delete"}


def test_other_users_cannot_open_a_platforms_settings(client):
    s = Setting()
    url = reverse("bookings:availability_platform", args=[s.platform.pk])
    for user in (s.enterprise, UserFactory(role="operator"), reviewer("110000")):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "policy", "free_cancel_hours": "1", "late_cancellation": "refuse",
                                 "max_advance_days": "3"}).status_code == 404
    assert not BookingPolicy.objects.exists()


def test_navigation_offers_operators_their_queue_and_settings(rf):
    s = Setting()
    labels = [str(item["label"]) for item in navigation_for(s.operator, "/", group="work")]
    assert "预约审批" in labels and "开放设置" in labels
    assert "开放设置" not in [str(i["label"]) for i in navigation_for(s.enterprise, "/", group="work")]
    assert "创新券兑付" in [str(i["label"]) for i in navigation_for(reviewer("110000"), "/", group="work")]


def test_the_quotes_page_links_the_order(client):
    from pilothub.demands.models import Quote
    from pilothub.demands.services import quote_accept, quote_create
    from pilothub.testing.factories import DemandFactory

    s = Setting()
    demand = DemandFactory(enterprise=s.enterprise_org)
    quote = quote_create(demand=demand, platform=s.platform, actor=s.operator, price=1000, duration_days=5,
                         conditions="")
    order = quote_accept(quote=Quote.objects.get(pk=quote.pk), actor=s.enterprise)
    client.force_login(s.enterprise)
    page = client.get(reverse("demands:quotes", args=[demand.pk])).content.decode()
    assert f'href="/bookings/orders/{order.pk}/"' in page


def test_the_reviewer_sees_the_checks_and_approves_on_the_page(client):
    s = Setting()
    for org in (s.enterprise_org, s.platform.operator):
        org.legal_representative = "钱七"
        org.save()
    redemption = redemption_submit(order=accepted(s), actor=s.operator)
    client.force_login(reviewer("110000"))
    listing = client.get(reverse("bookings:redemptions")).content.decode()
    assert f"#{redemption.pk}" in listing and "关联方交易" in listing
    url = reverse("bookings:redemption_detail", args=[redemption.pk])
    page = client.get(url).content.decode()
    assert "法定代表人相同（钱七）" in page and 'data-rule="related_parties"' in page
    response = client.post(url, {"action": "approve", "note": "核查无误"})
    assert response.status_code == 400 and "请逐项核查后勾选确认" in response.content.decode()
    response = client.post(url, {"action": "approve", "note": "核查无误", "acknowledge_flags": "on"})
    assert response.status_code == 302
    redemption.refresh_from_db()
    assert redemption.status == "approved"
    client.force_login(reviewer("330400"))
    assert client.get(url).status_code == 404
