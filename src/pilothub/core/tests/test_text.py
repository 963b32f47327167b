from pilothub.core.text import normalise, token_string, tokens


def test_domain_terms_stay_whole_and_their_parts_are_searchable():
    result = tokens("需要ADC抗体偶联药物的中试放大，200L发酵罐")
    assert "抗体偶联药物" in result and "抗体" in result
    assert "adc" in result and "发酵罐" in result and "200l" in result


def test_stop_words_and_punctuation_are_dropped_and_width_is_normalised():
    assert normalise("ＧＭＰ  车间") == "gmp 车间"
    result = tokens("我们希望找一家可以做检验检测的公司！")
    assert "我们" not in result and "希望" not in result and "！" not in result
    assert "检验检测" in result


def test_empty_text_has_no_tokens():
    assert tokens("") == () and token_string("   ") == ""
