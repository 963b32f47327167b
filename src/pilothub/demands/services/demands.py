"""Publishing, closing, moderating and expiring demands. Every status change is audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Industry, Platform, PlatformStatus, ServiceType
from pilothub.regions.models import Region

from ..models import ACTIVE_STATUSES, Demand, DemandStatus, DemandVisibility
from ..selectors import is_demand_owner
from .common import SECRET_FIELDS, TITLE_LIMIT, DemandAction, clean_amount, clean_text, members


def _audit_status(*, demand: Demand, actor, before: str, action: str = DemandAction.STATUS, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=demand, region_path=demand.region.path,
                 before={"status": before}, after={"status": demand.status}, note=note)


@transaction.atomic
def demand_publish(*, actor: User, title: str, text: str, deadline: datetime.date | None,
                   industry_code: str | None = None, service_type_codes: list[str] | tuple[str, ...] = (),
                   budget_min: int | None = None, budget_max: int | None = None,
                   region_preference_code: str | None = None, visibility: str = DemandVisibility.PUBLIC,
                   invited_platform_ids: list[int] | tuple[int, ...] = (), is_demo: bool = False,
                   confidential_details: str = "", requires_undertaking: bool = False) -> Demand:
    """An enterprise user of an approved organisation publishes a demand (status open).

    `text` is the public summary; `confidential_details` reach only platforms the enterprise
    grants access to (decision 0552)."""
    if not (actor.is_authenticated and actor.role == Role.ENTERPRISE and actor.can_publish):
        raise forbidden("发布需求（仅限审核通过单位的企业用户）", "publish demands (enterprise users of approved organisations only)")
    title = clean_text(title, field="title", label_zh="需求标题", label_en="Title", limit=TITLE_LIMIT)
    text = clean_text(text, field="text", label_zh="需求描述", label_en="Description")
    confidential_details = clean_text(confidential_details, field="confidential_details", label_zh="保密详情",
                                      label_en="Confidential details", required=False)
    if deadline is None:
        raise DomainError("required", "请填写截止日期", "A deadline is required", field="deadline")
    if deadline < timezone.localdate():
        raise DomainError("deadline_past", "截止日期不能早于今天", "The deadline cannot be in the past", field="deadline")
    budget_min = clean_amount(budget_min, field="budget_min", label_zh="预算下限", label_en="Minimum budget",
                              required=False)
    budget_max = clean_amount(budget_max, field="budget_max", label_zh="预算上限", label_en="Maximum budget",
                              required=False)
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        raise DomainError("budget_range", "预算下限不能高于预算上限", "The minimum budget exceeds the maximum budget",
                          field="budget_min")
    industry = None
    if industry_code:
        industry = Industry.objects.filter(pk=industry_code).first()
        if industry is None:
            raise DomainError("unknown_industry", f"未知的产业领域：{industry_code}", f"Unknown industry: {industry_code}",
                              field="industry")
    codes = list(dict.fromkeys(code for code in service_type_codes if code))
    service_types = list(ServiceType.objects.filter(pk__in=codes))
    if len(service_types) != len(codes):
        unknown = sorted(set(codes) - {st.pk for st in service_types})
        raise DomainError("unknown_service_type", f"未知的服务类型：{'、'.join(unknown)}",
                          f"Unknown service type: {', '.join(unknown)}", field="service_types")
    region_preference = None
    if region_preference_code:
        region_preference = Region.objects.filter(pk=str(region_preference_code).strip()).first()
        if region_preference is None:
            raise DomainError("unknown_region", f"未知的行政区划代码：{region_preference_code}",
                              f"Unknown region code: {region_preference_code}", field="region_preference")
    if visibility not in DemandVisibility.values:
        raise DomainError("invalid_visibility", "可见范围不正确", "Unknown visibility", field="visibility")
    ids = list(dict.fromkeys(int(pk) for pk in invited_platform_ids))
    invited = list(Platform.objects.filter(pk__in=ids, status=PlatformStatus.PUBLISHED))
    if visibility == DemandVisibility.INVITED and not ids:
        raise DomainError("invited_required", "“仅受邀平台可见”时请至少邀请一个平台",
                          "Invite at least one platform for an invitation-only demand", field="invited_platforms")
    if len(invited) != len(ids):
        raise DomainError("unknown_platform", "受邀平台不存在或未发布", "An invited platform does not exist or is not published",
                          field="invited_platforms")
    organisation = actor.organisation
    assert organisation is not None  # can_publish guarantees it
    now = timezone.now()
    demand = Demand(enterprise=organisation, created_by=actor, title=title, text=text, industry=industry,
                    budget_min=budget_min, budget_max=budget_max, deadline=deadline,
                    region_preference=region_preference, region=organisation.region, visibility=visibility,
                    status=DemandStatus.OPEN, published_at=now, is_demo=is_demo,
                    confidential_details=confidential_details,
                    requires_undertaking=bool(requires_undertaking and confidential_details))
    raise_first_validation_error(demand)
    demand.save()
    demand.service_types.set(service_types)
    if visibility == DemandVisibility.INVITED:
        demand.invited_platforms.set(invited)
    # The audit trail keeps the length of the confidential details, never their text.
    audit_record(actor=actor, action=AuditAction.PUBLISH, obj=demand, region_path=demand.region.path,
                 after={**model_snapshot(demand, exclude=SECRET_FIELDS),
                        "confidential_details_length": len(confidential_details), "service_types": codes,
                        "invited_platforms": [p.pk for p in invited] if visibility == DemandVisibility.INVITED else []})
    return demand


@transaction.atomic
def demand_close(*, demand: Demand, actor: User, reason: str = "") -> Demand:
    """The owner closes a demand (found a provider elsewhere, dropped the project, or done)."""
    if not (is_demand_owner(actor, demand) or actor.is_system_admin):
        raise forbidden("关闭该需求", "close this demand")
    demand = Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)
    if demand.status in (DemandStatus.CLOSED, DemandStatus.EXPIRED):
        raise DomainError("already_closed", "该需求已关闭或已过期", "The demand is already closed or expired", field="status",
                          status_code=409)
    before = demand.status
    demand.status = DemandStatus.CLOSED
    demand.closed_at = timezone.now()
    demand.save(update_fields=["status", "closed_at", "updated_at"])
    _audit_status(demand=demand, actor=actor, before=before,
                  note=clean_text(reason, field="reason", label_zh="关闭原因", label_en="Reason", required=False))
    return demand


def _moderation_guard(actor: User, demand: Demand) -> None:
    if not (actor.is_authenticated and (actor.is_system_admin or (
            actor.is_reviewer and actor.region is not None and demand.region.path.startswith(actor.region.path)))):
        raise forbidden("处理该需求", "moderate this demand")


@transaction.atomic
def demand_hide(*, demand: Demand, actor: User, reason: str) -> Demand:
    """A reviewer of the demand's region hides it from everyone but its owner and reviewers."""
    _moderation_guard(actor, demand)
    reason = clean_text(reason, field="reason", label_zh="屏蔽理由", label_en="A reason", limit=500)
    demand = Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)
    if demand.is_hidden:
        raise DomainError("already_hidden", "该需求已被屏蔽", "The demand is already hidden", status_code=409)
    before = model_snapshot(demand, exclude=SECRET_FIELDS)
    demand.is_hidden, demand.hidden_reason, demand.hidden_at, demand.hidden_by = True, reason, timezone.now(), actor
    demand.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by", "updated_at"])
    audit_record(actor=actor, action=DemandAction.HIDE, obj=demand, region_path=demand.region.path, before=before,
                 after=model_snapshot(demand, exclude=SECRET_FIELDS), note=reason)
    notify(recipients=members(demand.enterprise_id), title=f"您的需求已被屏蔽：{demand.title}",
           body=f"屏蔽理由：{reason}", url=reverse("demands:detail", args=[demand.pk]))
    return demand


@transaction.atomic
def demand_restore(*, demand: Demand, actor: User, note: str = "") -> Demand:
    _moderation_guard(actor, demand)
    demand = Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)
    if not demand.is_hidden:
        raise DomainError("not_hidden", "该需求未被屏蔽", "The demand is not hidden", status_code=409)
    before = model_snapshot(demand, exclude=SECRET_FIELDS)
    demand.is_hidden, demand.hidden_reason, demand.hidden_at, demand.hidden_by = False, "", None, None
    demand.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by", "updated_at"])
    audit_record(actor=actor, action=DemandAction.RESTORE, obj=demand, region_path=demand.region.path,
                 before=before, after=model_snapshot(demand, exclude=SECRET_FIELDS), note=note.strip())
    notify(recipients=members(demand.enterprise_id), title=f"您的需求已恢复显示：{demand.title}",
           body=note.strip(), url=reverse("demands:detail", args=[demand.pk]))
    return demand


@transaction.atomic
def demand_expire_overdue(*, today: datetime.date | None = None) -> int:
    """Open or in-talks demands whose deadline has passed become expired (the deadline day itself
    still counts as open). Run nightly by `pilothub expire-demands` or the Celery task."""
    today = today or timezone.localdate()
    overdue = list(Demand.objects.select_for_update().select_related("region")
                   .filter(status__in=ACTIVE_STATUSES, deadline__lt=today).order_by("pk"))
    now = timezone.now()
    for demand in overdue:
        before = demand.status
        demand.status = DemandStatus.EXPIRED
        demand.closed_at = now
        demand.save(update_fields=["status", "closed_at", "updated_at"])
        _audit_status(demand=demand, actor=None, before=before, action=DemandAction.EXPIRE,
                      note=f"截止日期 {demand.deadline.isoformat()} 已过")
    return len(overdue)
