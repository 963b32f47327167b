import pytest
from django.core.management import call_command
from django.urls import reverse

from pilothub.accounts.models import Organisation, User
from pilothub.core.audit import AuditAction, audit_record
from pilothub.core.navigation import NAV_ENTRIES
from pilothub.testing.factories import OrganisationFactory, UserFactory, region, reviewer

pytestmark = pytest.mark.django_db


def test_home_is_chinese_by_default_and_english_on_request(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.content.decode()
    assert "中试通" in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_navigation_links_only_to_pages_that_exist(client):
    client.force_login(reviewer("110000"))
    nav = client.get("/").context["nav_items"]
    for item in nav:
        assert client.get(item["url"]).status_code == 200, item
    # Entries whose app is not installed yet are left out rather than shown as placeholders.
    assert len(nav) <= len(NAV_ENTRIES)


def test_audit_log_is_scoped_to_the_reviewers_region(client):
    bj = OrganisationFactory(region=region("110116"))
    jx = OrganisationFactory(region=region("330402"))
    actor = UserFactory()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=bj, region_path=bj.region.path, after={"x": 1})
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=jx, region_path=jx.region.path, after={"x": 2})
    client.force_login(reviewer("330400"))
    page = client.get(reverse("core:audit")).context["page"]
    assert [event.object_id for event in page] == [str(jx.pk)]
    client.force_login(reviewer("110000"))
    page = client.get(reverse("core:audit")).context["page"]
    assert [event.object_id for event in page] == [str(bj.pk)]


def test_enterprise_users_cannot_browse_the_audit_log(client):
    client.force_login(UserFactory())
    assert client.get(reverse("core:audit")).status_code == 403


def test_demo_data_is_idempotent_and_makes_every_role():
    call_command("demo_data")
    call_command("demo_data")
    expected = {"demo-admin": "admin", "demo-enterprise": "enterprise", "demo-operator": "operator",
                "demo-reviewer-bj": "reviewer", "demo-reviewer-hr": "reviewer", "demo-reviewer-jx": "reviewer",
                "demo-reviewer-zs": "reviewer"}
    users = {user.username: user for user in User.objects.filter(username__in=expected)}
    assert {name: user.role for name, user in users.items()} == expected
    assert all(user.check_password("pilothub-demo") for user in users.values())
    assert users["demo-enterprise"].organisation.region_id == "110116"
    assert users["demo-enterprise"].organisation.is_tech_sme
    assert users["demo-reviewer-jx"].region_id == "330400"
    from pilothub.accounts.demo import DEMO_ORGANISATIONS
    assert Organisation.objects.filter(is_demo=True, name__in=[row[1] for row in DEMO_ORGANISATIONS]).count() == 6


def test_api_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"].startswith("PilotHub")
    assert "/api/v1/regions" in schema["paths"]
