"""Errors raised by the policy engine.

`PolicyInputError` is the only error a caller should expect for a bad request: it names the
offending field with a dotted path so an API can attach the message to the right form field.
`RuleFileError` means a YAML rule file is broken; that is a bug in the rules, never the caller's.
"""

from __future__ import annotations


class PolicyInputError(ValueError):
    """A request the engine refuses to evaluate; nothing partial is returned."""

    def __init__(self, *, field: str, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{field}: {message_en}")
        self.field = field
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def to_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


class RuleFileError(RuntimeError):
    """A rule file is malformed, or a formula asked for a parameter with no value at the date."""
