"""Two-factor login with TOTP authenticator apps and one-time recovery codes (django-otp).

等保 2.0 第三级 8.1.4.1 d): 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术. A user
enrols by scanning a QR code (or typing the secret on an intranet phone), confirms with a code,
and receives ten one-time recovery codes. Roles listed in PILOTHUB_2FA_REQUIRED_ROLES must enrol
before they can do anything else. Decisions: docs/decisions/1001-two-factor-and-password-expiry.md.
"""

from __future__ import annotations

import base64
import binascii
import re
import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from pilothub.core.audit import audit_record
from pilothub.core.errors import DomainError, forbidden

from .models import HashedRecoveryDevice, RecoveryCode, Role, User
from .recovery_codes import recovery_code_hash, recovery_code_new

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
KEY_BYTES = 20  # 160 bits, RFC 4226's recommended HMAC-SHA1 key length


class TwoFactorAction:
    """Audit event types of this module."""

    ENROL = "two_factor_enrol"
    RESET = "two_factor_reset"
    RECOVERY_CODES = "two_factor_recovery_codes"
    RECOVERY_CODE_USED = "two_factor_recovery_used"


# --- reads --------------------------------------------------------------------------------------

def two_factor_required_roles() -> set[str]:
    return {role.strip() for role in getattr(settings, "PILOTHUB_2FA_REQUIRED_ROLES", []) if role.strip()}


def two_factor_required(user: User) -> bool:
    """Whether the user's role must use a second factor (superusers count as administrators)."""
    roles = two_factor_required_roles()
    return user.role in roles or (user.is_superuser and Role.ADMIN in roles)


def totp_device_get(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def secret_as_text(key_hex: str) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    secret = base64.b32encode(binascii.unhexlify(key_hex)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(*, user: User, key_hex: str) -> str:
    """otpauth://totp/… for the QR code (issuer from OTP_TOTP_ISSUER)."""
    return TOTPDevice(user=user, key=key_hex, name=TOTP_DEVICE_NAME).config_url


def qr_code_data_uri(text: str) -> str:
    """The QR code as an SVG data: URI for an <img> (the CSP allows data: images; no script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def new_secret_key() -> str:
    return random_hex(KEY_BYTES)


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _totp_matching_step(key_hex: str, code: str) -> tuple[int, int] | None:
    """(time step, drift) of a valid code for this key now (±1 step of clock skew), else None."""
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = TOTP(binascii.unhexlify(key_hex), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if not totp.verify(int(code), tolerance=1):
        return None
    return totp.t(), totp.drift


# --- writes -------------------------------------------------------------------------------------

def _recovery_codes_issue(user: User) -> list[str]:
    """New codes replace all the old ones. Only their keyed hashes are stored; the codes are
    returned to be shown once. The device itself is kept, so a session verified with a recovery
    code stays verified when the user regenerates the codes."""
    device = HashedRecoveryDevice.objects.select_for_update().filter(user=user).order_by("pk").first()
    if device is None:
        device = HashedRecoveryDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    HashedRecoveryDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.codes.all().delete()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = recovery_code_new()
        if code not in codes:
            codes.append(code)
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, code_hash=recovery_code_hash(code))
                                      for code in codes])
    return codes


@transaction.atomic
def two_factor_enrol(*, user: User, key_hex: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirms a new authenticator: the code must match the secret the user was shown.

    Returns the device and the recovery codes (shown once; only their keyed hashes are stored).
    """
    if not re.fullmatch(r"[0-9a-f]{40}", key_hex or ""):
        raise DomainError("two_factor_no_secret", "请重新打开绑定页面获取密钥", "Open the enrolment page again",
                          field="code")
    if two_factor_enabled(user):
        raise DomainError("two_factor_enabled", "您已启用双因素认证；如需更换设备请联系系统管理员重置",
                          "Two-factor authentication is already on; ask an administrator to reset it",
                          field="code")
    match = _totp_matching_step(key_hex, _normalise(code))
    if match is None:
        raise DomainError("two_factor_wrong_code", "验证码不正确，请核对手机上显示的 6 位数字（并检查手机时间）",
                          "The code is wrong (check the phone's clock)", field="code")
    step, drift = match
    TOTPDevice.objects.filter(user=user).delete()  # abandoned, unconfirmed attempts
    # last_t = the step just used: the same code cannot log in again (replay).
    device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True,
                                       last_t=step, drift=drift)
    codes = _recovery_codes_issue(user)
    audit_record(actor=user, action=TwoFactorAction.ENROL, obj=user, object_repr=str(user),
                 after={"device": "totp", "recovery_codes": len(codes)})
    return device, codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    if not two_factor_enabled(user):
        raise DomainError("two_factor_not_enabled", "您尚未启用双因素认证", "Two-factor authentication is not on")
    codes = _recovery_codes_issue(user)
    audit_record(actor=user, action=TwoFactorAction.RECOVERY_CODES, obj=user, after={"recovery_codes": len(codes)})
    return codes


@transaction.atomic
def two_factor_reset(*, user: User, actor: User) -> int:
    """An administrator removes a user's authenticator and recovery codes (a lost phone). The user
    enrols again at the next login (or straight away if the role requires it). Audited."""
    if not actor.is_system_admin:
        raise forbidden("重置双因素认证", "reset two-factor authentication")
    removed_totp, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_recovery = HashedRecoveryDevice.objects.filter(user=user).count()
    HashedRecoveryDevice.objects.filter(user=user).delete()  # and their codes (cascade)
    audit_record(actor=actor, action=TwoFactorAction.RESET, obj=user, object_repr=str(user),
                 before={"devices": removed_totp + removed_recovery})
    return removed_totp + removed_recovery


def second_factor_verify(*, user: User, code: str) -> tuple[TOTPDevice | HashedRecoveryDevice | None, str]:
    """Checks a login code: 6 digits against the authenticator, anything else against the
    recovery codes (each works once). Returns (device or None, problem code if refused).

    Wrong codes are throttled by django-otp (exponential delay per device) and counted by
    django-axes in the login view.
    """
    code = _normalise(code)
    device: TOTPDevice | HashedRecoveryDevice | None
    with transaction.atomic():
        if re.fullmatch(r"\d{6}", code):
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
            kind = "totp"
        else:
            device = (HashedRecoveryDevice.objects.select_for_update().filter(user=user, confirmed=True)
                      .order_by("pk").first())
            kind = "recovery"
        if device is None:
            return None, "wrong_code"
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            return None, "throttled"
        if not device.verify_token(code):
            return None, "wrong_code"
        if kind == "recovery":
            audit_record(actor=user, action=TwoFactorAction.RECOVERY_CODE_USED, obj=user,
                         after={"recovery_codes_left": recovery_codes_left(user)})
    return device, ""
