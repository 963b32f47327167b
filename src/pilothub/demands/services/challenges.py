"""揭榜挂帅: post a challenge, apply, score with the rubric, publish the result, track milestones."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.uploads import upload_check
from pilothub.platforms.models import Platform, PlatformStatus
from pilothub.regions.selectors import region_get

from ..files import ALLOWED_KINDS, MAX_ATTACHMENT_BYTES
from ..models import (
    ApplicationStatus,
    Challenge,
    ChallengeApplication,
    ChallengeMilestone,
    ChallengeScore,
    ChallengeStatus,
    MilestoneStatus,
)
from ..selectors import user_may_post_challenge, user_reviews_challenge
from .common import TITLE_LIMIT, DemandAction, clean_amount, clean_text, members

TWO_PLACES = Decimal("0.01")


def _clean_rubric(rubric) -> list[dict]:
    if not isinstance(rubric, list) or not rubric:
        raise DomainError("rubric_required", "请至少设置一项评分细则（名称和权重）",
                          "Give at least one rubric criterion (name and weight)", field="rubric")
    cleaned, seen = [], set()
    for item in rubric:
        name = str((item or {}).get("name", "")).strip() if isinstance(item, dict) else ""
        if not name or len(name) > 60:
            raise DomainError("rubric_invalid", "评分细则名称不能为空且不超过 60 字",
                              "Each criterion needs a name of at most 60 characters", field="rubric")
        if name in seen:
            raise DomainError("rubric_duplicate", f"评分细则重复：{name}", f"Duplicate criterion: {name}", field="rubric")
        weight = clean_amount(item.get("weight"), field="rubric", label_zh=f"“{name}”的权重",
                              label_en=f"The weight of {name}", minimum=1)
        seen.add(name)
        cleaned.append({"name": name, "weight": weight})
    return cleaned


def _clean_indicators(indicators) -> list[str]:
    items = [str(item).strip() for item in (indicators or []) if str(item).strip()]
    if not items:
        raise DomainError("indicators_required", "请至少填写一项目标指标", "Give at least one target indicator",
                          field="indicators")
    for item in items:
        clean_text(item, field="indicators", label_zh="目标指标", label_en="An indicator", limit=300)
    return items


@transaction.atomic
def challenge_post(*, actor: User, region_code: str, title: str, task: str, indicators: list[str], bounty,
                   deadline: datetime.date | None, eligibility: str = "", rubric: list[dict],
                   is_demo: bool = False) -> Challenge:
    """Reviewers post for their region; a lead enterprise posts for its own region if the region's
    ChallengeRegionPolicy (or the nearest ancestor's) allows it."""
    region = region_get(code=region_code)
    if not user_may_post_challenge(user=actor, region=region):
        raise forbidden("在该地区发布揭榜挂帅榜单", "post a challenge in this region")
    title = clean_text(title, field="title", label_zh="榜单名称", label_en="Title", limit=TITLE_LIMIT)
    task = clean_text(task, field="task", label_zh="攻关任务", label_en="Task")
    indicators = _clean_indicators(indicators)
    bounty = clean_amount(bounty, field="bounty", label_zh="榜单金额", label_en="Bounty")
    if deadline is None:
        raise DomainError("required", "请填写揭榜截止日期", "A deadline is required", field="deadline")
    if deadline < timezone.localdate():
        raise DomainError("deadline_past", "截止日期不能早于今天", "The deadline cannot be in the past", field="deadline")
    eligibility = clean_text(eligibility, field="eligibility", label_zh="揭榜条件", label_en="Eligibility",
                             required=False)
    challenge = Challenge.objects.create(
        region=region, posted_by=actor, posting_organisation=actor.organisation, title=title, task=task,
        indicators=indicators, bounty=bounty, deadline=deadline, eligibility=eligibility,
        rubric=_clean_rubric(rubric), is_demo=is_demo)
    audit_record(actor=actor, action=DemandAction.CHALLENGE_POST, obj=challenge, region_path=region.path,
                 after=model_snapshot(challenge))
    return challenge


def _review_guard(actor: User, challenge: Challenge, what_zh: str, what_en: str) -> None:
    if not user_reviews_challenge(actor, challenge):
        raise forbidden(what_zh, what_en)


def _set_status(challenge: Challenge, actor: User | None, status: str, action: str, note: str = "") -> None:
    before = challenge.status
    challenge.status = status
    challenge.save()
    audit_record(actor=actor, action=action, obj=challenge, region_path=challenge.region.path,
                 before={"status": before}, after={"status": status}, note=note)


@transaction.atomic
def challenge_close_applications(*, challenge: Challenge, actor: User) -> Challenge:
    """A reviewer ends the call for applications and starts scoring."""
    _review_guard(actor, challenge, "结束该榜单的申报", "close applications for this challenge")
    challenge = Challenge.objects.select_for_update().select_related("region").get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN:
        raise Conflict("not_open", "该榜单不在征集中", "The challenge is not open for applications")
    _set_status(challenge, actor, ChallengeStatus.REVIEWING, DemandAction.CHALLENGE_CLOSE)
    return challenge


@transaction.atomic
def application_submit(*, challenge: Challenge, actor: User, team_name: str, proposal: str,
                       platform_id: int | None = None, attachment=None) -> ChallengeApplication:
    """A team (enterprise, university or platform operator of an approved organisation) applies."""
    if not (actor.is_authenticated and actor.can_publish):
        raise forbidden("揭榜（仅限审核通过单位的用户）", "apply (users of approved organisations only)")
    challenge = Challenge.objects.select_for_update().select_related("region").get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN or challenge.deadline < timezone.localdate():
        raise Conflict("not_open", "该榜单已截止申报", "The challenge no longer accepts applications", field="challenge")
    if challenge.posting_organisation_id and challenge.posting_organisation_id == actor.organisation_id:
        raise DomainError("own_challenge", "发榜单位不能揭自己的榜", "The posting organisation cannot apply")
    team_name = clean_text(team_name, field="team_name", label_zh="团队名称", label_en="Team name", limit=120)
    proposal = clean_text(proposal, field="proposal", label_zh="揭榜方案", label_en="Proposal")
    platform = None
    if platform_id:
        platform = Platform.objects.filter(pk=platform_id, operator_id=actor.organisation_id,
                                           status=PlatformStatus.PUBLISHED).first()
        if platform is None:
            raise DomainError("unknown_platform", "依托平台须为本单位已发布的平台",
                              "The platform must be a published platform of your organisation", field="platform")
    kind = ""
    if attachment is not None:
        checked = upload_check(attachment, allowed=ALLOWED_KINDS, max_bytes=MAX_ATTACHMENT_BYTES,
                               field="attachment")
        kind = checked.kind
        attachment = checked.content  # stored under a generated name
    assert actor.organisation_id is not None  # can_publish guarantees an organisation
    if ChallengeApplication.objects.filter(challenge=challenge, organisation_id=actor.organisation_id).exists():
        raise Conflict("already_applied", "本单位已申报该榜单", "Your organisation has already applied")
    application = ChallengeApplication(challenge=challenge, applicant=actor, organisation=actor.organisation,
                                       platform=platform, team_name=team_name, proposal=proposal,
                                       attachment_kind=kind)
    if attachment is not None:
        application.attachment = attachment
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise Conflict("already_applied", "本单位已申报该榜单", "Your organisation has already applied")
    audit_record(actor=actor, action=DemandAction.CHALLENGE_APPLY, obj=application, region_path=challenge.region.path,
                 after=model_snapshot(application))
    return application


@transaction.atomic
def challenge_score(*, application: ChallengeApplication, actor: User, scores: dict, comment: str = "") -> ChallengeScore:
    """A reviewer of the region scores an application on every rubric criterion (0–100); the
    weighted total is Σ weight × score / Σ weight. A reviewer may revise until the result is out."""
    challenge = Challenge.objects.select_for_update().select_related("region").get(pk=application.challenge_id)
    _review_guard(actor, challenge, "为该榜单评分", "score this challenge")
    if challenge.status != ChallengeStatus.REVIEWING:
        raise Conflict("not_reviewing", "该榜单不在评审阶段", "The challenge is not being reviewed")
    names = [item["name"] for item in challenge.rubric]
    if not isinstance(scores, dict) or set(scores) != set(names):
        raise DomainError("scores_incomplete", f"请为每项评分细则打分：{'、'.join(names)}",
                          f"Score every criterion: {', '.join(names)}", field="scores")
    values: dict[str, int] = {}
    for name in names:
        values[name] = clean_amount(scores[name], field="scores", label_zh=f"“{name}”得分",
                                    label_en=f"The score for {name}") or 0
        if values[name] > 100:
            raise DomainError("out_of_range", f"“{name}”得分须在 0 到 100 之间", f"The score for {name} must be 0–100",
                              field="scores")
    weights = sum(item["weight"] for item in challenge.rubric)
    total = (Decimal(sum(item["weight"] * values[item["name"]] for item in challenge.rubric)) / Decimal(weights)
             ).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    comment = clean_text(comment, field="comment", label_zh="评审意见", label_en="Comment", required=False)
    score, _created = ChallengeScore.objects.update_or_create(
        application=application, reviewer=actor,
        defaults={"scores": values, "total": total, "comment": comment, "scored_at": timezone.now()})
    audit_record(actor=actor, action=DemandAction.CHALLENGE_SCORE, obj=application, region_path=challenge.region.path,
                 after={"scores": values, "total": str(total), "reviewer": actor.pk}, note=comment)
    return score


@transaction.atomic
def challenge_publish_result(*, challenge: Challenge, actor: User) -> Challenge:
    """Publish the result: the application with the highest average weighted score wins (ties go to
    the earlier application); every application's average and reviewer count is published."""
    _review_guard(actor, challenge, "公布该榜单结果", "publish this challenge's result")
    challenge = Challenge.objects.select_for_update().select_related("region").get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.REVIEWING:
        raise Conflict("not_reviewing", "该榜单不在评审阶段", "The challenge is not being reviewed")
    ranked: list[tuple[tuple, dict]] = []
    applications = list(challenge.applications.select_related("organisation").prefetch_related("scores"))
    for application in applications:
        totals = [score.total for score in application.scores.all()]
        if totals:
            average = (sum(totals, Decimal(0)) / len(totals)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
            ranked.append(((-average, application.created_at, application.pk), {
                "application": application.pk, "applicant": application.organisation.name,
                "team": application.team_name, "average": str(average), "reviewers": len(totals)}))
    if not ranked:
        raise DomainError("no_scores", "尚无评分，不能公布结果", "No application has been scored yet")
    summary = [row for _key, row in sorted(ranked, key=lambda pair: pair[0])]
    winner = next(a for a in applications if a.pk == summary[0]["application"])
    for application in applications:
        application.status = ApplicationStatus.WINNER if application.pk == winner.pk else ApplicationStatus.NOT_SELECTED
        application.save(update_fields=["status"])
    challenge.winner = winner
    challenge.result_summary = summary
    challenge.result_published_at = timezone.now()
    _set_status(challenge, actor, ChallengeStatus.AWARDED, DemandAction.CHALLENGE_RESULT,
                note=f"揭榜方：{winner.organisation.name}（{summary[0]['average']} 分）")
    url = reverse("demands:challenge_detail", args=[challenge.pk])
    notify(recipients=members(winner.organisation_id), title=f"揭榜成功：{challenge.title}",
           body="请按计划提交里程碑完成情况。", url=url)
    for application in applications:
        if application.pk != winner.pk:
            notify(recipients=members(application.organisation_id), title=f"揭榜结果已公布：{challenge.title}",
                   body="感谢参与，本次未入选。", url=url)
    return challenge


def _is_winner(actor: User, challenge: Challenge) -> bool:
    winner = challenge.winner if challenge.winner_id else None
    return bool(actor.is_authenticated and winner is not None and actor.organisation_id
                and winner.organisation_id == actor.organisation_id)


@transaction.atomic
def milestone_add(*, challenge: Challenge, actor: User, title: str, due_date: datetime.date | None) -> ChallengeMilestone:
    """The winner or a reviewer plans a milestone of an awarded challenge."""
    if not (user_reviews_challenge(actor, challenge) or _is_winner(actor, challenge)):
        raise forbidden("为该榜单设置里程碑", "plan milestones for this challenge")
    if challenge.status != ChallengeStatus.AWARDED:
        raise Conflict("not_awarded", "只有已揭榜、实施中的榜单可以设置里程碑", "Only an awarded challenge has milestones")
    title = clean_text(title, field="title", label_zh="里程碑名称", label_en="Milestone title", limit=120)
    if due_date is None:
        raise DomainError("required", "请填写计划完成日期", "A due date is required", field="due_date")
    milestone = ChallengeMilestone.objects.create(challenge=challenge, title=title, due_date=due_date)
    audit_record(actor=actor, action=DemandAction.MILESTONE_ADD, obj=milestone, region_path=challenge.region.path,
                 after=model_snapshot(milestone))
    return milestone


@transaction.atomic
def milestone_submit(*, milestone: ChallengeMilestone, actor: User, evidence: str) -> ChallengeMilestone:
    """The winner reports a milestone done, with evidence, for the reviewer to confirm."""
    # Lock only the milestone: PostgreSQL refuses FOR UPDATE on the nullable side (winner) of a join.
    milestone = ChallengeMilestone.objects.select_for_update(of=("self",)).select_related(
        "challenge", "challenge__region", "challenge__winner").get(pk=milestone.pk)
    if not _is_winner(actor, milestone.challenge):
        raise forbidden("提交该里程碑（仅限揭榜方）", "report this milestone (the winner only)")
    if milestone.status == MilestoneStatus.CONFIRMED:
        raise Conflict("already_confirmed", "该里程碑已确认", "The milestone is already confirmed")
    before = model_snapshot(milestone)
    milestone.evidence = clean_text(evidence, field="evidence", label_zh="完成佐证", label_en="Evidence")
    milestone.status, milestone.submitted_at = MilestoneStatus.SUBMITTED, timezone.now()
    milestone.save()
    audit_record(actor=actor, action=DemandAction.MILESTONE_SUBMIT, obj=milestone,
                 region_path=milestone.challenge.region.path, before=before, after=model_snapshot(milestone))
    return milestone


@transaction.atomic
def milestone_confirm(*, milestone: ChallengeMilestone, actor: User) -> ChallengeMilestone:
    """A reviewer confirms a reported milestone; when every milestone is confirmed the challenge is
    completed."""
    milestone = ChallengeMilestone.objects.select_for_update().select_related("challenge", "challenge__region").get(
        pk=milestone.pk)
    challenge = milestone.challenge
    _review_guard(actor, challenge, "确认该里程碑", "confirm this milestone")
    if milestone.status != MilestoneStatus.SUBMITTED:
        raise Conflict("not_submitted", "揭榜方尚未提交该里程碑的完成佐证", "The winner has not reported this milestone")
    before = model_snapshot(milestone)
    milestone.status, milestone.confirmed_at, milestone.confirmed_by = MilestoneStatus.CONFIRMED, timezone.now(), actor
    milestone.save()
    audit_record(actor=actor, action=DemandAction.MILESTONE_CONFIRM, obj=milestone, region_path=challenge.region.path,
                 before=before, after=model_snapshot(milestone))
    if not challenge.milestones.exclude(status=MilestoneStatus.CONFIRMED).exists():
        challenge = Challenge.objects.select_for_update().select_related("region").get(pk=challenge.pk)
        challenge.completed_at = timezone.now()
        _set_status(challenge, actor, ChallengeStatus.COMPLETED, DemandAction.CHALLENGE_COMPLETE,
                    note="全部里程碑已确认")
    return milestone
