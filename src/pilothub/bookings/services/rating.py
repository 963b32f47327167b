"""Ratings of accepted orders and the platform's single reply."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from pilothub.accounts.models import User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error

from ..events import BookingAuditAction
from ..models import OrderRating, ServiceOrder
from .booking import is_platform_operator
from .order import _locked, order_mark_rated, order_parties

SCORE_FIELDS = {"quality": ("服务质量", "quality"), "timeliness": ("及时性", "timeliness"),
                "price": ("价格", "price"), "communication": ("沟通", "communication")}


@transaction.atomic
def rating_create(*, order: ServiceOrder, actor: User, quality: int, timeliness: int, price: int,
                  communication: int, review: str = "") -> OrderRating:
    order = _locked(order)
    scores = {"quality": quality, "timeliness": timeliness, "price": price, "communication": communication}
    for field, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            zh, en = SCORE_FIELDS[field]
            raise DomainError("invalid_score", f"{zh}评分须为 1–5 的整数", f"The {en} score must be 1 to 5", field=field)
    rating = OrderRating(order=order, platform=order.platform, rated_by=actor, review=review.strip(), **scores)
    order_mark_rated(order=order, actor=actor)  # checks state (accepted) and that the actor is the customer
    raise_first_validation_error(rating, exclude=["order"])
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise Conflict("already_rated", "该订单已评价", "The order has already been rated")
    audit_record(actor=actor, action=BookingAuditAction.RATING_CREATE, obj=rating,
                 region_path=order.platform.region.path, after=model_snapshot(rating))
    return rating


@transaction.atomic
def rating_reply(*, rating: OrderRating, actor: User, reply: str) -> OrderRating:
    rating = OrderRating.objects.select_for_update().select_related("order__platform__region").get(pk=rating.pk)
    platform = rating.order.platform
    if not is_platform_operator(actor, platform):
        raise forbidden("回复该评价", "reply to this rating")
    if rating.replied_at is not None:
        raise Conflict("already_replied", "平台只能回复一次", "The platform may reply only once", field="reply")
    if not reply.strip():
        raise DomainError("required", "请填写回复内容", "A reply is required", field="reply")
    before = model_snapshot(rating)
    rating.reply, rating.replied_by, rating.replied_at = reply.strip(), actor, timezone.now()
    rating.save()
    audit_record(actor=actor, action=BookingAuditAction.RATING_REPLY, obj=rating, region_path=platform.region.path,
                 before=before, after=model_snapshot(rating))
    _operators, customers = order_parties(rating.order)
    notify(recipients=customers, title=f"平台回复了您的评价：{rating.order.title}", body=rating.reply,
           url=f"/bookings/orders/{rating.order_id}/")
    return rating
