"""Factories and helpers of the matching tests (shared factories live in pilothub.testing)."""

from __future__ import annotations

import datetime

import factory

from pilothub.platforms.models import Industry, Platform, PlatformStatus, Qualification, ServiceType
from pilothub.testing.factories import EquipmentFactory, PlatformFactory, TestServiceFactory, region


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    platform = factory.SubFactory(PlatformFactory)
    kind = "CMA"
    number = factory.Sequence(lambda n: f"2024110{n:05d}")
    valid_until = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))


def vocabulary() -> None:
    """A small controlled vocabulary, as the registry's reference data would provide."""
    for code, name, synonyms in [("scale-up", "工艺放大熟化", ["工艺放大", "放大熟化"]),
                                 ("pilot-production", "小批量试生产", ["试产"]),
                                 ("inspection-testing", "检验检测", ["第三方检测"]),
                                 ("equipment-sharing", "仪器设备共享", ["设备共享"])]:
        ServiceType.objects.update_or_create(code=code, defaults={"name": name, "synonyms": synonyms})
    for code, name, synonyms in [("biologics", "生物药", ["生物制品"]),
                                 ("integrated-circuits", "集成电路", ["芯片", "半导体"]),
                                 ("new-materials", "新材料", ["先进材料"])]:
        Industry.objects.update_or_create(code=code, defaults={"name": name, "synonyms": synonyms})


def platform(name: str, *, region_code: str = "110116", main: str = "", description: str = "",
             services: tuple[str, ...] = (), industries: tuple[str, ...] = (), status: str = PlatformStatus.PUBLISHED,
             tier: str = "municipal", equipment: tuple[str, ...] = (), tests: tuple[str, ...] = (),
             lon: float | None = 116.63, lat: float | None = 40.32) -> Platform:
    p = PlatformFactory(name=name, region=region(region_code), main_business=main, description=description,
                        status=status, tier=tier, longitude=lon, latitude=lat)
    p.service_types.set(ServiceType.objects.filter(code__in=services))
    p.industries.set(Industry.objects.filter(code__in=industries))
    for e in equipment:
        EquipmentFactory(platform=p, name=e, model="")
    for t in tests:
        TestServiceFactory(platform=p, name=t, standard="")
    return p


def demo_platforms() -> dict[str, Platform]:
    """Four platforms in three regions, enough to tell the ranking signals apart."""
    vocabulary()
    return {
        "adc": platform("怀柔抗体偶联药物中试平台", region_code="110116",
                        main="抗体偶联药物与单克隆抗体的工艺开发、工艺放大和临床样品生产",
                        description="建有 200L 一次性生物反应器和高活偶联隔离器，可测定 DAR 与游离毒素。",
                        services=("scale-up", "pilot-production"), industries=("biologics",),
                        equipment=("一次性生物反应器", "ADC偶联高活隔离器"), tests=("DAR 测定",)),
        "chip": platform("嘉兴集成电路封装测试平台", region_code="330402", lon=120.76, lat=30.75,
                         main="芯片封装、可靠性测试与失效分析",
                         description="提供 HAST、温度循环、高温老化等可靠性验证，出具 CMA 报告。",
                         services=("inspection-testing",), industries=("integrated-circuits",), tier="provincial",
                         equipment=("高低温试验箱", "扫描电子显微镜"), tests=("芯片可靠性测试",)),
        "materials": platform("中山新材料检测中心", region_code="442000118", lon=113.25, lat=22.67,
                              main="高分子材料与复合材料的力学性能和成分分析",
                              description="拉伸、弯曲、冲击试验与红外光谱、热分析。",
                              services=("inspection-testing", "equipment-sharing"), industries=("new-materials",),
                              equipment=("万能材料试验机",), tests=("塑料拉伸性能测试",)),
        "chip_bj": platform("海淀芯片流片验证平台", region_code="110108", lon=116.30, lat=39.96,
                            main="集成电路 MPW 流片与晶圆级测试",
                            description="面向芯片设计企业的多项目晶圆流片和探针台测试。",
                            services=("pilot-production",), industries=("integrated-circuits",),
                            equipment=("晶圆探针台",)),
    }
