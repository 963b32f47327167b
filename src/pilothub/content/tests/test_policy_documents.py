"""The seed policy documents loaded by migration: metadata, clauses, clause ↔ measure links."""

import datetime as dt

import pytest

from pilothub.content.models import ClauseMeasure, PolicyClause, PolicyDocument
from pilothub.content.policy_loading import engine_measures_by_clause, load_policy_documents, read_manifest
from pilothub.policy.engine import list_measures

pytestmark = pytest.mark.django_db


def test_migration_loaded_every_seed_with_its_metadata():
    documents = {d.key: d for d in PolicyDocument.objects.all()}
    assert set(documents) == {"beijing_2026_1", "beijing_2026_1_interpretation", "zhongshan_2025_73",
                              "jiaxing_2025_47", "huairou_draft"}
    beijing = documents["beijing_2026_1"]
    assert (beijing.number, beijing.issued_on, beijing.region_id) == ("京发改规〔2026〕1号", dt.date(2026, 1, 4), "110000")
    jiaxing = documents["jiaxing_2025_47"]
    assert (jiaxing.number, jiaxing.issued_on, jiaxing.effective_on, jiaxing.region_id) == (
        "嘉经信技装〔2025〕47号", dt.date(2025, 6, 25), dt.date(2025, 7, 25), "330400")
    zhongshan = documents["zhongshan_2025_73"]
    assert (zhongshan.number, zhongshan.issued_on, zhongshan.region_id) == ("中山科发〔2025〕73号", dt.date(2025, 6, 10), "442000")
    huairou = documents["huairou_draft"]
    assert (huairou.is_draft, huairou.region_id, huairou.issued_on, huairou.kind) == (True, "110116", None, "draft")
    interpretation = documents["beijing_2026_1_interpretation"]
    assert (interpretation.issued_on, interpretation.interprets) == (dt.date(2026, 1, 5), beijing)
    # The text is kept exactly as published.
    assert beijing.full_text.count("京发改规〔2026〕1号") >= 1 and "特此通知。" in beijing.full_text


@pytest.mark.parametrize(("key", "articles"), [("beijing_2026_1", 14), ("huairou_draft", 12)])
def test_numbered_measures_per_document(key, articles):
    labels = list(PolicyClause.objects.filter(document__key=key).values_list("label", flat=True))
    assert [label for label in labels if label.startswith("第")] == [f"第{n}条" for n in range(1, articles + 1)]


def test_every_engine_measure_is_linked_to_the_clause_it_cites():
    expected = set()
    for chain in (["110000", "110116"], ["330000", "330400"], ["440000", "442000"]):
        for measure in list_measures(chain, "2026-06-01"):
            expected.add((measure["measure"], measure["clause"]))
    linked = set(ClauseMeasure.objects.values_list("measure_id", "clause__label"))
    assert linked == expected
    assert ClauseMeasure.objects.count() == len(expected) >= 30


def test_specific_clause_links():
    def measures(key, label):
        return sorted(ClauseMeasure.objects.filter(clause__document__key=key, clause__label=label)
                      .values_list("measure_id", flat=True))

    assert measures("beijing_2026_1", "第1条") == ["beijing_2026_1.new_platform"]
    assert measures("beijing_2026_1", "第3条") == []
    assert measures("huairou_draft", "末段") == ["huairou_draft.non_duplication"]
    assert measures("jiaxing_2025_47", "二（一）6") == ["jiaxing_2025_47.evaluation_reward",
                                                      "jiaxing_2025_47.national_certification",
                                                      "jiaxing_2025_47.provincial_certification"]
    assert measures("zhongshan_2025_73", "五（二）") == ["zhongshan_2025_73.performance_award"]
    assert not ClauseMeasure.objects.filter(clause__document__key="beijing_2026_1_interpretation").exists()


def test_loading_again_changes_nothing():
    before = (PolicyDocument.objects.count(), PolicyClause.objects.count(), ClauseMeasure.objects.count())
    ids = sorted(PolicyDocument.objects.values_list("pk", flat=True))
    from django.apps import apps

    load_policy_documents(apps)
    assert (PolicyDocument.objects.count(), PolicyClause.objects.count(), ClauseMeasure.objects.count()) == before
    assert sorted(PolicyDocument.objects.values_list("pk", flat=True)) == ids


def test_a_changed_seed_file_is_refused(tmp_path, monkeypatch):
    from pilothub.content import policy_loading

    entry = dict(read_manifest()[0])
    entry["sha256"] = "0" * 64
    with pytest.raises(ValueError, match="does not match"):
        policy_loading.read_document_text(entry)


def test_engine_grouping_ignores_other_documents():
    grouped = engine_measures_by_clause(engine_document="huairou_draft", region_chain=["110000", "110116"],
                                        as_of=dt.date(2026, 6, 1))
    assert all(m["measure"].startswith("huairou_draft.") for ms in grouped.values() for m in ms)
    assert engine_measures_by_clause(engine_document="", region_chain=["110000"], as_of=dt.date(2026, 6, 1)) == {}
