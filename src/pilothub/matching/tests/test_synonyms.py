"""Tokenizer and synonym table (pure Python, no database)."""

from pilothub.core.text import tokens
from pilothub.matching.synonyms import SynonymTable, default_table


def _added(table: SynonymTable, text: str) -> set[str]:
    return {term for found in table.find(text) for term in found.added}


def test_shipped_synonyms_cover_the_abbreviations_smes_use():
    table = default_table()
    assert {"抗体偶联药物"} <= _added(table, "我们有个ADC项目")
    assert "adc" in _added(table, "抗体偶联药物的偶联工艺")
    assert "单克隆抗体" in _added(table, "单抗要做200L")
    assert {"集成电路", "芯片"} <= _added(table, "IC 封装")
    assert "工艺放大熟化" in _added(table, "想把产量放大一点")


def test_latin_abbreviations_only_match_whole_tokens():
    table = SynonymTable(groups=[frozenset({"ic", "集成电路"})])
    assert _added(table, "plastic bag") == set()
    assert _added(table, "ic设计") == {"集成电路"}


def test_one_character_keys_need_a_whole_token_and_expansions_are_one_way():
    table = SynonymTable(expansions={"光": ("光电",), "放大": ("工艺放大熟化",)})
    assert _added(table, "光伏组件") == set()
    assert _added(table, "放大生产") == {"工艺放大熟化"}
    # The target of a one-way expansion does not bring the colloquial word back.
    assert all(f.found != "工艺放大熟化" for f in table.find("工艺放大熟化服务"))


def test_vocabulary_synonyms_are_merged_as_groups():
    table = SynonymTable().with_groups([["检验检测", "第三方检测", "检测认证"]])
    assert table.related("第三方检测") == {"检验检测", "检测认证"}
    assert table.related("ＣＮＡＳ") == set()


def test_tokens_keep_domain_terms_whole_and_drop_stop_words():
    result = tokens("我们希望找一家做抗体偶联药物工艺放大的平台")
    assert "抗体偶联药物" in result and "工艺放大" in result
    assert "我们" not in result and "平台" not in result


def test_teaching_the_tokenizer_latin_terms_does_not_split_latin_words():
    from pilothub.core.text import add_terms

    add_terms(["ic", "集成电路设计服务"])
    assert tokens("plastic") == ("plastic",)
    assert "集成电路设计服务" in tokens("集成电路设计服务")
