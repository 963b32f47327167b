"""The Excel export of a dashboard: every figure of every chart, one sheet per chart (openpyxl)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font


def _sheet(workbook: Workbook, title: str, figures: dict[str, Any], header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([f"{figures['region']['name']}（{figures['region']['code']}） {title}"])
    sheet.append([_("统计时间"), figures["as_of"]])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)


def _status(status: str) -> str:
    return {"met": _("已达成"), "open": _("推进中"), "overdue": _("已逾期未达成")}.get(status, _("未纳入统计"))


def dashboard_workbook(figures: dict[str, Any]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("平台层级"), figures, [_("层级"), _("平台数")],
           [[row["label"], row["platforms"]] for row in figures["tiers"]] + [[_("合计"), figures["total_platforms"]]])
    _sheet(workbook, _("目标进度"), figures,
           [_("目标"), _("要求"), _("当前"), _("差距"), _("完成率（%）"), _("截止年份"), _("状态"), _("政策依据")],
           [[row["label"], row["required"], row["current"], row["gap"], row["progress_pct"], row["deadline"],
             _status(row["status"]), row["citation"]] for row in figures["targets"]])
    trend = figures["trend"]
    _sheet(workbook, _("层级趋势"), figures, [_("年份")] + [row["label"] for row in figures["tiers"]],
           [[year] + [trend["series"][row["tier"]][i] for row in figures["tiers"]]
            for i, year in enumerate(trend["years"])])
    _sheet(workbook, _("重点产业覆盖"), figures, [_("分组"), _("产业"), _("服务平台数"), _("未覆盖"), _("出处")],
           [[row["group"], row["name"], row["platforms"], _("是") if row["uncovered"] else "", row["citation"]]
            for row in figures["coverage"]["rows"]])
    _sheet(workbook, _("地区分布"), figures, [_("区划代码"), _("地区"), _("平台数"), _("纬度"), _("经度")],
           [[row["code"], row["name"], row["platforms"], row["latitude"], row["longitude"]]
            for row in figures["districts"]])
    _sheet(workbook, _("服务量"), figures,
           [_("年份"), _("订单数"), _("对外服务订单"), _("对外占比（%）"), _("合同金额（元）"), _("对外合同金额（元）")],
           [[row["year"], row["orders"], row["external_orders"], row["external_share_pct"], row["contract_amount"],
             row["external_amount"]] for row in figures["orders"]])
    demands = figures["demands"]
    _sheet(workbook, _("需求对接"), figures, [_("年份"), _("发布需求"), _("已匹配"), _("匹配率（%）")],
           [[row["year"], row["published"], row["matched"], row["matched_pct"]] for row in demands["years"]]
           + [[_("首次响应时间中位数（小时）"), demands["median_first_response_hours"], _("有响应的需求"),
               demands["responded"]]])
    _sheet(workbook, _("创新券"), figures,
           [_("年份"), _("发放额度数"), _("额度合计（元）"), _("使用笔数"), _("已使用（元）"), _("使用率（%）")],
           [[row["year"], row["wallets"], row["cap"], row["uses"], row["spent"], row["spent_pct"]]
            for row in figures["vouchers"]])
    _sheet(workbook, _("政策资金"), figures,
           [_("预算年度"), _("预算（元）"), _("申报数"), _("已承诺（元）"), _("已拨付（元）"), _("预算使用率（%）")],
           [[row["year"], row["budget"], row["applications"], row["committed"], row["paid"], row["committed_pct"]]
            for row in figures["subsidies"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
