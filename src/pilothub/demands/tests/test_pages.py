import pytest
from django.urls import reverse

from pilothub.demands.models import Demand
from pilothub.testing.factories import DemandFactory, reviewer

from .factories import enterprise_user, in_days, operator_with_platform, vocab

pytestmark = pytest.mark.django_db


def test_list_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    words = vocab()
    for _ in range(3):
        DemandFactory().service_types.set([words["testing"], words["scale_up"]])
    client.get("/demands/?region=110000")  # warm caches outside the count
    with django_assert_max_num_queries(12) as few:
        assert client.get("/demands/?region=110000").status_code == 200
    for _ in range(25):
        DemandFactory(industry=words["pharma"]).service_types.set([words["testing"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/demands/?region=110000")
    assert response.status_code == 200
    assert response.content.decode().count('href="/demands/') >= 20


def test_publish_form_shows_field_error_and_saves_nothing(client):
    vocab()
    client.force_login(enterprise_user())
    response = client.post(reverse("demands:create"), {
        "title": "测试", "text": "说明", "deadline": in_days(5).isoformat(), "visibility": "public",
        "budget_min": "900", "budget_max": "100"})
    assert response.status_code == 400
    assert "预算下限不能高于预算上限" in response.content.decode()
    assert Demand.objects.count() == 0
    response = client.post(reverse("demands:create"), {
        "title": "测试", "text": "说明", "deadline": in_days(5).isoformat(), "visibility": "public"})
    demand = Demand.objects.get()
    assert response.status_code == 302 and response.url == reverse("demands:detail", args=[demand.pk])


def test_pages_render_for_their_roles(client):
    owner = enterprise_user()
    demand = DemandFactory(enterprise=owner.organisation)
    op, platform = operator_with_platform()
    client.force_login(op)
    assert client.get(reverse("demands:detail", args=[demand.pk])).status_code == 200
    assert client.get(reverse("demands:quote", args=[demand.pk])).status_code == 200
    assert client.get(reverse("demands:recommended")).status_code == 200
    assert client.get(reverse("demands:thread", args=[demand.pk, platform.pk])).status_code == 200
    client.force_login(owner)
    assert "比较报价" in client.get(reverse("demands:detail", args=[demand.pk])).content.decode()
    assert client.get(reverse("demands:quotes", args=[demand.pk])).status_code == 200
    assert client.get(reverse("demands:mine")).status_code == 200
    client.force_login(reviewer("330400"))
    assert client.post(reverse("demands:hide", args=[demand.pk]), {"reason": "越权"}).status_code == 403
    client.force_login(reviewer("110116"))
    response = client.post(reverse("demands:hide", args=[demand.pk]), {"reason": "", "back": "detail"})
    assert response.status_code == 400
    assert Demand.objects.get().is_hidden is False
    client.post(reverse("demands:hide", args=[demand.pk]), {"reason": "虚假信息"})
    assert Demand.objects.get().is_hidden is True
    assert client.get(reverse("demands:moderation")).status_code == 200
    assert client.get(reverse("demands:challenges")).status_code == 200
    client.logout()
    assert client.get(reverse("demands:detail", args=[demand.pk])).status_code == 404
