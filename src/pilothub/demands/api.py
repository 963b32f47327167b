"""Demands, quotes and messages in the JSON API. Handlers are thin: gate, one service, schema."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from pilothub.core.api_auth import AUTH
from pilothub.platforms.models import Platform

from .models import Demand, DemandMessage, DetailChannel, Quote
from .selectors import (
    demand_get_for_user,
    demand_list_for_user,
    message_list,
    quote_get_for_user,
    thread_get_for_user,
)
from .selectors_confidential import details_access
from .services import demand_details_read, demand_publish, message_send, quote_accept, quote_create

router = Router(tags=["demands"])


class DemandIn(Schema):
    title: str = ""
    text: str = ""
    deadline: datetime.date | None = None
    industry: str | None = None
    service_types: list[str] = []
    budget_min: int | None = None
    budget_max: int | None = None
    region_preference: str | None = None
    visibility: str = "public"
    invited_platforms: list[int] = []
    confidential_details: str = ""
    requires_undertaking: bool = False


class DemandOut(Schema):
    id: int
    title: str
    text: str
    enterprise: str
    region: str
    industry: str | None
    service_types: list[str]
    budget_min: int | None
    budget_max: int | None
    deadline: datetime.date
    region_preference: str | None
    visibility: str
    status: str
    has_confidential_details: bool = False
    requires_undertaking: bool = False

    @staticmethod
    def from_demand(demand: Demand) -> DemandOut:
        return DemandOut(id=demand.pk, title=demand.title, text=demand.text, enterprise=demand.enterprise.name,
                         region=demand.region_id, industry=demand.industry_id,
                         service_types=[st.pk for st in demand.service_types.all()], budget_min=demand.budget_min,
                         budget_max=demand.budget_max, deadline=demand.deadline,
                         region_preference=demand.region_preference_id, visibility=demand.visibility,
                         status=demand.effective_status, has_confidential_details=demand.is_confidential,
                         requires_undertaking=demand.requires_undertaking)


class DetailsOut(Schema):
    demand: int
    confidential_details: str
    read_as: str
    platform: int | None


class DemandFilters(Schema):
    q: str = ""
    industry: str = ""
    service_type: str = ""
    region: str = ""
    status: str = ""
    # Bounded so a huge value is a 422, not an integer overflow in the database's OFFSET.
    limit: int = Field(50, le=10_000)
    offset: int = Field(0, le=10_000_000)


class QuoteIn(Schema):
    platform: int
    price: int | None = None
    duration_days: int | None = None
    conditions: str = ""


class QuoteOut(Schema):
    id: int
    demand: int
    platform: int
    price: int
    duration_days: int
    conditions: str
    status: str
    created_at: datetime.datetime

    @staticmethod
    def from_quote(quote: Quote) -> QuoteOut:
        return QuoteOut(id=quote.pk, demand=quote.demand_id, platform=quote.platform_id, price=quote.price,
                        duration_days=quote.duration_days, conditions=quote.conditions, status=quote.status,
                        created_at=quote.created_at)


class AcceptOut(Schema):
    quote: int
    order: int
    demand_status: str


class MessageIn(Schema):
    body: str = ""


class MessageOut(Schema):
    id: int
    side: str
    sender: str
    body: str
    created_at: datetime.datetime

    @staticmethod
    def from_message(message: DemandMessage) -> MessageOut:
        return MessageOut(id=message.pk, side=message.side, sender=str(message.sender or ""), body=message.body,
                          created_at=message.created_at)


@router.get("/demands", response=list[DemandOut], auth=None, summary="需求列表 Demands you may see")
def demand_list(request, filters: Query[DemandFilters]):
    queryset = demand_list_for_user(user=request.user, q=filters.q, industry=filters.industry,
                                    service_type=filters.service_type, region=filters.region, status=filters.status)
    limit = max(1, min(filters.limit, 200))
    return [DemandOut.from_demand(d) for d in queryset[max(filters.offset, 0):max(filters.offset, 0) + limit]]


@router.post("/demands", response={201: DemandOut}, auth=AUTH, summary="发布需求 Publish a demand")
def demand_create(request, payload: DemandIn):
    demand = demand_publish(actor=request.user, title=payload.title, text=payload.text, deadline=payload.deadline,
                            industry_code=payload.industry, service_type_codes=payload.service_types,
                            budget_min=payload.budget_min, budget_max=payload.budget_max,
                            region_preference_code=payload.region_preference, visibility=payload.visibility,
                            invited_platform_ids=payload.invited_platforms,
                            confidential_details=payload.confidential_details,
                            requires_undertaking=payload.requires_undertaking)
    return Status(201, DemandOut.from_demand(demand_get_for_user(demand_id=demand.pk, user=request.user)))


@router.get("/demands/{demand_id}", response=DemandOut, auth=None, summary="需求详情 One demand")
def demand_detail(request, demand_id: int):
    return DemandOut.from_demand(demand_get_for_user(demand_id=demand_id, user=request.user))


@router.get("/demands/{demand_id}/details", response=DetailsOut, auth=AUTH,
            summary="保密详情 A demand's confidential details (granted platforms; each reading is logged)")
def demand_details(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    access = details_access(demand=demand, user=request.user)
    text = demand_details_read(demand=demand, user=request.user, channel=DetailChannel.API)
    return DetailsOut(demand=demand.pk, confidential_details=text, read_as=access.state,
                      platform=access.platform.pk if access.platform else None)


@router.post("/demands/{demand_id}/quotes", response={201: QuoteOut}, auth=AUTH, summary="报价 Quote on a demand")
def demand_quote(request, demand_id: int, payload: QuoteIn):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    platform = get_object_or_404(Platform, pk=payload.platform)
    quote = quote_create(demand=demand, platform=platform, actor=request.user, price=payload.price,
                         duration_days=payload.duration_days, conditions=payload.conditions)
    return Status(201, QuoteOut.from_quote(quote))


@router.post("/quotes/{quote_id}/accept", response=AcceptOut, auth=AUTH, summary="接受报价 Accept a quote")
def quote_accept_endpoint(request, quote_id: int):
    quote = quote_get_for_user(quote_id=quote_id, user=request.user)
    order = quote_accept(quote=quote, actor=request.user)
    demand = demand_get_for_user(demand_id=quote.demand_id, user=request.user)
    return AcceptOut(quote=quote.pk, order=order.pk, demand_status=demand.status)


@router.get("/demands/{demand_id}/messages", response=list[MessageOut], auth=AUTH,
            summary="留言记录 Messages with one platform")
def messages_list(request, demand_id: int, platform: int):
    demand, platform_obj, _side = thread_get_for_user(demand_id=demand_id, platform_id=platform, user=request.user)
    return [MessageOut.from_message(m) for m in message_list(demand=demand, platform=platform_obj)]


@router.post("/demands/{demand_id}/messages", response={201: MessageOut}, auth=AUTH, summary="留言 Send a message")
def messages_send(request, demand_id: int, platform: int, payload: MessageIn):
    demand, platform_obj, _side = thread_get_for_user(demand_id=demand_id, platform_id=platform, user=request.user)
    message = message_send(demand=demand, platform=platform_obj, actor=request.user, body=payload.body)
    return Status(201, MessageOut.from_message(message))
