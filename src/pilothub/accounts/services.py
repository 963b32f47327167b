"""Writes for organisations and users."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import DomainError, forbidden
from pilothub.core.validation import raise_first_validation_error
from pilothub.regions.models import Region
from pilothub.regions.selectors import region_get

from .models import Organisation, OrganisationKind, OrganisationStatus, PasswordHistory, Role, User
from .rules import governs_organisation

# Self-registration is open to enterprises and platform operators; reviewers and administrators
# are created by an administrator.
SELF_REGISTRATION_ROLES = {
    Role.ENTERPRISE: OrganisationKind.ENTERPRISE,
    Role.OPERATOR: OrganisationKind.PLATFORM_OPERATOR,
}


@transaction.atomic
def account_register(*, role: str, username: str, password: str, email: str, display_name: str,
                     organisation_name: str, credit_code: str, region_code: str,
                     organisation_kind: str | None = None, is_sme: bool = False,
                     is_tech_sme: bool = False, phone: str = "") -> User:
    """An enterprise or operator signs up: a pending organisation and its first user."""
    if role not in SELF_REGISTRATION_ROLES:
        raise DomainError("invalid_role", "只能注册企业或平台运营方账号", "Only enterprise or platform operator accounts can register",
                          field="role")
    credit_code = credit_code.strip().upper()
    if Organisation.objects.filter(credit_code=credit_code).exists():
        raise DomainError("duplicate_credit_code", "该统一社会信用代码已注册，请联系本单位已有账号的同事",
                          "An organisation with this unified social credit code is already registered",
                          field="credit_code")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("duplicate_username", "该用户名已被使用", "This username is taken", field="username")
    region = region_get(code=region_code)
    kind = organisation_kind or SELF_REGISTRATION_ROLES[Role(role)]
    if role == Role.OPERATOR and kind not in (OrganisationKind.PLATFORM_OPERATOR, OrganisationKind.UNIVERSITY,
                                               OrganisationKind.ENTERPRISE):
        raise DomainError("invalid_kind", "平台运营方的单位类型不正确", "Invalid organisation type for an operator",
                          field="organisation_kind")
    organisation = Organisation(name=organisation_name.strip(), kind=kind, credit_code=credit_code, region=region,
                                is_sme=is_sme, is_tech_sme=is_tech_sme, status=OrganisationStatus.PENDING)
    raise_first_validation_error(organisation)
    organisation.save()
    user = User(username=username.strip(), email=email.strip(), display_name=display_name.strip(), role=role,
                organisation=organisation, phone=phone.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError("weak_password", "；".join(error.messages), "The password is too weak: " + " ".join(error.messages),
                          field="password")
    user.set_password(password)
    raise_first_validation_error(user, exclude=["password"])
    user.save()
    audit_record(actor=user, action=AuditAction.REGISTER, obj=organisation, region_path=region.path,
                 after=model_snapshot(organisation))
    return user


@transaction.atomic
def organisation_review(*, organisation: Organisation, reviewer: User, approve: bool, note: str) -> Organisation:
    """A reviewer of the organisation's region approves or rejects a registration."""
    if not (reviewer.is_system_admin or governs_organisation(reviewer, organisation)):
        raise forbidden("审核该单位", "review this organisation")
    if not approve and not note.strip():
        raise DomainError("reason_required", "不予通过时必须填写理由", "A reason is required to reject", field="note")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = model_snapshot(organisation)
    organisation.status = OrganisationStatus.APPROVED if approve else OrganisationStatus.REJECTED
    organisation.review_note = note.strip()
    organisation.reviewed_at = timezone.now()
    organisation.reviewed_by = reviewer
    organisation.save()
    audit_record(actor=reviewer, action=AuditAction.APPROVE if approve else AuditAction.REJECT, obj=organisation,
                 region_path=organisation.region.path, before=before, after=model_snapshot(organisation),
                 note=note.strip())
    emails = [email for email in organisation.members.values_list("email", flat=True) if email]
    if emails:
        verdict = "已通过审核，可以发布信息" if approve else f"未通过审核：{note.strip()}"
        transaction.on_commit(lambda: send_mail(
            subject=f"【中试通】单位注册审核结果：{organisation.name}",
            message=f"您单位“{organisation.name}”的注册{verdict}。",
            from_email=None, recipient_list=emails, fail_silently=True))
    return organisation


@transaction.atomic
def user_create(*, username: str, password: str, role: str, organisation: Organisation | None = None,
                region: Region | None = None, display_name: str = "", email: str = "",
                actor: User | None = None) -> User:
    """Administrators create reviewer and administrator accounts (and demo data uses this too)."""
    if role == Role.REVIEWER and region is None:
        raise DomainError("region_required", "政府审核人员必须指定管辖区域", "A reviewer needs a region", field="region")
    user = User(username=username, role=role, organisation=organisation, region=region, display_name=display_name,
                email=email, is_staff=(role == Role.ADMIN), is_superuser=(role == Role.ADMIN))
    user.set_password(password)
    raise_first_validation_error(user, exclude=["password"])
    user.save()
    audit_record(actor=actor or user, action=AuditAction.CREATE, obj=user,
                 region_path=region.path if region else "", after=model_snapshot(user, exclude=("password",)))
    return user


PASSWORD_CHANGE = "password_change"


@transaction.atomic
def password_change_record(*, user: User, keep: int) -> None:
    """Remembers the hash a user's password was just set to (keeping the last `keep`) and when.
    Called by PasswordHistoryValidator.password_changed, i.e. whenever a password is set and saved."""
    now = timezone.now()
    PasswordHistory.objects.create(user=user, password=user.password, created_at=now)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    User.objects.filter(pk=user.pk).update(password_changed_at=now)
    user.password_changed_at = now


@transaction.atomic
def account_password_change(*, user: User, new_password: str) -> User:
    """A user changes their own password (the form has checked the old one). The policy
    validators run here, reuse of the recent passwords included; nothing changes on refusal."""
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise DomainError("weak_password", "；".join(error.messages),
                          "The password is not accepted: " + " ".join(error.messages), field="new_password1")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action=PASSWORD_CHANGE, obj=user, object_repr=str(user))
    return user
