"""How fast platforms answer the people who ask them something, measured from real records.

A *request* is something an enterprise asked a platform directly; its *answer* is the operator's
first reaction (decision 0553):

| source | asked at | answered at |
|---|---|---|
| demand invitation (仅受邀平台可见, the platform invited) | `demand.published_at` | first of interest / quote / platform message |
| demand thread opened by the enterprise | `enterprise_first_message_at` | first of interest / quote / platform message after it |
| service order inquiry (`source=direct`) | `order.created_at` | first status change made by an operator of the platform (quote, or a refusal by cancelling) |
| equipment booking request | `booking.created_at` | `booking.decided_at` (approved or declined) |

Requests from the platform's own operating organisation, requests withdrawn before any answer
(cancelled orders and bookings without an operator decision) and threads the platform opened
itself are not requests. An unanswered request counts against the platform once its deadline has
passed (the end of the 3rd working day after the day it was made, `core.workdays`); before that
it is *pending* and left out.

`platform_responsiveness(platform_ids)` reads every source with one query each, whatever the number
of platforms (two for orders: the answer comes from a Min() aggregate over the audit trail), and returns a
`Responsiveness` per platform id: the median hours to the first answer among answered requests and
the share of due requests answered within three working days.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Min, Q
from django.utils import timezone

from pilothub.bookings.events import BookingAuditAction
from pilothub.bookings.models import Booking, BookingStatus, OrderSource, OrderStatus, ServiceOrder
from pilothub.core.models import AuditEvent
from pilothub.core.workdays import answer_deadline

from .models import Demand, DemandResponse, DemandVisibility

WORKING_DAYS = 3
# Requests older than this are not counted on the platform page and in matching (a year).
DEFAULT_WINDOW = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Request:
    platform_id: int
    source: str  # demand_invitation / demand_thread / order_inquiry / booking
    asked_at: datetime.datetime
    answered_at: datetime.datetime | None


@dataclass
class Responsiveness:
    platform_id: int
    requests: int = 0  # counted (due or answered); pending ones are not included
    answered: int = 0
    within: int = 0  # answered within WORKING_DAYS working days
    pending: int = 0  # unanswered, deadline not yet passed
    median_hours: float | None = None

    @property
    def share_within(self) -> float | None:
        """Share (0–1) of counted requests answered within three working days; None without any."""
        return self.within / self.requests if self.requests else None

    @property
    def share_percent(self) -> float | None:
        share = self.share_within
        return None if share is None else round(share * 100, 1)

    @property
    def median_days(self) -> float | None:
        return None if self.median_hours is None else round(self.median_hours / 24, 1)


def _first(*moments: datetime.datetime | None) -> datetime.datetime | None:
    present = [m for m in moments if m is not None]
    return min(present) if present else None


def _demand_requests(ids: list[int], since, until) -> list[Request]:
    responses = {(d, p): (_first(i, q, m), e) for d, p, i, q, m, e in
                 DemandResponse.objects.filter(platform_id__in=ids)
                 .exclude(demand__enterprise_id=F("platform__operator_id"))
                 .values_list("demand_id", "platform_id", "interested_at", "first_quote_at", "first_message_at",
                              "enterprise_first_message_at")}
    requests: dict[tuple[int, int], Request] = {}
    invitations = (Demand.invited_platforms.through.objects
                   .filter(platform_id__in=ids, demand__visibility=DemandVisibility.INVITED,
                           demand__published_at__isnull=False)
                   .exclude(demand__enterprise_id=F("platform__operator_id"))
                   .values_list("demand_id", "platform_id", "demand__published_at"))
    for demand_id, platform_id, published_at in invitations:
        if published_at is None:  # excluded by the filter; keeps the type checker informed
            continue
        answered = responses.get((demand_id, platform_id), (None, None))[0]
        requests[(demand_id, platform_id)] = Request(platform_id, "demand_invitation", published_at, answered)
    for (demand_id, platform_id), (platform_first, enterprise_first) in responses.items():
        if (demand_id, platform_id) in requests or enterprise_first is None:
            continue
        if platform_first is not None and platform_first <= enterprise_first:
            continue  # the platform spoke first: nobody was waiting for it
        requests[(demand_id, platform_id)] = Request(platform_id, "demand_thread", enterprise_first, platform_first)
    return [r for r in requests.values() if _in_window(r.asked_at, since, until)]


def _in_window(moment: datetime.datetime, since, until) -> bool:
    return (since is None or moment >= since) and (until is None or moment < until)


def _order_requests(ids: list[int], since, until) -> list[Request]:
    queryset = _window(ServiceOrder.objects.filter(platform_id__in=ids, source=OrderSource.DIRECT)
                       .exclude(customer_id=F("platform__operator_id")), "created_at", since, until)
    orders = list(queryset.values_list("pk", "platform_id", "platform__operator_id", "created_at", "status"))
    # The first status change by someone of the platform's operating organisation, per order: one
    # aggregate over the audit trail (object ids in chunks, so the (type, id) index is used).
    first: dict[tuple[str, int | None], datetime.datetime] = {}
    keys = [str(pk) for pk, *_rest in orders]
    for start in range(0, len(keys), 1000):
        rows = (AuditEvent.objects.filter(object_type="bookings.serviceorder", object_id__in=keys[start:start + 1000],
                                          action=BookingAuditAction.ORDER_TRANSITION)
                .values("object_id", "actor__organisation_id").annotate(first=Min("occurred_at"))
                .values_list("object_id", "actor__organisation_id", "first"))
        first.update({(object_id, organisation): moment for object_id, organisation, moment in rows})
    requests = []
    for pk, platform_id, operator_id, asked, status in orders:
        answered = first.get((str(pk), operator_id))
        if answered is None and status == OrderStatus.CANCELLED:
            continue  # withdrawn by the customer before any answer
        requests.append(Request(platform_id, "order_inquiry", asked, answered))
    return requests


def _booking_requests(ids: list[int], since, until) -> list[Request]:
    queryset = (Booking.objects.filter(equipment__platform_id__in=ids)
                .exclude(customer_id=F("equipment__platform__operator_id"))
                .exclude(Q(status=BookingStatus.CANCELLED) & Q(decided_at__isnull=True)))
    queryset = _window(queryset, "created_at", since, until)
    return [Request(p, "booking", asked, decided) for p, asked, decided in
            queryset.values_list("equipment__platform_id", "created_at", "decided_at")]


def _window(queryset, field: str, since, until):
    if since is not None:
        queryset = queryset.filter(**{f"{field}__gte": since})
    if until is not None:
        queryset = queryset.filter(**{f"{field}__lt": until})
    return queryset


def platform_requests(platform_ids: Iterable[int], *, since: datetime.datetime | None = None,
                      until: datetime.datetime | None = None) -> list[Request]:
    ids = sorted({int(i) for i in platform_ids})
    if not ids:
        return []
    return (_demand_requests(ids, since, until) + _order_requests(ids, since, until)
            + _booking_requests(ids, since, until))


def summarise(platform_id: int, requests: Iterable[Request], *, now: datetime.datetime) -> Responsiveness:
    result = Responsiveness(platform_id=platform_id)
    hours: list[float] = []
    zone = timezone.get_current_timezone()
    for request in requests:
        deadline = answer_deadline(request.asked_at, WORKING_DAYS, zone)
        if request.answered_at is None:
            if now < deadline:
                result.pending += 1
            else:
                result.requests += 1
            continue
        result.requests += 1
        result.answered += 1
        hours.append(max((request.answered_at - request.asked_at).total_seconds(), 0) / 3600)
        if request.answered_at < deadline:
            result.within += 1
    result.median_hours = round(statistics.median(hours), 1) if hours else None
    return result


def platform_responsiveness(platform_ids: Iterable[int], *, since: datetime.datetime | None = None,
                            until: datetime.datetime | None = None,
                            now: datetime.datetime | None = None) -> dict[int, Responsiveness]:
    """Responsiveness per platform id (every id asked for is in the answer, with zeros when the
    platform had no request). Without `since`, the last 365 days are counted."""
    ids = sorted({int(i) for i in platform_ids})
    now = now or timezone.now()
    if since is None and until is None:
        since = now - DEFAULT_WINDOW
    by_platform: dict[int, list[Request]] = {i: [] for i in ids}
    for request in platform_requests(ids, since=since, until=until):
        by_platform[request.platform_id].append(request)
    return {i: summarise(i, by_platform[i], now=now) for i in ids}
