"""One error type for domain rule violations.

Services raise DomainError with a stable machine code, the field it concerns (if any) and the
message in Chinese and English. The API maps it to a JSON error carrying the same code and both
messages; views show the message in the active language next to the field. Both texts are given
where the error is raised so an API client always gets a real English message, whatever the
state of the translation catalogue.
"""

from __future__ import annotations

from django.utils import translation


class DomainError(Exception):
    """A business rule was violated; nothing was changed."""

    status_code = 400

    def __init__(self, code: str, message_zh: str, message_en: str, *, field: str | None = None,
                 status_code: int | None = None) -> None:
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.field = field
        if status_code is not None:
            self.status_code = status_code
        super().__init__(f"{code}: {message_en}")

    @property
    def message(self) -> str:
        """The message in the active language (Chinese unless English is selected)."""
        language = translation.get_language() or "zh-hans"
        return self.message_en if language.startswith("en") else self.message_zh

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "field": self.field,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


class NotFound(DomainError):
    status_code = 404


class PermissionDeniedError(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


def not_found(what_zh: str, what_en: str) -> NotFound:
    return NotFound("not_found", f"{what_zh}不存在或您无权查看", f"{what_en} does not exist or you may not see it")


def forbidden(action_zh: str, action_en: str) -> PermissionDeniedError:
    return PermissionDeniedError("forbidden", f"您无权{action_zh}", f"You are not allowed to {action_en}")
