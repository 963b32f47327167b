"""The engine on its own: BM25, fusion, structure, region filter, incremental updates."""

import datetime
import math

import numpy as np
import pytest

from pilothub.matching.encoders import HashingEncoder
from pilothub.matching.engine import (
    INFERRED_WEIGHT,
    K1,
    B,
    Document,
    Engine,
    Qualification,
    Query,
    Vocabulary,
    Weights,
)
from pilothub.matching.synonyms import SynonymTable

VOCAB = Vocabulary(service_names={"scale-up": "工艺放大熟化", "inspection": "检验检测"},
                   service_terms={"scale-up": ("工艺放大熟化", "工艺放大"), "inspection": ("检验检测",)},
                   industry_names={"ic": "集成电路"}, industry_terms={"ic": ("集成电路", "芯片")})


def doc(doc_id, name, *, path="/110000/110116/", region_name="北京市怀柔区", main="", lat=40.3, lon=116.6,
        services=(), industries=(), tier="municipal", qualifications=()):
    return Document(id=doc_id, name=name, region_code=path.strip("/").split("/")[-1], region_path=path,
                    region_name=region_name, latitude=lat, longitude=lon, tier=tier, service_types=services,
                    industries=industries, main_business=main, qualifications=qualifications)


def corpus():
    return [
        doc(1, "发酵罐", main="发酵罐 发酵罐 工艺"),
        doc(2, "发酵罐 中试", main="其他 其他 其他 其他 其他 其他"),
        doc(3, "晶圆 测试", main="芯片 测试", path="/330000/330400/330402/", region_name="浙江省嘉兴市南湖区",
            lat=30.75, lon=120.76, industries=("ic",)),
    ]


def plain(**kwargs) -> Engine:
    engine = Engine(vocabulary=VOCAB, use_synonyms=False, use_structure=False, **kwargs)
    engine.rebuild(corpus())
    return engine


def test_bm25_scores_follow_the_formula():
    engine = plain()
    # "发酵罐": name (weight 3) + main (weight 2). Doc 1: tf 3 + 2*2 = 7; doc 2: tf 3.
    lengths = {slot: float(engine.length[slot]) for slot in range(3)}
    avgdl = sum(lengths.values()) / 3
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))

    def bm25(tf, dl):
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))

    hits = {h.id: h for h in engine.search(Query("发酵罐"), top=3)}
    upper = idf * (K1 + 1)
    assert set(hits) == {1, 2}
    assert hits[1].lexical == pytest.approx(bm25(7, lengths[0]) / upper, rel=1e-5)
    assert hits[2].lexical == pytest.approx(bm25(3, lengths[1]) / upper, rel=1e-5)
    assert hits[1].score > hits[2].score


def test_synonyms_find_documents_that_use_the_other_word():
    synonyms = SynonymTable(groups=[frozenset({"ic", "集成电路", "芯片"})])
    with_synonyms = Engine(vocabulary=VOCAB, synonyms=synonyms, use_structure=False)
    with_synonyms.rebuild(corpus())
    assert [h.id for h in with_synonyms.search(Query("IC"))] == [3]
    assert plain().search(Query("IC")) == []


def test_dense_score_is_mixed_with_documented_weights_and_missing_vectors_fall_back():
    encoder = HashingEncoder()
    weights = Weights(lexical=0.5, dense=0.5, service=0, industry=0, region=0, qualification=0, tier=0)
    engine = Engine(vocabulary=VOCAB, encoder=encoder, weights=weights, use_synonyms=False, use_structure=False)
    docs = corpus()
    engine.rebuild(docs, {d.id: encoder.encode_passages([d.passage(VOCAB)])[0] for d in docs[:2]})
    hits = {h.id: h for h in engine.search(Query("发酵罐 中试"), top=3)}
    assert hits[1].dense is not None and hits[1].score == pytest.approx(0.5 * hits[1].lexical + 0.5 * hits[1].dense,
                                                                        abs=1e-4)
    assert hits[3].dense is None if 3 in hits else True  # no vector: scored by the lexical part alone
    no_vector = engine.search(Query("晶圆"), top=3)
    assert [h.id for h in no_vector] == [3] and no_vector[0].score == pytest.approx(no_vector[0].lexical, abs=1e-4)


def test_without_an_encoder_the_lexical_weight_takes_the_dense_share():
    engine = plain(weights=Weights(lexical=0.4, dense=0.3))
    hit = engine.search(Query("晶圆"))[0]
    assert hit.dense is None and hit.score == pytest.approx(0.7 * hit.lexical, abs=1e-4)


def test_region_filter_keeps_the_region_and_everything_under_it():
    engine = plain()
    assert [h.id for h in engine.search(Query("测试 发酵罐", region_prefix="/330000/"))] == [3]
    assert [h.id for h in engine.search(Query("测试 发酵罐", region_prefix="/330000/330400/"))] == [3]
    assert {h.id for h in engine.search(Query("测试 发酵罐", region_prefix="/110000/"))} == {1, 2}
    assert engine.search(Query("测试 发酵罐", region_prefix="/440000/")) == []


def test_structured_fit_service_industry_region_qualification_tier():
    today = datetime.date(2026, 6, 1)
    docs = [doc(1, "平台甲", main="芯片 检验检测", services=("inspection",), industries=("ic",), tier="national",
                qualifications=(Qualification("CMA", None, datetime.date(2027, 1, 1)),)),
            doc(2, "平台乙", main="芯片 检验检测", path="/440000/442000/442000118/", lat=22.6, lon=113.2,
                qualifications=(Qualification("CMA", None, datetime.date(2026, 5, 1)),))]
    engine = Engine(vocabulary=VOCAB, use_synonyms=False)
    engine.rebuild(docs)
    hits = {h.id: h for h in engine.search(Query("芯片检验检测 CMA", preferred_region_prefix="/110000/", today=today))}
    assert hits[1].service == pytest.approx(INFERRED_WEIGHT) and hits[1].industry == pytest.approx(INFERRED_WEIGHT)
    assert hits[1].region == 1.0 and hits[1].qualification == 1.0 and hits[1].tier == 1.0
    assert hits[2].service == 0 and hits[2].qualification == 0  # the CMA expired on 2026-05-01
    assert hits[2].distance_km == pytest.approx(1900, rel=0.1) and 0 < hits[2].region < 0.02
    assert hits[1].score > hits[2].score
    explicit = engine.search(Query("芯片", service_types=("inspection",), today=today))
    assert {h.id: h.service for h in explicit} == {1: 1.0, 2: 0.0}


def _scores(engine, text):
    return {h.id: round(h.score, 5) for h in engine.search(Query(text), top=10)}


def test_incremental_updates_give_the_same_scores_as_a_full_rebuild():
    engine = plain()
    engine.upsert([doc(2, "离心机 中试", main="离心机")])
    engine.upsert([doc(4, "发酵罐 离心机")])
    engine.remove([1])
    assert len(engine.delta) == 2 and engine.stale[1]
    fresh = plain()
    fresh.rebuild([corpus()[2], doc(2, "离心机 中试", main="离心机"), doc(4, "发酵罐 离心机")])
    for text in ("发酵罐", "离心机", "中试 测试", "晶圆"):
        assert _scores(engine, text) == _scores(fresh, text)
    assert 1 not in _scores(engine, "发酵罐")


def test_the_delta_is_compacted_when_it_grows():
    engine = plain()
    engine.compact_at = lambda: 2  # type: ignore[method-assign]
    engine.upsert([doc(10 + i, f"设备{i} 发酵罐") for i in range(3)])
    assert engine.delta == {} and not engine.stale.any()
    assert len(_scores(engine, "发酵罐")) == 5


def test_hashing_encoder_is_deterministic_and_normalised():
    encoder = HashingEncoder()
    a, b, c = encoder.encode_passages(["抗体偶联药物", "抗体偶联药物", "锂电池正极材料"])
    assert np.allclose(a, b) and abs(float(np.linalg.norm(a)) - 1) < 1e-6
    assert float(a @ b) > float(a @ c)
