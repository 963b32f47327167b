"""platforms_for_demand and demands_for_platform, for the demands app."""

import pytest

from pilothub.demands.models import Demand
from pilothub.matching.selectors import demands_for_platform, platforms_for_demand
from pilothub.platforms.models import Industry, Platform, ServiceType
from pilothub.testing.factories import DemandFactory, region

from .factories import demo_platforms

pytestmark = pytest.mark.django_db


def test_platforms_for_a_demand_use_its_service_types_industry_and_region_preference():
    platforms = demo_platforms()
    demand = DemandFactory(title="芯片可靠性验证", text="车规芯片要做 HAST 和温度循环，需要 CMA 报告",
                           industry=Industry.objects.get(code="integrated-circuits"),
                           region_preference=region("330000"))
    demand.service_types.set(ServiceType.objects.filter(code="inspection-testing"))
    results = platforms_for_demand(demand=demand, top=2)
    assert [r.platform for r in results] == [platforms["chip"], platforms["chip_bj"]]
    assert isinstance(results[0].platform, Platform) and results[0].score > results[1].score
    assert "位于浙江省嘉兴市南湖区（在需求偏好地区内）" in results[0].reasons
    assert "服务类型符合：检验检测" in results[0].reasons
    assert any(r.startswith("位于北京市海淀区，距需求偏好地区约") for r in results[1].reasons)


def test_demands_for_a_platform_rank_the_fitting_demands_first():
    platforms = demo_platforms()
    adc = DemandFactory(title="ADC 偶联工艺放大", text="抗体偶联药物需要 200L 放大和 DAR 检测")
    chip = DemandFactory(title="芯片封装", text="芯片封装和可靠性测试")
    DemandFactory(title="面包烘焙", text="烘焙食品配方")
    results = demands_for_platform(platform=platforms["adc"], demands_queryset=Demand.objects.all(), top=5)
    assert [r.demand for r in results][0] == adc
    assert chip not in [r.demand for r in results[:1]]
    assert results[0].reasons[0].startswith("关键词匹配：")
    # The two directions agree: the score is the one platforms_for_demand gives this pair.
    forward = {r.platform_id: r.score for r in platforms_for_demand(demand=adc, top=10)}
    assert results[0].score == forward[platforms["adc"].pk]


def test_demands_for_a_platform_only_look_at_the_given_queryset():
    platforms = demo_platforms()
    DemandFactory(title="ADC 偶联工艺放大", text="抗体偶联药物放大")
    assert demands_for_platform(platform=platforms["adc"], demands_queryset=Demand.objects.none()) == []
