"""Security middleware: extra headers and the session idle timeout.

Settings live in `pilothub.settings.base` (see docs/security.md for the 等保 mapping); this module
holds the small pieces of logic they need, so they can be tested on their own.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy, and no caching of private pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PILOTHUB_PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            # Pages of a logged-in user must not be kept by shared caches or the back button
            # after logout (等保: residual information protection).
            response.headers["Cache-Control"] = "no-store, private"
        return response


SESSION_ACTIVITY_KEY = "_pilothub_last_activity"
# Writing the session on every request costs a database write; a minute of slack is harmless.
_ACTIVITY_WRITE_INTERVAL = 60


def _stamp_login_activity(sender, request, user, **kwargs) -> None:
    """Logging in is activity: stamp it into the new session, so the first request after login
    does not need a session write of its own."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_ACTIVITY_KEY] = int(time.time())


def connect_login_activity() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_stamp_login_activity, dispatch_uid="pilothub.core.security.login_activity")


class SessionIdleTimeoutMiddleware:
    """Log a browser session out after PILOTHUB_SESSION_IDLE_MINUTES without a request.

    The absolute lifetime is SESSION_COOKIE_AGE (Django's own expiry); this adds the idle limit
    that 等保 asks for ("登录连接超时自动退出"). API token requests have no session and pass through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        idle_minutes = int(getattr(settings, "PILOTHUB_SESSION_IDLE_MINUTES", 30) or 0)
        user = getattr(request, "user", None)
        if (idle_minutes > 0 and user is not None and user.is_authenticated
                and not getattr(request, "api_token_authenticated", False)):
            now = int(time.time())
            last = request.session.get(SESSION_ACTIVITY_KEY)
            if last is not None and now - int(last) > idle_minutes * 60:
                logout(request)
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse({"error": {
                        "code": "session_expired", "field": None,
                        "message_zh": "会话已超时，请重新登录", "message_en": "The session has expired; log in again",
                    }}, status=401)
                messages.info(request, _("您已长时间未操作，为保护账户安全已自动退出，请重新登录。"))
                return redirect_to_login(request.get_full_path())
            if last is None or now - int(last) >= _ACTIVITY_WRITE_INTERVAL:
                request.session[SESSION_ACTIVITY_KEY] = now
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """Refuse requests carrying NUL characters in the URL, query, form or JSON body (400).

    No legitimate input contains U+0000, and PostgreSQL cannot store or even compare it in text:
    passed through, it turns into a 500 deep inside a query (schemathesis found one). Uploaded
    files (multipart) are not inspected here: binary files legitimately contain NUL bytes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            body = {"error": {"code": "invalid", "field": None, "message_zh": "请求中含有非法字符（NUL）",
                              "message_en": "The request contains a NUL character"}}
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse(body, status=400)
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest(body["error"]["message_zh"])
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH"):
            if content_type.startswith("application/json"):
                raw = request.body
                return b"\\u0000" in raw or b"\x00" in raw
            if content_type.startswith("application/x-www-form-urlencoded"):
                return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
        return False
