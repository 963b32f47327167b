"""Writes for the yearly performance evaluation (效能评估): rounds, declarations, values, scores,
and the consequences the region's rules propose (applied only by a reviewer's decision)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from pilothub.accounts.models import User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError
from pilothub.core.notifications import notify
from pilothub.platforms.models import Platform, Tier
from pilothub.policy.engine import PolicyInputError
from pilothub.policy.engine import evaluate as policy_evaluate
from pilothub.regions.selectors import region_ancestor_codes, region_get

from .. import indicators
from ..figures import UNAVAILABLE, Figure, system_figure
from ..models import (
    CertifiedTier,
    ConsequenceProposal,
    DeclarationEvidence,
    DeclarationState,
    EvaluationDeclaration,
    EvaluationResult,
    EvaluationRound,
    IndicatorValue,
    ProposalKind,
    ProposalState,
    RewardRecommendation,
    RewardState,
    RoundState,
    ValueSource,
)
from .attachments import attachment_check
from .certification import (
    TIER_ORDER,
    EvaluationAction,
    _reason,
    _require_governs,
    _require_operator_of,
    add_years,
)

TRUE_WORDS = {"1", "true", "on", "yes", "是", "有"}
FALSE_WORDS = {"", "0", "false", "off", "no", "否", "无"}


def system_for_round(round_: EvaluationRound) -> indicators.IndicatorSystem:
    return indicators.system_for(region_ancestor_codes(code=round_.region_id), round_.year)


def declarable_indicators(system: indicators.IndicatorSystem) -> list[indicators.Indicator]:
    """Indicators the operator declares: declared ones, and system ones PilotHub cannot compute yet."""
    from ..figures import figure_available

    return [i for i in system.indicators() if i.source == "declared" or not figure_available(i.key)]


def parse_value(indicator: indicators.Indicator, raw: Any) -> Any:
    """A declared or adjusted value: bool for boolean rules, otherwise a non-negative number."""
    field = f"value_{indicator.code}"
    if indicator.rule["type"] == "boolean":
        if isinstance(raw, bool):
            return raw
        word = str(raw if raw is not None else "").strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise DomainError("invalid", f"“{indicator.name}”请选择是或否", f"{indicator.code} must be yes or no", field=field)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise DomainError("required", f"请填写“{indicator.name}”", f"{indicator.code} is required", field=field)
    if isinstance(raw, bool):
        raise DomainError("invalid", f"“{indicator.name}”应为数值", f"{indicator.code} must be a number", field=field)
    try:
        number = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise DomainError("invalid", f"“{indicator.name}”应为数值", f"{indicator.code} must be a number", field=field)
    if not number.is_finite() or number < 0:
        raise DomainError("invalid", f"“{indicator.name}”应为非负数", f"{indicator.code} must be non-negative",
                          field=field)
    return int(number) if number == number.to_integral_value() else float(number)


# --- rounds and declarations ------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor: User, region_code: str, year: int, declaration_deadline: datetime.date,
                 is_demo: bool = False) -> EvaluationRound:
    region = region_get(code=region_code)
    _require_governs(actor, region.path, "组织该地区的效能评估", "run this region's evaluation")
    try:
        system = indicators.system_for(region_ancestor_codes(code=region.code), year)
    except indicators.NoIndicatorSystem:
        raise DomainError("no_indicator_system", f"{region.name}没有 {year} 年度适用的评价指标体系",
                          f"No indicator system for {region.code} in {year}", field="year")
    if EvaluationRound.objects.filter(region=region, year=year).exists():
        raise Conflict("duplicate", f"{region.name} {year} 年度评估已存在", "This round already exists", field="year")
    round_ = EvaluationRound.objects.create(region=region, year=year, declaration_deadline=declaration_deadline,
                                            system_version=system.version, created_by=actor, is_demo=is_demo)
    audit_record(actor=actor, action=EvaluationAction.ROUND_CREATE, obj=round_, region_path=region.path,
                 after=model_snapshot(round_))
    return round_


def _require_round_open(round_: EvaluationRound) -> None:
    if round_.state != RoundState.OPEN:
        raise Conflict("round_closed", "本年度评估已评分，申报已截止", "The round is no longer open for declarations")


@transaction.atomic
def declaration_save(*, actor: User, round_: EvaluationRound, platform: Platform, values: dict[str, Any],
                     note: str = "") -> EvaluationDeclaration:
    """Create or update the operator's draft: the declared values, checked against the indicator system."""
    _require_operator_of(actor, platform)
    _require_round_open(round_)
    if not platform.region.path.startswith(round_.region.path):
        raise DomainError("wrong_region", "平台不在本次评估的地区内", "The platform is outside the round's region",
                          field="platform")
    system = system_for_round(round_)
    cleaned = {i.code: parse_value(i, values.get(i.code)) for i in declarable_indicators(system)}
    declaration = (EvaluationDeclaration.objects.select_for_update().filter(round=round_, platform=platform).first()
                   or EvaluationDeclaration(round=round_, platform=platform))
    if declaration.state != DeclarationState.DRAFT:
        raise Conflict("already_submitted", "申报已提交，不能修改", "The declaration was already submitted")
    before = model_snapshot(declaration) if declaration.pk else None
    declaration.values = cleaned
    declaration.note = note.strip()
    declaration.save()
    audit_record(actor=actor, action=EvaluationAction.DECLARATION_SAVE, obj=declaration,
                 region_path=platform.region.path, before=before, after=model_snapshot(declaration))
    return declaration


@transaction.atomic
def declaration_evidence_add(*, actor: User, declaration: EvaluationDeclaration, indicator: str,
                             upload) -> DeclarationEvidence:
    _require_operator_of(actor, declaration.platform)
    _require_round_open(declaration.round)
    system = system_for_round(declaration.round)
    if indicator not in {i.code for i in system.indicators()}:
        raise DomainError("invalid", "请选择佐证材料对应的指标", "Choose the indicator", field="kind")
    sniffed = attachment_check(upload=upload)
    evidence = DeclarationEvidence.objects.create(
        declaration=declaration, kind=indicator, file=sniffed.content, original_name=sniffed.original_name,
        content_type=sniffed.content_type, size=sniffed.size, sha256=sniffed.sha256, uploaded_by=actor)
    audit_record(actor=actor, action=EvaluationAction.EVIDENCE_ADD, obj=evidence,
                 region_path=declaration.platform.region.path,
                 after={"declaration": declaration.pk, "indicator": indicator, "name": sniffed.original_name,
                        "sha256": sniffed.sha256, "stored": evidence.file.name})
    return evidence


def _collect(declaration: EvaluationDeclaration, system: indicators.IndicatorSystem) -> None:
    """Refresh the indicator values of a declaration; a reviewer's adjustment is never overwritten."""
    existing = {v.indicator: v for v in declaration.indicator_values.all()}
    for ind in system.indicators():
        figure = system_figure(ind.key, platform=declaration.platform, year=declaration.round.year) \
            if ind.source == "system" else UNAVAILABLE
        if isinstance(figure, Figure):
            source, value, detail = ValueSource.SYSTEM, figure.value, figure.detail
        else:
            source, value, detail = ValueSource.DECLARED, declaration.values.get(ind.code), "运营单位申报（附佐证材料）"
        row = existing.get(ind.code)
        if row is None:
            IndicatorValue.objects.create(declaration=declaration, indicator=ind.code, source=source,
                                          original_value=value, value=value, detail=detail[:255])
        elif not row.adjusted:
            row.source, row.original_value, row.value, row.detail = source, value, value, detail[:255]
            row.save(update_fields=["source", "original_value", "value", "detail"])
        elif row.original_value != value:
            # Adjusted by a reviewer: keep the adjusted value, refresh only what the system now says.
            row.original_value = value
            row.save(update_fields=["original_value"])


@transaction.atomic
def declaration_submit(*, actor: User, declaration: EvaluationDeclaration) -> EvaluationDeclaration:
    declaration = EvaluationDeclaration.objects.select_for_update().select_related(
        "round__region", "platform__region").get(pk=declaration.pk)
    _require_operator_of(actor, declaration.platform)
    _require_round_open(declaration.round)
    if declaration.state != DeclarationState.DRAFT:
        raise Conflict("already_submitted", "申报已提交", "The declaration was already submitted")
    if timezone.localdate() > declaration.round.declaration_deadline:
        raise DomainError("deadline_passed", f"申报已于 {declaration.round.declaration_deadline} 截止",
                          "The declaration deadline has passed")
    system = system_for_round(declaration.round)
    for ind in declarable_indicators(system):
        parse_value(ind, declaration.values.get(ind.code))
    before = model_snapshot(declaration)
    declaration.state = DeclarationState.SUBMITTED
    declaration.submitted_by = actor
    declaration.submitted_at = timezone.now()
    declaration.save()
    _collect(declaration, system)
    audit_record(actor=actor, action=EvaluationAction.DECLARATION_SUBMIT, obj=declaration,
                 region_path=declaration.platform.region.path, before=before, after=model_snapshot(declaration))
    return declaration


@transaction.atomic
def indicator_value_adjust(*, actor: User, value: IndicatorValue, new_value: Any, reason: str) -> IndicatorValue:
    """A reviewer corrects a figure with a written reason; the original stays on the row and in the audit."""
    value = IndicatorValue.objects.select_for_update().select_related(
        "declaration__round__region", "declaration__platform__region").get(pk=value.pk)
    round_ = value.declaration.round
    _require_governs(actor, round_.region.path, "调整评估数值", "adjust evaluation values")
    if round_.state == RoundState.PUBLISHED:
        raise Conflict("round_published", "评估结果已发布，不能再调整", "The round is already published")
    indicator = system_for_round(round_).indicator(value.indicator)
    reason = _reason(reason)
    before = model_snapshot(value)
    value.value = parse_value(indicator, new_value)
    value.adjusted = True
    value.adjust_reason = reason
    value.adjusted_by = actor
    value.adjusted_at = timezone.now()
    value.save()
    audit_record(actor=actor, action=EvaluationAction.VALUE_ADJUST, obj=value,
                 region_path=value.declaration.platform.region.path, before=before, after=model_snapshot(value),
                 note=f"{indicator.name}：{reason}")
    return value


def _competition_ranks(results: list[EvaluationResult]) -> dict[int, int]:
    """1, 2, 2, 4: equal totals share a rank."""
    ranks: dict[int, int] = {}
    ordered = sorted(results, key=lambda r: (-r.total, r.platform.name))
    for position, result in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[result.pk] = ranks[previous.pk] if previous is not None and previous.total == result.total else position
    return ranks


@transaction.atomic
def round_score(*, actor: User, round_: EvaluationRound) -> list[EvaluationResult]:
    """Collect the values of every submitted declaration, score them and rank within region and tier."""
    round_ = EvaluationRound.objects.select_for_update().select_related("region").get(pk=round_.pk)
    _require_governs(actor, round_.region.path, "评分", "score this round")
    if round_.state == RoundState.PUBLISHED:
        raise Conflict("round_published", "评估结果已发布", "The round is already published")
    system = system_for_round(round_)
    declarations = list(round_.declarations.filter(state=DeclarationState.SUBMITTED).select_related(
        "platform__region", "platform__operator"))
    results = []
    for declaration in declarations:
        _collect(declaration, system)
        values = {v.indicator: v.value for v in declaration.indicator_values.all()}
        scored = indicators.score(system, values)
        trace = dict(scored.trace)
        trace["sources"] = {v.indicator: {"source": v.source, "original": v.original_value, "adjusted": v.adjusted,
                                          "reason": v.adjust_reason, "detail": v.detail}
                            for v in declaration.indicator_values.all()}
        result, _created = EvaluationResult.objects.update_or_create(
            round=round_, platform=declaration.platform,
            defaults={"declaration": declaration, "tier": declaration.platform.tier,
                      "total": Decimal(str(scored.total)), "grade": scored.grade,
                      "dimension_scores": scored.dimensions, "trace": trace, "computed_at": timezone.now()})
        results.append(result)
    region_ranks = _competition_ranks(results)
    for tier in Tier.values:
        tier_ranks = _competition_ranks([r for r in results if r.tier == tier])
        for result in results:
            if result.tier == tier:
                result.rank_in_tier = tier_ranks[result.pk]
    for result in results:
        result.rank_in_region = region_ranks[result.pk]
        result.save(update_fields=["rank_in_region", "rank_in_tier"])
    before = model_snapshot(round_)
    round_.state = RoundState.SCORED
    round_.scored_at = timezone.now()
    round_.save()
    audit_record(actor=actor, action=EvaluationAction.ROUND_SCORE, obj=round_, region_path=round_.region.path,
                 before=before, after={**model_snapshot(round_), "results": {r.platform_id: [str(r.total), r.grade]
                                                                             for r in results}})
    return results


# --- consequences -----------------------------------------------------------------------------


def _on_warning(platform: Platform, year: int) -> bool:
    """A warning stands for one evaluation year: applied after the previous year's result."""
    return ConsequenceProposal.objects.filter(platform=platform, kind=ProposalKind.WARNING,
                                              state=ProposalState.APPLIED, result__round__year=year - 1).exists()


def _previous_grades(platform: Platform, year: int) -> dict[int, str]:
    return dict(EvaluationResult.objects.filter(platform=platform, round__year__lt=year,
                                                round__state=RoundState.PUBLISHED)
                .values_list("round__year", "grade"))


def _propose(actor: User, result: EvaluationResult, system: indicators.IndicatorSystem) -> ConsequenceProposal | None:
    platform = result.platform
    proposal = indicators.propose_consequence(
        system.consequences, year=result.round.year, grade=result.grade,
        previous_grades=_previous_grades(platform, result.round.year),
        on_warning=_on_warning(platform, result.round.year), tier_is_lowest=platform.tier == TIER_ORDER[0])
    if proposal is None:
        return None
    tier_after = platform.tier
    if proposal.kind == ProposalKind.DEMOTION:
        tier_after = TIER_ORDER[max(TIER_ORDER.index(Tier(platform.tier)) - 1, 0)]
    elif proposal.kind == ProposalKind.REMOVAL:
        tier_after = TIER_ORDER[0]
    record = ConsequenceProposal.objects.create(platform=platform, result=result, kind=proposal.kind,
                                                reason=proposal.reason, tier_before=platform.tier,
                                                tier_after=tier_after)
    audit_record(actor=actor, action=EvaluationAction.PROPOSAL_CREATE, obj=record, region_path=platform.region.path,
                 after=model_snapshot(record), note=proposal.reason)
    return record


def _last_reward_year(platform: Platform, year: int) -> int | None:
    years = RewardRecommendation.objects.filter(
        result__platform=platform, result__round__year__lt=year,
        state__in=[RewardState.RECOMMENDED, RewardState.GRANTED]).values_list("result__round__year", flat=True)
    return max(years, default=None)


def _reward(actor: User, result: EvaluationResult) -> RewardRecommendation | None:
    """优秀 → ask the policy engine for the region's evaluation_reward measure; store its answer."""
    platform = result.platform
    request = {"region": platform.region_id, "as_of": timezone.localdate().isoformat(), "applicant": {},
               "project": {"type": "evaluation_reward", "evaluation_year": result.round.year,
                           "evaluation_grade": result.grade,
                           "last_reward_year": _last_reward_year(platform, result.round.year)}}
    try:
        answer = policy_evaluate(request, region_chain=region_ancestor_codes(code=platform.region_id))
    except PolicyInputError as error:
        raise DomainError(error.code, error.message_zh, error.message_en, field=error.field)
    items = [item for item in answer["items"] if item["in_force"]]
    if not items:
        return None
    item = items[0]
    record = RewardRecommendation.objects.create(
        result=result, measure=item["measure"], amount=item["amount"],
        state=RewardState.RECOMMENDED if item["eligible"] and item["amount"] > 0 else RewardState.NOT_ELIGIBLE,
        explanation=item["explanation"], trace=item["trace"])
    audit_record(actor=actor, action=EvaluationAction.REWARD_RECOMMEND, obj=record, region_path=platform.region.path,
                 after=model_snapshot(record), note=item["explanation"])
    return record


@transaction.atomic
def round_publish(*, actor: User, round_: EvaluationRound) -> EvaluationRound:
    """Publish the results; propose consequences and reward checks by the region's rules (nothing applied)."""
    round_ = EvaluationRound.objects.select_for_update().select_related("region").get(pk=round_.pk)
    _require_governs(actor, round_.region.path, "发布评估结果", "publish this round")
    if round_.state != RoundState.SCORED:
        raise Conflict("not_scored", "请先完成评分再发布", "Score the round before publishing")
    system = system_for_round(round_)
    results = list(round_.results.select_related("platform__region", "platform__operator", "round"))
    for result in results:
        _propose(actor, result, system)
        if system.consequences.reward_check and result.grade == indicators.GRADES[0]:
            _reward(actor, result)
    before = model_snapshot(round_)
    round_.state = RoundState.PUBLISHED
    round_.published_at = timezone.now()
    round_.save()
    audit_record(actor=actor, action=EvaluationAction.ROUND_PUBLISH, obj=round_, region_path=round_.region.path,
                 before=before, after=model_snapshot(round_))
    for result in results:
        notify(recipients=result.platform.operator.members.all(), title=f"{round_.year} 年度效能评估结果已发布",
               body=f"{result.platform.name}：{result.total} 分，{result.grade}")
    return round_


@transaction.atomic
def proposal_decide(*, actor: User, proposal: ConsequenceProposal, apply: bool, reason: str) -> ConsequenceProposal:
    """A reviewer applies or dismisses a proposed consequence; applying changes the tier through a service."""
    from .certification import platform_tier_set

    proposal = ConsequenceProposal.objects.select_for_update().select_related(
        "platform__region", "result__round__region").get(pk=proposal.pk)
    _require_governs(actor, proposal.result.round.region.path, "决定评估结果的处理", "decide on consequences")
    if proposal.state != ProposalState.PROPOSED:
        raise Conflict("already_decided", "该建议已决定", "The proposal was already decided")
    reason = _reason(reason)
    before = model_snapshot(proposal)
    proposal.state = ProposalState.APPLIED if apply else ProposalState.DISMISSED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.save()
    audit_record(actor=actor, action=EvaluationAction.PROPOSAL_DECIDE, obj=proposal,
                 region_path=proposal.platform.region.path, before=before, after=model_snapshot(proposal), note=reason)
    if apply and proposal.kind in (ProposalKind.DEMOTION, ProposalKind.REMOVAL):
        today = timezone.localdate()
        current = list(CertifiedTier.objects.select_for_update().filter(
            platform=proposal.platform, revoked_on__isnull=True, valid_until__gte=today))
        for certified in current:
            certified.revoked_on = today
            certified.revoke_reason = f"{proposal.get_kind_display()}：{reason}"
            certified.save(update_fields=["revoked_on", "revoke_reason"])
            audit_record(actor=actor, action=EvaluationAction.PROPOSAL_DECIDE, obj=certified,
                         region_path=proposal.platform.region.path, after=model_snapshot(certified),
                         note=certified.revoke_reason)
        if proposal.kind == ProposalKind.DEMOTION and proposal.tier_after != proposal.tier_before:
            valid_until = max((c.valid_until for c in current), default=add_years(today, 1))
            CertifiedTier.objects.create(platform=proposal.platform, tier=proposal.tier_after, valid_from=today,
                                         valid_until=valid_until, proposal=proposal, decided_by=actor)
        platform_tier_set(actor=actor, platform=proposal.platform, tier=proposal.tier_after,
                          note=f"{proposal.get_kind_display()}：{reason}")
    notify(recipients=proposal.platform.operator.members.all(),
           title=f"效能评估处理决定：{proposal.get_kind_display()}（{proposal.get_state_display()}）",
           body=f"{proposal.platform.name}：{reason}")
    return proposal


@transaction.atomic
def reward_decide(*, actor: User, reward: RewardRecommendation, grant: bool, reason: str) -> RewardRecommendation:
    reward = RewardRecommendation.objects.select_for_update().select_related(
        "result__round__region", "result__platform__region").get(pk=reward.pk)
    _require_governs(actor, reward.result.round.region.path, "决定奖励", "decide on rewards")
    if reward.state != RewardState.RECOMMENDED:
        raise Conflict("already_decided", "该奖励建议已决定或不符合条件", "The recommendation is not open")
    reason = _reason(reason)
    before = model_snapshot(reward)
    reward.state = RewardState.GRANTED if grant else RewardState.DECLINED
    reward.decided_by = actor
    reward.decided_at = timezone.now()
    reward.decision_reason = reason
    reward.save()
    audit_record(actor=actor, action=EvaluationAction.REWARD_DECIDE, obj=reward,
                 region_path=reward.result.platform.region.path, before=before, after=model_snapshot(reward),
                 note=reason)
    return reward
