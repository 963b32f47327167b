"""The permission matrix: every page and every API operation × every role.

The URL patterns are enumerated from the project's resolver and the API operations from the
OpenAPI schema, so a new page or endpoint is picked up automatically — and fails
`test_every_page_is_declared` / `test_every_api_operation_is_declared` until it is added to
PAGES / API below with what each role may do. That is the point: new code must declare itself.

The world: an enterprise and a platform operator of 怀柔 (110116) own a platform, equipment, a
booking, an order with an attachment, an invited-only demand, a quote, a policy application, a
certification application and a draft article. The roles under test own none of it:

    anonymous · enterprise (another organisation) · operator (another organisation, own platform)
    · reviewer (嘉兴 330400: another region) · admin

Checks, for every role: never a 5xx. For objects owned by someone else ("owner"), outsiders get
403/404 (anonymous: the login redirect, 401, 403 or 404) on GET and on POST. Public pages answer
200 to everyone; "login" pages redirect anonymous users to the login page; role pages answer 200
to the listed roles and refuse the others. The admin gets no 5xx (and 200 on reads).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from pilothub.accounts.models import OrganisationKind, OrganisationStatus, Role
from pilothub.testing.factories import (
    EquipmentFactory,
    OrganisationFactory,
    PlatformFactory,
    ServiceOrderFactory,
    UserFactory,
    admin,
    operator,
    region,
    reviewer,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "enterprise", "operator", "reviewer", "admin")
OUTSIDERS = ("enterprise", "operator", "reviewer")
MISSING = 987_654  # the id of an object that does not exist
SECRET = "保密工艺参数：发酵温度三十七度"


@dataclass(frozen=True)
class Page:
    """What each role may do on one URL pattern.

    read: "public" | "login" | "owner" | "post-only" | "any" | a tuple of roles that get 200.
    write: None (no POST check beyond "no 5xx") | "owner" (outsiders refused) | a tuple of roles
    allowed to POST (the others are refused).
    """

    read: str | tuple[str, ...]
    write: str | tuple[str, ...] | None = None
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    query: str = ""


# --- the world ----------------------------------------------------------------------------------

class World:
    def __init__(self) -> None:
        from pilothub.accounts.tokens import api_token_create
        from pilothub.bookings.models import Booking, BookingStatus
        from pilothub.bookings.services.attachments import attachment_add
        from pilothub.content.models import Article, ArticleStatus, PolicyDocument, Section
        from pilothub.demands.models import Demand, DemandVisibility, Quote
        from pilothub.policy.services import application_submit

        huairou = region("110116")
        self.owner_org = OrganisationFactory(region=huairou)
        self.owner = UserFactory(role=Role.ENTERPRISE, organisation=self.owner_org)
        self.owner_operator = operator("110116")
        self.platform = PlatformFactory(operator=self.owner_operator.organisation, region=huairou)
        self.equipment = EquipmentFactory(platform=self.platform)
        start = timezone.now() + datetime.timedelta(days=3)
        self.booking = Booking.objects.create(equipment=self.equipment, requested_by=self.owner,
                                              customer=self.owner_org, start=start,
                                              end=start + datetime.timedelta(hours=2), purpose="测试",
                                              status=BookingStatus.PENDING)
        self.order = ServiceOrderFactory(platform=self.platform, customer=self.owner_org)
        self.attachment = attachment_add(order=self.order, actor=self.owner, kind="other", name="合同.pdf",
                                         content=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        self.demand = Demand.objects.create(
            enterprise=self.owner_org, title="保密的中试需求", text="仅受邀平台可见。", region=huairou,
            deadline=timezone.localdate() + datetime.timedelta(days=30), visibility=DemandVisibility.INVITED)
        self.quote = Quote.objects.create(demand=self.demand, platform=self.platform, price=100_000,
                                          duration_days=30, created_by=self.owner_operator)
        self.application = application_submit(
            user=self.owner, measure="huairou_draft.test_contract", project_name="传感器测试验证项目",
            request={"region": "110116", "as_of": timezone.localdate().isoformat(),
                     "applicant": {"sector": "科学仪器和传感器"},
                     "project": {"type": "test_contract", "contract_amount": 800_000,
                                 "platform_in_municipal_list": False}})
        self.article = Article.objects.create(section=Section.SOLUTION, title="草稿方案", body_html="<p>草稿</p>",
                                              region=huairou, author=self.owner_operator,
                                              organisation=self.owner_operator.organisation,
                                              status=ArticleStatus.DRAFT)
        self.published = Article.objects.create(section=Section.NEWS, title="公开资讯", body_html="<p>公开</p>",
                                                region=huairou, author=self.owner_operator,
                                                status=ArticleStatus.PUBLISHED, published_at=timezone.now())
        self.document = PolicyDocument.objects.order_by("pk").first()
        self.token, _plain = api_token_create(user=self.owner, name="owner")
        self.pending_org = OrganisationFactory(region=huairou, status=OrganisationStatus.PENDING)
        self.evaluation_application = self._certification_application()
        self._registry_objects(huairou)

        # The roles under test.
        self.users = {
            "enterprise": UserFactory(role=Role.ENTERPRISE, organisation=OrganisationFactory(region=region("110108"))),
            "operator": operator("110108"),
            "reviewer": reviewer("330400"),
            "admin": admin(),
        }
        PlatformFactory(operator=self.users["operator"].organisation, region=region("110108"))

    def _registry_objects(self, huairou) -> None:
        """The objects of the registry editing, import, supply-list, trust, report, voucher and
        confidential-demand pages, all owned by the 怀柔 enterprise, operator or reviewer."""
        from pilothub.bookings.models import MaintenanceBlock
        from pilothub.bookings.vouchers.models import VoucherMode, VoucherRedemption
        from pilothub.demands.models import DemandAccessGrant
        from pilothub.platforms.models import (
            AccreditationScopeItem,
            HazardPermit,
            HazardPermitKind,
            ImportJob,
            ListingReport,
            ListingReportKind,
            PilotLine,
            PlatformChangeRequest,
            ProcessStep,
            Qualification,
            SupplyListRelease,
        )

        self.owner_reviewer = reviewer("110116")
        self.change_request = PlatformChangeRequest.objects.create(
            platform=self.platform, changes={"name": "改过的名称"}, base={"name": self.platform.name},
            submitted_by=self.owner_operator)
        self.import_job = ImportJob.objects.create(created_by=self.owner_reviewer, filename="平台.csv", content=b"")
        self.background_job = self._background_job(huairou)
        self.supply_list = SupplyListRelease.objects.create(
            region=huairou, sequence=1, release_date=timezone.localdate(), title="怀柔区中试平台供给清单（第1期）",
            platform_count=0, entries=[], published_by=self.owner_reviewer)
        self.line = PilotLine.objects.create(platform=self.platform, name="中试产线",
                                             process_step=ProcessStep.values[0])
        self.permit = HazardPermit.objects.create(platform=self.platform, kind=HazardPermitKind.values[0],
                                                  number="（京）WH安许证字〔2026〕0001号")
        self.accreditation = Qualification.objects.create(platform=self.platform, kind="CMA", number="231100000001",
                                                          valid_until=timezone.localdate() + datetime.timedelta(days=365))
        self.scope_item = AccreditationScopeItem.objects.create(qualification=self.accreditation, category="水质",
                                                                parameter="化学需氧量", standard="HJ 828-2017")
        self.listing_report = ListingReport.objects.create(platform=self.platform, kind=ListingReportKind.values[0],
                                                           reason="联系电话已停用", reporter_key="k")
        # A contracted, accepted order of the owner enterprise with the operator's 通兑 claim.
        from pilothub.bookings.models import OrderStatus

        self.redeemed_order = ServiceOrderFactory(
            platform=self.platform, customer=self.owner_org, status=OrderStatus.ACCEPTED,
            contract_amount=100_000, contract_signed_on=timezone.localdate())
        self.redemption = VoucherRedemption.objects.create(
            order=self.redeemed_order, mode=VoucherMode.TONGDUI, amount=1_000, payee=self.owner_operator.organisation,
            rule_region=huairou, submitted_by=self.owner_operator)
        # A public demand whose confidential details only the 怀柔 platform was granted: the
        # visibility gate lets everyone in, so the confidential gate itself is what is tested.
        from pilothub.demands.models import Demand, DemandVisibility

        self.secret_demand = Demand.objects.create(
            enterprise=self.owner_org, title="公开的需求（含保密详情）", text="公开说明。", region=huairou,
            deadline=timezone.localdate() + datetime.timedelta(days=30), visibility=DemandVisibility.PUBLIC,
            confidential_details=SECRET, requires_undertaking=True)
        self.grant = DemandAccessGrant.objects.create(demand=self.secret_demand, platform=self.platform,
                                                      granted_by=self.owner)
        start = timezone.now() + datetime.timedelta(days=10)
        self.maintenance = MaintenanceBlock.objects.create(equipment=self.equipment, start=start,
                                                           end=start + datetime.timedelta(hours=4),
                                                           created_by=self.owner_operator)

    def _background_job(self, huairou):
        """A finished report job of the 怀柔 reviewer, with its result file."""
        from django.core.files.base import ContentFile

        from pilothub.core.models import BackgroundJob, JobKind, JobStatus

        job = BackgroundJob.objects.create(
            kind=JobKind.EVALUATION_ROUND_REPORTS, requested_by=self.owner_reviewer, parameters={"round_id": 1},
            status=JobStatus.DONE, scope_region_path=huairou.path, scope_key="evaluation.round:1",
            scope_label="怀柔区 年度效能评估", steps_done=1, steps_total=1, result_name="报告.zip",
            result_content_type="application/zip", finished_at=timezone.now())
        job.result_file.save("matrix-result.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
        return job

    def _certification_application(self):
        from pilothub.evaluation.models import CertificationCall
        from pilothub.evaluation.services import application_create

        today = timezone.localdate()
        call = CertificationCall.objects.create(
            region=region("110116"), title="怀柔区中试平台认定", target_tier="municipal",
            opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=25),
            criteria=[{"code": "c1", "name": "条件", "max_score": 100}], required_attachments=[], pass_score=60,
            min_experts=1, publicity_days=7, validity_years=3)
        self.call = call
        return application_create(actor=self.owner_operator, call=call, platform=self.platform, summary="说明",
                                  self_assessment={"c1": {"score": 60, "note": "自评"}})


def _demand(w):
    return {"demand_id": w.demand.pk}


def _secret(w):
    return {"demand_id": w.secret_demand.pk}


def _order(w):
    return {"order_id": w.order.pk}


def _missing(*names: str) -> Callable[[World], dict]:
    return lambda w: dict.fromkeys(names, MISSING)


PUBLIC, LOGIN, OWNER, POST_ONLY, ANY = "public", "login", "owner", "post-only", "any"
# Login required, but what a logged-in user gets depends on what they own (e.g. a redirect to their
# only platform): anonymous users are sent to the login page; the others must just get no 5xx.
SIGNED_IN = "signed-in"
REVIEWERS = ("reviewer", "admin")
EVERYONE = ROLES


def _platform(w):
    return {"platform_id": w.platform.pk}


def _change_request(w):
    return {"change_request_id": w.change_request.pk}


def _job(w):
    return {"job_id": w.import_job.pk}


def _background_job(w):
    return {"job_id": w.background_job.pk}


def _release(w):
    return {"release_id": w.supply_list.pk}


def _line(w):
    return {"pk": w.platform.pk, "record_id": w.line.pk}


def _permit(w):
    return {"pk": w.platform.pk, "record_id": w.permit.pk}


def _scope_item(w):
    return {"pk": w.platform.pk, "record_id": w.scope_item.pk}


def _redemption(w):
    return {"redemption_id": w.redemption.pk}

# Every URL pattern of the project (outside admin/ and api/, which have their own rules below).
PAGES: dict[str, Page] = {
    "set_language": Page(ANY),  # Django's view: GET just redirects back
    "health_live": Page(PUBLIC),
    "health_ready": Page(PUBLIC),
    "core:home": Page(PUBLIC),
    "core:audit": Page(REVIEWERS),
    "core:notifications": Page(LOGIN),
    "core:notifications_read_all": Page(POST_ONLY),
    # background jobs (the 怀柔 reviewer's report job; rebuilds are for administrators)
    "core:jobs": Page(LOGIN),
    "core:job_start": Page(POST_ONLY, write=("admin",), kwargs=lambda w: {"kind": "search_index_rebuild"}),
    "core:job_detail": Page(OWNER, kwargs=_background_job),
    "core:job_progress": Page(OWNER, kwargs=_background_job),
    "core:job_download": Page(OWNER, kwargs=_background_job),
    "core:maintenance": Page(("admin",)),
    # accounts
    "accounts:login": Page(PUBLIC),
    "accounts:logout": Page(POST_ONLY),
    "accounts:register": Page(PUBLIC),
    "accounts:review_queue": Page(REVIEWERS),
    "accounts:review_organisation": Page(POST_ONLY, write=("admin",),
                                         kwargs=lambda w: {"organisation_id": w.pending_org.pk}),
    "accounts:tokens": Page(LOGIN),
    "accounts:token_revoke": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"token_id": w.token.pk}),
    # The second login step answers a redirect to the login page unless a password step is pending.
    "accounts:login_otp": Page(ANY),
    "accounts:two_factor": Page(LOGIN),
    "accounts:two_factor_recovery": Page(POST_ONLY),
    "accounts:password_change": Page(LOGIN),
    # demands
    "demands:list": Page(PUBLIC),
    "demands:create": Page(ANY, write=("enterprise", "admin")),
    "demands:mine": Page(LOGIN),
    "demands:recommended": Page(LOGIN),
    "demands:moderation": Page(REVIEWERS),
    "demands:detail": Page(OWNER, kwargs=_demand),
    "demands:close": Page(POST_ONLY, write=OWNER, kwargs=_demand),
    "demands:interest": Page(POST_ONLY, write=OWNER, kwargs=_demand),
    "demands:quote": Page(OWNER, write=OWNER, kwargs=_demand),
    "demands:quotes": Page(OWNER, kwargs=_demand),
    "demands:thread": Page(OWNER, write=OWNER, kwargs=lambda w: {"demand_id": w.demand.pk,
                                                                  "platform_id": w.platform.pk}),
    "demands:hide": Page(POST_ONLY, write=OWNER, kwargs=_demand),
    "demands:restore": Page(POST_ONLY, write=OWNER, kwargs=_demand),
    "demands:quote_accept": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"quote_id": w.quote.pk}),
    "demands:challenges": Page(PUBLIC),
    "demands:challenge_new": Page(ANY),
    "demands:challenge_detail": Page(ANY, kwargs=_missing("challenge_id")),
    "demands:challenge_close": Page(POST_ONLY, write=OWNER, kwargs=_missing("challenge_id")),
    "demands:challenge_publish": Page(POST_ONLY, write=OWNER, kwargs=_missing("challenge_id")),
    "demands:milestone_add": Page(POST_ONLY, write=OWNER, kwargs=_missing("challenge_id")),
    "demands:application_score": Page(POST_ONLY, write=OWNER, kwargs=_missing("application_id")),
    "demands:application_attachment": Page(OWNER, kwargs=_missing("application_id")),
    "demands:milestone_submit": Page(POST_ONLY, write=OWNER, kwargs=_missing("milestone_id")),
    "demands:milestone_confirm": Page(POST_ONLY, write=OWNER, kwargs=_missing("milestone_id")),
    # matching
    "matching:search": Page(PUBLIC, query="?text=抗体药物工艺放大"),
    # bookings
    "bookings:equipment": Page(PUBLIC),
    "bookings:equipment_detail": Page(PUBLIC, kwargs=lambda w: {"equipment_id": w.equipment.pk}),
    "bookings:queue": Page(LOGIN),  # each user sees the bookings of their own platforms (none)
    "bookings:mine": Page(LOGIN),
    "bookings:booking_decide": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"booking_id": w.booking.pk}),
    "bookings:booking_cancel": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"booking_id": w.booking.pk}),
    "bookings:platform_calendar": Page(ANY, kwargs=lambda w: {"platform_id": w.platform.pk}),
    "bookings:orders": Page(LOGIN),
    "bookings:order_detail": Page(OWNER, write=OWNER, kwargs=_order),
    "bookings:attachment_download": Page(OWNER, kwargs=lambda w: {"order_id": w.order.pk,
                                                                  "attachment_id": w.attachment.pk}),
    "bookings:vouchers": Page(ANY),
    "bookings:voucher_export": Page(ANY),
    "bookings:voucher_platform": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"platform_id": w.platform.pk}),
    # policy
    "policy:calculator": Page(PUBLIC),
    "policy:my_applications": Page(LOGIN),
    "policy:application_create": Page(POST_ONLY),
    "policy:application_detail": Page(OWNER, kwargs=lambda w: {"application_id": w.application.pk}),
    "policy:application_decision": Page(POST_ONLY, write=OWNER,
                                        kwargs=lambda w: {"application_id": w.application.pk}),
    "policy:application_resubmit": Page(POST_ONLY, write=OWNER,
                                        kwargs=lambda w: {"application_id": w.application.pk}),
    "policy:review_queue": Page(REVIEWERS),
    # dashboard (the matrix reviewer governs 嘉兴 330400)
    "dashboard:home": Page(REVIEWERS),
    "dashboard:region": Page(REVIEWERS, kwargs=lambda w: {"code": "330400"}),
    "dashboard:export": Page(REVIEWERS, kwargs=lambda w: {"code": "330400"}),
    "dashboard:refresh": Page(POST_ONLY, write=REVIEWERS, kwargs=lambda w: {"code": "330400"}),
    "dashboard:public": Page(PUBLIC, kwargs=lambda w: {"code": "330400"}),
    # evaluation
    "evaluation:home": Page(LOGIN),
    "evaluation:call_create": Page(ANY, write=REVIEWERS),
    "evaluation:call_detail": Page(ANY, kwargs=lambda w: {"call_id": w.call.pk}),
    "evaluation:application_create": Page(ANY, kwargs=lambda w: {"call_id": w.call.pk}),
    "evaluation:application_detail": Page(OWNER, kwargs=lambda w: {"application_id": w.evaluation_application.pk}),
    "evaluation:application_attachment": Page(POST_ONLY, write=OWNER,
                                              kwargs=lambda w: {"application_id": w.evaluation_application.pk}),
    "evaluation:application_transition": Page(POST_ONLY, write=OWNER,
                                              kwargs=lambda w: {"application_id": w.evaluation_application.pk}),
    "evaluation:expert_score": Page(OWNER, write=OWNER,
                                    kwargs=lambda w: {"application_id": w.evaluation_application.pk}),
    "evaluation:objection_record": Page(POST_ONLY, write=OWNER,
                                        kwargs=lambda w: {"application_id": w.evaluation_application.pk}),
    "evaluation:objection_resolve": Page(POST_ONLY, write=OWNER, kwargs=_missing("objection_id")),
    "evaluation:attachment_download": Page(OWNER, kwargs=lambda w: {"kind": "application",
                                                                    "attachment_id": MISSING}),
    "evaluation:experts": Page(REVIEWERS),
    "evaluation:round_create": Page(ANY, write=REVIEWERS),
    "evaluation:round_detail": Page(OWNER, kwargs=_missing("round_id")),
    "evaluation:region_summary": Page(OWNER, kwargs=_missing("round_id")),
    "evaluation:round_action": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"round_id": MISSING, "action": "score"}),
    "evaluation:declaration_edit": Page(OWNER, write=OWNER,
                                        kwargs=lambda w: {"round_id": MISSING, "platform_id": w.platform.pk}),
    "evaluation:declaration_detail": Page(OWNER, kwargs=_missing("declaration_id")),
    "evaluation:declaration_evidence": Page(POST_ONLY, write=OWNER, kwargs=_missing("declaration_id")),
    "evaluation:declaration_submit": Page(POST_ONLY, write=OWNER, kwargs=_missing("declaration_id")),
    "evaluation:value_adjust": Page(POST_ONLY, write=OWNER, kwargs=_missing("value_id")),
    "evaluation:result_report": Page(OWNER, kwargs=_missing("result_id")),
    "evaluation:result_report_pdf": Page(OWNER, kwargs=_missing("result_id")),
    "evaluation:proposals": Page(REVIEWERS),
    "evaluation:proposal_decide": Page(POST_ONLY, write=OWNER, kwargs=_missing("proposal_id")),
    "evaluation:reward_decide": Page(POST_ONLY, write=OWNER, kwargs=_missing("reward_id")),
    # content
    "content:home": Page(PUBLIC),
    "content:feed_rss": Page(PUBLIC),
    "content:feed_atom": Page(PUBLIC),
    "content:policy_list": Page(PUBLIC),
    "content:policy_feed": Page(PUBLIC),
    "content:policy_detail": Page(PUBLIC, kwargs=lambda w: {"document_id": w.document.pk}),
    "content:mine": Page(LOGIN),
    "content:new": Page(ANY, write=("operator", "reviewer", "admin"), kwargs=lambda w: {"section": "solutions"}),
    "content:edit": Page(OWNER, write=OWNER, kwargs=lambda w: {"article_id": w.article.pk}),
    "content:submit": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"article_id": w.article.pk}),
    "content:review": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"article_id": w.article.pk}),
    "content:unpublish": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"article_id": w.published.pk}),
    "content:member_add": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"article_id": w.published.pk}),
    "content:member_remove": Page(POST_ONLY, write=OWNER,
                                  kwargs=lambda w: {"article_id": w.published.pk, "member_id": MISSING}),
    "content:test_report": Page(ANY, kwargs=lambda w: {"article_id": MISSING}),
    "content:list": Page(PUBLIC, kwargs=lambda w: {"section": "news"}),
    "content:section_feed_rss": Page(PUBLIC, kwargs=lambda w: {"section": "news"}),
    "content:section_feed_atom": Page(PUBLIC, kwargs=lambda w: {"section": "news"}),
    "content:detail": Page(PUBLIC, kwargs=lambda w: {"section": "news", "article_id": w.published.pk}),
    # bookings: availability settings (operators) and voucher redemptions (reviewers)
    "bookings:availability": Page(SIGNED_IN),  # an operator with one platform is redirected to it
    "bookings:availability_platform": Page(OWNER, write=OWNER, kwargs=_platform),
    "bookings:redemptions": Page(REVIEWERS, write=REVIEWERS),
    "bookings:redemption_detail": Page(OWNER, write=OWNER, kwargs=_redemption),
    # demands: confidential details
    "demands:confidential": Page(OWNER, write=OWNER, kwargs=_secret),
    "demands:access_log": Page(OWNER, kwargs=_secret),
    "demands:grant": Page(POST_ONLY, write=OWNER, kwargs=_secret),
    "demands:revoke": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"demand_id": w.secret_demand.pk,
                                                                      "platform_id": w.platform.pk}),
    "demands:undertaking": Page(POST_ONLY, write=OWNER, kwargs=_secret),
    # platforms: the public directory
    "platforms:directory": Page(PUBLIC),
    "platforms:detail": Page(PUBLIC, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:map": Page(PUBLIC),
    "platforms:map_data": Page(PUBLIC),
    # platforms: the editing workflow (my platforms, change requests, review)
    "platforms:manage_list": Page(LOGIN),
    "platforms:manage_new": Page(("operator",), write=("operator",)),
    "platforms:review_queue": Page(REVIEWERS),
    "platforms:manage": Page(OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:manage_edit": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:manage_publish": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:history": Page(OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:child_new": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk, "kind": "equipment"}),
    "platforms:child_edit": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk, "kind": "equipment",
                                                                       "child_id": w.equipment.pk}),
    "platforms:child_delete": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk, "kind": "equipment",
                                                                             "child_id": w.equipment.pk}),
    "platforms:change_request": Page(OWNER, kwargs=_change_request),
    "platforms:change_request_review": Page(POST_ONLY, write=OWNER, kwargs=_change_request),
    "platforms:change_request_withdraw": Page(POST_ONLY, write=OWNER, kwargs=_change_request),
    # platforms: import/export (reviewers) and supply lists (public, published by reviewers)
    "platforms:io": Page(REVIEWERS),
    "platforms:io_template": Page(PUBLIC, kwargs=lambda w: {"fmt": "csv"}),
    "platforms:io_import": Page(POST_ONLY, write=REVIEWERS),
    "platforms:io_export": Page(REVIEWERS, query="?region=330400&file_format=csv"),
    "platforms:io_job": Page(OWNER, kwargs=_job),
    "platforms:io_job_progress": Page(OWNER, kwargs=_job),
    "platforms:supply_lists": Page(PUBLIC),
    "platforms:supply_list_publish": Page(REVIEWERS, write=REVIEWERS),
    "platforms:supply_list_detail": Page(PUBLIC, kwargs=_release),
    "platforms:supply_list_download": Page(PUBLIC, kwargs=lambda w: {"release_id": w.supply_list.pk, "fmt": "xlsx"}),
    # platforms: trust layer (freshness confirmation, pilot lines)
    "platforms:trust_listings": Page(LOGIN),
    "platforms:trust_confirm": Page(OWNER, write=OWNER, kwargs=_platform),
    # platforms: capabilities edited from 我的平台 (pilot lines, hazard permits, accreditation scope; 0307)
    "platforms:manage_lines": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:manage_lines_edit": Page(OWNER, write=OWNER, kwargs=_line),
    "platforms:manage_lines_delete": Page(POST_ONLY, write=OWNER, kwargs=_line),
    "platforms:manage_permits": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:manage_permits_edit": Page(OWNER, write=OWNER, kwargs=_permit),
    "platforms:manage_permits_expire": Page(POST_ONLY, write=OWNER, kwargs=_permit),
    "platforms:manage_permits_delete": Page(POST_ONLY, write=OWNER, kwargs=_permit),
    "platforms:manage_scope": Page(OWNER, write=OWNER, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:manage_scope_edit": Page(OWNER, write=OWNER, kwargs=_scope_item),
    "platforms:manage_scope_delete": Page(POST_ONLY, write=OWNER, kwargs=_scope_item),
    # platforms: wrong-listing reports (anyone reports; the operator or the region's reviewers resolve)
    "platforms:report_listing": Page(PUBLIC, write=EVERYONE, kwargs=lambda w: {"pk": w.platform.pk}),
    "platforms:listing_reports": Page(LOGIN),
    "platforms:listing_report_resolve": Page(POST_ONLY, write=OWNER, kwargs=lambda w: {"pk": w.listing_report.pk}),
}


@dataclass(frozen=True)
class Op:
    """One API operation: read as for Page ("public", "login", "owner", a tuple of roles)."""

    access: str | tuple[str, ...]
    params: Callable[[World], dict] = field(default=lambda w: {})
    query: Callable[[World], str] = field(default=lambda w: "")


_API_ORDER = Op(OWNER, lambda w: {"order_id": w.order.pk})
_API_BOOKING = Op(OWNER, lambda w: {"booking_id": w.booking.pk})
_API_DEMAND = Op(OWNER, lambda w: {"demand_id": w.demand.pk})
_API_MY_PLATFORM = Op(OWNER, lambda w: {"platform_id": w.platform.pk})
_API_MY_EQUIPMENT = Op(OWNER, lambda w: {"platform_id": w.platform.pk, "child_id": w.equipment.pk})
_API_MY_CHILD = Op(OWNER, lambda w: {"platform_id": w.platform.pk, "child_id": MISSING})
_API_MY_LINE = Op(OWNER, lambda w: {"platform_id": w.platform.pk, "record_id": w.line.pk})
_API_MY_PERMIT = Op(OWNER, lambda w: {"platform_id": w.platform.pk, "record_id": w.permit.pk})
_API_MY_SCOPE_ITEM = Op(OWNER, lambda w: {"platform_id": w.platform.pk, "record_id": w.scope_item.pk})
_API_CHANGE_REQUEST = Op(OWNER, lambda w: {"change_request_id": w.change_request.pk})
_API_REDEMPTION = Op(OWNER, lambda w: {"redemption_id": w.redemption.pk})

API: dict[str, Op] = {
    "GET /api/v1/health": Op(PUBLIC),
    "GET /api/v1/jobs/{job_id}": Op(OWNER, _background_job),
    "GET /api/v1/regions": Op(PUBLIC),
    "GET /api/v1/regions/{code}": Op(PUBLIC, lambda w: {"code": "110116"}),
    "GET /api/v1/accounts/me": Op(LOGIN),
    "GET /api/v1/demands": Op(PUBLIC),
    "POST /api/v1/demands": Op(ANY),
    "GET /api/v1/demands/{demand_id}": _API_DEMAND,
    "POST /api/v1/demands/{demand_id}/quotes": _API_DEMAND,
    "POST /api/v1/quotes/{quote_id}/accept": Op(OWNER, lambda w: {"quote_id": w.quote.pk}),
    "GET /api/v1/demands/{demand_id}/messages": Op(OWNER, lambda w: {"demand_id": w.demand.pk},
                                                   query=lambda w: f"?platform={w.platform.pk}"),
    "POST /api/v1/demands/{demand_id}/messages": _API_DEMAND,
    "POST /api/v1/match": Op(ANY),
    "POST /api/v1/equipment/{equipment_id}/bookings": Op(ANY, lambda w: {"equipment_id": w.equipment.pk}),
    "GET /api/v1/equipment/{equipment_id}/bookings": Op(PUBLIC, lambda w: {"equipment_id": w.equipment.pk}),
    "GET /api/v1/bookings": Op(LOGIN),
    "GET /api/v1/bookings/{booking_id}": _API_BOOKING,
    "POST /api/v1/bookings/{booking_id}/approve": _API_BOOKING,
    "POST /api/v1/bookings/{booking_id}/decline": _API_BOOKING,
    "POST /api/v1/bookings/{booking_id}/cancel": _API_BOOKING,
    "GET /api/v1/orders": Op(LOGIN),
    "GET /api/v1/orders/{order_id}": _API_ORDER,
    "POST /api/v1/orders/{order_id}/quote": _API_ORDER,
    "POST /api/v1/orders/{order_id}/contract": _API_ORDER,
    "POST /api/v1/orders/{order_id}/voucher": _API_ORDER,
    "POST /api/v1/orders/{order_id}/start": _API_ORDER,
    "POST /api/v1/orders/{order_id}/attachments": _API_ORDER,
    "GET /api/v1/orders/{order_id}/attachments/{attachment_id}": Op(
        OWNER, lambda w: {"order_id": w.order.pk, "attachment_id": w.attachment.pk}),
    "POST /api/v1/orders/{order_id}/deliver": _API_ORDER,
    "POST /api/v1/orders/{order_id}/reject-delivery": _API_ORDER,
    "POST /api/v1/orders/{order_id}/accept": _API_ORDER,
    "POST /api/v1/orders/{order_id}/cancel": _API_ORDER,
    "POST /api/v1/orders/{order_id}/rating": _API_ORDER,
    "POST /api/v1/orders/{order_id}/rating/reply": _API_ORDER,
    "GET /api/v1/platforms/{platform_id}/rating-summary": Op(PUBLIC, lambda w: {"platform_id": w.platform.pk}),
    "POST /api/v1/platforms/{platform_id}/voucher-acceptance": Op(OWNER, lambda w: {"platform_id": w.platform.pk}),
    "GET /api/v1/vouchers/report": Op(ANY),
    "GET /api/v1/vouchers/report.xlsx": Op(ANY),
    "POST /api/v1/policy/evaluate": Op(ANY),
    "GET /api/v1/policy/measures": Op(PUBLIC),
    "GET /api/v1/dashboard/regions": Op(REVIEWERS),
    "GET /api/v1/dashboard/{code}": Op(REVIEWERS, lambda w: {"code": "330400"}),
    "GET /api/v1/dashboard/{code}/{section}": Op(REVIEWERS, lambda w: {"code": "330400", "section": "tiers"}),
    "GET /api/v1/content/{section}": Op(PUBLIC, lambda w: {"section": "news"}),
    "GET /api/v1/content/{section}/{article_id}": Op(PUBLIC, lambda w: {"section": "news",
                                                                        "article_id": w.published.pk}),
    "GET /api/v1/policy-documents": Op(PUBLIC),
    "GET /api/v1/policy-documents/{document_id}": Op(PUBLIC, lambda w: {"document_id": w.document.pk}),
    # the public registry
    "GET /api/v1/platforms": Op(PUBLIC),
    "GET /api/v1/platforms/{platform_id}": Op(PUBLIC, lambda w: {"platform_id": w.platform.pk}),
    "GET /api/v1/platforms/{platform_id}/capabilities": Op(PUBLIC, lambda w: {"platform_id": w.platform.pk}),
    "GET /api/v1/equipment": Op(PUBLIC),
    "GET /api/v1/test-services": Op(PUBLIC),
    # the registry editing API (operators' own platforms, reviewers' change requests)
    "GET /api/v1/my/platforms": Op(LOGIN),
    "POST /api/v1/my/platforms": Op(("operator",)),
    "GET /api/v1/my/platforms/{platform_id}": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/change-requests": _API_MY_PLATFORM,
    "GET /api/v1/my/platforms/{platform_id}/change-requests": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/publication": _API_MY_PLATFORM,
    "GET /api/v1/my/platforms/{platform_id}/equipment": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/equipment": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/equipment/{child_id}": _API_MY_EQUIPMENT,
    "DELETE /api/v1/my/platforms/{platform_id}/equipment/{child_id}": _API_MY_EQUIPMENT,
    "GET /api/v1/my/platforms/{platform_id}/test-services": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/test-services": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/test-services/{child_id}": _API_MY_CHILD,
    "DELETE /api/v1/my/platforms/{platform_id}/test-services/{child_id}": _API_MY_CHILD,
    "GET /api/v1/my/platforms/{platform_id}/experts": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/experts": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/experts/{child_id}": _API_MY_CHILD,
    "DELETE /api/v1/my/platforms/{platform_id}/experts/{child_id}": _API_MY_CHILD,
    "GET /api/v1/my/platforms/{platform_id}/pilot-lines": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/pilot-lines": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/pilot-lines/{record_id}": _API_MY_LINE,
    "DELETE /api/v1/my/platforms/{platform_id}/pilot-lines/{record_id}": _API_MY_LINE,
    "GET /api/v1/my/platforms/{platform_id}/hazard-permits": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/hazard-permits": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/hazard-permits/{record_id}": _API_MY_PERMIT,
    "DELETE /api/v1/my/platforms/{platform_id}/hazard-permits/{record_id}": _API_MY_PERMIT,
    "POST /api/v1/my/platforms/{platform_id}/hazard-permits/{record_id}/expire": _API_MY_PERMIT,
    "GET /api/v1/my/platforms/{platform_id}/accreditation-scope": _API_MY_PLATFORM,
    "POST /api/v1/my/platforms/{platform_id}/accreditation-scope": _API_MY_PLATFORM,
    "PUT /api/v1/my/platforms/{platform_id}/accreditation-scope/{record_id}": _API_MY_SCOPE_ITEM,
    "DELETE /api/v1/my/platforms/{platform_id}/accreditation-scope/{record_id}": _API_MY_SCOPE_ITEM,
    "GET /api/v1/platform-change-requests": Op(REVIEWERS),
    "GET /api/v1/platform-change-requests/{change_request_id}": _API_CHANGE_REQUEST,
    "POST /api/v1/platform-change-requests/{change_request_id}/approve": _API_CHANGE_REQUEST,
    "POST /api/v1/platform-change-requests/{change_request_id}/return": _API_CHANGE_REQUEST,
    "POST /api/v1/platform-change-requests/{change_request_id}/withdraw": _API_CHANGE_REQUEST,
    # confidential demand details
    "GET /api/v1/demands/{demand_id}/details": Op(OWNER, _secret),
    # availability settings (operators)
    "GET /api/v1/platforms/{platform_id}/availability": _API_MY_PLATFORM,
    "PUT /api/v1/platforms/{platform_id}/opening-hours": _API_MY_PLATFORM,
    "PUT /api/v1/platforms/{platform_id}/booking-policy": _API_MY_PLATFORM,
    "POST /api/v1/equipment/{equipment_id}/maintenance": Op(OWNER, lambda w: {"equipment_id": w.equipment.pk}),
    "DELETE /api/v1/maintenance/{block_id}": Op(OWNER, lambda w: {"block_id": w.maintenance.pk}),
    # voucher redemption
    "POST /api/v1/orders/{order_id}/redemption": _API_ORDER,
    "GET /api/v1/voucher-redemptions": Op(REVIEWERS),
    "GET /api/v1/voucher-redemptions/{redemption_id}": _API_REDEMPTION,
    "POST /api/v1/voucher-redemptions/{redemption_id}/approve": _API_REDEMPTION,
    "POST /api/v1/voucher-redemptions/{redemption_id}/return": _API_REDEMPTION,
    "POST /api/v1/voucher-payment-batches": Op(REVIEWERS),
    # supply lists (public)
    "GET /api/v1/supply-lists": Op(PUBLIC),
    "GET /api/v1/supply-lists/{release_id}": Op(PUBLIC, lambda w: {"release_id": w.supply_list.pk}),
}


# --- enumeration -------------------------------------------------------------------------------

def project_url_names() -> dict[str, URLPattern]:
    """Every named URL pattern outside admin/ and api/ (those have their own checks)."""
    found: dict[str, URLPattern] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith(("admin/", "api/")):
                    continue
                walk(pattern, route, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            else:
                name = pattern.name or route
                found[namespace + name] = pattern

    walk(get_resolver(), "", "")
    return found


def api_operations() -> list[tuple[str, str]]:
    from pilothub.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, operations in schema["paths"].items() for method in operations]


def test_every_page_is_declared():
    names = set(project_url_names())
    assert sorted(names - set(PAGES)) == [], "new pages must declare who may use them in PAGES"
    assert sorted(set(PAGES) - names) == [], "PAGES names URL patterns that no longer exist"


def test_every_api_operation_is_declared():
    operations = {f"{method} {path}" for method, path in api_operations()}
    assert sorted(operations - set(API)) == [], "new API operations must declare who may use them in API"
    assert sorted(set(API) - operations) == [], "API names operations that no longer exist"


# --- the matrix ---------------------------------------------------------------------------------

REFUSED = {403, 404}
LOGIN_PATH = "/accounts/login/"


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and (response.url.startswith(LOGIN_PATH)
                                            or response.url.startswith("/admin/login/"))


def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _page_problems(world: World, role: str, client: Client, name: str, page: Page) -> list[str]:
    path = reverse(name, kwargs=page.kwargs(world)) + page.query
    problems = []
    get = client.get(path)
    status = get.status_code
    where = f"{role:10} GET  {path} ({name}) → {status}"
    if status >= 500:
        return [where + ": server error"]
    read = page.read
    if read == PUBLIC and status != 200:
        problems.append(where + ": public page must answer 200")
    elif read == LOGIN and role == "anonymous" and not _is_login_redirect(get):
        problems.append(where + ": must redirect to the login page")
    elif read == LOGIN and role != "anonymous" and status != 200:
        problems.append(where + ": any logged-in user must get 200")
    elif read == SIGNED_IN and role == "anonymous" and not _is_login_redirect(get):
        problems.append(where + ": must redirect to the login page")
    elif read == POST_ONLY and status != 405 and not _is_login_redirect(get):
        problems.append(where + ": POST-only URL must refuse GET with 405")
    elif read == OWNER and role in OUTSIDERS and status not in REFUSED:
        problems.append(where + ": another organisation's / region's object must be 403/404")
    elif read == OWNER and role == "anonymous" and status not in REFUSED and not _is_login_redirect(get):
        problems.append(where + ": anonymous must be refused")
    elif isinstance(read, tuple):
        if role in read and status != 200:
            problems.append(where + f": {role} may use this page")
        if role not in read and status not in REFUSED and not _is_login_redirect(get):
            problems.append(where + f": only {read} may use this page")
    if role == "admin" and read in (PUBLIC, LOGIN) and status != 200:
        problems.append(where + ": the admin must be able to read it")

    if page.write is not None or read == POST_ONLY:
        acted_before = _actions_by(world, role)
        post = client.post(path, {})
        status = post.status_code
        where = f"{role:10} POST {path} ({name}) → {status}"
        acted = _actions_by(world, role) - acted_before
        forbidden = (page.write == OWNER and role != "admin") or (
            isinstance(page.write, tuple) and role not in page.write)
        if status >= 500:
            problems.append(where + ": server error")
        elif forbidden and role == "anonymous" and status not in REFUSED | {401, 405} \
                and not _is_login_redirect(post):
            problems.append(where + ": anonymous must be refused")
        elif forbidden and status not in REFUSED | {405} and (status not in (200, 302, 400) or acted):
            # Pages that answer a refused action with a message and a redirect are fine, as long
            # as nothing was done: no audit event by this user.
            problems.append(where + f": must be refused, and {acted} audit event(s) were written")
    return problems


def _actions_by(world: World, role: str) -> int:
    from pilothub.core.models import AuditEvent

    if role == "anonymous":
        return AuditEvent.objects.filter(actor__isnull=True).count()
    return AuditEvent.objects.filter(actor=world.users[role]).count()


def _state(world: World) -> dict:
    """What an outsider must never be able to change."""
    def fresh(obj, *fields):
        obj.refresh_from_db()
        return tuple(getattr(obj, f) for f in fields)

    return {
        "booking": fresh(world.booking, "status"), "order": fresh(world.order, "status"),
        "demand": fresh(world.demand, "status", "title"), "quote": fresh(world.quote, "status"),
        "application": fresh(world.application, "status"),
        "certification": fresh(world.evaluation_application, "state"),
        "article": fresh(world.article, "status", "title"), "published": fresh(world.published, "status"),
        "token": fresh(world.token, "revoked_at"), "pending_org": fresh(world.pending_org, "status"),
        "attachments": world.order.attachments.count(),
        "platform": fresh(world.platform, "name", "status", "updated_at", "last_confirmed_at"),
        "equipment": fresh(world.equipment, "name"),
        "children": (world.platform.equipment.count(), world.platform.test_services.count(),
                     world.platform.experts.count(), world.platform.pilot_lines.count()),
        "change_request": fresh(world.change_request, "status"),
        "line": fresh(world.line, "name", "is_active"),
        "listing_report": fresh(world.listing_report, "status"),
        "redemption": fresh(world.redemption, "status"),
        "grant": fresh(world.grant, "revoked_at"),
        "confidential": fresh(world.secret_demand, "confidential_details", "requires_undertaking"),
        "undertakings": world.secret_demand.undertaking_acceptances.count(),
        "detail_views": world.secret_demand.detail_views.count(),
        "maintenance": type(world.maintenance).objects.filter(pk=world.maintenance.pk).exists(),
        "payment_batches": type(world.redemption).objects.filter(batch__isnull=False).count(),
    }


def _api_problems(world: World, role: str, client: Client, key: str, op: Op) -> list[str]:
    method, template = key.split(" ", 1)
    params = op.params(world)
    path = re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), template) + op.query(world)
    response = client.get(path) if method == "GET" else client.generic(method, path, "{}",
                                                                       content_type="application/json")
    status = response.status_code
    where = f"{role:10} {method:4} {path} → {status}"
    if status >= 500:
        return [where + ": server error"]
    if status >= 400 and response.headers.get("Content-Type", "").startswith("application/json"):
        error = response.json().get("error") if isinstance(response.json(), dict) else None
        if not (error and error.get("code") and error.get("message_zh") and error.get("message_en")):
            return [where + ": error body must be {error: {code, message_zh, message_en}}"]
    if op.access == PUBLIC and method == "GET" and status != 200:
        return [where + ": public operation must answer 200"]
    if op.access in (LOGIN, OWNER) and role == "anonymous" and status not in {401, 403, 404}:
        return [where + ": anonymous must get 401"]
    if op.access == LOGIN and role != "anonymous" and method == "GET" and status != 200:
        return [where + ": any logged-in user must get 200"]
    if op.access == OWNER and role in OUTSIDERS and status not in REFUSED | {422}:
        # 422: the body was refused before any object was looked at (nothing is revealed).
        return [where + ": another organisation's object must be 403/404"]
    if op.access == OWNER and role in OUTSIDERS and status == 422 and method == "GET":
        return [where + ": a GET cannot fail validation on an object of someone else"]
    if isinstance(op.access, tuple):
        if role in op.access and method == "GET" and status != 200:
            return [where + f": {role} may use this operation"]
        if role not in op.access and status not in {401, 403, 404} | ({422} if method != "GET" else set()):
            return [where + f": only {op.access} may use this operation"]
    return []


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, role):
    client = _client(world, role)
    before = _state(world)
    problems: list[str] = []
    for name, page in PAGES.items():
        problems += _page_problems(world, role, client, name, page)
        if role != "anonymous" and "_auth_user_id" not in client.session:
            client.force_login(world.users[role])  # a logout URL was exercised
    assert problems == [], "\n" + "\n".join(problems)
    if role != "admin":
        assert _state(world) == before


@pytest.mark.parametrize("role", ROLES)
def test_api(world, role):
    client = _client(world, role)
    before = _state(world)
    problems: list[str] = []
    for key, op in API.items():
        problems += _api_problems(world, role, client, key, op)
    assert problems == [], "\n" + "\n".join(problems)
    if role != "admin":
        assert _state(world) == before


@pytest.mark.parametrize("role", ["anonymous", "enterprise", "admin"])
def test_admin_site(world, role):
    """Every admin changelist and add page: staff only, and no 5xx for the administrator."""
    from django.contrib import admin as django_admin

    client = _client(world, role)
    problems = []
    for model in django_admin.site._registry:
        for view in ("changelist", "add"):
            path = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
            response = client.get(path)
            where = f"{role} GET {path} → {response.status_code}"
            if response.status_code >= 500:
                problems.append(where + ": server error")
            elif role != "admin" and not _is_login_redirect(response):
                problems.append(where + ": only staff may use the admin")
            elif role == "admin" and response.status_code not in (200, 403):
                problems.append(where)
    assert problems == [], "\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS])
def test_confidential_details_never_reach_outsiders(world, role):
    """The public demand's page, the demand API and its details API never show the confidential
    text to anyone without a grant (the matrix above only sees status codes)."""
    import json

    escaped = json.dumps(SECRET)[1:-1]  # as the JSON API writes it

    def shows_secret(response) -> bool:
        text = response.content.decode()
        return SECRET in text or escaped in text

    client = _client(world, role)
    pages = [reverse("demands:detail", kwargs=_secret(world)), reverse("demands:list"),
             f"/api/v1/demands/{world.secret_demand.pk}", "/api/v1/demands",
             f"/api/v1/demands/{world.secret_demand.pk}/details"]
    for path in pages:
        response = client.get(path)
        assert response.status_code < 500, path
        assert not shows_secret(response), f"{role} read the confidential details at {path}"
    owner = Client()
    owner.force_login(world.owner)
    assert shows_secret(owner.get(f"/api/v1/demands/{world.secret_demand.pk}/details"))
    assert shows_secret(owner.get(reverse("demands:detail", kwargs=_secret(world))))


def test_the_owners_reach_the_objects_the_outsiders_are_refused(world):
    """Guard for the matrix itself: the owned objects are real and reachable by their owners, so
    the outsiders' 403/404 above is a refusal, not a broken link."""
    owners = {"operator": world.owner_operator, "reviewer": world.owner_reviewer, "enterprise": world.owner}
    expected = [
        ("operator", "platforms:manage", {"pk": world.platform.pk}),
        ("operator", "platforms:history", {"pk": world.platform.pk}),
        ("operator", "platforms:child_edit", {"pk": world.platform.pk, "kind": "equipment",
                                              "child_id": world.equipment.pk}),
        ("operator", "platforms:change_request", _change_request(world)),
        ("operator", "platforms:trust_confirm", _platform(world)),
        ("operator", "platforms:manage_lines", {"pk": world.platform.pk}),
        ("operator", "platforms:manage_lines_edit", _line(world)),
        ("operator", "platforms:manage_permits", {"pk": world.platform.pk}),
        ("operator", "platforms:manage_permits_edit", _permit(world)),
        ("operator", "platforms:manage_scope", {"pk": world.platform.pk}),
        ("operator", "platforms:manage_scope_edit", _scope_item(world)),
        ("operator", "bookings:availability_platform", _platform(world)),
        ("operator", "bookings:redemption_detail", _redemption(world)),
        ("reviewer", "platforms:change_request", _change_request(world)),
        ("reviewer", "platforms:io_job", _job(world)),
        ("reviewer", "core:job_detail", _background_job(world)),
        ("reviewer", "core:job_progress", _background_job(world)),
        ("reviewer", "core:job_download", _background_job(world)),
        ("reviewer", "bookings:redemption_detail", _redemption(world)),
        ("enterprise", "demands:confidential", _secret(world)),
        ("enterprise", "demands:access_log", _secret(world)),
    ]
    problems = []
    for who, name, kwargs in expected:
        client = Client()
        client.force_login(owners[who])
        status = client.get(reverse(name, kwargs=kwargs)).status_code
        if status != 200:
            problems.append(f"{who} {name} → {status}")
    client = Client()
    client.force_login(world.owner_reviewer)
    assert client.get(f"/api/v1/voucher-redemptions/{world.redemption.pk}").status_code == 200
    assert client.get(f"/api/v1/jobs/{world.background_job.pk}").status_code == 200
    assert client.get(f"/api/v1/platform-change-requests/{world.change_request.pk}").status_code == 200
    assert problems == []


def test_the_world_is_owned_by_someone_else(world):
    """Guard for the matrix itself: none of the tested roles owns the fixture objects."""
    for role in OUTSIDERS:
        user = world.users[role]
        assert user.organisation_id not in (world.owner_org.pk, world.owner_operator.organisation_id)
    assert not world.users["reviewer"].region.path.startswith("/110000/")
    assert world.users["operator"].organisation.kind == OrganisationKind.PLATFORM_OPERATOR
