"""A whole year, service by service: call → reviews → 认定 → orders → declarations → scoring →
publication → consequences and the Jiaxing reward; then the next year's escalation."""

import datetime

import pytest
from django.utils import timezone

from pilothub.bookings.models import OrderStatus
from pilothub.core.errors import Conflict, DomainError
from pilothub.evaluation import indicators, services
from pilothub.evaluation.models import (
    CertificationApplication,
    ConsequenceProposal,
    EvaluationResult,
    IndicatorValue,
    RewardRecommendation,
)
from pilothub.evaluation.selectors import platform_current_certification, platform_on_warning
from pilothub.testing.factories import (
    EquipmentFactory,
    OrganisationFactory,
    PlatformFactory,
    ServiceOrderFactory,
    operator,
    region,
    reviewer,
)

from . import factories as f

pytestmark = pytest.mark.django_db


_CUSTOMER = []


def _orders(platform, year, count, amount, external=True):
    if not _CUSTOMER or not type(_CUSTOMER[0]).objects.filter(pk=_CUSTOMER[0].pk).exists():
        _CUSTOMER[:] = [OrganisationFactory()]
    for _ in range(count):
        ServiceOrderFactory(platform=platform, customer=_CUSTOMER[0], status=OrderStatus.ACCEPTED, contract_amount=amount,
                            contract_signed_on=datetime.date(year, 6, 1), is_external=external)


def _declare(actor, round_, platform, values):
    system = services.system_for_round(round_)
    declared = {i.code: values[i.code] for i in services.declarable_indicators(system)}
    declaration = services.declaration_save(actor=actor, round_=round_, platform=platform, values=declared,
                                            note="年度运行情况")
    services.declaration_evidence_add(actor=actor, declaration=declaration, indicator="patents",
                                      upload=f.pdf_upload("专利证书.pdf"))
    return services.declaration_submit(actor=actor, declaration=declaration)


FULL = {"talent": 30, "shared_hours": 1500, "satisfaction": 5, "management_rules": True, "ip_protection": True,
        "standards": 3, "patents": 15, "incubated": 8}
MEDIUM = {"talent": 30, "shared_hours": 1500, "satisfaction": 3, "management_rules": True, "ip_protection": True,
          "standards": 1, "patents": 15, "incubated": 8}
WEAK = {"talent": 2, "shared_hours": 0, "satisfaction": 3, "management_rules": False, "ip_protection": False,
        "standards": 0, "patents": 0, "incubated": 0}


def test_a_whole_evaluation_year_in_jiaxing():
    jx = reviewer("330400")
    op_a, op_b, op_c = operator("330402"), operator("330411"), operator("330421")
    a = PlatformFactory(name="嘉兴新材料中试平台", operator=op_a.organisation, region=region("330402"))
    b = PlatformFactory(name="秀洲纺织中试平台", operator=op_b.organisation, region=region("330411"))
    c = PlatformFactory(name="嘉善电子中试平台", operator=op_c.organisation, region=region("330421"))

    # 1. The call, the roster and the application of platform A up to 认定.
    today = timezone.localdate()
    call = services.call_create(actor=jx, region_code="330400", title="2025年嘉兴市市级中试平台认定",
                                target_tier="municipal", opens_on=today, closes_on=today + datetime.timedelta(days=30),
                                criteria=f.CRITERIA, required_attachments=f.REQUIRED, min_experts=2,
                                citation="嘉经信技装〔2025〕47号 二（一）6")
    experts = [services.expert_add(actor=jx, region_code="330400", name=n, organisation=OrganisationFactory())
               for n in ("王教授", "陈研究员")]
    services.expert_add(actor=jx, region_code="330400", name="A单位专家", organisation=op_a.organisation)
    application = services.application_create(actor=op_a, call=call, platform=a, summary="新材料中试",
                                              self_assessment=f.self_assessment())
    services.application_attachment_add(actor=op_a, application=application, kind="application_form",
                                        upload=f.pdf_upload())
    services.application_attachment_add(actor=op_a, application=application, kind="licence", upload=f.png_upload())
    services.application_transition(actor=op_a, application=application, action="submit", reason="")
    services.application_transition(actor=jx, application=application, action="formal_pass", reason="材料齐全")
    for expert in experts:
        services.expert_score_record(actor=jx, application=application, expert=expert,
                                     scores={"capability": 36, "openness": 26, "management": 24}, comment="同意")
    services.application_transition(actor=jx, application=application, action="expert_pass", reason="平均分 86")
    CertificationApplication.objects.filter(pk=application.pk).update(publicity_ends_on=today)
    services.application_transition(actor=jx, application=application, action="certify", reason="公示无异议")
    a.refresh_from_db()
    assert a.tier == "municipal" and platform_current_certification(a).tier == "municipal"

    # 2. A year of orders and equipment.
    EquipmentFactory.create_batch(10, platform=a, original_value=3_000_000, shareable=True)
    _orders(a, 2025, 54, 200_000)
    _orders(a, 2025, 6, 50_000, external=False)
    _orders(a, 2024, 5, 1_000_000)  # last year: not counted
    ServiceOrderFactory(platform=a, status=OrderStatus.CANCELLED, contract_amount=9_000_000,
                        contract_signed_on=datetime.date(2025, 3, 1))
    EquipmentFactory.create_batch(10, platform=c, original_value=3_000_000, shareable=True)
    _orders(c, 2025, 6, 5_000_000 // 6 + 1)
    EquipmentFactory(platform=b, original_value=100_000, shareable=False)
    _orders(b, 2025, 2, 10_000)

    # 3. Declarations.
    round_ = services.round_create(actor=jx, region_code="330400", year=2025,
                                   declaration_deadline=today + datetime.timedelta(days=10))
    assert round_.system_version == "330400@2025"
    with pytest.raises(DomainError) as error:
        services.declaration_save(actor=op_a, round_=round_, platform=a, values={**FULL, "patents": "很多"})
    assert error.value.field == "value_patents"
    _declare(op_a, round_, a, FULL)
    _declare(op_b, round_, b, WEAK)
    _declare(op_c, round_, c, MEDIUM)

    values = {v.indicator: v for v in IndicatorValue.objects.filter(declaration__platform=a)}
    assert values["order_count"].value == 60 and values["order_count"].source == "system"
    assert values["contract_amount"].value == 54 * 200_000 + 6 * 50_000
    assert values["external_revenue_share"].value == round(54 * 200_000 / (54 * 200_000 + 6 * 50_000) * 100, 2)
    assert values["equipment_value"].value == 30_000_000
    assert values["shareable_equipment"].value == 10
    assert values["patents"].source == "declared" and values["patents"].value == 15

    # 4. A reviewer corrects a figure; the original stays.
    for code in ("satisfaction", "shared_hours"):
        if values[code].value is None:  # the bookings app knows the figure but holds no data in this test
            services.indicator_value_adjust(actor=jx, value=values[code], new_value=FULL[code],
                                            reason="按线下台账补录")
    adjusted = services.indicator_value_adjust(actor=jx, value=values["external_revenue_share"], new_value="100",
                                               reason="6 单内部订单经核实为关联方以外的外部客户")
    assert adjusted.original_value == values["external_revenue_share"].value and adjusted.value == 100
    with pytest.raises(DomainError):
        services.indicator_value_adjust(actor=jx, value=values["patents"], new_value=3, reason="")

    # 5. Scoring and ranking.
    services.round_score(actor=jx, round_=round_)
    results = {r.platform_id: r for r in EvaluationResult.objects.filter(round=round_)}
    assert results[a.pk].grade == "优秀" and results[a.pk].rank_in_region == 1
    assert results[a.pk].total == pytest.approx(100) or float(results[a.pk].total) >= 85
    assert results[c.pk].grade == "合格" and results[c.pk].rank_in_region == 2
    assert results[b.pk].grade == "不合格" and results[b.pk].rank_in_region == 3
    assert results[a.pk].rank_in_tier == 1 and results[c.pk].rank_in_tier == 1 and results[b.pk].rank_in_tier == 2
    system = indicators.system_for(["330400"], 2025)
    stored = {v.indicator: v.value for v in IndicatorValue.objects.filter(declaration__platform=c)}
    assert float(results[c.pk].total) == indicators.score(system, stored).total
    assert results[a.pk].trace["sources"]["external_revenue_share"]["adjusted"] is True

    # 6. Publication: proposals and the reward recommendation, nothing applied yet.
    services.round_publish(actor=jx, round_=round_)
    warning = ConsequenceProposal.objects.get(platform=b)
    assert warning.kind == "warning" and warning.state == "proposed" and "不合格" in warning.reason
    assert not ConsequenceProposal.objects.filter(platform__in=[a, c]).exists()
    reward = RewardRecommendation.objects.get(result__platform=a)
    assert (reward.amount, reward.state, reward.measure) == (1_000_000, "recommended",
                                                             "jiaxing_2025_47.evaluation_reward")
    assert not platform_on_warning(platform=b)
    with pytest.raises(DomainError):
        services.indicator_value_adjust(actor=jx, value=values["patents"], new_value=3, reason="晚了")

    services.proposal_decide(actor=jx, proposal=warning, apply=True, reason="评估不合格，予以预警")
    services.reward_decide(actor=jx, reward=reward, grant=True, reason="经局务会研究同意")
    assert platform_on_warning(platform=b)
    with pytest.raises(Conflict):
        services.proposal_decide(actor=jx, proposal=warning, apply=True, reason="再次")

    # 7. The next year: B fails again while on warning, C is 合格 twice, A is 优秀 again within 3 years.
    _orders(a, 2026, 60, 200_000)
    _orders(c, 2026, 6, 5_000_000 // 6 + 1)
    round_26 = services.round_create(actor=jx, region_code="330400", year=2026,
                                     declaration_deadline=today + datetime.timedelta(days=10))
    _declare(op_a, round_26, a, FULL)
    _declare(op_b, round_26, b, WEAK)
    _declare(op_c, round_26, c, MEDIUM)
    for value in IndicatorValue.objects.filter(declaration__round=round_26, declaration__platform=a, value__isnull=True):
        services.indicator_value_adjust(actor=jx, value=value, new_value=FULL[value.indicator], reason="补录")
    services.round_score(actor=jx, round_=round_26)
    services.round_publish(actor=jx, round_=round_26)
    b_next = ConsequenceProposal.objects.get(platform=b, result__round=round_26)
    assert b_next.kind == "removal"  # cultivating is the lowest tier: demotion becomes removal
    c_next = ConsequenceProposal.objects.get(platform=c, result__round=round_26)
    assert c_next.kind == "warning" and "2025、2026" in c_next.reason
    reward_26 = RewardRecommendation.objects.get(result__platform=a, result__round=round_26)
    assert reward_26.state == "not_eligible" and reward_26.amount == 0 and "2028 年度起" in reward_26.explanation

    # 8. A demotion applied by a reviewer moves the tier down through the service.
    a_result = EvaluationResult.objects.get(platform=a, round=round_26)
    demotion = ConsequenceProposal.objects.create(platform=a, result=a_result, kind="demotion", reason="测试",
                                                  tier_before="municipal", tier_after="cultivating")
    services.proposal_decide(actor=jx, proposal=demotion, apply=True, reason="降档")
    a.refresh_from_db()
    assert a.tier == "cultivating"
    assert platform_current_certification(a).tier == "cultivating"
    assert platform_current_certification(a).proposal == demotion
