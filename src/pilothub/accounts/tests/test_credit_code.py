from hypothesis import given
from hypothesis import strategies as st

from pilothub.accounts.credit_code import (
    ALPHABET,
    credit_code_check_character,
    credit_code_complete,
    credit_code_problem,
)

# Published codes (company registries print them on licences).
KNOWN_VALID = ["91110000802100433B", "91440300708461136T"]


def test_known_codes_validate():
    for code in KNOWN_VALID:
        assert credit_code_problem(code) is None, code


def test_wrong_check_character_is_reported():
    code = KNOWN_VALID[0]
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    assert credit_code_problem(wrong) == "统一社会信用代码校验位不正确"


def test_length_and_alphabet_are_checked():
    assert credit_code_problem("9111000080210043") == "统一社会信用代码应为 18 位"
    assert "不允许的字符" in credit_code_problem("91110000802100433O")


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_completed_codes_always_validate_and_any_single_change_of_the_check_fails(first_17):
    code = credit_code_complete(first_17)
    assert credit_code_problem(code) is None
    for other in ALPHABET:
        if other != code[17]:
            assert credit_code_problem(code[:17] + other) is not None
    assert credit_code_check_character(first_17) == code[17]
