"""Formulas for the Huairou draft measures (怀柔区中试若干措施，征求意见稿)."""

from __future__ import annotations

from fractions import Fraction

from ..money import exact, floor_yuan, fmt_number, fmt_rate, fmt_yuan
from .base import Context, Outcome, capped_share, formula, not_eligible

NON_DUPLICATION = "获得本项支持后，原则上不再重复享受怀柔区出台的实质类似的其他政策（末段）。"


@formula("huairou.new_platform.v1")
def new_platform(ctx: Context) -> Outcome:
    """第1条: 10% match with municipal support, else 15%, ≤1000万; enhanced 20% ≤2000万.

    The enhanced rate applies with or without municipal support, and the 1000万 cap also bounds
    the 10% match (docs/decisions/0103).
    """
    independent = ctx.applicant["independent_legal_entity"]
    science_city = ctx.project["uses_science_city_facilities"]
    municipal = ctx.project["has_municipal_support"]
    if independent or science_city:
        rate, cap = ctx.param("new_platform.rate_enhanced"), ctx.param("new_platform.cap_enhanced")
        who = "独立法人主体" if independent else "在怀主体依托怀柔科学城设施平台"
        basis = f"以{who}建设，支持比例提高至 {fmt_rate(rate)}、累计上限 {fmt_yuan(cap)}"
        basis += "（已获得市级支持，作为配套）" if municipal else "（未获得市级支持）"
        hint = ""
    elif municipal:
        rate, cap = ctx.param("new_platform.rate_with_municipal"), ctx.param("new_platform.cap")
        basis = f"已获得市级支持，按项目总投资 {fmt_rate(rate)} 给予配套"
        hint = ""
    else:
        rate, cap = ctx.param("new_platform.rate_without_municipal"), ctx.param("new_platform.cap")
        with_municipal = ctx.param("new_platform.rate_with_municipal")
        basis = f"未获得市级支持，按项目总投资 {fmt_rate(rate)} 支持"
        hint = f"若之后获得市级支持，本项改按配套比例 {fmt_rate(with_municipal)} 计算。"
    amount, text, steps = capped_share("项目总投资", ctx.project["total_investment"], rate, cap)
    explanation = f"{basis}：{text}。区级支持 {fmt_yuan(amount)}。{hint}{NON_DUPLICATION}"
    steps.update(independent=independent, science_city=science_city, municipal=municipal)
    return Outcome(amount, True, explanation, steps)


@formula("huairou.rent.v1")
def rent(ctx: Context) -> Outcome:
    """第3条: rent of at most 10000 m² for at most 60 months; months 1–36 ≤100%, 37–60 ≤50%."""
    area = ctx.project["rent_area_m2"]
    months = ctx.project["rent_months"]
    monthly = ctx.project["monthly_rent"]
    max_area, max_months = ctx.param("rent.max_area_m2"), ctx.param("rent.max_months")
    first_months = ctx.param("rent.first_period_months")
    first_rate, second_rate = ctx.param("rent.first_period_rate"), ctx.param("rent.second_period_rate")
    if area == 0 or months == 0 or monthly == 0:
        return not_eligible("租赁面积、租赁月数或月租金为 0，无可补贴租金", area=area, months=months)

    area_x = exact(area) if isinstance(area, int) else Fraction(str(area))  # str(): 1234.5 stays exact
    share = min(area_x, exact(max_area)) / area_x
    eligible_monthly = exact(monthly) * share
    parts = []
    if share < 1:
        parts.append(
            f"租赁面积 {fmt_number(area_x)} 平方米超过上限 {max_area:,} 平方米，按比例计："
            f"月租金 {fmt_yuan(monthly)} × {max_area:,}/{fmt_number(area_x)} = {fmt_yuan(eligible_monthly)}"
        )
    else:
        parts.append(
            f"租赁面积 {fmt_number(area_x)} 平方米未超过上限 {max_area:,} 平方米，月租金 {fmt_yuan(monthly)}"
        )
    m1 = min(months, first_months)
    m2 = max(0, min(months, max_months) - first_months)
    first = eligible_monthly * m1 * exact(first_rate)
    second = eligible_monthly * m2 * exact(second_rate)
    parts.append(f"前 {first_months} 个月内 {m1} 个月 × {fmt_rate(first_rate)} = {fmt_yuan(first)}")
    if m2:
        parts.append(
            f"第 {first_months + 1}–{max_months} 个月内 {m2} 个月 × {fmt_rate(second_rate)} = {fmt_yuan(second)}"
        )
    if months > max_months:
        parts.append(f"超过 {max_months} 个月的 {months - max_months} 个月不予补贴")
    raw = first + second
    amount = floor_yuan(raw)
    total = f"合计 {fmt_yuan(raw)}"
    if raw != amount:
        total += f"，按元向下取整为 {amount:,} 元"
    explanation = (
        "；".join(parts) + f"；{total}。以上为比例上限，实际比例按建设平台的企业类型确定。{NON_DUPLICATION}"
    )
    steps = {
        "area_share": str(share),
        "eligible_monthly_rent": str(eligible_monthly),
        "months_full_rate": m1,
        "months_half_rate": m2,
        "raw": str(raw),
    }
    return Outcome(amount, True, explanation, steps)


@formula("huairou.test_contract.v1")
def test_contract(ctx: Context) -> Outcome:
    """第4条: 科学仪器和传感器 firms using a district platform outside the municipal list, ≤30% ≤50万."""
    sector = ctx.applicant["sector"]
    sectors = ctx.param("test_contract.eligible_sectors")
    if sector not in sectors:
        return not_eligible(f"企业所属领域「{sector}」不是科学仪器和传感器企业", sector=sector)
    if ctx.project["platform_in_municipal_list"]:
        return not_eligible("所用中试平台已纳入市级公共技术服务平台，本条只支持使用未纳入的区内平台")
    rate, cap = ctx.param("test_contract.rate"), ctx.param("test_contract.cap")
    amount, text, steps = capped_share("合同金额", ctx.project["contract_amount"], rate, cap)
    explanation = (
        f"科学仪器和传感器企业使用本区未纳入市级公共技术服务平台的中试平台：{text}。补贴 {fmt_yuan(amount)}。"
    )
    return Outcome(amount, True, explanation, steps)


def _upgrade(ctx: Context, prefix: str, label: str) -> Outcome:
    investment = ctx.project["fixed_asset_investment"]
    threshold = ctx.param(f"{prefix}.min_fixed_asset_investment")
    if investment < threshold:
        return not_eligible(
            f"{label}固定资产投资总额 {fmt_yuan(investment)} 低于门槛 {fmt_yuan(threshold)}（含本数）",
            fixed_asset_investment=investment,
            threshold=threshold,
        )
    rate, cap = ctx.param("upgrade.rate"), ctx.param("upgrade.cap")
    amount, text, steps = capped_share("固定资产投资总额", investment, rate, cap)
    explanation = (
        f"{label}固定资产投资总额达到门槛 {fmt_yuan(threshold)}（含本数）：{text}。"
        f"支持 {fmt_yuan(amount)}。{NON_DUPLICATION}"
    )
    return Outcome(amount, True, explanation, {**steps, "threshold": threshold})


@formula("huairou.digital_upgrade.v1")
def digital_upgrade(ctx: Context) -> Outcome:
    """第6条: 智能化和数字化技改, fixed assets ≥500万 (inclusive), ≤20% ≤600万."""
    return _upgrade(ctx, "digital_upgrade", "智能化和数字化技改项目")


@formula("huairou.green_upgrade.v1")
def green_upgrade(ctx: Context) -> Outcome:
    """第6条: 绿色化技改升级, fixed assets ≥200万 (inclusive), ≤20% ≤600万."""
    return _upgrade(ctx, "green_upgrade", "绿色化技改升级项目")


@formula("huairou.ai_application.v1")
def ai_application(ctx: Context) -> Outcome:
    """第6条: AI application support, a fixed ceiling granted after recognition."""
    amount = ctx.param("ai_application.amount")
    explanation = (
        f"企业应用人工智能技术提升赋能研发制造、中试生产和检测测评公共服务能力，经认定符合条件的，"
        f"给予不超过 {fmt_yuan(amount)} 支持；按上限测算 {fmt_yuan(amount)}。{NON_DUPLICATION}"
    )
    return Outcome(amount, True, explanation, {"ceiling": amount})


_LEVEL_ZH = {"international": "国际标准", "national": "国家标准", "industry": "行业标准"}


@formula("huairou.standards.v1")
def standards(ctx: Context) -> Outcome:
    """第10条: one-off 30/20/10万 per international/national/industry standard, ≤50万 per company."""
    levels = ctx.project["standards"]
    if not levels:
        return not_eligible("未填写参与制定的标准")
    amounts = ctx.param("standards.amount")
    company_cap = ctx.param("standards.company_cap")
    received = ctx.project["standards_support_received"]
    counts = {level: levels.count(level) for level in _LEVEL_ZH if level in levels}
    subtotal = sum(amounts[level] * n for level, n in counts.items())
    remaining = max(0, company_cap - received)
    amount = min(subtotal, remaining)
    sum_text = " + ".join(f"{_LEVEL_ZH[lv]} {n} 项 × {fmt_yuan(amounts[lv])}" for lv, n in counts.items())
    explanation = f"{sum_text} = {fmt_yuan(subtotal)}；每家最高 {fmt_yuan(company_cap)}"
    if received:
        explanation += f"，已获 {fmt_yuan(received)}，剩余额度 {fmt_yuan(remaining)}"
    verdict = "未超过" if subtotal <= remaining else "超过"
    explanation += f"，{verdict}可用额度，支持 {fmt_yuan(amount)}。"
    steps = {"counts": counts, "subtotal": subtotal, "received": received, "remaining": remaining}
    return Outcome(amount, True, explanation, steps)


@formula("huairou.ip_pledge_interest.v1")
def ip_pledge_interest(ctx: Context) -> Outcome:
    """第10条: IP pledge loan repaid on time, ≤50% of total interest, ≤30万."""
    if not ctx.project["repaid_on_time"]:
        return not_eligible("贴息以按时完成还本付息为前提")
    rate, cap = ctx.param("ip_pledge_interest.rate"), ctx.param("ip_pledge_interest.cap")
    amount, text, steps = capped_share("贷款总利息", ctx.project["loan_interest"], rate, cap)
    return Outcome(
        amount,
        True,
        f"以自主知识产权质押获得银行贷款并按时还本付息：{text}。贴息 {fmt_yuan(amount)}。",
        steps,
    )


@formula("huairou.ip_guarantee_fee.v1")
def ip_guarantee_fee(ctx: Context) -> Outcome:
    """第10条: guarantee company involved, ≤50% of the fee actually paid, ≤30万."""
    rate, cap = ctx.param("ip_guarantee_fee.rate"), ctx.param("ip_guarantee_fee.cap")
    amount, text, steps = capped_share("实际支付担保费", ctx.project["guarantee_fee"], rate, cap)
    return Outcome(amount, True, f"知识产权质押融资有担保公司参与：{text}。支持 {fmt_yuan(amount)}。", steps)
