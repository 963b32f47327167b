"""Excel export of the voucher report (openpyxl)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import voucher_use_by_platform, voucher_wallets_for_reviewer


def voucher_report_xlsx(*, user, year: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "按企业"
    sheet.append(["年度", "企业", "所在地区", "发放额度（元）", "已使用（元）", "剩余（元）", "政策依据"])
    for row in voucher_wallets_for_reviewer(user=user, year=year):
        sheet.append([row["year"], row["organisation"], row["region"], row["issued"], row["used"],
                      row["remaining"], row["citation"]])
    by_platform = workbook.create_sheet("按平台")
    by_platform.append(["年度", "平台", "使用金额（元）", "订单数"])
    for row in voucher_use_by_platform(user=user, year=year):
        by_platform.append([row["year"], row["platform"], row["used"], row["orders"]])
    for ws in (sheet, by_platform):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
