import datetime

import pytest
from django.utils import timezone

from pilothub.core.errors import DomainError
from pilothub.platforms.models import Platform, PlatformSearchDocument, PlatformStatus
from pilothub.platforms.search import search_index_rebuild
from pilothub.platforms.selectors import (
    BBox,
    PlatformFilters,
    platform_facets,
    platform_filter,
    platform_list,
    platform_map_data,
    platforms_public,
)

from .factories import EquipmentFactory, TestServiceFactory, make_platform, region

pytestmark = pytest.mark.django_db


def names(filters: PlatformFilters) -> list[str]:
    return list(platform_list(filters=filters).values_list("name", flat=True))


def test_public_queryset_hides_drafts_and_withdrawn():
    make_platform(name="已发布平台")
    make_platform(name="草稿平台", status=PlatformStatus.DRAFT)
    make_platform(name="下线平台", status=PlatformStatus.WITHDRAWN)
    assert list(platforms_public().values_list("name", flat=True)) == ["已发布平台"]
    assert names(PlatformFilters()) == ["已发布平台"]


def test_region_filter_includes_every_sub_region():
    make_platform(name="怀柔平台", region=region("110116"))
    make_platform(name="海淀平台", region=region("110108"))
    make_platform(name="南湖平台", region=region("330402"))
    make_platform(name="小榄平台", region=region("442000118"))
    assert names(PlatformFilters(region="110000")) == ["怀柔平台", "海淀平台"]
    assert names(PlatformFilters(region="110116")) == ["怀柔平台"]
    assert names(PlatformFilters(region="330000")) == ["南湖平台"]
    assert names(PlatformFilters(region="442000")) == ["小榄平台"]


def test_unknown_region_is_a_domain_error():
    with pytest.raises(DomainError) as error:
        list(platform_filter(filters=PlatformFilters(region="999999")))
    assert error.value.code == "unknown_region"


def test_industry_filter_includes_sub_industries():
    make_platform(name="氢能平台", industries=("hydrogen",))
    make_platform(name="绿色平台", industries=("green-low-carbon",))
    make_platform(name="医药平台", industries=("biologics",))
    assert names(PlatformFilters(industry="green-low-carbon")) == ["氢能平台", "绿色平台"]
    assert names(PlatformFilters(industry="new-energy")) == ["氢能平台"]
    assert names(PlatformFilters(industry="pharma-health")) == ["医药平台"]


def test_service_type_tier_and_shareable_filters():
    make_platform(name="放大平台", service_types=("scale-up", "pilot-production"), tier="national", equipment=1)
    make_platform(name="检测平台", service_types=("inspection-testing",), tier="municipal", equipment=2,
                  shareable=False)
    make_platform(name="无设备平台", service_types=("scale-up",), tier="municipal")
    assert names(PlatformFilters(service_type="scale-up")) == ["放大平台", "无设备平台"]
    assert names(PlatformFilters(tier="municipal")) == ["无设备平台", "检测平台"]
    assert names(PlatformFilters(shareable=True)) == ["放大平台"]
    assert names(PlatformFilters(service_type="scale-up", tier="municipal")) == ["无设备平台"]


def test_qualification_filter_counts_only_valid_certificates():
    today = timezone.localdate()
    make_platform(name="有效CMA", qualifications=(("CMA", today + datetime.timedelta(days=30)),))
    make_platform(name="过期CMA", qualifications=(("CMA", today - datetime.timedelta(days=1)),))
    make_platform(name="当天到期CNAS", qualifications=(("CNAS", today),))
    assert names(PlatformFilters(qualification="CMA")) == ["有效CMA"]
    assert names(PlatformFilters(qualification="CNAS")) == ["当天到期CNAS"]


def test_invalid_choices_are_rejected():
    for kwargs in ({"tier": "gold"}, {"qualification": "ISO"}, {"sort": "random"}):
        with pytest.raises(DomainError):
            PlatformFilters(**kwargs)


def test_search_finds_a_word_inside_a_longer_term():
    make_platform(name="生物药中试平台", main_business="抗体偶联药物（ADC）工艺开发与放大")
    make_platform(name="材料平台", main_business="高分子材料改性")
    assert names(PlatformFilters(q="抗体")) == ["生物药中试平台"]
    assert names(PlatformFilters(q="抗体偶联药物")) == ["生物药中试平台"]
    assert names(PlatformFilters(q="偶联")) == ["生物药中试平台"]
    assert names(PlatformFilters(q="材料")) == ["材料平台"]
    assert names(PlatformFilters(q="火箭发动机")) == []


def test_search_covers_industries_equipment_and_services():
    equipment_platform = make_platform(name="甲平台", main_business="通用加工")
    EquipmentFactory(platform=equipment_platform, name="透射电子显微镜", model="Talos F200X")
    service_platform = make_platform(name="乙平台", main_business="通用加工")
    TestServiceFactory(platform=service_platform, name="盐雾试验", standard="GB/T 10125-2021")
    make_platform(name="丙平台", main_business="通用加工", industries=("hydrogen",))
    assert names(PlatformFilters(q="电子显微镜")) == ["甲平台"]
    assert names(PlatformFilters(q="盐雾")) == ["乙平台"]
    assert names(PlatformFilters(q="氢能")) == ["丙平台"]


def test_search_is_anded_and_ranked_name_first():
    make_platform(name="细胞治疗中试平台", main_business="细胞制剂生产")
    make_platform(name="制剂平台", main_business="细胞治疗产品的制剂灌装")
    make_platform(name="基因平台", main_business="基因治疗载体")
    assert names(PlatformFilters(q="细胞治疗")) == ["细胞治疗中试平台", "制剂平台"]
    assert names(PlatformFilters(q="细胞治疗", sort="name")) == ["制剂平台", "细胞治疗中试平台"]
    assert names(PlatformFilters(q="的")) == []  # only stop words


def test_search_document_follows_changes():
    platform = make_platform(name="甲平台", main_business="通用加工")
    assert names(PlatformFilters(q="光刻")) == []
    platform.description = "提供光刻工艺验证"
    platform.save()
    assert names(PlatformFilters(q="光刻")) == ["甲平台"]
    platform.industries.add(*__import__("pilothub.platforms.models", fromlist=["Industry"]).Industry.objects.filter(
        code="quantum"))
    assert names(PlatformFilters(q="量子信息")) == ["甲平台"]
    platform.delete()
    assert PlatformSearchDocument.objects.count() == 0


def test_deleting_equipment_updates_the_document(django_capture_on_commit_callbacks):
    platform = make_platform(name="甲平台")
    item = EquipmentFactory(platform=platform, name="电感耦合等离子体质谱仪")
    assert names(PlatformFilters(q="质谱仪")) == ["甲平台"]
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert names(PlatformFilters(q="质谱仪")) == []


def test_rebuild_indexes_bulk_created_platforms():
    template = make_platform(name="模板")
    Platform.objects.bulk_create([Platform(name=f"批量{n}", operator=template.operator, region=template.region,
                                           main_business="燃料电池电堆测试") for n in range(3)])
    assert names(PlatformFilters(q="电堆")) == []
    assert search_index_rebuild() == 4
    assert names(PlatformFilters(q="电堆")) == ["批量0", "批量1", "批量2"]


def test_sorts():
    old = make_platform(name="乙", tier="cultivating")
    old.created_at = timezone.now() - datetime.timedelta(days=10)
    old.save()
    make_platform(name="甲", tier="national")
    make_platform(name="丙", tier="municipal")
    assert names(PlatformFilters(sort="tier")) == ["甲", "丙", "乙"]
    assert names(PlatformFilters(sort="newest"))[-1] == "乙"


def test_facets_count_current_results():
    today = timezone.localdate()
    make_platform(name="A", region=region("110116"), industries=("hydrogen", "energy-storage"),
                  service_types=("scale-up",), tier="municipal", equipment=1,
                  qualifications=(("CMA", today + datetime.timedelta(days=1)),))
    make_platform(name="B", region=region("110108"), industries=("biologics",), service_types=("scale-up",),
                  tier="national", qualifications=(("CMA", today - datetime.timedelta(days=1)),))
    make_platform(name="C", region=region("330402"), industries=("new-materials",), tier="municipal")
    facets = platform_facets(filters=PlatformFilters())
    assert {o["label"]: o["count"] for o in facets["region"]["options"]} == {"北京市": 2, "浙江省": 1}
    # A is tagged twice under 绿色低碳 but counted once.
    assert {o["value"]: o["count"] for o in facets["industry"]["options"]} == {
        "pharma-health": 1, "green-low-carbon": 1, "new-materials": 1}
    assert {o["value"]: o["count"] for o in facets["service_type"]["options"]} == {"scale-up": 2}
    assert {o["value"]: o["count"] for o in facets["tier"]["options"]} == {"municipal": 2, "national": 1}
    assert {o["value"]: o["count"] for o in facets["qualification"]["options"]} == {"CMA": 1, "CNAS": 0}
    assert facets["shareable"]["count"] == 1
    beijing = platform_facets(filters=PlatformFilters(region="110000", industry="green-low-carbon"))
    assert {o["value"]: o["count"] for o in beijing["region"]["options"]} == {"110116": 1}
    assert [t["code"] for t in beijing["region"]["trail"]] == ["110000"]
    assert {o["value"]: o["count"] for o in beijing["industry"]["options"]} == {"new-energy": 1}


def test_map_points_for_small_viewport_and_grid_for_wide():
    make_platform(name="甲", longitude=116.63, latitude=40.32)
    make_platform(name="乙", longitude=116.64, latitude=40.33, is_demo=True)
    make_platform(name="丙", longitude=120.76, latitude=30.75, region=region("330402"))
    make_platform(name="无坐标", longitude=None, latitude=None)
    narrow = platform_map_data(filters=PlatformFilters(), bbox=BBox.parse("116.5,40.2,116.8,40.4"), zoom=11)
    assert narrow["mode"] == "points"
    assert [(p[3], p[4]) for p in narrow["points"]] == [("甲", 0), ("乙", 1)]
    wide = platform_map_data(filters=PlatformFilters(), bbox=None, zoom=4)
    assert wide["mode"] == "grid"
    assert wide["count"] == 3
    assert sorted(c[2] for c in wide["cells"]) == [1, 2]
    single = next(c for c in wide["cells"] if c[2] == 1)
    assert single[3] == Platform.objects.get(name="丙").pk
    filtered = platform_map_data(filters=PlatformFilters(region="330000"), bbox=None, zoom=4)
    assert filtered["count"] == 1


def test_bbox_parse():
    assert BBox.parse("1,2,3,4") == BBox(1, 2, 3, 4)
    assert BBox.parse("") is None
    for bad in ("1,2,3", "a,b,c,d", "0,10,1,5", "nan,1,2,3"):
        with pytest.raises(DomainError):
            BBox.parse(bad)


def test_batch_indexes_each_changed_platform_once_at_the_end():
    from pilothub.platforms.search import search_index_batch

    with search_index_batch():
        platform = make_platform(name="批处理平台", main_business="锂电池极片涂布")
        EquipmentFactory(platform=platform, name="涂布机")
        assert not PlatformSearchDocument.objects.filter(platform=platform).exists()
    assert names(PlatformFilters(q="涂布机")) == ["批处理平台"]


def test_query_word_inside_a_longer_dictionary_word_still_matches():
    from pilothub.core.text import add_terms
    from pilothub.platforms.search import query_tokens, search_index_update

    platform = make_platform(name="甲平台", main_business="通用加工")
    EquipmentFactory(platform=platform, name="透射电子显微镜")
    add_terms(["透射电子显微镜"])  # now one token in the document, not 电子显微镜
    search_index_update(platform_ids=[platform.pk])
    assert "电子显微镜" not in query_tokens("电子显微镜")
    assert names(PlatformFilters(q="电子显微镜")) == ["甲平台"]
    assert names(PlatformFilters(q="透射电子显微镜")) == ["甲平台"]
