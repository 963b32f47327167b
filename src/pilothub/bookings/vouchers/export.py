"""Excel export of the voucher report (openpyxl)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import redemptions_for_reviewer, voucher_use_by_platform, voucher_wallets_for_reviewer


def voucher_report_xlsx(*, user, year: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "按企业"
    sheet.append(["年度", "企业", "所在地区", "发放额度（元）", "已使用（元）", "剩余（元）", "已核准兑付（元）",
                  "已拨付（元）", "政策依据"])
    for row in voucher_wallets_for_reviewer(user=user, year=year):
        sheet.append([row["year"], row["organisation"], row["region"], row["issued"], row["used"],
                      row["remaining"], row["redeemed"], row["paid"], row["citation"]])
    by_platform = workbook.create_sheet("按平台")
    by_platform.append(["年度", "平台", "使用金额（元）", "订单数", "已核准兑付（元）", "已拨付（元）"])
    for row in voucher_use_by_platform(user=user, year=year):
        by_platform.append([row["year"], row["platform"], row["used"], row["orders"], row["redeemed"], row["paid"]])
    redemptions = workbook.create_sheet("兑付申请")
    redemptions.append(["编号", "订单", "企业", "平台", "模式", "金额（元）", "状态", "风险提示", "拨付批次", "拨付日期"])
    for r in redemptions_for_reviewer(user=user).filter(**({"order__contract_signed_on__year": year} if year else {})):
        flags = r.flags_at_decision or r.flags_at_submission
        redemptions.append([r.pk, r.order_id, r.order.customer.name, r.order.platform.name, r.get_mode_display(),
                            r.amount, r.get_status_display(),
                            "、".join(f["title"] for f in flags if f.get("flagged")) or "无",
                            r.batch.reference if r.batch else "", r.batch.paid_on if r.batch else None])
    for ws in (sheet, by_platform, redemptions):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
