"""Wrong-listing reports (信息纠错): anyone reports, the operator or the region's reviewer resolves.

Writes (`listing_report_create`, `listing_report_resolve`) and reads (`listing_report_queue`,
`listing_report_get_for_user`) of one small subdomain, kept in one module (decision 0554).

- Anyone may report a published platform, logged in or not. A reporter is identified only by a
  keyed hash (`reporter_key`) of the user id, or of the client address for anonymous reports; the
  address itself is never stored.
- Rate limit: at most RATE_LIMIT_PER_HOUR reports per reporter key in the last hour, and one open
  report per reporter, platform and kind (a repeat is a conflict, not a second row).
- The platform's operators and the reviewers of its region (and of every region above it) are
  notified; they see the open reports in their queue and resolve each as fixed or rejected, a
  rejection with a reason. Creating and resolving are audited; a logged-in reporter is told the
  outcome.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.core.notifications import notify
from pilothub.core.validation import clean_text

from .models import ListingReport, ListingReportKind, ListingReportStatus, Platform, PlatformStatus

RATE_LIMIT_PER_HOUR = 5
REASON_LIMIT = 1000
NOTE_LIMIT = 1000
CONTACT_LIMIT = 100


class ListingReportAction:
    CREATE = "listing_report_create"
    RESOLVE = "listing_report_resolve"


def reporter_key(*, user, client_address: str) -> str:
    """A keyed hash naming the reporter without storing who or where they are."""
    subject = f"user:{user.pk}" if getattr(user, "is_authenticated", False) else f"addr:{client_address or '-'}"
    return hmac.new(settings.SECRET_KEY.encode(), subject.encode(), hashlib.sha256).hexdigest()


# --- who is who ----------------------------------------------------------------------------------


def _operators_of(platform: Platform) -> list[User]:
    return list(User.objects.filter(organisation_id=platform.operator_id, role=Role.OPERATOR, is_active=True))


def _reviewers_of(platform: Platform) -> list[User]:
    codes = platform.region.path.strip("/").split("/")
    return list(User.objects.filter(role=Role.REVIEWER, is_active=True, region_id__in=codes))


def user_resolves(user, platform: Platform) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.role == Role.OPERATOR and user.organisation_id == platform.operator_id:
        return True
    return bool(user.is_reviewer and platform.region.path.startswith(user.region.path))


# --- reads ---------------------------------------------------------------------------------------


def listing_report_queue(*, user, status: str = ListingReportStatus.OPEN) -> QuerySet[ListingReport]:
    """Reports the user resolves: their organisation's platforms (operators), their region and
    everything under it (reviewers), everything (administrators); newest first."""
    queryset = ListingReport.objects.select_related("platform", "platform__region", "resolved_by")
    if status:
        queryset = queryset.filter(status=status)
    if not user.is_authenticated:
        return queryset.none()
    if user.is_system_admin:
        return queryset
    scope = Q(pk__in=[])
    if user.role == Role.OPERATOR and user.organisation_id:
        scope |= Q(platform__operator_id=user.organisation_id)
    if user.is_reviewer:
        scope |= Q(platform__region__path__startswith=user.region.path)
    return queryset.filter(scope)


def listing_report_get_for_user(*, report_id: int, user) -> ListingReport:
    report = listing_report_queue(user=user, status="").filter(pk=report_id).first()
    if report is None:
        raise not_found("纠错报告", "Listing report")
    return report


def platform_for_report(*, platform_id: int) -> Platform:
    platform = (Platform.objects.select_related("region", "operator")
                .filter(pk=platform_id, status=PlatformStatus.PUBLISHED).first())
    if platform is None:
        raise not_found("平台", "Platform")
    return platform


# --- writes --------------------------------------------------------------------------------------


@transaction.atomic
def listing_report_create(*, platform: Platform, kind: str, reason: str, user, client_address: str,
                          contact: str = "") -> ListingReport:
    if platform.status != PlatformStatus.PUBLISHED:
        raise not_found("平台", "Platform")
    if kind not in ListingReportKind.values:
        raise DomainError("invalid_kind", "请选择问题类型", "Choose what is wrong", field="kind")
    reason = clean_text(reason, field="reason", label_zh="说明", label_en="A reason", limit=REASON_LIMIT, required=True)
    contact = clean_text(contact, field="contact", label_zh="联系方式", label_en="Contact", limit=CONTACT_LIMIT, required=False)
    key = reporter_key(user=user, client_address=client_address)
    since = timezone.now() - datetime.timedelta(hours=1)
    if ListingReport.objects.filter(reporter_key=key, created_at__gte=since).count() >= RATE_LIMIT_PER_HOUR:
        raise DomainError("rate_limited", f"提交过于频繁：每小时最多 {RATE_LIMIT_PER_HOUR} 条，请稍后再试",
                          f"Too many reports: at most {RATE_LIMIT_PER_HOUR} an hour, try again later",
                          status_code=429)
    if ListingReport.objects.filter(reporter_key=key, platform=platform, kind=kind,
                                    status=ListingReportStatus.OPEN).exists():
        raise Conflict("duplicate_report", "您已报告过该问题，正在等待处理", "You already reported this; it awaits resolution",
                       field="kind")
    reporter = user if getattr(user, "is_authenticated", False) else None
    report = ListingReport.objects.create(platform=platform, kind=kind, reason=reason, reporter=reporter,
                                          reporter_key=key, contact=contact)
    audit_record(actor=reporter, action=ListingReportAction.CREATE, obj=report, region_path=platform.region.path,
                 after={"platform": platform.pk, "kind": kind, "reason_length": len(reason),
                        "anonymous": reporter is None})
    notify(recipients=_operators_of(platform) + _reviewers_of(platform),
           title=f"信息纠错：{platform.name}（{report.get_kind_display()}）", body=reason[:200],
           url=reverse("platforms:listing_reports"))
    return report


@transaction.atomic
def listing_report_resolve(*, report: ListingReport, actor: User, outcome: str, note: str = "") -> ListingReport:
    """The operator or a reviewer of the region marks the report fixed, or rejects it with a reason."""
    report = ListingReport.objects.select_for_update().select_related("platform__region").get(pk=report.pk)
    if not user_resolves(actor, report.platform):
        raise forbidden("处理该纠错报告", "resolve this report")
    if report.status != ListingReportStatus.OPEN:
        raise Conflict("already_resolved", f"该报告已处理（{report.get_status_display()}）", "The report is already resolved")
    if outcome not in (ListingReportStatus.FIXED, ListingReportStatus.REJECTED):
        raise DomainError("invalid_outcome", "请选择处理结果", "Choose fixed or rejected", field="outcome")
    note = clean_text(note, field="note", label_zh="不予采纳的理由" if outcome == ListingReportStatus.REJECTED else "处理说明",
                  label_en="A reason" if outcome == ListingReportStatus.REJECTED else "A note", limit=NOTE_LIMIT,
                  required=outcome == ListingReportStatus.REJECTED)
    before = model_snapshot(report, exclude=("reporter_key",))
    report.status, report.resolved_at, report.resolved_by, report.resolution_note = outcome, timezone.now(), actor, note
    report.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
    audit_record(actor=actor, action=ListingReportAction.RESOLVE, obj=report, region_path=report.platform.region.path,
                 before=before, after=model_snapshot(report, exclude=("reporter_key",)), note=note)
    if report.reporter is not None:
        notify(recipients=[report.reporter], title=f"您的纠错报告已处理：{report.platform.name}",
               body=f"{report.get_status_display()}。{note}".strip(), email=False)
    return report
