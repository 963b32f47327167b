"""Bearer-token authentication for the JSON API.

`Authorization: Bearer TOKEN` on /api/ requests sets request.user from the token; the request
is then exempt from CSRF (there is no cookie to forge). A bad token is a 401, never a silent
fall-back to anonymous access.
"""

from __future__ import annotations

from django.http import JsonResponse

from .tokens import api_token_authenticate


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if request.path.startswith("/api/") and header:
            scheme, _, credentials = header.partition(" ")
            if scheme.lower() != "bearer" or not credentials.strip():
                return _unauthorised()
            user = api_token_authenticate(credentials.strip())
            if user is None:
                return _unauthorised()
            request.user = user
            request.api_token_authenticated = True
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)


def _unauthorised() -> JsonResponse:
    body = {"error": {"code": "invalid_token", "field": None,
                      "message_zh": "API 令牌无效或已吊销",
                      "message_en": "The API token is invalid or has been revoked"}}
    response = JsonResponse(body, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="pilothub"'
    return response
