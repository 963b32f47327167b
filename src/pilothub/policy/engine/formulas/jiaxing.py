"""Formulas for 嘉经信技装〔2025〕47号 (Jiaxing implementation plan)."""

from __future__ import annotations

from ..money import fmt_yuan
from .base import Context, Outcome, capped_share, formula, not_eligible


def _certification(ctx: Context, level: str, cap_param: str) -> Outcome:
    rate, cap = ctx.param("certification.equipment_rate"), ctx.param(cap_param)
    amount, text, steps = capped_share("设备投入", ctx.project["equipment_investment"], rate, cap)
    explanation = (
        f"新认定{level}中试平台，在省级资金补助的基础上按设备投入的一定比例支持：{text}。"
        f"测算支持 {fmt_yuan(amount)}。注意：文件未写明比例，所用比例为可配置的测算假定参数，"
        "实际比例以主管部门确定为准。"
    )
    return Outcome(amount, True, explanation, steps)


@formula("jiaxing.national_certification.v1")
def national_certification(ctx: Context) -> Outcome:
    """二（一）6: newly certified national platform, equipment × assumed rate ≤ 1000万."""
    return _certification(ctx, "国家级", "national_certification.cap")


@formula("jiaxing.provincial_certification.v1")
def provincial_certification(ctx: Context) -> Outcome:
    """二（一）6: newly certified provincial platform, equipment × assumed rate ≤ 500万."""
    return _certification(ctx, "省级", "provincial_certification.cap")


@formula("jiaxing.evaluation_reward.v1")
def evaluation_reward(ctx: Context) -> Outcome:
    """二（一）6: 优秀 in the yearly evaluation earns a fixed reward, at most once in 3 years."""
    grade, year = ctx.project["evaluation_grade"], ctx.project["evaluation_year"]
    last = ctx.project["last_reward_year"]
    grades = ctx.param("evaluation_reward.qualifying_grades")
    window = ctx.param("evaluation_reward.window_years")
    steps = {"grade": grade, "evaluation_year": year, "last_reward_year": last, "window_years": window}
    if grade not in grades:
        return not_eligible(
            f"{year} 年度绩效考核结果为「{grade}」，仅「{'、'.join(grades)}」可获奖励", **steps
        )
    if last is not None and year - last < window:
        return not_eligible(
            f"上次获奖为 {last} 年度，{window} 年内最多奖励一次，{last + window} 年度起方可再次获奖",
            **steps,
        )
    amount = ctx.param("evaluation_reward.amount")
    history = "此前未获奖" if last is None else f"上次获奖为 {last} 年度，已满 {window} 年"
    explanation = f"{year} 年度绩效考核结果为「{grade}」，{history}：奖励 {fmt_yuan(amount)}。"
    return Outcome(amount, True, explanation, steps)
