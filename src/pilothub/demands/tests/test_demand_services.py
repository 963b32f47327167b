import pytest
from django.core import mail
from django.core.management import call_command

from pilothub.core.errors import DomainError, NotFound, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.demands.models import Demand, DemandStatus, DemandVisibility
from pilothub.demands.selectors import (
    demand_get_for_user,
    demand_list_for_moderation,
    demand_list_for_user,
    demand_list_recommended,
    demand_structured_fit,
)
from pilothub.demands.services import (
    demand_close,
    demand_expire_overdue,
    demand_hide,
    demand_publish,
    demand_restore,
)
from pilothub.demands.tasks import expire_overdue_demands
from pilothub.platforms.models import PlatformStatus
from pilothub.testing.factories import (
    DemandFactory,
    OrganisationFactory,
    UserFactory,
    admin,
    operator,
    reviewer,
)

from .factories import enterprise_user, in_days, operator_with_platform, vocab

pytestmark = pytest.mark.django_db


def publish(user, **overrides):
    values = {"title": "电池隔膜涂覆中试", "text": "需要 1 万平方米陶瓷涂覆隔膜的中试线验证。", "deadline": in_days(20)}
    values.update(overrides)
    return demand_publish(actor=user, **values)


def test_publish_saves_demand_with_vocabulary_and_audit():
    words = vocab()
    user = enterprise_user()
    demand = publish(user, industry_code="new-materials", service_type_codes=["scale-up", "inspection-testing"],
                     budget_min=50_000, budget_max=200_000, region_preference_code="110000")
    assert demand.status == DemandStatus.OPEN
    assert demand.region_id == "110116"
    assert demand.enterprise == user.organisation
    assert set(demand.service_types.all()) == {words["scale_up"], words["testing"]}
    assert demand.published_at is not None
    event = AuditEvent.objects.get(object_type="demands.demand", object_id=str(demand.pk))
    assert event.action == "publish"
    assert event.after["service_types"] == ["scale-up", "inspection-testing"]
    assert event.region_path == "/110000/110116/"


@pytest.mark.parametrize("who", ["operator", "pending", "reviewer", "anonymous"])
def test_only_approved_enterprise_users_publish(who):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "operator": lambda: operator(),
        "pending": lambda: UserFactory(organisation=OrganisationFactory(status="pending")),
        "reviewer": lambda: reviewer("110116"),
        "anonymous": AnonymousUser,
    }
    with pytest.raises(PermissionDeniedError):
        publish(users[who]())
    assert Demand.objects.count() == 0


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"text": "   "}, "text", "required"),
    ({"text": "字" * 5001}, "text", "too_long"),
    ({"title": ""}, "title", "required"),
    ({"title": "长" * 121}, "title", "too_long"),
    ({"region_preference_code": "999999"}, "region_preference", "unknown_region"),
    ({"deadline": in_days(-1)}, "deadline", "deadline_past"),
    ({"budget_min": 300_000, "budget_max": 100_000}, "budget_min", "budget_range"),
    ({"industry_code": "no-such"}, "industry", "unknown_industry"),
    ({"service_type_codes": ["no-such"]}, "service_types", "unknown_service_type"),
    ({"visibility": "secret"}, "visibility", "invalid_visibility"),
    ({"visibility": "invited"}, "invited_platforms", "invited_required"),
    ({"budget_min": -5}, "budget_min", "out_of_range"),
])
def test_bad_input_is_refused_and_nothing_saved(overrides, field, code):
    user = enterprise_user()
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        publish(user, **overrides)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message_zh and caught.value.message_en
    assert Demand.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_deadline_today_is_accepted():
    assert publish(enterprise_user(), deadline=in_days(0)).deadline == in_days(0)


class TestVisibility:
    """Each role against each visibility, through the one gate and the list selector."""

    @pytest.fixture
    def world(self):
        owner = enterprise_user("110116")
        _, invited_platform = operator_with_platform("110116")
        invited_operator = invited_platform.operator.members.first() or UserFactory(
            role="operator", organisation=invited_platform.operator)
        listed_operator, _platform = operator_with_platform("330402")
        unlisted_operator = operator("110108")  # no published platform
        operator_with_platform("110108", status=PlatformStatus.DRAFT)
        demands = {
            "public": publish(owner, title="公开需求"),
            "platforms": publish(owner, title="平台可见需求", visibility=DemandVisibility.PLATFORMS),
            "invited": publish(owner, title="受邀需求", visibility=DemandVisibility.INVITED,
                               invited_platform_ids=[invited_platform.pk]),
        }
        from django.contrib.auth.models import AnonymousUser

        users = {
            "anonymous": AnonymousUser(), "other_enterprise": enterprise_user("110108"),
            "unlisted_operator": unlisted_operator, "listed_operator": listed_operator,
            "invited_operator": invited_operator, "owner": UserFactory(organisation=owner.organisation),
            "hr_reviewer": reviewer("110116"), "bj_reviewer": reviewer("110000"), "jx_reviewer": reviewer("330400"),
            "admin": admin(),
        }
        return demands, users

    EXPECTED = {
        "anonymous": {"public"},
        "other_enterprise": {"public"},
        "unlisted_operator": {"public"},
        "listed_operator": {"public", "platforms"},
        "invited_operator": {"public", "platforms", "invited"},
        "owner": {"public", "platforms", "invited"},
        "hr_reviewer": {"public", "platforms", "invited"},
        "bj_reviewer": {"public", "platforms", "invited"},
        "jx_reviewer": {"public"},
        "admin": {"public", "platforms", "invited"},
    }

    @pytest.mark.parametrize("role", list(EXPECTED))
    def test_role_sees_exactly(self, world, role):
        demands, users = world
        user = users[role]
        listed = {d.title for d in demand_list_for_user(user=user)}
        assert listed == {demands[key].title for key in self.EXPECTED[role]}
        for key, demand in demands.items():
            if key in self.EXPECTED[role]:
                assert demand_get_for_user(demand_id=demand.pk, user=user) == demand
            else:
                with pytest.raises(NotFound):
                    demand_get_for_user(demand_id=demand.pk, user=user)

    def test_hidden_demand_only_for_owner_reviewers_admins(self, world):
        demands, users = world
        demand_hide(demand=demands["public"], actor=users["hr_reviewer"], reason="含联系方式广告")
        for role in ("anonymous", "listed_operator", "invited_operator", "other_enterprise", "jx_reviewer"):
            with pytest.raises(NotFound):
                demand_get_for_user(demand_id=demands["public"].pk, user=users[role])
        for role in ("owner", "hr_reviewer", "bj_reviewer", "admin"):
            assert demand_get_for_user(demand_id=demands["public"].pk, user=users[role]).is_hidden


def test_moderation_hide_restore_notifies_owner_and_audits(django_capture_on_commit_callbacks):
    owner = enterprise_user()
    demand = publish(owner)
    hr = reviewer("110116")
    with django_capture_on_commit_callbacks(execute=True):
        demand_hide(demand=demand, actor=hr, reason="重复发布")
    demand.refresh_from_db()
    assert (demand.is_hidden, demand.hidden_reason, demand.hidden_by) == (True, "重复发布", hr)
    assert Notification.objects.get(recipient=owner).title == f"您的需求已被屏蔽：{demand.title}"
    assert mail.outbox[0].to == [owner.email]
    demand_restore(demand=demand, actor=hr)
    demand.refresh_from_db()
    assert not demand.is_hidden and demand.hidden_reason == ""
    assert list(AuditEvent.objects.filter(object_id=str(demand.pk), object_type="demands.demand")
                .values_list("action", flat=True).order_by("id")) == ["publish", "demand_hide", "demand_restore"]
    assert [d.pk for d in demand_list_for_moderation(user=hr)] == [demand.pk]
    assert list(demand_list_for_moderation(user=reviewer("330400"))) == []


def test_moderation_needs_reason_and_region():
    demand = publish(enterprise_user())
    with pytest.raises(DomainError) as caught:
        demand_hide(demand=demand, actor=reviewer("110116"), reason=" ")
    assert caught.value.field == "reason"
    with pytest.raises(PermissionDeniedError):
        demand_hide(demand=demand, actor=reviewer("330400"), reason="无关")
    with pytest.raises(PermissionDeniedError):
        demand_hide(demand=demand, actor=operator(), reason="无关")
    demand.refresh_from_db()
    assert not demand.is_hidden


def test_close_by_owner_only():
    owner = enterprise_user()
    demand = publish(owner)
    with pytest.raises(PermissionDeniedError):
        demand_close(demand=demand, actor=enterprise_user(), reason="")
    demand_close(demand=demand, actor=owner, reason="已自行解决")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED and demand.closed_at is not None
    event = AuditEvent.objects.filter(action="demand_status").get()
    assert (event.before, event.after, event.note) == ({"status": "open"}, {"status": "closed"}, "已自行解决")
    with pytest.raises(DomainError):
        demand_close(demand=demand, actor=owner)


def test_expiry_command_task_and_listing():
    owner = enterprise_user()
    overdue = DemandFactory(enterprise=owner.organisation, deadline=in_days(-1), status=DemandStatus.IN_TALKS)
    today = DemandFactory(enterprise=owner.organisation, deadline=in_days(0))
    matched = DemandFactory(enterprise=owner.organisation, deadline=in_days(-3), status=DemandStatus.MATCHED)
    # Before the nightly run the listing already reads the overdue demand as expired.
    assert {d.pk for d in demand_list_for_user(user=owner, status="expired")} == {overdue.pk}
    assert {d.pk for d in demand_list_for_user(user=owner, status="open")} == {today.pk}
    assert demand_get_for_user(demand_id=overdue.pk, user=owner).effective_status == "expired"
    call_command("expire_demands")
    overdue.refresh_from_db()
    assert overdue.status == DemandStatus.EXPIRED
    event = AuditEvent.objects.get(action="demand_expire")
    assert (event.actor_username, event.before, event.after) == ("system", {"status": "in_talks"}, {"status": "expired"})
    today.refresh_from_db()
    matched.refresh_from_db()
    assert (today.status, matched.status) == (DemandStatus.OPEN, DemandStatus.MATCHED)
    assert expire_overdue_demands.apply().get() == 0
    assert demand_expire_overdue(today=in_days(1)) == 1


def test_list_filters_region_subtree_industry_service_type_and_chinese_search():
    words = vocab()
    hr_owner, jx_owner = enterprise_user("110116"), enterprise_user("330402")
    battery = publish(hr_owner, title="锂电池隔膜涂覆工艺放大", industry_code="new-materials",
                      service_type_codes=["scale-up"])
    drug = publish(jx_owner, title="单抗药物稳定性检测", text="需要加速稳定性试验和杂质分析。",
                   industry_code="pharma-health", service_type_codes=["inspection-testing"])
    anyone = enterprise_user("110108")
    assert [d.pk for d in demand_list_for_user(user=anyone, region="110000")] == [battery.pk]
    assert [d.pk for d in demand_list_for_user(user=anyone, region="330400")] == [drug.pk]
    assert [d.pk for d in demand_list_for_user(user=anyone, industry="pharma-health")] == [drug.pk]
    assert [d.pk for d in demand_list_for_user(user=anyone, service_type=words["scale_up"].pk)] == [battery.pk]
    assert [d.pk for d in demand_list_for_user(user=anyone, q="隔膜涂覆")] == [battery.pk]
    assert [d.pk for d in demand_list_for_user(user=anyone, q="稳定性 杂质")] == [drug.pk]
    assert list(demand_list_for_user(user=anyone, q="光刻胶")) == []
    with pytest.raises(DomainError):
        demand_list_for_user(user=anyone, region="999999")


def test_structured_fit_fallback_ranks_by_service_industry_region():
    words = vocab()
    owner = enterprise_user("110108")
    op, platform = operator_with_platform("110116", service_types=[words["scale_up"]],
                                          industries=[words["materials"]])
    both = publish(owner, title="材料放大", industry_code="new-materials", service_type_codes=["scale-up"],
                   region_preference_code="110000")
    service_only = publish(owner, title="放大-别处", service_type_codes=["scale-up"], region_preference_code="330400",
                           deadline=in_days(10))  # ties on fit go to the nearer deadline
    industry_only = publish(owner, title="材料检测", industry_code="new-materials", service_type_codes=["inspection-testing"])
    publish(owner, title="无关", industry_code="pharma-health", service_type_codes=["inspection-testing"])
    ranked = demand_structured_fit(platform=platform, demands_queryset=Demand.objects.all(), top=20)
    assert [(d.pk, d.fit) for d in ranked] == [(both.pk, 6), (service_only.pk, 3), (industry_only.pk, 3)]
    # Without the matching app, recommendations use the same fallback (open demands the operator sees).
    recommended = demand_list_recommended(platform=platform, user=op)
    try:
        import pilothub.matching.selectors as matching  # noqa: F401
        has_matching = hasattr(matching, "demands_for_platform")
    except ImportError:
        has_matching = False
    if not has_matching:
        assert [d.pk for d in recommended] == [both.pk, service_only.pk, industry_only.pk]
    else:
        assert {d.pk for d in recommended} <= {d.pk for d in Demand.objects.all()}
