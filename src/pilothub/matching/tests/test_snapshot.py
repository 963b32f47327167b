"""The index snapshot: written by a rebuild, mapped by other processes, caught up with the
database, refused when outdated or damaged, and never built inside a request when large."""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from pilothub.matching import index, snapshot
from pilothub.matching.encoders import HashingEncoder
from pilothub.matching.engine import Document, Engine, Query, Vocabulary
from pilothub.matching.selectors import match_platforms
from pilothub.platforms.models import ServiceType

from .factories import demo_platforms, platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_dir(settings, tmp_path):
    settings.PILOTHUB_MATCH_INDEX_DIR = str(tmp_path)
    return tmp_path / "hashing"  # one directory per encoder setting


def ranked(text, **kwargs):
    return [(r.platform_id, r.score, tuple(r.reasons)) for r in match_platforms(text=text, **kwargs)]


QUERIES = ("芯片封装测试", "材料拉伸 塑料", "细胞培养 中试放大", "CMA 检测报告")


def test_a_rebuild_writes_a_snapshot_that_a_fresh_process_maps_with_identical_results(index_dir):
    demo_platforms()
    index.rebuild()
    built = {q: ranked(q) for q in QUERIES}
    assert any(built.values())
    generation = snapshot.current(index_dir)
    assert generation is not None
    meta = json.loads((generation / "meta.json").read_text())
    assert meta["live"] == 4 and meta["encoder"] == "hashing-bigrams"
    index.reset()  # as a newly started worker
    loaded = {q: ranked(q) for q in QUERIES}
    assert index.status()["state"] == "ready"
    assert index._state.source == "snapshot"
    assert isinstance(index._state.engine.vectors, np.memmap)  # mapped, not copied
    assert loaded == built


def test_changes_after_the_snapshot_are_caught_up_incrementally(index_dir):
    platforms = demo_platforms()
    index.rebuild()
    chip = platforms["chip"]
    chip.main_business = "氢燃料电池电堆与可靠性验证"
    chip.save()
    new = platform("顺义碳化硅功率器件平台", region_code="110113", main="碳化硅功率器件 晶圆")
    platforms["materials"].delete()
    index.reset()
    assert [r.name for r in match_platforms(text="氢燃料电池电堆")] == [chip.name]
    assert [r.platform_id for r in match_platforms(text="碳化硅")] == [new.pk]
    assert "中山新材料检测中心" not in [r.name for r in match_platforms(text="材料拉伸 塑料")]
    assert index._state.source == "snapshot"  # caught up, not rebuilt
    assert index._state.engine.delta


def test_a_snapshot_of_another_vocabulary_is_not_used(index_dir):
    demo_platforms()
    index.rebuild()
    first = snapshot.current(index_dir).name
    ServiceType.objects.filter(pk=ServiceType.objects.first().pk).update(synonyms=["全新同义词"])
    index.reset()
    ranked("芯片封装测试")
    assert index._state.source == "built"
    assert snapshot.current(index_dir).name != first  # the rebuild replaced it


@pytest.mark.parametrize("damage", ["truncate_pickle", "truncate_vectors", "bad_current", "bad_meta"])
def test_a_damaged_snapshot_is_refused_and_the_index_built_again(index_dir, damage):
    demo_platforms()
    index.rebuild()
    expected = {q: ranked(q) for q in QUERIES}
    generation = snapshot.current(index_dir)
    if damage == "truncate_pickle":
        data = (generation / "objects.pickle").read_bytes()
        (generation / "objects.pickle").write_bytes(data[: len(data) // 2])
    elif damage == "truncate_vectors":
        data = (generation / "vectors.npy").read_bytes()
        (generation / "vectors.npy").write_bytes(data[:-384])
    elif damage == "bad_current":
        (index_dir / "CURRENT").write_text("no-such-generation")
    else:
        (generation / "meta.json").write_text("{not json")
    with pytest.raises(snapshot.SnapshotError):
        snapshot.load(index_dir, Engine, expect={})
    index.reset()
    assert {q: ranked(q) for q in QUERIES} == expected
    assert index._state.source == "built"


def test_without_a_snapshot_a_large_index_is_never_built_in_the_request(index_dir, settings, monkeypatch):
    demo_platforms()
    settings.PILOTHUB_MATCH_INLINE_BUILD_MAX = 2  # the 4 demo platforms count as "large"
    requested = []
    monkeypatch.setattr(index, "request_build", lambda: requested.append(1) or True)
    assert match_platforms(text="芯片封装测试") == []
    assert index.status()["state"] == "building"
    assert requested
    client = Client()
    payload = client.post("/api/v1/match", {"text": "芯片封装测试"}, content_type="application/json").json()
    assert payload == {"results": [], "index": {"state": "building", "lexical_only": False}}
    page = client.get(reverse("matching:search"), {"text": "芯片封装测试"}).content.decode()
    assert "匹配索引正在后台建立" in page
    # The background job (here: called directly) writes the snapshot; the next query maps it.
    index.build_snapshot()
    index._state = index._empty_state("building")  # this worker still holds the empty index
    assert match_platforms(text="芯片封装测试")
    assert index._state.source == "snapshot"
    assert index.status()["state"] == "ready"


def test_a_bulk_change_serves_the_last_good_index_and_asks_for_a_build(index_dir, settings, monkeypatch):
    platforms = demo_platforms()
    index.rebuild()
    before = ranked("芯片封装测试")
    settings.PILOTHUB_MATCH_INLINE_BUILD_MAX = 1
    requested = []
    monkeypatch.setattr(index, "request_build", lambda: requested.append(1) or True)
    for key in ("chip", "materials"):
        platforms[key].main_business += "（更新）"
        platforms[key].save()
    assert ranked("芯片封装测试") == before  # the last good index answers
    assert index.status()["state"] == "stale" and requested
    settings.PILOTHUB_MATCH_INLINE_BUILD_MAX = 5000
    index._state.source = "snapshot"
    ranked("芯片封装测试")  # the fingerprints were kept: the changes are still seen
    assert index._state.engine.delta


def test_the_rebuild_command_path_writes_the_snapshot_and_reports_progress(index_dir):
    demo_platforms()
    messages = []
    result = index.build_snapshot(messages.append)
    assert result["platforms"] == 4 and result["generation"] == snapshot.current(index_dir).name
    assert messages[0].startswith("读取平台 read platforms 4/4")
    assert any(m.startswith("快照 snapshot written") for m in messages)


def test_another_process_loads_the_same_file(tmp_path):
    vocabulary = Vocabulary(service_names={"testing": "检验检测"}, service_terms={"testing": ("检验检测",)})
    docs = [Document(id=i, name=name, main_business=main, region_path="/110000/")
            for i, name, main in ((1, "发酵中试平台", "发酵罐 细胞培养 放大"), (2, "芯片封测平台", "晶圆 封装 测试"),
                                  (3, "材料检测中心", "拉伸 塑料 检测"))]
    encoder = HashingEncoder()
    engine = Engine(vocabulary=vocabulary, encoder=encoder)
    engine.rebuild(docs, {d.id: encoder.encode_passages([d.passage(vocabulary)])[0] for d in docs})
    expected = [(h.id, round(h.score, 4)) for h in engine.search(Query("晶圆封装 测试"), top=3)]
    snapshot.save(engine, tmp_path, {"encoder": encoder.name}, {"note": "x"})
    script = textwrap.dedent(f"""
        import json
        from pathlib import Path
        from pilothub.matching import snapshot
        from pilothub.matching.encoders import HashingEncoder
        from pilothub.matching.engine import Engine, Query, Vocabulary
        vocabulary = Vocabulary(service_names={{"testing": "检验检测"}}, service_terms={{"testing": ("检验检测",)}})
        engine, meta, extra = snapshot.load(Path({str(tmp_path)!r}), lambda: Engine(vocabulary=vocabulary,
                                            encoder=HashingEncoder()), expect={{"encoder": "hashing-bigrams"}})
        print(json.dumps([[h.id, round(h.score, 4)] for h in engine.search(Query("晶圆封装 测试"), top=3)]
                         + [extra["note"], meta["live"]]))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [list(e) for e in expected] + ["x", 3]


def test_the_bulk_reader_gives_exactly_the_documents_of_the_model_reader():
    from pilothub.platforms.models import PilotLine
    from pilothub.testing.factories import EquipmentFactory

    from .factories import QualificationFactory

    platforms = demo_platforms()
    materials = platforms["materials"]
    EquipmentFactory(platform=materials, name="离子注入机", model="X1", specs="")
    EquipmentFactory(platform=materials, name="旧设备", is_active=False)
    QualificationFactory(platform=materials)
    PilotLine.objects.create(platform=materials, name="吹膜线", process_step=PilotLine._meta.get_field(
        "process_step").choices[0][0], scale_dimension="mass", scale_base=500.0, cleanroom_class=7)
    names = index.region_names()
    ids = sorted(p.pk for p in platforms.values())
    expected = [index.document_for(p, names) for p in index.platform_rows(ids)]
    assert index.documents_bulk(ids, names) == expected
    assert any(d.equipment and d.qualifications and d.lines for d in expected)


def test_the_bulk_reader_matches_the_model_reader_on_every_demo_platform():
    from pilothub.matching.demo_loader import load_platforms, load_vocabularies

    load_vocabularies()
    load_platforms()
    names = index.region_names()
    expected = [index.document_for(p, names) for p in index.platform_rows()]
    assert len(expected) >= 100
    assert index.documents_bulk([d.id for d in expected], names) == expected


def test_the_celery_task_builds_and_writes_the_snapshot(index_dir):
    from pilothub.matching.tasks import rebuild_index

    demo_platforms()
    result = rebuild_index.delay().get()
    assert result["platforms"] == 4 and result["generation"] == snapshot.current(index_dir).name


def test_without_an_encoder_the_index_says_it_is_lexical_only(settings):
    demo_platforms()
    settings.PILOTHUB_MATCH_ENCODER = "none"
    client = Client()
    payload = client.post("/api/v1/match", {"text": "芯片封装测试"}, content_type="application/json").json()
    assert payload["results"] and payload["index"] == {"state": "ready", "lexical_only": True}
    page = client.get(reverse("matching:search"), {"text": "芯片封装测试"}).content.decode()
    assert "语义匹配暂未启用" in page
