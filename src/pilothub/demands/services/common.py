"""Validation helpers and audit event names shared by the demand services."""

from __future__ import annotations

from pilothub.core.errors import DomainError
from pilothub.core.validation import clean_text  # noqa: F401  (imported by the demand services from here)

TITLE_LIMIT = 120
# Demand fields the audit trail never copies (it records their length instead): reviewers read the
# trail, and confidential details are for granted platforms only (decision 0552).
SECRET_FIELDS = ("confidential_details",)


class DemandAction:
    """Audit event types of this app (besides core's create/publish/…)."""

    STATUS = "demand_status"
    HIDE = "demand_hide"
    RESTORE = "demand_restore"
    EXPIRE = "demand_expire"
    INTEREST = "demand_interest"
    QUOTE = "quote_create"
    QUOTE_WITHDRAW = "quote_withdraw"
    QUOTE_ACCEPT = "quote_accept"
    QUOTE_DECLINE = "quote_decline"
    MESSAGE = "demand_message"
    CHALLENGE_POST = "challenge_post"
    CHALLENGE_CLOSE = "challenge_close"
    CHALLENGE_APPLY = "challenge_apply"
    CHALLENGE_SCORE = "challenge_score"
    CHALLENGE_RESULT = "challenge_result"
    CHALLENGE_COMPLETE = "challenge_complete"
    MILESTONE_ADD = "milestone_add"
    MILESTONE_SUBMIT = "milestone_submit"
    MILESTONE_CONFIRM = "milestone_confirm"


def clean_amount(value, *, field: str, label_zh: str, label_en: str, required: bool = True,
                 minimum: int = 0) -> int | None:
    """A non-negative integer (yuan, days); None when optional and empty."""
    if value is None or value == "":
        if required:
            raise DomainError("required", f"请填写{label_zh}", f"{label_en} is required", field=field)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError("invalid", f"{label_zh}必须是整数", f"{label_en} must be a whole number", field=field)
    if number < minimum or number > 10**13:
        raise DomainError("out_of_range", f"{label_zh}必须在 {minimum} 到 10000000000000 之间",
                          f"{label_en} must be between {minimum} and 10000000000000", field=field)
    return number


def members(organisation_id: int | None):
    """Active users of an organisation: who is notified on its behalf."""
    from pilothub.accounts.models import User

    if organisation_id is None:
        return []
    return list(User.objects.filter(organisation_id=organisation_id, is_active=True))
