"""The site navigation: only modules that exist, and only those the user may use.

Apps declare their entries here by URL name; an entry whose URL is not installed is left out, so
the menu never points to a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _anyone(user) -> bool:
    return True


def _reviewer_or_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_reviewer or user.is_system_admin))


def _logged_in(user) -> bool:
    return bool(user.is_authenticated)


def _enterprise(user) -> bool:
    return bool(user.is_authenticated and user.role == "enterprise")


def _author(user) -> bool:
    return bool(user.is_authenticated and user.role in ("operator", "reviewer"))


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: object
    visible_to: Callable = _anyone


NAV_ENTRIES: list[NavEntry] = [
    NavEntry("core:home", _("首页")),
    NavEntry("platforms:directory", _("中试平台")),
    NavEntry("platforms:map", _("平台地图")),
    NavEntry("platforms:supply_lists", _("供给清单")),
    NavEntry("demands:list", _("需求发布")),
    NavEntry("demands:challenges", _("揭榜挂帅")),
    NavEntry("demands:moderation", _("需求管理"), _reviewer_or_admin),
    NavEntry("bookings:equipment", _("设备共享")),
    NavEntry("policy:calculator", _("政策计算器")),
    NavEntry("policy:my_applications", _("我的申报"), _enterprise),
    NavEntry("policy:review_queue", _("政策申报审核"), _reviewer_or_admin),
    NavEntry("content:home", _("资讯与案例")),
    NavEntry("content:mine", _("我的稿件"), _author),
    NavEntry("dashboard:home", _("数据看板"), _reviewer_or_admin),
    NavEntry("evaluation:home", _("认定与评估"), _logged_in),
    NavEntry("accounts:review_queue", _("注册审核"), _reviewer_or_admin),
    NavEntry("core:audit", _("审计日志"), _reviewer_or_admin),
]


def navigation_for(user, current_path: str) -> list[dict]:
    items = []
    for entry in NAV_ENTRIES:
        if not entry.visible_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": entry.label, "active": active})
    return items
