"""The clause parser on the seed texts (pure Python: no database)."""

from pathlib import Path

import pytest

from pilothub.content.policy_text import parse_policy_text

DATA = Path(__file__).resolve().parent.parent / "data" / "policies"


def parse(prefix: str, layout: str):
    (path,) = DATA.glob(f"{prefix}_*.txt")
    return parse_policy_text(path.read_text(encoding="utf-8"), layout=layout)


def test_beijing_measures_have_fourteen_numbered_articles():
    document = parse("001", "numbered")
    assert [c.label for c in document.clauses] == [f"第{n}条" for n in range(1, 15)]
    first = document.clauses[0]
    assert first.heading == "一、围绕首都现代化产业体系布局中试平台"
    assert first.title == "围绕重点产业梯度布局中试平台"
    # The continuation paragraph of article 1 (the 25% tier) stays in article 1.
    assert "能级提升产业" in first.text and "最高不超过 5000 万元" in first.text
    assert document.clauses[13].heading == "四、强化保障措施"
    assert document.preamble.startswith("北京市发展和改革委员会")


def test_huairou_draft_has_twelve_articles_and_a_closing_paragraph():
    document = parse("004", "numbered")
    labels = [c.label for c in document.clauses]
    assert labels == [f"第{n}条" for n in range(1, 13)] + ["末段"]
    assert document.clauses[-1].text.startswith("本措施自发布之日起执行")
    assert "本措施自发布之日起执行" not in document.clauses[-2].text


def test_zhongshan_outline_leaves_are_sections():
    document = parse("002", "outline")
    labels = [c.label for c in document.clauses]
    assert len(labels) == 17
    assert labels[:3] == ["一（一）", "一（二）", "一（三）"]
    assert "二（三）" in labels and "四（三）" in labels and labels[-1] == "五（三）"
    platform_network = document.clauses[labels.index("二（三）")]
    assert "中试解决方案、需求发布、典型服务案例、行业动态、政策资讯" in platform_network.text


def test_jiaxing_outline_leaves_are_numbered_items_under_sections():
    document = parse("003", "outline")
    labels = [c.label for c in document.clauses]
    assert labels[0] == "一" and labels[-1] == "三"
    assert [label for label in labels if label.startswith("二（一）")] == [f"二（一）{n}" for n in range(1, 7)]
    assert len(labels) == 18
    assert document.clauses[-1].text.endswith("本实施方案自2025年7月25日起施行。")


def test_interpretation_has_three_parts():
    document = parse("000", "outline")
    assert [(c.label, c.title) for c in document.clauses] == [
        ("一", "政策出台的背景"), ("二", "措施主要考虑"), ("三", "文件具体举措")]


def test_a_year_at_line_start_does_not_open_an_article():
    text = "一、总则\n1. 第一条。内容\n2030年目标。\n2. 第二条。内容"
    document = parse_policy_text(text, layout="numbered")
    assert [c.label for c in document.clauses] == ["第1条", "第2条"]
    assert "2030年目标" in document.clauses[0].text


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError):
        parse_policy_text("一、x", layout="free")
