"""Tiered disclosure: who reads a demand's confidential details, per role (decision 0552)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pilothub.core.errors import Conflict, DomainError, NotFound, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.demands.models import (
    ConfidentialityUndertaking,
    DemandAccessGrant,
    DemandDetailView,
    UndertakingAcceptance,
)
from pilothub.demands.selectors import demand_list_for_user
from pilothub.demands.selectors_confidential import Access, details_access, undertaking_versions
from pilothub.demands.services import (
    demand_access_grant,
    demand_access_revoke,
    demand_details_read,
    demand_publish,
    demand_set_confidential,
    undertaking_accept,
)
from pilothub.platforms.models import PlatformStatus
from pilothub.testing.factories import admin, reviewer

from .factories import enterprise_user, in_days, operator_with_platform

pytestmark = pytest.mark.django_db
SECRET = "配方中钴酸锂与镍锰比例为 7:2:1，烧结温度 930℃"


def confidential_demand(owner, *, undertaking: bool = True, **overrides):
    values = {"title": "正极材料烧结工艺放大", "text": "需要 100 公斤级正极材料烧结中试线。", "deadline": in_days(20),
              "confidential_details": SECRET, "requires_undertaking": undertaking}
    values.update(overrides)
    return demand_publish(actor=owner, **values)


@pytest.fixture
def world():
    owner = enterprise_user("110116")
    demand = confidential_demand(owner)
    granted_op, granted_platform = operator_with_platform("110108")
    other_op, _other_platform = operator_with_platform("110105")
    return {"owner": owner, "demand": demand, "op": granted_op, "platform": granted_platform, "other_op": other_op}


def test_publish_keeps_details_apart_and_out_of_the_audit_trail(world):
    demand = world["demand"]
    assert demand.text == "需要 100 公斤级正极材料烧结中试线。"
    assert demand.confidential_details == SECRET
    assert demand.requires_undertaking is True
    event = AuditEvent.objects.get(object_type="demands.demand", object_id=str(demand.pk), action="publish")
    assert "confidential_details" not in event.after
    assert event.after["confidential_details_length"] == len(SECRET)
    assert not AuditEvent.objects.filter(after__icontains="钴酸锂").exists()


def test_requires_undertaking_without_details_is_dropped():
    demand = demand_publish(actor=enterprise_user(), title="公开需求", text="只有公开摘要。", deadline=in_days(5),
                            requires_undertaking=True)
    assert (demand.is_confidential, demand.requires_undertaking) == (False, False)


@pytest.mark.parametrize("who", ["anonymous", "other_enterprise", "operator_without_grant", "reviewer", "admin"])
def test_outsiders_never_read_the_details(world, who):
    user = {"anonymous": AnonymousUser(), "other_enterprise": enterprise_user("110116"),
            "operator_without_grant": world["other_op"], "reviewer": reviewer("110000"), "admin": admin()}[who]
    demand = world["demand"]
    demand_access_grant(demand=demand, platform=world["platform"], actor=world["owner"])  # someone else's grant
    access = details_access(demand=demand, user=user)
    assert access.may_read is False
    assert access.state == (Access.NO_GRANT if who == "operator_without_grant" else Access.NONE)
    with pytest.raises(PermissionDeniedError):
        demand_details_read(demand=demand, user=user)
    assert not DemandDetailView.objects.exists()


def test_owner_reads_without_a_log_entry(world):
    colleague = enterprise_user("110116")
    colleague.organisation = world["owner"].organisation
    colleague.save()
    assert demand_details_read(demand=world["demand"], user=colleague) == SECRET
    assert details_access(demand=world["demand"], user=colleague).state == Access.OWNER
    assert not DemandDetailView.objects.exists()


def test_grant_then_undertaking_then_read_is_logged(world):
    demand, op, platform, owner = world["demand"], world["op"], world["platform"], world["owner"]
    grant = demand_access_grant(demand=demand, platform=platform, actor=owner)
    assert Notification.objects.filter(recipient=op, title__startswith="保密详情已授权").count() == 1

    # Granted but the undertaking is not accepted yet: still no reading.
    access = details_access(demand=demand, user=op)
    assert (access.state, access.platform) == (Access.NEEDS_UNDERTAKING, platform)
    with pytest.raises(DomainError) as error:
        demand_details_read(demand=demand, user=op)
    assert (error.value.code, error.value.status_code) == ("undertaking_required", 403)

    acceptance = undertaking_accept(demand=demand, platform=platform, actor=op)
    current = undertaking_versions()[-1]
    assert acceptance.undertaking.version == current["version"]
    assert acceptance.undertaking.text == current["text"]
    assert (acceptance.accepted_by, acceptance.platform) == (op, platform)
    event = AuditEvent.objects.get(action="demand_undertaking_accept")
    assert event.after["undertaking"] == current["version"] and event.actor == op
    # Accepting twice records nothing new.
    assert undertaking_accept(demand=demand, platform=platform, actor=op) == acceptance
    assert UndertakingAcceptance.objects.count() == 1

    assert demand_details_read(demand=demand, user=op) == SECRET
    assert demand_details_read(demand=demand, user=op, channel="api") == SECRET
    views = list(DemandDetailView.objects.order_by("id").values_list("viewer_id", "platform_id", "channel"))
    assert views == [(op.pk, platform.pk, "web"), (op.pk, platform.pk, "api")]

    # Revoked: the operator is back to "no grant"; the log stays.
    demand_access_revoke(demand=demand, platform=platform, actor=owner)
    grant.refresh_from_db()
    assert grant.revoked_by == owner and grant.revoked_at is not None
    assert details_access(demand=demand, user=op).state == Access.NO_GRANT
    with pytest.raises(PermissionDeniedError):
        demand_details_read(demand=demand, user=op)
    assert DemandDetailView.objects.count() == 2


def test_grant_without_undertaking_requirement_reads_at_once():
    owner = enterprise_user()
    demand = confidential_demand(owner, undertaking=False)
    op, platform = operator_with_platform("110108")
    demand_access_grant(demand=demand, platform=platform, actor=owner)
    assert details_access(demand=demand, user=op).state == Access.GRANTED
    assert demand_details_read(demand=demand, user=op) == SECRET


def test_switching_the_undertaking_on_later_blocks_until_accepted():
    owner = enterprise_user()
    demand = confidential_demand(owner, undertaking=False)
    op, platform = operator_with_platform("110108")
    demand_access_grant(demand=demand, platform=platform, actor=owner)
    demand = demand_set_confidential(demand=demand, actor=owner, details=SECRET + "（补充）", requires_undertaking=True)
    assert details_access(demand=demand, user=op).state == Access.NEEDS_UNDERTAKING
    event = AuditEvent.objects.get(action="demand_confidential_set")
    assert event.after == {"length": len(SECRET) + 4, "requires_undertaking": True}


@pytest.mark.parametrize("case", ["not_owner", "duplicate", "unpublished", "own_platform", "not_confidential"])
def test_grant_refusals_change_nothing(world, case):
    demand, owner, platform = world["demand"], world["owner"], world["platform"]
    actor = owner
    if case == "not_owner":
        actor = enterprise_user()
    elif case == "duplicate":
        demand_access_grant(demand=demand, platform=platform, actor=owner)
    elif case == "unpublished":
        platform.status = PlatformStatus.DRAFT
        platform.save()
    elif case == "own_platform":
        platform.operator = owner.organisation
        platform.save()
    elif case == "not_confidential":
        demand = demand_publish(actor=owner, title="公开", text="公开摘要", deadline=in_days(3))
    before = DemandAccessGrant.objects.count()
    expected = {"not_owner": PermissionDeniedError, "duplicate": Conflict}.get(case, DomainError)
    with pytest.raises(expected):
        demand_access_grant(demand=demand, platform=platform, actor=actor)
    assert DemandAccessGrant.objects.count() == before


def test_undertaking_needs_a_grant_and_the_platforms_operator(world):
    demand, op, platform = world["demand"], world["op"], world["platform"]
    with pytest.raises(PermissionDeniedError):
        undertaking_accept(demand=demand, platform=platform, actor=op)
    demand_access_grant(demand=demand, platform=platform, actor=world["owner"])
    with pytest.raises(PermissionDeniedError):
        undertaking_accept(demand=demand, platform=platform, actor=world["other_op"])
    assert not UndertakingAcceptance.objects.exists()


def test_hidden_demand_hides_its_details_from_a_granted_operator(world):
    from pilothub.demands.selectors import demand_get_for_user
    from pilothub.demands.services import demand_hide

    demand = world["demand"]
    demand_access_grant(demand=demand, platform=world["platform"], actor=world["owner"])
    demand_hide(demand=demand, actor=reviewer("110000"), reason="涉嫌虚假信息")
    with pytest.raises(NotFound):
        demand_get_for_user(demand_id=demand.pk, user=world["op"])
    hide = AuditEvent.objects.get(action="demand_hide")
    assert "confidential_details" not in hide.before and "confidential_details" not in hide.after


def test_keyword_search_never_matches_confidential_words(world):
    assert list(demand_list_for_user(user=AnonymousUser(), q="钴酸锂")) == []
    assert list(demand_list_for_user(user=world["owner"], q="钴酸锂")) == []
    assert [d.pk for d in demand_list_for_user(user=AnonymousUser(), q="正极材料")] == [world["demand"].pk]


def test_undertaking_versions_are_immutable():
    from pilothub.demands.selectors_confidential import undertaking_current

    row = undertaking_current()
    ConfidentialityUndertaking.objects.filter(pk=row.pk).update(text_sha256="0" * 64)
    with pytest.raises(RuntimeError):
        undertaking_current()


# --- pages and API ------------------------------------------------------------------------


def test_pages_show_details_only_to_the_granted_operator(client, world):
    demand, op, platform, owner = world["demand"], world["op"], world["platform"], world["owner"]
    url = f"/demands/{demand.pk}/"
    assert SECRET not in client.get(url).content.decode()
    client.force_login(op)
    page = client.get(url).content.decode()
    assert SECRET not in page and "仅对需求方授权的平台可见" in page
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert SECRET in page
    response = client.post(f"/demands/{demand.pk}/grants/", {"platform": platform.pk})
    assert response.status_code == 302 and DemandAccessGrant.objects.filter(platform=platform).exists()

    client.force_login(op)
    page = client.get(url).content.decode()
    assert SECRET not in page and "保密承诺（版本" in page
    client.post(f"/demands/{demand.pk}/undertaking/", {"platform": platform.pk})  # not ticked: refused
    assert not UndertakingAcceptance.objects.exists()
    client.post(f"/demands/{demand.pk}/undertaking/", {"platform": platform.pk, "agree": "on"})
    assert UndertakingAcceptance.objects.filter(platform=platform, accepted_by=op).exists()
    assert SECRET in client.get(url).content.decode()
    assert DemandDetailView.objects.filter(viewer=op).count() == 1
    assert client.get(f"/demands/{demand.pk}/access-log/").status_code == 403

    client.force_login(owner)
    log = client.get(f"/demands/{demand.pk}/access-log/").content.decode()
    assert op.username in log and platform.name in log and undertaking_versions()[-1]["version"] in log


def test_api_details_follow_the_same_rules(client, world):
    demand, op, platform, owner = world["demand"], world["op"], world["platform"], world["owner"]
    url = f"/api/v1/demands/{demand.pk}/details"
    assert client.get(url).status_code == 401
    client.force_login(world["other_op"])
    assert client.get(url).status_code == 403
    body = client.get(f"/api/v1/demands/{demand.pk}").json()
    assert body["has_confidential_details"] is True and SECRET not in str(body)
    demand_access_grant(demand=demand, platform=platform, actor=owner)
    client.force_login(op)
    response = client.get(url)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "undertaking_required")
    undertaking_accept(demand=demand, platform=platform, actor=op)
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"demand": demand.pk, "confidential_details": SECRET, "read_as": "granted",
                               "platform": platform.pk}
    assert list(DemandDetailView.objects.values_list("channel", flat=True)) == ["api"]
    client.force_login(owner)
    assert client.get(url).json()["read_as"] == "owner"
    assert DemandDetailView.objects.count() == 1


# --- matching never sees the confidential text -------------------------------------------------


def test_matching_never_indexes_or_embeds_confidential_text(world):
    from pilothub.matching import index
    from pilothub.matching.models import PassageEmbedding
    from pilothub.matching.selectors import _demand_query, demands_for_platform, platforms_for_demand

    index.reset()
    try:
        demand, platform = world["demand"], world["platform"]
        query = _demand_query(demand)
        assert SECRET not in query.text and "钴酸锂" not in query.text
        assert query.text == f"{demand.title}\n{demand.text}"
        platforms_for_demand(demand=demand, top=5)
        demands_for_platform(platform=platform, demands_queryset=type(demand).objects.all(), top=5)
        engine = index.get_engine()
        assert not any("钴酸锂" in text for text in engine._query_vectors)
        assert not any("钴酸锂" in text for text in index._state.passages.values())  # type: ignore[union-attr]
        # The stored query vectors are keyed by hashes of the public text only.
        assert PassageEmbedding.objects.filter(text_hash=index.text_hash(engine.encoder, "query", query.text)).exists()
        secret_query = f"{demand.title}\n{demand.text}\n{SECRET}"
        assert not PassageEmbedding.objects.filter(
            text_hash=index.text_hash(engine.encoder, "query", secret_query)).exists()
    finally:
        index.reset()
