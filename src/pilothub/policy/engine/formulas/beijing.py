"""Formulas for 京发改规〔2026〕1号 (Beijing municipal measures)."""

from __future__ import annotations

from ..money import fmt_rate, fmt_yuan
from .base import Context, Outcome, capped_share, formula, not_eligible


def _industry_group(groups: dict[str, tuple[str, ...]], industry: str) -> str | None:
    return next((group for group, names in groups.items() if industry in names), None)


@formula("beijing.new_platform.v1")
def new_platform(ctx: Context) -> Outcome:
    """第1条: total investment × group rate (raised for an independent legal entity), ≤ group cap."""
    industry = ctx.project["industry"]
    groups = ctx.param("new_platform.industry_groups")
    group = _industry_group(groups, industry)
    if group is None:
        listed = "、".join(name for names in groups.values() for name in names)
        return not_eligible(
            f"所属产业「{industry}」不在第1条列举的产业中（{listed}）；第1条以“等”字列举，"
            "未列举产业须由主管部门认定，本计算不予测算",
            industry=industry,
        )
    independent = ctx.applicant["independent_legal_entity"]
    rates = ctx.param("new_platform.rate_independent_entity" if independent else "new_platform.rate")
    rate, cap = rates[group], ctx.param("new_platform.cap")[group]
    amount, text, steps = capped_share("项目总投资", ctx.project["total_investment"], rate, cap)
    basis = f"所属产业「{industry}」属于{group}"
    if independent:
        basis += f"，由独立法人主体建设运营，支持比例提升至 {fmt_rate(rate)}"
    explanation = (
        f"{basis}：{text}。补助 {fmt_yuan(amount)}（以符合市政府固定资产投资支持条件的新建项目为前提）。"
    )
    return Outcome(amount, True, explanation, {**steps, "industry_group": group, "independent": independent})


@formula("beijing.innovation_voucher.v1")
def innovation_voucher(ctx: Context) -> Outcome:
    """第5条: a qualifying 科技型中小微企业 may use at most the annual limit of vouchers."""
    if not ctx.applicant["sme"]:
        return not_eligible("首都科技创新券仅适用于符合条件的科技型中小微企业")
    limit = ctx.param("innovation_voucher.annual_limit")
    used, requested = ctx.project["voucher_used_this_year"], ctx.project["voucher_requested"]
    remaining = max(0, limit - used)
    amount = min(remaining, requested)
    explanation = (
        f"年度额度上限 {fmt_yuan(limit)} − 本年度已使用 {fmt_yuan(used)} = 剩余 {fmt_yuan(remaining)}"
        f"{'（已用满，不足部分按 0 计）' if used >= limit else ''}；本次申请 {fmt_yuan(requested)}，"
        f"可使用 {fmt_yuan(amount)}。"
    )
    steps = {"limit": limit, "used": used, "remaining": remaining, "requested": requested}
    return Outcome(amount, True, explanation, steps)


def _rate_cap(ctx: Context, prefix: str, intro: str) -> Outcome:
    rate, cap = ctx.param(f"{prefix}.rate"), ctx.param(f"{prefix}.cap")
    amount, text, steps = capped_share("项目总投资", ctx.project["total_investment"], rate, cap)
    return Outcome(amount, True, f"{intro}：{text}。支持 {fmt_yuan(amount)}。", steps)


@formula("beijing.major_capability.v1")
def major_capability(ctx: Context) -> Outcome:
    """第6条: 市级重大中试平台、中试产线、零号工厂, total investment × 30% ≤ 5000万."""
    return _rate_cap(ctx, "major_capability", "市级重大中试平台、中试产线、中试零号工厂提升产品创制能力")


@formula("beijing.digital_upgrade.v1")
def digital_upgrade(ctx: Context) -> Outcome:
    """第7条: 智能化技术改造, not more than total investment × 20%, ≤ 3000万."""
    return _rate_cap(ctx, "digital_upgrade", "符合智能化技术改造的项目（按比例上限测算）")


@formula("beijing.green_upgrade.v1")
def green_upgrade(ctx: Context) -> Outcome:
    """第7条: 绿色低碳技术改造, not more than total investment × 30%, ≤ 3000万."""
    return _rate_cap(ctx, "green_upgrade", "符合绿色低碳技术改造的项目（按比例上限测算）")
