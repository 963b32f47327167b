"""Writes for demands (publish, moderate, expire), quotes and messages, and 揭榜挂帅 challenges."""

from .challenges import (
    application_submit,
    challenge_close_applications,
    challenge_post,
    challenge_publish_result,
    challenge_score,
    milestone_add,
    milestone_confirm,
    milestone_submit,
)
from .confidential import (
    demand_access_grant,
    demand_access_revoke,
    demand_details_read,
    demand_set_confidential,
    undertaking_accept,
)
from .demands import demand_close, demand_expire_overdue, demand_hide, demand_publish, demand_restore
from .quotes import demand_express_interest, message_send, quote_accept, quote_create

__all__ = [
    "application_submit", "challenge_close_applications", "challenge_post", "challenge_publish_result",
    "challenge_score", "demand_close", "demand_expire_overdue", "demand_express_interest", "demand_hide",
    "demand_publish", "demand_restore", "message_send", "milestone_add", "milestone_confirm", "milestone_submit",
    "quote_accept", "quote_create", "demand_access_grant", "demand_access_revoke", "demand_details_read",
    "demand_set_confidential", "undertaking_accept",
]
