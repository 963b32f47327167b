"""Demo data: an open certification call and an expert roster per demo region; with the registry's
demo platforms (when it loaded any), applications in different stages and a completed (published)
2025 evaluation round. A region without demo platforms gets only the call and the experts.
Idempotent: a region that already has this year's demo call is skipped."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pilothub.accounts.demo import DEMO_PASSWORD
from pilothub.accounts.models import Organisation, OrganisationKind, Role, User
from pilothub.bookings.models import OrderStatus, ServiceOrder
from pilothub.platforms.models import Equipment, Platform, PlatformStatus

from . import services
from .models import CertificationApplication, CertificationCall, EvaluationRound
from .services.certification import platform_tier_set

REGIONS = {
    # region: (reviewer username, policy citation)
    "110000": ("demo-reviewer-bj", "京发改规〔2026〕1号"),
    "330400": ("demo-reviewer-jx", "嘉经信技装〔2025〕47号 二（一）6"),
    "442000": ("demo-reviewer-zs", "中山科发〔2025〕73号 五（二）"),
}
CRITERIA: list[dict[str, Any]] = [
    {"code": "capability", "name": "中试能力（设备、场地、人才）", "max_score": 30},
    {"code": "openness", "name": "对外开放与共享", "max_score": 25},
    {"code": "service", "name": "服务水平与成效", "max_score": 25},
    {"code": "management", "name": "运行管理规范", "max_score": 20},
]
REQUIRED = [{"code": "application_form", "name": "申报书"}, {"code": "licence", "name": "营业执照或法人证书"},
            {"code": "equipment_list", "name": "仪器设备清单"}]
# Declared values of the three demo profiles: strong, average and weak platforms.
PROFILES = [
    {"talent": 40, "shared_hours": 1600, "satisfaction": 4.8, "management_rules": True, "ip_protection": True,
     "standards": 3, "patents": 16, "incubated": 9},
    {"talent": 18, "shared_hours": 700, "satisfaction": 4.2, "management_rules": True, "ip_protection": True,
     "standards": 1, "patents": 6, "incubated": 3},
    {"talent": 3, "shared_hours": 40, "satisfaction": 3.2, "management_rules": False, "ip_protection": False,
     "standards": 0, "patents": 0, "incubated": 0},
]
ORDER_PROFILES = [(55, 180_000), (20, 120_000), (2, 15_000)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _operator_user(organisation: Organisation) -> User:
    user = organisation.members.filter(role=Role.OPERATOR, is_active=True).first()
    if user is None:
        # Not "demo-…": that prefix is the accounts app's fixed set of one account per role.
        user = User(username=f"evaluation-operator-{organisation.pk}", role=Role.OPERATOR, organisation=organisation,
                    display_name=f"{organisation.name}（演示运营人员）", email=f"operator{organisation.pk}@example.cn")
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _platforms(region_code: str) -> list[Platform]:
    """Up to three published demo platforms of the region, loaded by the registry's demo (may be none)."""
    return list(Platform.objects.filter(is_demo=True, status=PlatformStatus.PUBLISHED,
                                        region__path__contains=f"/{region_code}/")
                .select_related("operator").order_by("pk")[:3])


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _apply(call: CertificationCall, platform: Platform, reviewer: User, stage: str) -> None:
    actor = _operator_user(platform.operator)
    if CertificationApplication.objects.filter(call=call, platform=platform).exists():
        return
    application = services.application_create(
        actor=actor, call=call, platform=platform, summary=f"{platform.name}申报{call.get_target_tier_display()}中试平台。",
        self_assessment={c["code"]: {"score": int(c["max_score"]) * 4 // 5, "note": "详见申报书"} for c in CRITERIA})
    for item in REQUIRED:
        services.application_attachment_add(actor=actor, application=application, kind=item["code"],
                                            upload=_upload(f"{item['name']}.pdf"))
    if stage == "draft":
        return
    services.application_transition(actor=actor, application=application, action="submit", reason="")
    if stage == "submitted":
        return
    services.application_transition(actor=reviewer, application=application, action="formal_pass",
                                    reason="材料齐全，形式审查通过")
    from .selectors import eligible_experts

    for expert, points in zip(eligible_experts(application=application), (0, -2, -4), strict=False):
        services.expert_score_record(actor=reviewer, application=application, expert=expert,
                                     scores={c["code"]: int(c["max_score"]) * 4 // 5 + points // 2 for c in CRITERIA},
                                     comment="具备较强的中试服务能力，同意推荐。")
    if stage == "expert_review":
        return
    services.application_transition(actor=reviewer, application=application, action="expert_pass",
                                    reason="专家平均分达到通过分")


def _orders(platform: Platform, customer: Organisation, count: int, amount: int) -> None:
    if ServiceOrder.objects.filter(platform=platform, contract_signed_on__year=2025).exists():
        return
    ServiceOrder.objects.bulk_create([
        ServiceOrder(platform=platform, customer=customer, title=f"中试服务委托（演示）{n + 1}",
                     status=OrderStatus.ACCEPTED, contract_amount=amount, is_external=n % 10 != 0,
                     contract_signed_on=datetime.date(2025, 1 + n % 12, 1 + n % 27)) for n in range(count)])


def load(stdout=None) -> None:
    today = timezone.localdate()
    customer = Organisation.objects.filter(is_demo=True, kind=OrganisationKind.ENTERPRISE).first()
    for region_code, (reviewer_name, citation) in REGIONS.items():
        reviewer = User.objects.filter(username=reviewer_name).first()
        if reviewer is None or reviewer.region is None:
            continue
        region_name = reviewer.region.name
        title = f"{today.year}年度{region_name}中试平台认定申报（演示）"
        if CertificationCall.objects.filter(region_id=region_code, title=title).exists():
            continue
        call = services.call_create(actor=reviewer, region_code=region_code, title=title, target_tier="municipal",
                                    opens_on=today - datetime.timedelta(days=10),
                                    closes_on=today + datetime.timedelta(days=50), criteria=CRITERIA,
                                    required_attachments=REQUIRED, pass_score=60, min_experts=3, publicity_days=7,
                                    citation=citation, is_demo=True)
        for name, org_name, field in (("周教授", "某大学材料学院", "新材料"), ("吴研究员", "某研究院", "生物医药"),
                                      ("郑高工", "某检测认证中心", "检验检测"), ("冯教授", "某理工大学", "智能制造")):
            services.expert_add(actor=reviewer, region_code=region_code, name=name, organisation_name=org_name,
                                field=field)
        platforms = _platforms(region_code)
        for platform, stage in zip(platforms, ("publicity", "expert_review", "submitted"), strict=False):
            _apply(call, platform, reviewer, stage)
        # A completed 2025 round: orders of the year, equipment, declarations, scores, publication.
        if not platforms or customer is None or EvaluationRound.objects.filter(region_id=region_code,
                                                                                year=2025).exists():
            continue
        round_ = services.round_create(actor=reviewer, region_code=region_code, year=2025,
                                       declaration_deadline=today + datetime.timedelta(days=30), is_demo=True)
        system = services.system_for_round(round_)
        for platform, profile, (count, amount) in zip(platforms, PROFILES, ORDER_PROFILES, strict=False):
            if platform.tier == "cultivating" and profile is PROFILES[0]:
                platform_tier_set(actor=reviewer, platform=platform, tier="municipal", note="演示：已认定的市级平台")
            if not Equipment.objects.filter(platform=platform).exists():
                Equipment.objects.bulk_create([Equipment(platform=platform, name=f"中试设备{n + 1}（演示）",
                                                         original_value=amount * 20, shareable=n % 3 != 2)
                                               for n in range(count // 5 + 1)])
            _orders(platform, customer, count, amount)
            actor = _operator_user(platform.operator)
            values = {i.code: profile[i.code] for i in services.declarable_indicators(system)}
            declaration = services.declaration_save(actor=actor, round_=round_, platform=platform, values=values,
                                                    note="2025 年度运行情况（演示）")
            services.declaration_evidence_add(actor=actor, declaration=declaration, indicator="patents",
                                              upload=_upload("专利证书汇编.pdf"))
            services.declaration_submit(actor=actor, declaration=declaration)
        services.round_score(actor=reviewer, round_=round_)
        services.round_publish(actor=reviewer, round_=round_)
        if stdout is not None:
            stdout.write(f"  {region_name}：认定申报通知 1 个，申报 {len(platforms)} 个，2025 年度评估已发布")
