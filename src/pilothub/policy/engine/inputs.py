"""Validation of an evaluation request.

The request is checked completely before any measure is evaluated, so a caller gets either a
full answer or one `PolicyInputError` naming the first bad field by its dotted path.
Amounts are integer yuan (floats are refused: 0.1 yuan cannot be paid and 1e7 hides typos);
areas may be fractional square metres.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from .errors import PolicyInputError

STANDARD_LEVELS = ("international", "national", "industry")
EVALUATION_GRADES = ("优秀", "良好", "合格", "不合格")


@dataclass(frozen=True)
class Field:
    kind: str  # money | count | area | bool | text | year | choice | standards
    label: str  # Chinese label used in messages
    required: bool = True
    nullable: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


_MONEY = "money"

PROJECT_FIELDS: dict[str, dict[str, Field]] = {
    "new_platform": {
        "industry": Field("text", "所属产业"),
        "total_investment": Field(_MONEY, "项目总投资"),
        "has_municipal_support": Field("bool", "是否已获得市级支持"),
        "uses_science_city_facilities": Field("bool", "是否依托怀柔科学城设施平台建设"),
    },
    "major_capability": {"total_investment": Field(_MONEY, "项目总投资")},
    "digital_upgrade": {
        "total_investment": Field(_MONEY, "项目总投资"),
        "fixed_asset_investment": Field(_MONEY, "固定资产投资总额"),
    },
    "green_upgrade": {
        "total_investment": Field(_MONEY, "项目总投资"),
        "fixed_asset_investment": Field(_MONEY, "固定资产投资总额"),
    },
    "ai_application": {},
    "rent": {
        "rent_area_m2": Field("area", "租赁面积（平方米）"),
        "rent_months": Field("count", "租赁月数"),
        "monthly_rent": Field(_MONEY, "月租金（全部租赁面积）"),
    },
    "test_contract": {
        "contract_amount": Field(_MONEY, "合同金额"),
        "platform_in_municipal_list": Field("bool", "平台是否已纳入市级公共技术服务平台"),
    },
    "standards": {
        "standards": Field("standards", "参与制定的标准", choices=STANDARD_LEVELS),
        # Optional extension: support this company already received under the same clause,
        # so the 每家最高 cap is applied across applications (docs/decisions/0108).
        "standards_support_received": Field(_MONEY, "已获标准制定支持金额", required=False, default=0),
    },
    "ip_pledge_interest": {
        "loan_interest": Field(_MONEY, "贷款总利息"),
        "repaid_on_time": Field("bool", "是否按时完成还本付息"),
    },
    "ip_guarantee_fee": {"guarantee_fee": Field(_MONEY, "实际支付担保费")},
    "evaluation_reward": {
        "evaluation_year": Field("year", "考核年度"),
        "evaluation_grade": Field("choice", "年度绩效考核结果", choices=EVALUATION_GRADES),
        "last_reward_year": Field("year", "上次获奖年度", required=False, nullable=True),
    },
    "national_certification": {"equipment_investment": Field(_MONEY, "设备投入")},
    "provincial_certification": {"equipment_investment": Field(_MONEY, "设备投入")},
    "innovation_voucher": {
        "voucher_used_this_year": Field(_MONEY, "本年度已使用创新券额度"),
        "voucher_requested": Field(_MONEY, "本次申请创新券额度"),
    },
}

APPLICANT_FIELDS: dict[str, Field] = {
    "independent_legal_entity": Field("bool", "是否独立法人主体"),
    "sme": Field("bool", "是否科技型中小微企业"),
    "sector": Field("text", "企业所属领域"),
}

# Applicant facts are a profile; each project type needs only the ones its measures read
# (docs/decisions/0111). Others are type-checked when present and otherwise ignored.
APPLICANT_NEEDED: dict[str, tuple[str, ...]] = {
    "new_platform": ("independent_legal_entity",),
    "innovation_voucher": ("sme",),
    "test_contract": ("sector",),
}

_KIND_EN = {
    "money": "a non-negative integer amount in yuan",
    "count": "a non-negative integer",
    "area": "a non-negative number",
    "bool": "true or false",
    "text": "a non-empty string",
    "year": "a year between 1900 and 2200",
    "choice": "one of the listed values",
    "standards": "a list of standard levels",
}
_KIND_ZH = {
    "money": "以元为单位的非负整数",
    "count": "非负整数",
    "area": "非负数",
    "bool": "true 或 false",
    "text": "非空字符串",
    "year": "1900 至 2200 之间的年份",
    "choice": "列表中的取值之一",
    "standards": "标准级别列表",
}


def _fail(field: str, code: str, zh: str, en: str) -> PolicyInputError:
    return PolicyInputError(field=field, code=code, message_zh=zh, message_en=en)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(path: str, spec: Field, value: Any) -> Any:
    def wrong_type() -> PolicyInputError:
        return _fail(
            path,
            "invalid_type",
            f"{spec.label}应为{_KIND_ZH[spec.kind]}，收到 {value!r}",
            f"{path} must be {_KIND_EN[spec.kind]}, got {value!r}",
        )

    def negative() -> PolicyInputError:
        return _fail(path, "negative", f"{spec.label}不能为负数", f"{path} must not be negative")

    if spec.kind in ("money", "count"):
        if not _is_int(value):
            raise wrong_type()
        if value < 0:
            raise negative()
        return value
    if spec.kind == "area":
        if not (_is_int(value) or (isinstance(value, float) and math.isfinite(value))):
            raise wrong_type()
        if value < 0:
            raise negative()
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise wrong_type()
        return value
    if spec.kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise wrong_type()
        return value.strip()
    if spec.kind == "year":
        if not _is_int(value) or not 1900 <= value <= 2200:
            raise wrong_type()
        return value
    if spec.kind == "choice":
        if not isinstance(value, str):
            raise wrong_type()
        if value not in spec.choices:
            raise _fail(
                path,
                "invalid_choice",
                f"{spec.label}应为 {'、'.join(spec.choices)} 之一，收到 {value!r}",
                f"{path} must be one of {', '.join(spec.choices)}, got {value!r}",
            )
        return value
    if spec.kind == "standards":
        if not isinstance(value, list):
            raise wrong_type()
        for index, level in enumerate(value):
            if level not in spec.choices:
                # The path stays the list itself (a form shows one error per field); the
                # message names the position.
                raise _fail(
                    path,
                    "invalid_choice",
                    f"第 {index + 1} 项标准级别应为 {'、'.join(spec.choices)} 之一，收到 {level!r}",
                    f"{path}[{index}] must be one of {', '.join(spec.choices)}, got {level!r}",
                )
        return list(value)
    raise AssertionError(spec.kind)  # pragma: no cover - schema typo


def _fields(prefix: str, specs: dict[str, Field], data: dict[str, Any], needed: set[str]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, spec in specs.items():
        path = f"{prefix}.{name}"
        if name not in data:
            if spec.required and name in needed:
                raise _fail(path, "required", f"缺少必填项：{spec.label}", f"{path} is required")
            clean[name] = spec.default
            continue
        value = data[name]
        if value is None:
            if spec.nullable or name not in needed:
                clean[name] = None
                continue
            raise _fail(path, "required", f"{spec.label}不能为空", f"{path} must not be null")
        clean[name] = _check(path, spec, value)
    return clean


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any, *, field: str = "as_of") -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(
        field,
        "invalid_date",
        f"日期格式应为 YYYY-MM-DD，收到 {value!r}",
        f"{field} must be a date in YYYY-MM-DD form, got {value!r}",
    )


def _object(container: dict[str, Any], key: str, label: str) -> dict[str, Any]:
    if key not in container:
        raise _fail(key, "required", f"缺少必填项：{label}", f"{key} is required")
    value = container[key]
    if not isinstance(value, dict):
        raise _fail(key, "invalid_type", f"{label}应为对象", f"{key} must be an object")
    return value


def validate_request(request: Any) -> dict[str, Any]:
    """Return a normalised copy of the request, or raise `PolicyInputError`."""
    if not isinstance(request, dict):
        raise _fail("request", "invalid_type", "请求应为对象", "request must be an object")
    if "region" not in request:
        raise _fail("region", "required", "缺少必填项：行政区划代码", "region is required")
    region = request["region"]
    if not isinstance(region, str) or not region:
        raise _fail("region", "invalid_type", "行政区划代码应为字符串", "region must be a string code")
    if "as_of" not in request:
        raise _fail("as_of", "required", "缺少必填项：计算基准日", "as_of is required")
    as_of = parse_date(request["as_of"])
    applicant_raw = _object(request, "applicant", "申请主体")
    project_raw = _object(request, "project", "项目")

    if "type" not in project_raw:
        raise _fail("project.type", "required", "缺少必填项：项目类型", "project.type is required")
    project_type = project_raw["type"]
    if not isinstance(project_type, str) or project_type not in PROJECT_FIELDS:
        raise _fail(
            "project.type",
            "unknown_project_type",
            f"未知的项目类型：{project_type!r}",
            f"Unknown project type {project_type!r}; expected one of {', '.join(PROJECT_FIELDS)}",
        )

    applicant = _fields(
        "applicant", APPLICANT_FIELDS, applicant_raw, set(APPLICANT_NEEDED.get(project_type, ()))
    )
    specs = PROJECT_FIELDS[project_type]
    project = {"type": project_type, **_fields("project", specs, project_raw, set(specs))}
    _cross_checks(project)
    return {"region": region, "as_of": as_of, "applicant": applicant, "project": project}


def _cross_checks(project: dict[str, Any]) -> None:
    kind = project["type"]
    # Fixed-asset investment is part of the project's total investment (Beijing 第7条 uses the
    # total, Huairou 第6条 the fixed assets); a larger part than the whole is a typing error.
    if (
        kind in ("digital_upgrade", "green_upgrade")
        and project["fixed_asset_investment"] > project["total_investment"]
    ):
        raise _fail(
            "project.fixed_asset_investment",
            "inconsistent",
            "固定资产投资总额不能大于项目总投资",
            "project.fixed_asset_investment must not exceed project.total_investment",
        )
    if kind == "evaluation_reward":
        last = project["last_reward_year"]
        if last is not None and last > project["evaluation_year"]:
            raise _fail(
                "project.last_reward_year",
                "inconsistent",
                "上次获奖年度不能晚于本次考核年度",
                "project.last_reward_year must not be after project.evaluation_year",
            )
