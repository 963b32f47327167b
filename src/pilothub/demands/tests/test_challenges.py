import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pilothub.core.errors import Conflict, DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.demands.models import (
    ApplicationStatus,
    Challenge,
    ChallengeApplication,
    ChallengeRegionPolicy,
    ChallengeStatus,
    MilestoneStatus,
)
from pilothub.demands.selectors import challenge_policy_for_region, user_may_post_challenge
from pilothub.demands.services import (
    application_submit,
    challenge_close_applications,
    challenge_post,
    challenge_publish_result,
    challenge_score,
    milestone_add,
    milestone_confirm,
    milestone_submit,
)
from pilothub.testing.factories import region, reviewer

from .factories import docx_bytes, enterprise_user, in_days, operator_with_platform, plain_zip_bytes

pytestmark = pytest.mark.django_db

RUBRIC = [{"name": "技术方案", "weight": 60}, {"name": "团队能力", "weight": 40}]


def post(actor, **overrides):
    values = {"region_code": "442000", "title": "液氢储运关键阀门中试验证", "task": "完成低温阀门 1000 次循环中试验证。",
              "indicators": ["泄漏率 ≤ 1e-6 Pa·m³/s", "循环寿命 ≥ 1000 次"], "bounty": 2_000_000,
              "deadline": in_days(30), "eligibility": "中山市内注册的企业、高校或平台", "rubric": RUBRIC}
    values.update(overrides)
    return challenge_post(actor=actor, **values)


def test_reviewers_post_in_their_region_only():
    zs = reviewer("442000")
    challenge = post(zs)
    assert (challenge.region_id, challenge.status, challenge.rubric) == ("442000", "open", RUBRIC)
    assert AuditEvent.objects.get(action="challenge_post").region_path == "/440000/442000/"
    with pytest.raises(PermissionDeniedError):
        post(reviewer("330400"))
    assert Challenge.objects.count() == 1


def test_enterprise_posting_follows_region_policy_with_inheritance():
    lead = enterprise_user("442000101")  # 黄圃镇
    town = region("442000101")
    assert not challenge_policy_for_region(region=town)
    with pytest.raises(PermissionDeniedError):
        post(lead, region_code="442000101")
    ChallengeRegionPolicy.objects.create(region=region("442000"), allow_enterprise_posting=True)
    assert challenge_policy_for_region(region=town)  # inherited from 中山市
    assert post(lead, region_code="442000101").posting_organisation == lead.organisation
    # Only in its own region, and a nearer "no" overrides an ancestor's "yes".
    assert not user_may_post_challenge(user=lead, region=region("442000"))
    ChallengeRegionPolicy.objects.create(region=town, allow_enterprise_posting=False)
    assert not challenge_policy_for_region(region=town)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"title": ""}, "title"), ({"task": "长" * 5001}, "task"), ({"indicators": ["", " "]}, "indicators"),
    ({"bounty": None}, "bounty"), ({"deadline": in_days(-1)}, "deadline"), ({"rubric": []}, "rubric"),
    ({"rubric": [{"name": "A", "weight": 0}]}, "rubric"), ({"rubric": [{"name": "A", "weight": 1}] * 2}, "rubric"),
    ({"region_code": "000000"}, "region"),
])
def test_bad_challenge_input(overrides, field):
    with pytest.raises(DomainError) as caught:
        post(reviewer("442000"), **overrides)
    assert caught.value.field == field
    assert Challenge.objects.count() == 0


def test_full_flow_apply_score_publish_milestones(django_capture_on_commit_callbacks):
    zs, zs2 = reviewer("442000"), reviewer("442000")
    challenge = post(zs)
    team_a = enterprise_user("442000101")
    op_b, platform_b = operator_with_platform("442000118")
    app_a = application_submit(challenge=challenge, actor=team_a, team_name="低温阀门攻关组", proposal="方案 A",
                               attachment=SimpleUploadedFile("a.docx", docx_bytes()))
    app_b = application_submit(challenge=challenge, actor=op_b, team_name="小榄平台团队", proposal="方案 B",
                               platform_id=platform_b.pk)
    assert (app_a.attachment_kind, app_b.platform) == ("docx", platform_b)
    assert app_a.attachment.name.endswith(".docx")
    with pytest.raises(Conflict):
        application_submit(challenge=challenge, actor=team_a, team_name="再报", proposal="重复")
    with pytest.raises(Conflict):  # scoring waits for the call to close
        challenge_score(application=app_a, actor=zs, scores={"技术方案": 90, "团队能力": 80})
    challenge_close_applications(challenge=challenge, actor=zs)
    with pytest.raises(Conflict):
        application_submit(challenge=challenge, actor=enterprise_user("442000"), team_name="迟到", proposal="晚了")
    # A: (90×60 + 80×40)/100 = 86; (70×60 + 90×40)/100 = 78 → average 82.00
    # B: (85×60 + 85×40)/100 = 85; only one reviewer → 85.00, the winner
    assert str(challenge_score(application=app_a, actor=zs, scores={"技术方案": 90, "团队能力": 80}).total) == "86.00"
    challenge_score(application=app_a, actor=zs2, scores={"技术方案": 70, "团队能力": 90})
    challenge_score(application=app_b, actor=zs, scores={"技术方案": 85, "团队能力": 85})
    with pytest.raises(PermissionDeniedError):
        challenge_score(application=app_b, actor=reviewer("330400"), scores={"技术方案": 1, "团队能力": 1})
    with pytest.raises(DomainError) as caught:
        challenge_score(application=app_b, actor=zs2, scores={"技术方案": 101, "团队能力": 1})
    assert caught.value.field == "scores"
    with pytest.raises(DomainError):
        challenge_score(application=app_b, actor=zs2, scores={"技术方案": 80})
    with django_capture_on_commit_callbacks(execute=True):
        challenge = challenge_publish_result(challenge=challenge, actor=zs)
    assert challenge.status == ChallengeStatus.AWARDED and challenge.winner == app_b
    assert challenge.result_summary == [
        {"application": app_b.pk, "applicant": op_b.organisation.name, "team": "小榄平台团队", "average": "85.00",
         "reviewers": 1},
        {"application": app_a.pk, "applicant": team_a.organisation.name, "team": "低温阀门攻关组", "average": "82.00",
         "reviewers": 2}]
    app_a.refresh_from_db()
    assert app_a.status == ApplicationStatus.NOT_SELECTED
    assert Notification.objects.get(recipient=op_b).title == "揭榜成功：液氢储运关键阀门中试验证"

    m1 = milestone_add(challenge=challenge, actor=op_b, title="样机完成", due_date=in_days(60))
    m2 = milestone_add(challenge=challenge, actor=zs, title="第三方检测报告", due_date=in_days(120))
    with pytest.raises(PermissionDeniedError):
        milestone_add(challenge=challenge, actor=team_a, title="插手", due_date=in_days(5))
    with pytest.raises(Conflict):
        milestone_confirm(milestone=m1, actor=zs)  # not reported yet
    with pytest.raises(PermissionDeniedError):
        milestone_submit(milestone=m1, actor=team_a, evidence="不是揭榜方")
    milestone_submit(milestone=m1, actor=op_b, evidence="样机照片与装配记录")
    with pytest.raises(PermissionDeniedError):
        milestone_confirm(milestone=m1, actor=op_b)
    milestone_confirm(milestone=m1, actor=zs2)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.AWARDED
    milestone_submit(milestone=m2, actor=op_b, evidence="CNAS 检测报告编号 2026-001")
    milestone_confirm(milestone=m2, actor=zs)
    challenge.refresh_from_db()
    m1.refresh_from_db()
    assert (m1.status, m1.confirmed_by) == (MilestoneStatus.CONFIRMED, zs2)
    assert challenge.status == ChallengeStatus.COMPLETED and challenge.completed_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"challenge_post", "challenge_apply", "challenge_close", "challenge_score", "challenge_result",
            "milestone_add", "milestone_submit", "milestone_confirm", "challenge_complete"} <= actions


@pytest.mark.parametrize(("upload", "code"), [
    (SimpleUploadedFile("proposal.pdf", b"this is not a pdf"), "file_type"),
    (SimpleUploadedFile("proposal.docx", plain_zip_bytes()), "file_type"),
    (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)), "file_too_large"),
])
def test_attachments_checked_by_content_and_size(upload, code):
    challenge = post(reviewer("442000"))
    with pytest.raises(DomainError) as caught:
        application_submit(challenge=challenge, actor=enterprise_user("442000"), team_name="T", proposal="P",
                           attachment=upload)
    assert (caught.value.code, caught.value.field) == (code, "attachment")
    assert ChallengeApplication.objects.count() == 0


def test_publish_needs_scores():
    zs = reviewer("442000")
    challenge = post(zs)
    application_submit(challenge=challenge, actor=enterprise_user("442000"), team_name="T", proposal="P")
    challenge_close_applications(challenge=challenge, actor=zs)
    with pytest.raises(DomainError) as caught:
        challenge_publish_result(challenge=challenge, actor=zs)
    assert caught.value.code == "no_scores"
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.REVIEWING
