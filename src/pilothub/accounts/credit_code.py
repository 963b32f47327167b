"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), organisation category (1), administrative division (6),
organisation body code (9, with its own GB 11714 check character), and a check character computed
over the first 17 with weights 3^i mod 31 over the 31-character alphabet below (no I, O, Z, S, V).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code_check_character(first_17: str) -> str:
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first_17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None when the code is valid, otherwise the reason in Chinese."""
    if len(code) != 18:
        return "统一社会信用代码应为 18 位"
    if any(char not in ALPHABET for char in code):
        return "统一社会信用代码含有不允许的字符（只允许数字和除 I、O、Z、S、V 以外的大写字母）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为行政区划代码"
    if credit_code_check_character(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确"
    return None


def credit_code_complete(first_17: str) -> str:
    """Append the check character (used to make demo and test codes)."""
    return first_17 + credit_code_check_character(first_17)
