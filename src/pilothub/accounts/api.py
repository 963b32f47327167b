from __future__ import annotations

from ninja import Router, Schema

from pilothub.core.api_auth import AUTH

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    organisation: str | None
    organisation_status: str | None
    region: str | None
    can_publish: bool


@router.get("/accounts/me", response=MeOut, auth=AUTH, summary="当前用户 The current user")
def me(request):
    user = request.user
    return MeOut(username=user.username, display_name=user.display_name, role=user.role,
                 organisation=user.organisation.name if user.organisation else None,
                 organisation_status=user.organisation.status if user.organisation else None,
                 region=user.region_id, can_publish=user.can_publish)
