"""Authentication classes for API routers: bearer token (see ApiTokenMiddleware) or session."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth


class BearerTokenAuth(HttpBearer):
    """The token was checked by ApiTokenMiddleware; this class declares the scheme in OpenAPI."""

    def authenticate(self, request, token):
        if getattr(request, "api_token_authenticated", False):
            return request.user
        return None


class LoggedInSessionAuth(SessionAuth):
    """A logged-in browser session; unsafe methods must carry the CSRF token."""


# For endpoints that need a logged-in user.
AUTH = [BearerTokenAuth(), LoggedInSessionAuth()]
