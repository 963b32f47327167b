"""Dated parameters: a revised policy adds a version; earlier dates keep their own values."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pilothub.policy.engine import RuleFileError, evaluate, load_rulebook
from pilothub.policy.engine.params import RULES_DIR

from .conftest import make_request

REVISION = """
      2027-01-01:
        value: 0.25
        citation: 嘉经信技装〔2026〕99号 第3条（测试用修订）
"""


@pytest.fixture
def revised_rules(tmp_path: Path) -> Path:
    for path in RULES_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "jiaxing_2025_47.yaml"
    text = target.read_text(encoding="utf-8")
    anchor = "    values:\n      2025-07-25: 0.20\n"
    assert anchor in text
    target.write_text(text.replace(anchor, anchor + REVISION.lstrip("\n"), 1), encoding="utf-8")
    return tmp_path


def test_revision_applies_from_its_date_and_not_before(revised_rules: Path):
    book = load_rulebook(revised_rules)
    project = {"type": "national_certification", "equipment_investment": 10_000_000}
    before = evaluate(make_request(project, region="330402", as_of="2026-12-31"), rulebook=book)["items"][0]
    after = evaluate(make_request(project, region="330402", as_of="2027-01-01"), rulebook=book)["items"][0]
    assert before["amount"] == 2_000_000
    assert after["amount"] == 2_500_000
    rate = next(p for p in after["trace"]["parameters"] if p["name"].endswith("equipment_rate"))
    assert rate["effective_from"] == "2027-01-01"
    assert rate["citation"].startswith("嘉经信技装〔2026〕99号")
    assert before["trace"]["rules_digest"] == after["trace"]["rules_digest"] != load_rulebook().digest


def test_parameter_at_picks_latest_version_started(revised_rules: Path):
    parameter = (
        load_rulebook(revised_rules).document("jiaxing_2025_47").parameters["certification.equipment_rate"]
    )
    assert parameter.at(dt.date(2025, 7, 24)) is None
    assert str(parameter.at(dt.date(2025, 7, 25)).value) == "0.2"
    assert str(parameter.at(dt.date(2030, 1, 1)).value) == "0.25"


def test_repealing_a_document_yields_an_explicit_not_in_force_item(tmp_path: Path):
    for path in RULES_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "jiaxing_2025_47.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("      2025-07-25: true\n", "      2025-07-25: true\n      2028-01-01: false\n", 1),
        encoding="utf-8",
    )
    book = load_rulebook(tmp_path)
    project = {"type": "evaluation_reward", "evaluation_year": 2027, "evaluation_grade": "优秀"}
    item = evaluate(make_request(project, region="330402", as_of="2028-03-01"), rulebook=book)["items"][0]
    assert (item["in_force"], item["amount"]) == (False, 0)
    assert "已不再施行" in item["explanation"]


@pytest.mark.parametrize(
    ("needle", "replacement", "message"),
    [
        ("      2026-01-04: 0.30\n", "      2026-01-04: 30\n", "rate must lie in [0, 1]"),
        ("      2026-01-04: 50000000\n", "      2026-01-04: 5.0e7\n", "non-negative integer"),
        ("      2026-01-04: beijing.major_capability.v1\n", "", "needs 'formula'"),
        ("    reason: 文件仅规定“给予融资租赁补贴”，未规定比例或上限。\n", "", "must say why"),
    ],
)
def test_broken_rule_files_are_rejected(tmp_path: Path, needle: str, replacement: str, message: str):
    shutil.copy(RULES_DIR / "beijing_2026_1.yaml", tmp_path / "beijing_2026_1.yaml")
    target = tmp_path / "beijing_2026_1.yaml"
    text = target.read_text(encoding="utf-8")
    assert needle in text
    target.write_text(text.replace(needle, replacement, 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_rulebook(tmp_path)


def test_every_formula_named_in_the_rules_is_registered():
    from pilothub.policy.engine.formulas import FORMULAS

    book = load_rulebook()
    named = {name for doc in book.documents for m in doc.measures for _, name in m.formulas}
    assert named == set(FORMULAS)


def test_every_parameter_is_cited_with_a_document_number():
    book = load_rulebook()
    for doc in book.documents:
        for parameter in doc.parameters.values():
            for version in parameter.versions:
                assert version.citation.startswith(doc.number), (doc.id, parameter.name)
