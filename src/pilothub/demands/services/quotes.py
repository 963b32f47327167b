"""Platforms respond to demands: interest, quotes, messages; the enterprise accepts one quote."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.bookings.models import OrderSource, OrderStatus, ServiceOrder
from pilothub.bookings.services import order_create
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.core.notifications import notify
from pilothub.platforms.models import Platform, PlatformStatus

from ..models import Demand, DemandMessage, DemandResponse, DemandStatus, MessageSide, Quote, QuoteStatus
from ..selectors import demand_is_visible_to, is_demand_owner
from .common import DemandAction, clean_amount, clean_text, members


def _platform_guard(actor: User, platform: Platform) -> None:
    """Only an operator of the platform's (approved) organisation acts for a published platform."""
    if not (actor.is_authenticated and actor.role == Role.OPERATOR and actor.can_publish
            and actor.organisation_id == platform.operator_id):
        raise forbidden("代表该平台操作", "act for this platform")
    if platform.status != PlatformStatus.PUBLISHED:
        raise DomainError("platform_not_published", "该平台当前未发布", "The platform is not published", field="platform")


def _locked_demand(demand: Demand, actor: User) -> Demand:
    if not demand_is_visible_to(demand=demand, user=actor):
        raise not_found("需求", "Demand")
    return Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)


def _response(demand: Demand, platform: Platform) -> DemandResponse:
    return DemandResponse.objects.select_for_update().get_or_create(demand=demand, platform=platform)[0]


@transaction.atomic
def demand_express_interest(*, demand: Demand, platform: Platform, actor: User) -> DemandResponse:
    """A platform signals interest (意向); the first time is kept for responsiveness figures."""
    _platform_guard(actor, platform)
    demand = _locked_demand(demand, actor)
    if not demand.accepts_quotes:
        raise Conflict("demand_closed", "该需求已不再征集服务", "The demand no longer accepts responses", field="demand")
    response = _response(demand, platform)
    if response.interested_at is None:
        response.interested_at = timezone.now()
        response.save(update_fields=["interested_at"])
        audit_record(actor=actor, action=DemandAction.INTEREST, obj=demand, region_path=demand.region.path,
                     after={"platform": platform.pk, "interested_at": response.interested_at})
        notify(recipients=members(demand.enterprise_id), title=f"平台对您的需求感兴趣：{demand.title}",
               body=f"{platform.name} 表达了服务意向。", url=reverse("demands:detail", args=[demand.pk]))
    return response


@transaction.atomic
def quote_create(*, demand: Demand, platform: Platform, actor: User, price, duration_days,
                 conditions: str = "") -> Quote:
    """A platform quotes (price in yuan, duration in days, conditions). A second quote from the same
    platform withdraws its first, so the enterprise compares one live quote per platform."""
    _platform_guard(actor, platform)
    demand = _locked_demand(demand, actor)
    if demand.enterprise_id == platform.operator_id:
        raise DomainError("own_demand", "不能对本单位发布的需求报价", "You cannot quote on your own organisation's demand")
    if not demand.accepts_quotes:
        raise Conflict("demand_closed", f"该需求当前状态为“{demand.get_effective_status_display()}”，不再接受报价",
                       f"The demand is {demand.effective_status} and no longer accepts quotes", field="demand")
    price = clean_amount(price, field="price", label_zh="报价", label_en="Price")
    duration = clean_amount(duration_days, field="duration_days", label_zh="服务周期（天）", label_en="Duration in days",
                            minimum=1)
    assert price is not None and duration is not None  # required amounts are never None
    conditions = clean_text(conditions, field="conditions", label_zh="服务条件", label_en="Conditions", required=False)
    for old in Quote.objects.select_for_update().filter(demand=demand, platform=platform,
                                                        status=QuoteStatus.SUBMITTED):
        old.status, old.decided_at = QuoteStatus.WITHDRAWN, timezone.now()
        old.save(update_fields=["status", "decided_at"])
        audit_record(actor=actor, action=DemandAction.QUOTE_WITHDRAW, obj=old, region_path=demand.region.path,
                     after=model_snapshot(old), note="被同一平台的新报价替代")
    quote = Quote.objects.create(demand=demand, platform=platform, created_by=actor, price=price,
                                 duration_days=duration, conditions=conditions)
    audit_record(actor=actor, action=DemandAction.QUOTE, obj=quote, region_path=demand.region.path,
                 after=model_snapshot(quote))
    response = _response(demand, platform)
    if response.first_quote_at is None:
        response.first_quote_at = quote.created_at
        response.save(update_fields=["first_quote_at"])
    if demand.status == DemandStatus.OPEN:
        demand.status = DemandStatus.IN_TALKS
        demand.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=DemandAction.STATUS, obj=demand, region_path=demand.region.path,
                     before={"status": DemandStatus.OPEN}, after={"status": demand.status}, note="收到首个报价")
    notify(recipients=members(demand.enterprise_id), title=f"新的报价：{demand.title}",
           body=f"{platform.name} 报价 {price} 元，周期 {duration} 天。",
           url=reverse("demands:quotes", args=[demand.pk]))
    return quote


@transaction.atomic
def quote_accept(*, quote: Quote, actor: User) -> ServiceOrder:
    """The enterprise accepts one quote: a service order is opened with the platform, the demand is
    matched and every other live quote is declined."""
    demand = quote.demand
    if not (actor.is_authenticated and actor.role == Role.ENTERPRISE and actor.can_publish
            and is_demand_owner(actor, demand)):
        raise forbidden("接受该报价（仅需求发布单位）", "accept this quote (the demand's enterprise only)")
    demand = Demand.objects.select_for_update().select_related("region", "enterprise").get(pk=demand.pk)
    quote = Quote.objects.select_for_update().select_related("platform", "platform__region").get(pk=quote.pk)
    if quote.status != QuoteStatus.SUBMITTED:
        raise Conflict("quote_not_open", f"该报价状态为“{quote.get_status_display()}”，不能接受",
                       f"The quote is {quote.status} and cannot be accepted", field="quote")
    if not demand.accepts_quotes:
        raise Conflict("demand_closed", f"该需求当前状态为“{demand.get_effective_status_display()}”，不能再接受报价",
                       f"The demand is {demand.effective_status}; quotes can no longer be accepted", field="demand")
    order = order_create(platform=quote.platform, customer=demand.enterprise, actor=actor, title=demand.title,
                         description=f"{demand.text}\n\n服务条件：{quote.conditions}".strip(),
                         source=OrderSource.QUOTE, source_ref=f"demands.quote:{quote.pk}",
                         quoted_amount=quote.price, status=OrderStatus.QUOTED)
    now = timezone.now()
    quote.status, quote.decided_at, quote.order = QuoteStatus.ACCEPTED, now, order
    quote.save(update_fields=["status", "decided_at", "order"])
    audit_record(actor=actor, action=DemandAction.QUOTE_ACCEPT, obj=quote, region_path=demand.region.path,
                 after=model_snapshot(quote))
    declined = list(Quote.objects.select_for_update().select_related("platform")
                    .filter(demand=demand, status=QuoteStatus.SUBMITTED).exclude(pk=quote.pk))
    for other in declined:
        other.status, other.decided_at = QuoteStatus.DECLINED, now
        other.save(update_fields=["status", "decided_at"])
        audit_record(actor=actor, action=DemandAction.QUOTE_DECLINE, obj=other, region_path=demand.region.path,
                     after=model_snapshot(other), note=f"已接受报价 #{quote.pk}")
    before = demand.status
    demand.status = DemandStatus.MATCHED
    demand.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=DemandAction.STATUS, obj=demand, region_path=demand.region.path,
                 before={"status": before}, after={"status": demand.status}, note=f"接受报价 #{quote.pk}")
    url = reverse("demands:detail", args=[demand.pk])
    notify(recipients=members(quote.platform.operator_id), title=f"您的报价已被接受：{demand.title}",
           body=f"报价 {quote.price} 元已被接受，已生成服务订单 #{order.pk}。", url=url)
    for other in declined:
        notify(recipients=members(other.platform.operator_id), title=f"您的报价未被采纳：{demand.title}",
               body="需求方已选择其他平台，感谢参与。", url=url)
    return order


@transaction.atomic
def message_send(*, demand: Demand, platform: Platform, actor: User, body: str) -> DemandMessage:
    """A message in the demand × platform thread, from either party, to the other."""
    if is_demand_owner(actor, demand):
        side = MessageSide.ENTERPRISE
    elif actor.is_authenticated and actor.role == Role.OPERATOR and actor.organisation_id == platform.operator_id:
        side = MessageSide.PLATFORM
        if not demand_is_visible_to(demand=demand, user=actor):
            raise not_found("需求", "Demand")
    else:
        raise forbidden("在此会话中留言", "write in this thread")
    body = clean_text(body, field="body", label_zh="留言内容", label_en="Message")
    demand = Demand.objects.select_related("region").get(pk=demand.pk)
    message = DemandMessage.objects.create(demand=demand, platform=platform, sender=actor, side=side, body=body)
    audit_record(actor=actor, action=DemandAction.MESSAGE, obj=message, region_path=demand.region.path,
                 after={"demand": demand.pk, "platform": platform.pk, "side": side, "length": len(body)})
    response = _response(demand, platform)
    field = "first_message_at" if side == MessageSide.PLATFORM else "enterprise_first_message_at"
    if getattr(response, field) is None:
        setattr(response, field, message.created_at)
        response.save(update_fields=[field])
    recipients = members(platform.operator_id if side == MessageSide.ENTERPRISE else demand.enterprise_id)
    sender_name = demand.enterprise.name if side == MessageSide.ENTERPRISE else platform.name
    notify(recipients=recipients, title=f"新留言：{demand.title}", body=f"{sender_name}：{body[:200]}",
           url=reverse("demands:thread", args=[demand.pk, platform.pk]))
    return message
