import pytest
from django.core import mail

from pilothub.bookings.models import ServiceOrder
from pilothub.core.errors import Conflict, DomainError, NotFound, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.demands.models import (
    DemandMessage,
    DemandResponse,
    DemandStatus,
    DemandVisibility,
    Quote,
    QuoteStatus,
)
from pilothub.demands.selectors import quote_list_for_demand, thread_get_for_user
from pilothub.demands.services import (
    demand_close,
    demand_express_interest,
    demand_publish,
    message_send,
    quote_accept,
    quote_create,
)
from pilothub.testing.factories import DemandFactory, UserFactory, reviewer

from .factories import enterprise_user, in_days, operator_with_platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal():
    owner = enterprise_user("110116")
    demand = demand_publish(actor=owner, title="光学镜片镀膜中试", text="需要 500 片样品的镀膜工艺验证。",
                            deadline=in_days(15))
    first_op, first = operator_with_platform("110116")
    second_op, second = operator_with_platform("110108")
    return owner, demand, (first_op, first), (second_op, second)


def test_quote_moves_demand_to_talks_and_notifies_enterprise(deal, django_capture_on_commit_callbacks):
    owner, demand, (op, platform), _ = deal
    with django_capture_on_commit_callbacks(execute=True):
        quote = quote_create(demand=demand, platform=platform, actor=op, price=80_000, duration_days=30,
                             conditions="含两轮工艺调整")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.IN_TALKS
    assert (quote.price, quote.duration_days, quote.status) == (80_000, 30, QuoteStatus.SUBMITTED)
    assert Notification.objects.get(recipient=owner).title == "新的报价：光学镜片镀膜中试"
    assert mail.outbox[0].to == [owner.email]
    response = DemandResponse.objects.get(demand=demand, platform=platform)
    assert response.first_quote_at == quote.created_at
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["quote_create", "demand_status"]


def test_second_quote_from_same_platform_withdraws_first(deal):
    _owner, demand, (op, platform), _ = deal
    first = quote_create(demand=demand, platform=platform, actor=op, price=90_000, duration_days=30)
    second = quote_create(demand=demand, platform=platform, actor=op, price=85_000, duration_days=25)
    first.refresh_from_db()
    assert first.status == QuoteStatus.WITHDRAWN and second.status == QuoteStatus.SUBMITTED
    assert DemandResponse.objects.get(demand=demand, platform=platform).first_quote_at == first.created_at


def test_accept_creates_external_order_matches_demand_declines_others(deal, django_capture_on_commit_callbacks):
    owner, demand, (op1, p1), (op2, p2) = deal
    chosen = quote_create(demand=demand, platform=p1, actor=op1, price=80_000, duration_days=30, conditions="含税")
    other = quote_create(demand=demand, platform=p2, actor=op2, price=70_000, duration_days=45)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        order = quote_accept(quote=chosen, actor=owner)
    chosen.refresh_from_db()
    other.refresh_from_db()
    demand.refresh_from_db()
    assert (chosen.status, other.status, demand.status) == (QuoteStatus.ACCEPTED, QuoteStatus.DECLINED,
                                                            DemandStatus.MATCHED)
    assert chosen.order == order
    assert (order.platform, order.customer, order.source, order.source_ref, order.quoted_amount, order.status,
            order.is_external) == (p1, owner.organisation, "quote", f"demands.quote:{chosen.pk}", 80_000, "quoted",
                                   True)
    assert Notification.objects.get(recipient=op1).title == "您的报价已被接受：光学镜片镀膜中试"
    assert Notification.objects.get(recipient=op2).title == "您的报价未被采纳：光学镜片镀膜中试"
    assert {"quote_accept", "quote_decline", "demand_status"} <= set(AuditEvent.objects.values_list("action", flat=True))
    # A second accept of anything on the matched demand is refused; no second order.
    with pytest.raises(Conflict):
        quote_accept(quote=other, actor=owner)
    assert ServiceOrder.objects.count() == 1


def test_non_owner_cannot_accept_and_nothing_changes(deal):
    owner, demand, (op1, p1), _ = deal
    quote = quote_create(demand=demand, platform=p1, actor=op1, price=80_000, duration_days=30)
    for intruder in (enterprise_user(), op1, reviewer("110116")):
        with pytest.raises(PermissionDeniedError):
            quote_accept(quote=quote, actor=intruder)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SUBMITTED
    assert ServiceOrder.objects.count() == 0


@pytest.mark.parametrize(("price", "days", "field"), [(None, 10, "price"), (-1, 10, "price"), (1000, 0, "duration_days"),
                                                       (1000, None, "duration_days"), ("abc", 10, "price")])
def test_bad_quotes_are_refused(deal, price, days, field):
    _owner, demand, (op, platform), _ = deal
    with pytest.raises(DomainError) as caught:
        quote_create(demand=demand, platform=platform, actor=op, price=price, duration_days=days)
    assert caught.value.field == field
    assert Quote.objects.count() == 0


def test_quote_on_closed_or_expired_demand_is_refused(deal):
    owner, demand, (op, platform), _ = deal
    demand_close(demand=demand, actor=owner)
    with pytest.raises(Conflict) as caught:
        quote_create(demand=demand, platform=platform, actor=op, price=1000, duration_days=5)
    assert caught.value.code == "demand_closed"
    expired = DemandFactory(enterprise=owner.organisation, deadline=in_days(-1))
    with pytest.raises(Conflict):
        quote_create(demand=expired, platform=platform, actor=op, price=1000, duration_days=5)
    assert Quote.objects.count() == 0
    assert DemandResponse.objects.count() == 0


def test_only_the_platforms_operator_quotes_and_only_on_visible_demands(deal):
    owner, demand, (op, platform), (other_op, _other) = deal
    with pytest.raises(PermissionDeniedError):
        quote_create(demand=demand, platform=platform, actor=other_op, price=1000, duration_days=5)
    invited_only = demand_publish(actor=owner, title="受邀", text="仅受邀平台", deadline=in_days(5),
                                  visibility=DemandVisibility.INVITED, invited_platform_ids=[_other.pk])
    with pytest.raises(NotFound):
        quote_create(demand=invited_only, platform=platform, actor=op, price=1000, duration_days=5)
    assert Quote.objects.count() == 0


def test_interest_is_recorded_once(deal):
    _owner, demand, (op, platform), _ = deal
    first = demand_express_interest(demand=demand, platform=platform, actor=op).interested_at
    again = demand_express_interest(demand=demand, platform=platform, actor=op).interested_at
    assert first == again is not None
    assert AuditEvent.objects.filter(action="demand_interest").count() == 1


def test_messages_thread_per_platform_notify_other_side_and_record_first_times(deal, django_capture_on_commit_callbacks):
    owner, demand, (op1, p1), (op2, p2) = deal
    with django_capture_on_commit_callbacks(execute=True):
        message_send(demand=demand, platform=p1, actor=op1, body="我们有同类镀膜线，可先寄样。")
        message_send(demand=demand, platform=p1, actor=owner, body="好的，请提供地址。")
    assert Notification.objects.get(recipient=owner).body == f"{p1.name}：我们有同类镀膜线，可先寄样。"
    assert Notification.objects.get(recipient=op1).body == f"{owner.organisation.name}：好的，请提供地址。"
    assert not Notification.objects.filter(recipient=op2).exists()
    assert list(DemandMessage.objects.filter(platform=p1).values_list("side", flat=True)) == ["platform", "enterprise"]
    response = DemandResponse.objects.get(demand=demand, platform=p1)
    assert response.first_message_at is not None and response.enterprise_first_message_at is not None
    # The other platform cannot read or write this thread.
    with pytest.raises(NotFound):
        thread_get_for_user(demand_id=demand.pk, platform_id=p1.pk, user=op2)
    with pytest.raises(PermissionDeniedError):
        message_send(demand=demand, platform=p1, actor=op2, body="插话")
    with pytest.raises(DomainError) as caught:
        message_send(demand=demand, platform=p1, actor=owner, body="  ")
    assert caught.value.field == "body"
    with pytest.raises(DomainError):
        message_send(demand=demand, platform=p1, actor=owner, body="长" * 5001)
    assert DemandMessage.objects.count() == 2


def test_quote_list_scoping(deal):
    owner, demand, (op1, p1), (op2, p2) = deal
    q1 = quote_create(demand=demand, platform=p1, actor=op1, price=1000, duration_days=5)
    q2 = quote_create(demand=demand, platform=p2, actor=op2, price=2000, duration_days=5)
    assert set(quote_list_for_demand(demand=demand, user=owner)) == {q1, q2}
    assert set(quote_list_for_demand(demand=demand, user=UserFactory(organisation=owner.organisation))) == {q1, q2}
    assert list(quote_list_for_demand(demand=demand, user=op2)) == [q2]
    assert set(quote_list_for_demand(demand=demand, user=reviewer("110000"))) == {q1, q2}
    assert list(quote_list_for_demand(demand=demand, user=enterprise_user())) == []
