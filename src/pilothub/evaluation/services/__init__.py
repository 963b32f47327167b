"""Writes of the evaluation app: certification (certification.py) and yearly evaluation (evaluation.py)."""

from .attachments import MAX_ATTACHMENT_BYTES, attachment_check, sniff_type
from .certification import (
    TRANSITIONS,
    EvaluationAction,
    allowed_actions,
    application_attachment_add,
    application_create,
    application_transition,
    application_update,
    call_create,
    expert_add,
    expert_has_conflict,
    expert_score_record,
    missing_attachments,
    objection_record,
    objection_resolve,
    platform_tier_set,
)
from .evaluation import (
    declarable_indicators,
    declaration_evidence_add,
    declaration_save,
    declaration_submit,
    indicator_value_adjust,
    proposal_decide,
    reward_decide,
    round_create,
    round_publish,
    round_score,
    system_for_round,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES", "TRANSITIONS", "EvaluationAction", "allowed_actions", "application_attachment_add",
    "application_create", "application_transition", "application_update", "attachment_check", "call_create",
    "declarable_indicators", "declaration_evidence_add", "declaration_save", "declaration_submit", "expert_add",
    "expert_has_conflict", "expert_score_record", "indicator_value_adjust", "missing_attachments",
    "objection_record", "objection_resolve", "platform_tier_set", "proposal_decide", "reward_decide",
    "round_create", "round_publish", "round_score", "sniff_type", "system_for_round",
]
