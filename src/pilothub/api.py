"""The JSON API at /api/v1 (django-ninja). Each app contributes a router from its api.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from pilothub import __version__
from pilothub.core.errors import DomainError
from pilothub.core.throttling import api_throttles

api = NinjaAPI(
    title="PilotHub 中试通 API",
    version="1",
    description=(
        "中试通开放接口。认证：浏览器会话，或个人 API 令牌（`Authorization: Bearer TOKEN`，"
        "用 `pilothub create-token USERNAME` 生成）。错误统一返回 "
        '`{"error": {"code", "field", "message_zh", "message_en"}}`。\n\n'
        "PilotHub open API. Authenticate with the browser session or a personal API token."
    ),
    urls_namespace="api-1",
    throttle=api_throttles(),
)


def _error(request, status: int, code: str, zh: str, en: str, field: str | None = None, **extra):
    body = {"error": {"code": code, "field": field, "message_zh": zh, "message_en": en}}
    body.update(extra)
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(request, {"error": exc.as_dict()}, status=exc.status_code)


def _field_path(location: list) -> str:
    # ninja prefixes the location with where the value came from ("body", "query", "path")
    # and the schema argument's name; the client only knows the field path inside the payload.
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "form", "file", "header", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"payload", "data", "filters", "body"}:
        parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    errors = exc.errors
    first = errors[0] if errors else {}
    field = _field_path(list(first.get("loc", []))) or None
    message = first.get("msg", "invalid")
    return _error(request, 422, "invalid", f"字段 {field} 不合法：{message}", f"Field {field} is invalid: {message}",
                  field=field, detail=[{"field": _field_path(list(e.get("loc", []))), "message": e.get("msg")}
                                       for e in errors])


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, "not_authenticated", "请先登录或提供 API 令牌", "Log in or send an API token")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, "forbidden", "您无权执行此操作", "You are not allowed to do this")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "not_found", "对象不存在或您无权查看", "Not found or not visible to you")


@api.exception_handler(Throttled)
def on_throttled(request, exc: Throttled):
    # ninja adds Retry-After (whole seconds) to this response.
    wait = max(1, int(exc.wait or 1))
    return _error(request, 429, "rate_limited", f"请求过于频繁，请 {wait} 秒后再试",
                  f"Too many requests; retry in {wait} s")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 403:
        return _error(request, 403, "csrf_failed", "CSRF 校验失败，请刷新页面后重试", "CSRF check failed")
    return _error(request, exc.status_code, "http_error", str(exc), str(exc))


@api.exception_handler(OverflowError)
def on_overflow(request, exc: OverflowError):
    # A number beyond the database's 64-bit integers (e.g. an id of 10^35): bad input, not a crash.
    return _error(request, 400, "number_out_of_range", "数值超出允许范围", "A number is out of range")


@api.get("/health", auth=None, tags=["system"], summary="服务状态 Service status")
def health(request):
    return {"status": "ok", "version": __version__}


def _mount_routers() -> None:
    # Each app owns its paths below /api/v1; routers are mounted at the root so an app can
    # serve the paths the issues name (e.g. /platforms, /equipment, /match, /policy/evaluate).
    from importlib import import_module

    for app in ("core", "regions", "accounts", "platforms", "demands", "matching", "bookings", "policy",
                "evaluation", "content", "dashboard"):
        api.add_router("", import_module(f"pilothub.{app}.api").router)
        if app == "platforms":
            # The registry's write endpoints (operators, reviewers) live in their own module.
            api.add_router("", import_module("pilothub.platforms.api_manage").router)
    api.add_router("", import_module("pilothub.platforms.api_supply").router)  # 供给清单
    api.add_router("", import_module("pilothub.platforms.api_trust").router)  # pilot lines, accreditations


_mount_routers()
