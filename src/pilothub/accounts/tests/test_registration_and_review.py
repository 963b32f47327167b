import pytest
from django.core import mail
from django.urls import reverse

from pilothub.accounts.credit_code import credit_code_complete
from pilothub.accounts.models import Organisation, OrganisationStatus, Role, User
from pilothub.accounts.services import account_register, organisation_review
from pilothub.core.errors import DomainError
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import OrganisationFactory, admin, region, reviewer

pytestmark = pytest.mark.django_db

HUAIROU_CODE = credit_code_complete("91110116MA0000001")


def register_form(**overrides):
    data = {"role": "enterprise", "organisation_name": "北京怀柔测试科技有限公司", "credit_code": HUAIROU_CODE,
            "region": "110116", "is_sme": "on", "display_name": "张三", "phone": "13800000000",
            "email": "zhang@example.cn", "username": "zhangsan", "password": "a-long-pass-phrase-9",
            "password_again": "a-long-pass-phrase-9"}
    data.update(overrides)
    return data


def test_registration_creates_a_pending_organisation_that_cannot_publish(client):
    response = client.post(reverse("accounts:register"), register_form())
    assert response.status_code == 302
    user = User.objects.get(username="zhangsan")
    assert user.role == Role.ENTERPRISE
    assert user.organisation.status == OrganisationStatus.PENDING
    assert user.organisation.region_id == "110116"
    assert not user.can_publish
    assert AuditEvent.objects.filter(action="register", object_id=str(user.organisation.pk)).count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("credit_code", "91110116MA00000019", "统一社会信用代码校验位不正确"),
    ("credit_code", "123", "18"),
    ("password_again", "different-pass-phrase", "两次输入的密码不一致"),
    ("region", "999999", "选择一个有效的选项"),
    ("email", "not-an-email", "有效的 Email"),
])
def test_invalid_registration_names_the_field_and_creates_nothing(client, field, value, message):
    response = client.post(reverse("accounts:register"), register_form(**{field: value}))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not User.objects.filter(username="zhangsan").exists()
    assert not Organisation.objects.filter(name="北京怀柔测试科技有限公司").exists()


def test_duplicate_credit_code_is_refused_by_the_service():
    OrganisationFactory(credit_code=HUAIROU_CODE)
    with pytest.raises(DomainError) as error:
        account_register(role="enterprise", username="x1", password="a-long-pass-phrase-9", email="x@example.cn",
                         display_name="x", organisation_name="重复", credit_code=HUAIROU_CODE, region_code="110116")
    assert error.value.field == "credit_code"
    assert not User.objects.filter(username="x1").exists()


def test_reviewers_cannot_register_themselves():
    with pytest.raises(DomainError) as error:
        account_register(role="reviewer", username="x2", password="a-long-pass-phrase-9", email="x@example.cn",
                         display_name="x", organisation_name="某局", credit_code=HUAIROU_CODE, region_code="110116")
    assert error.value.field == "role"


def _pending_huairou_organisation():
    return OrganisationFactory(region=region("110116"), status=OrganisationStatus.PENDING)


def test_a_reviewer_of_the_region_or_above_approves_and_the_member_is_told():
    organisation = _pending_huairou_organisation()
    member = organisation.members.create(username="m1", email="m1@example.cn", role=Role.ENTERPRISE)
    for code in ("110116", "110000"):
        organisation_review(organisation=organisation, reviewer=reviewer(code), approve=True, note="资料齐全")
        organisation.refresh_from_db()
        assert organisation.status == OrganisationStatus.APPROVED
    member.refresh_from_db()
    assert member.can_publish
    assert AuditEvent.objects.filter(action="approve", object_id=str(organisation.pk)).count() == 2


def test_a_reviewer_of_another_region_cannot_review_and_nothing_changes():
    organisation = _pending_huairou_organisation()
    for code in ("330400", "442000", "110108"):
        with pytest.raises(DomainError) as error:
            organisation_review(organisation=organisation, reviewer=reviewer(code), approve=True, note="")
        assert error.value.status_code == 403
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.PENDING
    assert not AuditEvent.objects.filter(action="approve").exists()


def test_rejection_needs_a_reason():
    organisation = _pending_huairou_organisation()
    with pytest.raises(DomainError) as error:
        organisation_review(organisation=organisation, reviewer=reviewer("110116"), approve=False, note=" ")
    assert error.value.field == "note"
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.PENDING


def test_review_queue_lists_only_the_reviewers_region(client):
    huairou = _pending_huairou_organisation()
    jiaxing = OrganisationFactory(region=region("330402"), status=OrganisationStatus.PENDING)
    client.force_login(reviewer("330400"))
    response = client.get(reverse("accounts:review_queue"))
    assert list(response.context["organisations"]) == [jiaxing]
    response = client.post(reverse("accounts:review_organisation", args=[huairou.pk]), {"decision": "approve"})
    huairou.refresh_from_db()
    assert huairou.status == OrganisationStatus.PENDING
    client.force_login(admin())
    assert set(client.get(reverse("accounts:review_queue")).context["organisations"]) == {huairou, jiaxing}


def test_approval_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    organisation = _pending_huairou_organisation()
    organisation.members.create(username="m2", email="m2@example.cn", role=Role.ENTERPRISE)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_review(organisation=organisation, reviewer=reviewer("110116"), approve=False, note="证照不清晰")
    assert len(mail.outbox) == 1
    assert "证照不清晰" in mail.outbox[0].body


def test_enterprise_and_operator_cannot_open_the_review_queue(client):
    client.force_login(OrganisationFactory().members.create(username="e1", role=Role.ENTERPRISE))
    assert client.get(reverse("accounts:review_queue")).status_code == 403
