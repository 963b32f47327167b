"""What a browser session must do after the password before it may use the site.

Login runs in up to three steps:

1. Password (accounts:login). A user with an authenticator is *not* logged in yet: the session
   only remembers who passed the password (for PENDING_SECONDS) and the browser goes to
2. the code (accounts:login_otp). Only a right code calls django.contrib.auth.login().
3. Steps still owed after login, checked on every request by LoginStepsMiddleware, which
   sends the browser to the first one until it is done: enrolling an authenticator (role in
   PILOTHUB_2FA_REQUIRED_ROLES, session not verified by a device) and changing an expired
   password (PILOTHUB_PASSWORD_MAX_AGE_DAYS).

A session that was logged in some other way (Django admin's form, force_login) for a user who
has an authenticator owes "otp_verify": it is logged out and sent to the login page. A session
verified with a device that an administrator has since reset is logged out too.

API requests with a token are not concerned (docs/security.md: why tokens skip the second factor).
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import password_is_expired
from .two_factor import two_factor_enabled, two_factor_required

PENDING_KEY = "_pilothub_login_pending"
STEPS_KEY = "_pilothub_login_steps"
VERIFIED_KEY = "_pilothub_2fa_verified"
PENDING_SECONDS = 300

OTP_VERIFY, OTP_ENROL, PASSWORD_CHANGE = "otp_verify", "otp_enrol", "password_change"
STEP_URLS = {OTP_ENROL: "accounts:two_factor", PASSWORD_CHANGE: "accounts:password_change"}
# Reachable while a step is owed: the step itself, logging out, language switch, health, static.
ALWAYS_OPEN_PREFIXES = ("/static/", "/i18n/", "/health/", "/accounts/logout/")


# --- the pending password step ------------------------------------------------------------------

def pending_start(request, *, user, backend: str, next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {"user_id": user.pk, "backend": backend, "next": next_url,
                                    "started": int(time.time())}


def pending_get(request) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or int(time.time()) - int(pending.get("started", 0)) > PENDING_SECONDS:
        return None
    return pending


def pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)


# --- steps owed after login ----------------------------------------------------------------------

def _record_at_login(sender, request, user, **kwargs) -> None:
    """At login (one device query): a user with an authenticator who did not come through the code
    step owes it; a session verified by a device is marked, to notice a later reset."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if getattr(user, "otp_device", None) is not None:
        session[VERIFIED_KEY] = True
        session.pop(STEPS_KEY, None)
    elif two_factor_enabled(user):
        session[STEPS_KEY] = [OTP_VERIFY]
    else:
        session.pop(STEPS_KEY, None)


def connect_login_steps() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_record_at_login, dispatch_uid="pilothub.accounts.login_steps")


def mark_verified(request) -> None:
    request.session[VERIFIED_KEY] = True


def _is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)  # installed by django-otp's OTPMiddleware
    if check is not None:
        return bool(check())
    return getattr(user, "otp_device", None) is not None  # the user object login() was just given


def owed_step(request) -> str | None:
    """The first step the logged-in session still owes, checked on every request. Enrolment and
    expiry are computed from the user and settings (no query unless the user must enrol), so
    sessions made without login() and passwords expiring mid-session are caught too."""
    user = request.user
    session = request.session
    if OTP_VERIFY in (session.get(STEPS_KEY) or []) or (session.get(VERIFIED_KEY) and not _is_verified(user)):
        return OTP_VERIFY
    if two_factor_required(user) and not _is_verified(user):
        return OTP_VERIFY if two_factor_enabled(user) else OTP_ENROL
    if password_is_expired(user=user):
        return PASSWORD_CHANGE
    return None


def next_step_url(request, default: str) -> str:
    step = owed_step(request)
    return reverse(STEP_URLS[step]) if step in STEP_URLS else default


class LoginStepsMiddleware:
    """Sends a logged-in browser session to the first step it owes (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or getattr(request, "api_token_authenticated", False)
                or not user.is_authenticated):
            return self.get_response(request)
        step = owed_step(request)
        if step == OTP_VERIFY:
            logout(request)
            return self._refuse(request, "second_factor_required",
                                _("请重新登录并输入动态验证码。"), "Log in again with your authentication code",
                                to_login=True)
        if step is not None and not request.path.startswith(ALWAYS_OPEN_PREFIXES):
            target = reverse(STEP_URLS[step])
            if request.path != target:
                if step == OTP_ENROL:
                    message = _("您的账号须启用双因素认证，请先绑定身份验证器。")
                    english = "Your account must use two-factor authentication: enrol an authenticator first"
                else:
                    message = _("您的密码已过期，请先修改密码。")
                    english = "Your password has expired: change it first"
                return self._refuse(request, step, message, english, target=target)
        return self.get_response(request)

    @staticmethod
    def _refuse(request, code: str, message: str, english: str, *, target: str = "", to_login: bool = False):
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"code": code, "field": None, "message_zh": message,
                                           "message_en": english}}, status=401 if to_login else 403)
        messages.warning(request, message)
        response = redirect_to_login(request.get_full_path()) if to_login else redirect(target)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = response["Location"]
        return response
