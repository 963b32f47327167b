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


class PasswordHistoryValidator:
    """Refuses the user's last `history` passwords (等保 2.0: 口令定期更换 — a change must be a change).

    Django calls `password_changed` after a user's password was set and saved (AbstractBaseUser.save);
    that is where the new hash is remembered and `password_changed_at` stamped (a hash upgrade at
    login is not a change and does not come here).
    """

    def __init__(self, history: int = 5) -> None:
        self.history = max(1, int(history))

    def validate(self, password: str, user=None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        from django.contrib.auth.hashers import check_password

        from .selectors import password_recent_hashes

        hashes = password_recent_hashes(user=user, count=self.history)
        if user.password and user.password not in hashes:
            hashes.insert(0, user.password)  # accounts older than the history table
        # check_password (not user.check_password): no rehash-and-save side effect.
        if any(check_password(password, encoded) for encoded in hashes[:self.history]):
            raise ValidationError(self._message(), code="password_reused", params={"history": self.history})

    def password_changed(self, password: str, user=None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        from .services import password_change_record

        password_change_record(user=user, keep=self.history)

    def _message(self) -> str:
        return _("不能使用最近 %(history)d 次用过的密码。")

    def get_help_text(self) -> str:
        return _("不能使用最近 %(history)d 次用过的密码。") % {"history": self.history}
