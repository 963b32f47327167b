"""Listings that stay fresh (信息时效): confirmation deadlines, states, reminders, one-click confirm.

A platform's listing must be confirmed by its operator at least every `confirm_days` days (per
region, `platforms/data/freshness.yaml`). Counting from the day of the last confirmation (or of
creation, for a listing never confirmed), with N = confirm_days and G = hide_after_days:

    fresh      today ≤ deadline − due_soon_days           deadline = confirmed day + N
    due soon   deadline − due_soon_days < today ≤ deadline
    overdue    deadline < today ≤ deadline + G            shown as 信息待更新, ranked lower
    hidden     today > deadline + G                       out of the public directory and matching

Hidden listings are never deleted: confirming brings them back at once. Decision 0305.

Hooks for other modules (they call these; this module never edits their files):
- the public directory / map / API list: `exclude_hidden(qs)` then `annotate_freshness(qs)` and
  order by `freshness_sort` first; show `freshness_state == "overdue"` as 信息待更新.
- the registry's approval of an operator's change: `platform_mark_confirmed(...)` (a reviewed
  edit is a confirmation too).
- matching: `index.document_for` reads `platform_deadlines`; the engine hides and penalises.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilothub.core.audit import audit_record
from pilothub.core.errors import DomainError, forbidden
from pilothub.core.notifications import notify

from .models import FreshnessReminder, Platform, PlatformStatus

DATA_FILE = Path(__file__).resolve().parent / "data" / "freshness.yaml"


class FreshnessAction:
    CONFIRM_LISTING = "confirm_listing"
    REMINDER = "freshness_reminder"


class FreshnessState:
    FRESH = "fresh"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    HIDDEN = "hidden"

    LABELS = {FRESH: _("信息有效"), DUE_SOON: _("即将到期"), OVERDUE: _("信息待更新"), HIDDEN: _("已隐藏（待确认）")}
    # Directory ordering: fresh and due-soon listings first, overdue after them, hidden last.
    SORT = {FRESH: 0, DUE_SOON: 0, OVERDUE: 1, HIDDEN: 2}


@dataclass(frozen=True)
class FreshnessRule:
    region_code: str  # "" for the default rule
    confirm_days: int
    hide_after_days: int
    due_soon_days: int
    reminder_days: tuple[int, ...]
    overdue_score_factor: float
    citation: str


@dataclass(frozen=True)
class Deadlines:
    confirmed_on: datetime.date
    due_on: datetime.date  # last day the listing is fresh or due soon
    hide_on: datetime.date  # first day the listing is hidden
    due_soon_from: datetime.date
    rule: FreshnessRule


# ---------------------------------------------------------------------- rules (data)
@lru_cache(maxsize=1)
def _raw_rules() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _make_rule(code: str, values: dict[str, Any], default: dict[str, Any]) -> FreshnessRule:
    merged = {**default, **values}
    rule = FreshnessRule(
        region_code=code, confirm_days=int(merged["confirm_days"]), hide_after_days=int(merged["hide_after_days"]),
        due_soon_days=int(merged["due_soon_days"]),
        reminder_days=tuple(sorted({int(d) for d in merged["reminder_days"]}, reverse=True)),
        overdue_score_factor=float(merged["overdue_score_factor"]), citation=str(merged.get("citation", "")))
    if rule.confirm_days < 1 or rule.hide_after_days < 0 or not 0 <= rule.due_soon_days <= rule.confirm_days:
        raise ValueError(f"freshness.yaml: inconsistent rule for {code or 'default'}")
    return rule


def default_rule() -> FreshnessRule:
    raw = _raw_rules()
    return _make_rule("", raw["default"], raw["default"])


def region_rules() -> dict[str, FreshnessRule]:
    raw = _raw_rules()
    return {str(code): _make_rule(str(code), values or {}, raw["default"])
            for code, values in (raw.get("regions") or {}).items()}


def rule_for_path(region_path: str) -> FreshnessRule:
    """The rule of the most specific region on the path ("/110000/110116/" → 110116, else 110000)."""
    rules = region_rules()
    for code in reversed([c for c in region_path.strip("/").split("/") if c]):
        if code in rules:
            return rules[code]
    return default_rule()


def overdue_score_factor() -> float:
    return default_rule().overdue_score_factor


# ---------------------------------------------------------------------- one platform
def confirmed_on(platform: Platform) -> datetime.date:
    """The day the listing was last confirmed; a never-confirmed listing counts from its creation."""
    moment = platform.last_confirmed_at or platform.created_at
    return timezone.localdate(moment)


def platform_deadlines(platform: Platform) -> Deadlines:
    rule = rule_for_path(platform.region.path)
    day = confirmed_on(platform)
    due_on = day + datetime.timedelta(days=rule.confirm_days)
    return Deadlines(confirmed_on=day, due_on=due_on, hide_on=due_on + datetime.timedelta(days=rule.hide_after_days + 1),
                     due_soon_from=due_on - datetime.timedelta(days=rule.due_soon_days - 1), rule=rule)


def state_on(deadlines: Deadlines, today: datetime.date) -> str:
    if today >= deadlines.hide_on:
        return FreshnessState.HIDDEN
    if today > deadlines.due_on:
        return FreshnessState.OVERDUE
    if deadlines.rule.due_soon_days and today >= deadlines.due_soon_from:
        return FreshnessState.DUE_SOON
    return FreshnessState.FRESH


def freshness_state(platform: Platform, today: datetime.date | None = None) -> str:
    """fresh / due_soon / overdue / hidden for this platform on `today` (default: the local date)."""
    return state_on(platform_deadlines(platform), today or timezone.localdate())


def freshness_penalty(state: str, *, rule: FreshnessRule | None = None) -> float:
    """The factor matching multiplies a platform's score by: 1 unless overdue; 0 when hidden."""
    if state == FreshnessState.HIDDEN:
        return 0.0
    if state == FreshnessState.OVERDUE:
        return (rule or default_rule()).overdue_score_factor
    return 1.0


@dataclass(frozen=True)
class FreshnessInfo:
    state: str
    label: str
    deadlines: Deadlines
    days_left: int  # days until the deadline (negative once overdue)


def freshness_info(platform: Platform, today: datetime.date | None = None) -> FreshnessInfo:
    today = today or timezone.localdate()
    deadlines = platform_deadlines(platform)
    state = state_on(deadlines, today)
    return FreshnessInfo(state=state, label=str(FreshnessState.LABELS[state]), deadlines=deadlines,
                         days_left=(deadlines.due_on - today).days)


# ---------------------------------------------------------------------- querysets
def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _before(day: datetime.date, prefix: str) -> Q:
    """The listing's reference moment (confirmation, else creation) is before the start of `day`."""
    moment = _start_of(day)
    return (Q(**{f"{prefix}last_confirmed_at__lt": moment})
            | Q(**{f"{prefix}last_confirmed_at__isnull": True, f"{prefix}created_at__lt": moment}))


_RULE_PATHS: dict[tuple[str, ...], dict[str, str]] = {}


def _rule_scopes(prefix: str) -> list[tuple[FreshnessRule, Q]]:
    """Each rule with the Q that selects the platforms it governs (most specific region wins)."""
    from pilothub.regions.models import Region

    rules = region_rules()
    key = tuple(sorted(rules))
    paths = _RULE_PATHS.get(key)
    if not paths:  # region paths follow from the codes' hierarchy: read once per process
        paths = dict(Region.objects.filter(code__in=list(rules)).values_list("code", "path"))
        if len(paths) == len(rules):
            _RULE_PATHS[key] = paths
    field = f"{prefix}region__path__startswith"
    scopes: list[tuple[FreshnessRule, Q]] = []
    for code, path in paths.items():
        scope = Q(**{field: path})
        for other in paths.values():
            if other != path and other.startswith(path):
                scope &= ~Q(**{field: other})
        scopes.append((rules[code], scope))
    default_scope = Q()
    for path in paths.values():
        default_scope &= ~Q(**{field: path})
    scopes.append((default_rule(), default_scope))
    return scopes


def hidden_q(today: datetime.date | None = None, *, prefix: str = "") -> Q:
    """Q selecting the hidden listings (`prefix` e.g. "platform__" for a related queryset)."""
    today = today or timezone.localdate()
    hidden = Q(pk__in=[])
    for rule, scope in _rule_scopes(prefix):
        # hidden ⇔ today ≥ confirmed + N + G + 1 ⇔ confirmed < today − N − G
        cutoff = today - datetime.timedelta(days=rule.confirm_days + rule.hide_after_days)
        hidden |= scope & _before(cutoff, prefix)
    return hidden


def exclude_hidden(qs: QuerySet, today: datetime.date | None = None, *, prefix: str = "") -> QuerySet:
    """The queryset without listings hidden for want of confirmation (they stay in the database)."""
    return qs.exclude(hidden_q(today, prefix=prefix))


def annotate_freshness(qs: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Adds `freshness_state` (fresh/due_soon/overdue/hidden) and `freshness_sort` (0 fresh or due
    soon, 1 overdue, 2 hidden) to a Platform queryset: order_by("freshness_sort", ...)."""
    today = today or timezone.localdate()
    whens_state: list[When] = []
    for rule, scope in _rule_scopes(""):
        n, g = rule.confirm_days, rule.hide_after_days
        whens_state.append(When(scope & _before(today - datetime.timedelta(days=n + g), ""),
                                then=Value(FreshnessState.HIDDEN)))
        whens_state.append(When(scope & _before(today - datetime.timedelta(days=n), ""),
                                then=Value(FreshnessState.OVERDUE)))
        if rule.due_soon_days:
            # due soon ⇔ today ≥ confirmed + N − W + 1 ⇔ confirmed < today − N + W
            whens_state.append(When(scope & _before(today - datetime.timedelta(days=n - rule.due_soon_days), ""),
                                    then=Value(FreshnessState.DUE_SOON)))
    qs = qs.annotate(freshness_state=Case(*whens_state, default=Value(FreshnessState.FRESH)))
    return qs.annotate(freshness_sort=Case(
        *[When(freshness_state=state, then=Value(rank)) for state, rank in FreshnessState.SORT.items() if rank],
        default=Value(0), output_field=IntegerField()))


def freshness_reference(qs: QuerySet) -> QuerySet:
    """Adds `freshness_confirmed_at` (last confirmation, else creation) for display or sorting."""
    return qs.annotate(freshness_confirmed_at=Coalesce("last_confirmed_at", "created_at"))


# ---------------------------------------------------------------------- permissions and writes
def may_confirm(user: Any, platform: Platform) -> bool:
    """The platform's own operator accounts (and system administrators) confirm its listing."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_system_admin:
        return True
    return user.role == "operator" and user.organisation_id is not None and user.organisation_id == platform.operator_id


def platform_get_for_confirmation(*, platform_id: int, user: Any) -> Platform:
    platform = Platform.objects.select_related("region", "operator").filter(pk=platform_id).first()
    if platform is None or not may_confirm(user, platform):
        raise forbidden("确认该平台信息", "confirm this listing")
    return platform


@transaction.atomic
def platform_mark_confirmed(*, platform: Platform, user: Any, now: datetime.datetime | None = None,
                            note: str = "") -> Platform:
    """Record that the listing is correct as of `now` (also used by the registry when a reviewed
    change is approved). Audited; the matching index follows through `updated_at`."""
    locked = Platform.objects.select_for_update().select_related("region").get(pk=platform.pk)
    before = locked.last_confirmed_at
    state_before = freshness_state(locked, timezone.localdate(now) if now else None)
    locked.last_confirmed_at = now or timezone.now()
    locked.save(update_fields=["last_confirmed_at", "updated_at"])
    audit_record(actor=user, action=FreshnessAction.CONFIRM_LISTING, obj=locked, region_path=locked.region.path,
                 before={"last_confirmed_at": before, "freshness_state": state_before},
                 after={"last_confirmed_at": locked.last_confirmed_at}, note=note)
    platform.last_confirmed_at = locked.last_confirmed_at
    return locked


def platform_confirm_listing(*, platform: Platform, user: Any, now: datetime.datetime | None = None) -> Platform:
    """The operator's one-click "信息无变化，确认有效"."""
    if not may_confirm(user, platform):
        raise forbidden("确认该平台信息", "confirm this listing")
    if platform.status != PlatformStatus.PUBLISHED:
        raise DomainError("platform_not_published", "只有已发布的平台需要确认信息",
                          "Only published listings are confirmed")
    return platform_mark_confirmed(platform=platform, user=user, now=now, note="运营单位确认信息无变化")


def platforms_for_operator(user: Any, today: datetime.date | None = None) -> list[tuple[Platform, FreshnessInfo]]:
    """The operator's published platforms with their freshness, the most urgent first."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return []
    rows = Platform.objects.filter(operator_id=user.organisation_id, status=PlatformStatus.PUBLISHED
                                   ).select_related("region")
    items = [(p, freshness_info(p, today)) for p in rows]
    items.sort(key=lambda item: (item[1].days_left, item[0].pk))
    return items


# ---------------------------------------------------------------------- reminders
def _stage_for(info: FreshnessInfo) -> str | None:
    """The most urgent reminder stage that applies today (a missed earlier stage is not sent late)."""
    if info.state in (FreshnessState.OVERDUE, FreshnessState.HIDDEN):
        return info.state
    due = [d for d in info.deadlines.rule.reminder_days if info.days_left <= d]
    return f"before_{min(due)}" if due else None


def _reminder_text(platform: Platform, info: FreshnessInfo, stage: str) -> tuple[str, str]:
    deadline = f"{info.deadlines.due_on:%Y-%m-%d}"
    hide = f"{info.deadlines.hide_on:%Y-%m-%d}"
    if stage == FreshnessState.HIDDEN:
        return (f"平台信息已隐藏：{platform.name}",
                f"“{platform.name}”超过 {deadline} 的确认期限且已过宽限期，已暂时不在平台目录和智能匹配中展示。"
                "确认信息后立即恢复，数据不会删除。")
    if stage == FreshnessState.OVERDUE:
        return (f"平台信息待更新：{platform.name}",
                f"“{platform.name}”已超过确认期限（{deadline}），目录中显示为“信息待更新”，排序靠后；"
                f"若 {hide} 前仍未确认，将暂时隐藏。")
    return (f"请确认平台信息：{platform.name}",
            f"“{platform.name}”的信息需在 {deadline} 前确认（还剩 {info.days_left} 天）。信息无变化时一键确认即可。")


def freshness_send_reminders(*, today: datetime.date | None = None) -> int:
    """Send the reminders due today; returns how many platforms were reminded. Idempotent: a
    reminder is recorded per (platform, deadline, stage) and never sent twice."""
    from django.urls import reverse

    from pilothub.accounts.models import User

    today = today or timezone.localdate()
    # Only listings within reach of a reminder: due soon by the longest reminder lead, or later.
    lead = max([*default_rule().reminder_days, *(d for r in region_rules().values() for d in r.reminder_days)] or [0])
    candidates = Platform.objects.filter(status=PlatformStatus.PUBLISHED).select_related("region")
    horizon = Q(pk__in=[])
    for rule, scope in _rule_scopes(""):
        # days_left ≤ lead ⇔ confirmed + N − today ≤ lead ⇔ confirmed < today − N + lead + 1
        horizon |= scope & _before(today - datetime.timedelta(days=rule.confirm_days - lead - 1), "")
    sent = 0
    for platform in candidates.filter(horizon).order_by("pk").iterator(chunk_size=500):
        info = freshness_info(platform, today)
        stage = _stage_for(info)
        if stage is None:
            continue
        with transaction.atomic():
            reminder, created = FreshnessReminder.objects.get_or_create(
                platform=platform, deadline=info.deadlines.due_on, stage=stage)
            if not created:
                continue
            recipients = list(User.objects.filter(organisation_id=platform.operator_id, role="operator",
                                                  is_active=True))
            title, body = _reminder_text(platform, info, stage)
            notify(recipients=recipients, title=title, body=body,
                   url=reverse("platforms:trust_confirm", args=[platform.pk]))
            reminder.recipients = len(recipients)
            reminder.save(update_fields=["recipients"])
            audit_record(actor=None, action=FreshnessAction.REMINDER, obj=platform, region_path=platform.region.path,
                         after={"stage": stage, "deadline": info.deadlines.due_on, "recipients": len(recipients)})
        sent += 1
    return sent
