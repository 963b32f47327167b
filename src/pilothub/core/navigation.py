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


def _admin(user) -> bool:
    return bool(user.is_authenticated and user.is_system_admin)


def _logged_in(user) -> bool:
    return bool(user.is_authenticated)


def _enterprise(user) -> bool:
    return bool(user.is_authenticated and user.role == "enterprise")


def _operator(user) -> bool:
    return bool(user.is_authenticated and user.role == "operator")


def _operator_or_reviewer(user) -> bool:
    return bool(user.is_authenticated and (user.role == "operator" or user.is_reviewer or user.is_system_admin))


def _author(user) -> bool:
    return bool(user.is_authenticated and user.role in ("operator", "reviewer"))


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: object
    visible_to: Callable = _anyone
    # "public": the modules everyone browses (top bar); "work": a role's workbench (second bar).
    group: str = "public"
    description: object = ""


NAV_ENTRIES: list[NavEntry] = [
    NavEntry("core:home", _("首页")),
    NavEntry("platforms:directory", _("中试平台"), description=_("按地区、产业、服务类型和资质查找中试平台")),
    NavEntry("platforms:map", _("平台地图"), description=_("在地图上查看中试平台的位置与分布")),
    NavEntry("matching:search", _("找平台"), description=_("用一句话描述需求，智能匹配中试平台并说明理由")),
    NavEntry("platforms:supply_lists", _("供给清单"), description=_("各地定期发布的中试平台供给清单")),
    NavEntry("demands:list", _("需求发布"), description=_("企业发布中试需求，平台报价对接")),
    NavEntry("demands:challenges", _("揭榜挂帅"), description=_("政府与龙头企业发榜，团队揭榜攻关")),
    NavEntry("platforms:io", _("平台导入导出"), _reviewer_or_admin, group="work"),
    NavEntry("platforms:manage_list", _("我的平台"), _operator, group="work"),
    NavEntry("platforms:review_queue", _("平台变更审核"), _reviewer_or_admin, group="work"),
    NavEntry("demands:moderation", _("需求管理"), _reviewer_or_admin, group="work"),
    NavEntry("platforms:trust_listings", _("平台信息确认"), _operator, group="work"),
    NavEntry("bookings:equipment", _("设备共享"), description=_("预约可共享的仪器设备，使用创新券")),
    NavEntry("bookings:queue", _("预约审批"), _operator, group="work"),
    NavEntry("bookings:availability", _("开放设置"), _operator, group="work"),
    NavEntry("bookings:redemptions", _("创新券兑付"), _reviewer_or_admin, group="work"),
    NavEntry("policy:calculator", _("政策计算器"), description=_("测算可申请的中试扶持资金，附政策条款与计算依据")),
    NavEntry("policy:my_applications", _("我的申报"), _enterprise, group="work"),
    NavEntry("policy:review_queue", _("政策申报审核"), _reviewer_or_admin, group="work"),
    NavEntry("content:home", _("资讯与案例"), description=_("解决方案、典型案例、行业动态、政策资讯、创新产品")),
    NavEntry("content:mine", _("我的稿件"), _author, group="work"),
    NavEntry("dashboard:home", _("数据看板"), _reviewer_or_admin, group="work"),
    NavEntry("evaluation:home", _("认定与评估"), _logged_in, group="work"),
    NavEntry("accounts:review_queue", _("注册审核"), _reviewer_or_admin, group="work"),
    NavEntry("core:audit", _("审计日志"), _reviewer_or_admin, group="work"),
    NavEntry("accounts:two_factor", _("账号安全"), _logged_in, group="work"),
    NavEntry("platforms:listing_reports", _("信息纠错"), _operator_or_reviewer, group="work"),
    NavEntry("core:jobs", _("后台任务"), _reviewer_or_admin, group="work"),
    NavEntry("core:maintenance", _("系统维护"), _admin, group="work"),
]


def navigation_for(user, current_path: str, group: str | None = None) -> list[dict]:
    items = []
    for entry in NAV_ENTRIES:
        if (group is not None and entry.group != group) or not entry.visible_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": entry.label, "active": active, "description": entry.description})
    return items
