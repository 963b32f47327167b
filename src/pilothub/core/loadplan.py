"""The request plan of `scripts/load-test.sh`: one line per endpoint, name, method, path, cookie and body separated by the unit separator U+001F (a tab would merge empty fields when read by the shell).

URLs are reversed from their names, so the plan follows the code; an endpoint whose URL name does
not exist (an app not installed) is left out with a note on stderr rather than measured as a 404.
Pages that need a login get a session cookie of a region reviewer made here, verified by an
authenticator as production requires (the load test runs on a throwaway database).
"""

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import urlencode

import django


def _session_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from pilothub.accounts.models import User
    from pilothub.regions.models import Region

    user, _ = User.objects.get_or_create(username="load-test-reviewer",
                                         defaults={"role": "reviewer", "region": Region.objects.get(code="110000")})
    # Production makes reviewers use a second factor: the session is one verified by a device, as
    # after a real login with a code (django-otp then looks the device up on every request).
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="load-test", defaults={"confirmed": True})
    session = SessionStore()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def plan() -> list[tuple[str, str, str, str, str]]:
    from django.urls import NoReverseMatch, reverse

    from pilothub.platforms.models import Platform

    cookie = _session_cookie()
    some_platform = Platform.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)
    middle = some_platform[some_platform.count() // 2] if some_platform.exists() else 1
    wanted: list[tuple[str, str, str, dict[str, Any], dict[str, str], str]] = [
        ("directory", "GET", "platforms:directory", {}, {}, ""),
        ("directory filtered", "GET", "platforms:directory", {}, {"region": "110116", "tier": "municipal"}, ""),
        ("search 抗体偶联药物", "GET", "platforms:directory", {}, {"q": "抗体偶联药物"}, ""),
        ("map data (whole country)", "GET", "platforms:map_data", {},
         {"bbox": "73,18,135,54", "zoom": "4"}, ""),
        ("map data (one district)", "GET", "platforms:map_data", {},
         {"bbox": "116.5,40.2,116.8,40.5", "zoom": "13"}, ""),
        ("platform detail", "GET", "platforms:detail", {"pk": middle}, {}, ""),
        ("API platforms search", "GET", "api-1:platform_list", {}, {"q": "新材料", "page_size": "20"}, ""),
        ("match (找平台 page)", "GET", "matching:search", {}, {"text": "需要抗体偶联药物的工艺放大和小批量试生产"}, ""),
        ("dashboard 北京市", "GET", "dashboard:region", {"code": "110000"}, {}, cookie),
    ]
    lines = []
    for name, method, url_name, kwargs, query, with_cookie in wanted:
        try:
            path = reverse(url_name, kwargs=kwargs or None)
        except NoReverseMatch:
            print(f"loadplan: no URL named {url_name}; {name} left out", file=sys.stderr)
            continue
        if query:
            path += "?" + urlencode(query)
        lines.append((name, method, path, with_cookie, ""))
    lines.append(("API match", "POST", "/api/v1/match", "",
                  json.dumps({"text": "锂电池材料中试放大与检测", "top": 10}, ensure_ascii=False)))
    return lines


if __name__ == "__main__":
    django.setup()
    for line in plan():
        print("\x1f".join(line))
