"""Password complexity beyond Django's validators (等保 2.0: 口令具有复杂度要求)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = ("upper", "lower", "digit", "symbol")


def character_classes(password: str) -> set[str]:
    """Which of the four classes the password uses. Letters without case (汉字) count as symbols."""
    found: set[str] = set()
    for ch in password:
        if ch.isdigit():
            found.add("digit")
        elif ch.isupper():
            found.add("upper")
        elif ch.islower():
            found.add("lower")
        else:
            found.add("symbol")
    return found


class CharacterClassValidator:
    """At least `min_classes` of: 大写字母, 小写字母, 数字, 特殊字符."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = max(1, min(int(min_classes), len(CLASSES)))

    def validate(self, password: str, user=None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self._message(), code="password_too_simple",
                                  params={"min_classes": self.min_classes})

    def _message(self) -> str:
        return _("密码须至少包含大写字母、小写字母、数字、特殊字符中的 %(min_classes)d 类。")

    def get_help_text(self) -> str:
        return _("密码须至少包含大写字母、小写字母、数字、特殊字符中的 %(min_classes)d 类。") % {
            "min_classes": self.min_classes}
