"""Demo budgets for Beijing, Huairou and Jiaxing, and applications of the demo enterprise in
several stages. Idempotent: budgets are upserted, applications are created only once (by name)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pilothub.accounts.models import User

from .models import Budget, SubsidyApplication
from .services import application_decide, application_submit

# measure, issuing region, yearly budget in yuan (demo figures, not published budgets)
DEMO_BUDGETS = [
    ("beijing_2026_1.new_platform", "110000", 500_000_000),
    ("beijing_2026_1.innovation_voucher", "110000", 50_000_000),
    ("beijing_2026_1.major_capability", "110000", 200_000_000),
    ("beijing_2026_1.digital_upgrade", "110000", 100_000_000),
    ("beijing_2026_1.green_upgrade", "110000", 100_000_000),
    ("huairou_draft.new_platform", "110116", 50_000_000),
    ("huairou_draft.rent", "110116", 20_000_000),
    ("huairou_draft.test_contract", "110116", 5_000_000),
    ("huairou_draft.digital_upgrade", "110116", 20_000_000),
    ("huairou_draft.green_upgrade", "110116", 20_000_000),
    ("huairou_draft.ai_application", "110116", 5_000_000),
    ("huairou_draft.standards", "110116", 3_000_000),
    ("huairou_draft.ip_pledge_interest", "110116", 3_000_000),
    ("huairou_draft.ip_guarantee_fee", "110116", 3_000_000),
    ("jiaxing_2025_47.national_certification", "330400", 30_000_000),
    ("jiaxing_2025_47.provincial_certification", "330400", 20_000_000),
    ("jiaxing_2025_47.evaluation_reward", "330400", 10_000_000),
]


def _request(project: dict[str, Any], **applicant: Any) -> dict[str, Any]:
    return {"region": "110116", "as_of": timezone.localdate().isoformat(), "applicant": applicant,
            "project": project}


# project name, measure, request, review steps (reviewer username, action)
DEMO_APPLICATIONS = [
    ("【演示】高精度传感器测试验证合同", "huairou_draft.test_contract",
     _request({"type": "test_contract", "contract_amount": 800_000, "platform_in_municipal_list": False},
              sector="科学仪器和传感器"), []),
    ("【演示】2026 年首都科技创新券", "beijing_2026_1.innovation_voucher",
     _request({"type": "innovation_voucher", "voucher_used_this_year": 0, "voucher_requested": 300_000}, sme=True),
     [("demo-reviewer-bj", "first_approve")]),
    ("【演示】雁栖传感中试场地租赁", "huairou_draft.rent",
     _request({"type": "rent", "rent_area_m2": 2000, "rent_months": 36, "monthly_rent": 120_000}),
     [("demo-reviewer-hr", "first_approve"), ("demo-reviewer-bj", "second_approve")]),
    ("【演示】传感器国家标准制定", "huairou_draft.standards",
     _request({"type": "standards", "standards": ["national"]}),
     [("demo-reviewer-hr", "first_approve"), ("demo-reviewer-bj", "second_approve"),
      ("demo-reviewer-hr", "publicise"), ("demo-reviewer-hr", "pay")]),
    ("【演示】知识产权质押融资担保费", "huairou_draft.ip_guarantee_fee",
     _request({"type": "ip_guarantee_fee", "guarantee_fee": 100_000}),
     [("demo-reviewer-hr", "return")]),
]


def load(stdout=None) -> None:
    year = timezone.localdate().year
    for measure, region_code, amount in DEMO_BUDGETS:
        Budget.objects.update_or_create(measure=measure, region_id=region_code, year=year,
                                        defaults={"amount": amount, "note": "演示预算"})
    enterprise = User.objects.get(username="demo-enterprise")
    created = 0
    for name, measure, request, steps in DEMO_APPLICATIONS:
        if SubsidyApplication.objects.filter(applicant=enterprise.organisation, project_name=name).exists():
            continue
        application = application_submit(user=enterprise, measure=measure, request=request, project_name=name)
        for username, action in steps:
            note = "演示：请补充担保合同和付款凭证" if action == "return" else "演示审核意见：同意"
            application = application_decide(application=application, reviewer=User.objects.get(username=username),
                                             action=action, note=note)
        created += 1
    if stdout is not None:
        stdout.write(f"  政策预算 budgets: {len(DEMO_BUDGETS)}；新建申报 new applications: {created}")
