"""Organisations, users with roles, and personal API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from .credit_code import credit_code_problem
from .recovery_codes import recovery_code_candidates, recovery_code_matches


def validate_credit_code(value: str) -> None:
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_credit_code")


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PLATFORM_OPERATOR = "platform_operator", _("平台运营单位")
    UNIVERSITY = "university", _("高校/科研院所")
    GOVERNMENT = "government", _("政府部门")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


class Organisation(models.Model):
    name = models.CharField(_("单位名称"), max_length=200)
    kind = models.CharField(_("单位类型"), max_length=32, choices=OrganisationKind.choices)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    region = models.ForeignKey("regions.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT,
                               related_name="organisations")
    address = models.CharField(_("地址"), max_length=255, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=64, blank=True)
    # Shareholders as recorded at registration: [{"name": ..., "credit_code": ...}] (credit code for
    # corporate shareholders, may be empty). Read by the voucher related-party check.
    shareholders = models.JSONField(_("股东"), default=list, blank=True)
    is_sme = models.BooleanField(_("中小微企业"), default=False)
    is_tech_sme = models.BooleanField(_("科技型中小企业"), default=False)
    status = models.CharField(_("审核状态"), max_length=16, choices=OrganisationStatus.choices,
                              default=OrganisationStatus.PENDING, db_index=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == OrganisationStatus.APPROVED


class Role(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业用户")
    OPERATOR = "operator", _("平台运营方")
    REVIEWER = "reviewer", _("政府审核人员")
    ADMIN = "admin", _("系统管理员")


class User(AbstractUser):  # type: ignore[django-manager-missing]  # user.recovery_devices: django-otp is untyped
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.ENTERPRISE)
    organisation = models.ForeignKey(Organisation, verbose_name=_("所属单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="members")
    # For reviewers: the region they govern, including everything under it.
    region = models.ForeignKey("regions.Region", verbose_name=_("管辖区域"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    phone = models.CharField(_("手机"), max_length=32, blank=True)
    # When the password was last set (accounts.passwords.PasswordHistoryValidator stamps it);
    # empty for accounts whose password was written directly (treated as not expired).
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER and self.region_id is not None

    @property
    def is_system_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def can_publish(self) -> bool:
        """Enterprise and operator accounts publish only once a reviewer approved their organisation."""
        return (self.role in (Role.ENTERPRISE, Role.OPERATOR) and self.organisation is not None
                and self.organisation.is_approved and self.is_active)


class ApiToken(models.Model):
    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100, blank=True)
    # Only a SHA-256 of the token is kept; the token itself is shown once, when it is made.
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=12, db_index=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so they are not reused (等保: 口令定期更换)."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码哈希"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


class HashedRecoveryDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's one-time recovery codes as a django-otp device; the codes are kept only as keyed
    hashes (RecoveryCode, accounts.recovery_codes). Replaces django-otp's StaticDevice, which
    stores them as written. Throttled like StaticDevice (OTP_STATIC_THROTTLE_FACTOR)."""

    # Device's own field, with a related name (django-otp leaves it to the default).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="recovery_devices")

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        """Right code: it is deleted (works once) and the throttle resets. Wrong code: the
        throttle grows. Every stored hash is compared (constant time, no early exit). Callers
        should hold a row lock on the device (two_factor.second_factor_verify does)."""
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        candidates = recovery_code_candidates(str(token))
        match = None
        for pk, stored in self.codes.values_list("pk", "code_hash"):
            if recovery_code_matches(stored, candidates):
                match = pk
        # The delete's row count settles a race between two uses of the same code.
        if match is not None and RecoveryCode.objects.filter(pk=match).delete()[0] == 1:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    """One unused recovery code, as HMAC-SHA256 keyed from SECRET_KEY (never the code itself)."""

    # Shown nowhere (no admin, no form): the fields keep Django's default (English) names.
    device = models.ForeignKey(HashedRecoveryDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def __str__(self) -> str:
        return f"{self.device.user_id}: {self.code_hash[:8]}…"
