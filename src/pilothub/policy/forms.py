"""Forms of the policy calculator: one set of plain Chinese questions per project type, built
from the engine's field list (`engine/inputs.py`) so a new field appears without a form change."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilothub.core.errors import DomainError
from pilothub.regions.selectors import region_choices

from .engine.inputs import APPLICANT_FIELDS, APPLICANT_NEEDED, PROJECT_FIELDS, STANDARD_LEVELS, Field

PROJECT_TYPES: dict[str, Any] = {
    "new_platform": _("新建中试平台"),
    "major_capability": _("市级重大中试平台、中试产线或零号工厂"),
    "digital_upgrade": _("智能化、数字化改造"),
    "green_upgrade": _("绿色低碳改造"),
    "ai_application": _("人工智能技术应用"),
    "rent": _("租赁场地建设中试平台"),
    "test_contract": _("使用区内中试平台的测试合同"),
    "standards": _("参与制定标准"),
    "ip_pledge_interest": _("知识产权质押贷款贴息"),
    "ip_guarantee_fee": _("知识产权质押融资担保费"),
    "evaluation_reward": _("年度绩效考核奖励"),
    "national_certification": _("新认定国家级中试平台"),
    "provincial_certification": _("新认定省级中试平台"),
    "innovation_voucher": _("首都科技创新券"),
}

# The questions an enterprise answers, in plain Chinese; unlisted fields use the engine's label.
QUESTIONS: dict[str, Any] = {
    "applicant.independent_legal_entity": _("贵单位是否为独立法人主体建设运营中试平台？"),
    "applicant.sme": _("贵单位是否为科技型中小微企业？"),
    "applicant.sector": _("贵单位所属领域（如：科学仪器和传感器）"),
    "project.industry": _("项目所属产业（如：人工智能、医药健康、新材料）"),
    "project.total_investment": _("项目总投资是多少元？"),
    "project.has_municipal_support": _("项目是否已获得市级资金支持？"),
    "project.uses_science_city_facilities": _("是否依托怀柔科学城设施平台建设？"),
    "project.fixed_asset_investment": _("其中固定资产投资是多少元？"),
    "project.rent_area_m2": _("租赁面积是多少平方米？"),
    "project.rent_months": _("租期多少个月？"),
    "project.monthly_rent": _("全部租赁面积每月租金是多少元？"),
    "project.contract_amount": _("测试服务合同金额是多少元？"),
    "project.platform_in_municipal_list": _("所用平台是否已纳入市级公共技术服务平台名单？"),
    "project.standards_support_received": _("此前已获得的标准制定支持金额（元，没有填 0）"),
    "project.loan_interest": _("知识产权质押贷款总利息是多少元？"),
    "project.repaid_on_time": _("是否已按时还本付息？"),
    "project.guarantee_fee": _("实际支付的担保费是多少元？"),
    "project.evaluation_year": _("考核年度（如 2026）"),
    "project.evaluation_grade": _("年度绩效考核结果"),
    "project.last_reward_year": _("上次获得考核奖励的年度（没有则留空）"),
    "project.equipment_investment": _("设备投入是多少元？"),
    "project.voucher_used_this_year": _("本年度已使用创新券额度（元）"),
    "project.voucher_requested": _("本次申请创新券额度（元）"),
}

STANDARD_LABELS = {"international": _("主导或参与制定的国际标准数量"), "national": _("国家标准数量"),
                   "industry": _("行业标准数量")}

YES_NO = [("yes", _("是")), ("no", _("否"))]


def _form_name(path: str) -> str:
    prefix, name = path.split(".", 1)
    return f"applicant_{name}" if prefix == "applicant" else name


def _django_field(path: str, spec: Field) -> forms.Field:
    label = QUESTIONS.get(path, spec.label)
    required = spec.required and not spec.nullable
    if spec.kind in ("money", "count"):
        return forms.IntegerField(label=label, min_value=0, required=required,
                                  initial=spec.default if spec.default is not None else None,
                                  help_text=_("单位：元") if spec.kind == "money" else "")
    if spec.kind == "area":
        return forms.DecimalField(label=label, min_value=0, required=required, decimal_places=2)
    if spec.kind == "bool":
        return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda v: v == "yes",
                                      widget=forms.RadioSelect, required=True)
    if spec.kind == "year":
        return forms.IntegerField(label=label, min_value=1900, max_value=2200, required=required)
    if spec.kind == "choice":
        return forms.ChoiceField(label=label, choices=[(c, c) for c in spec.choices], required=required)
    return forms.CharField(label=label, max_length=100, required=required)


class CalculatorForm(forms.Form):
    region = forms.ChoiceField(label=_("项目所在地区"), choices=())
    as_of = forms.DateField(label=_("计算基准日"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, project_type: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project_type = project_type
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = region_choices()
        self.fields["as_of"].initial = timezone.localdate()
        for name in APPLICANT_NEEDED.get(project_type, ()):
            self.fields[f"applicant_{name}"] = _django_field(f"applicant.{name}", APPLICANT_FIELDS[name])
        for name, spec in PROJECT_FIELDS[project_type].items():
            if spec.kind == "standards":
                for level in STANDARD_LEVELS:
                    self.fields[f"standards_{level}"] = forms.IntegerField(label=STANDARD_LABELS[level], min_value=0,
                                                                          initial=0, max_value=100)
            else:
                self.fields[name] = _django_field(f"project.{name}", spec)

    def to_request(self) -> dict[str, Any]:
        data = self.cleaned_data
        applicant = {name: data[f"applicant_{name}"] for name in APPLICANT_NEEDED.get(self.project_type, ())}
        project: dict[str, Any] = {"type": self.project_type}
        for name, spec in PROJECT_FIELDS[self.project_type].items():
            if spec.kind == "standards":
                project[name] = [level for level in STANDARD_LEVELS for _n in range(data[f"standards_{level}"])]
            elif spec.kind == "area":
                value = data[name]
                project[name] = None if value is None else (int(value) if value == int(value) else float(value))
            elif data.get(name) is None and not spec.required:
                continue
            else:
                project[name] = data[name]
        return {"region": data["region"], "as_of": data["as_of"].isoformat(), "applicant": applicant,
                "project": project}

    def add_engine_error(self, error: DomainError) -> None:
        """Attach an engine error ("project.total_investment") to the question it concerns."""
        name = _form_name(error.field) if error.field and "." in error.field else error.field
        if name == "standards":
            name = "standards_international"
        self.add_error(name if name in self.fields else None, error.message)


class ApplyForm(forms.Form):
    measure = forms.CharField(widget=forms.HiddenInput)
    request_json = forms.CharField(widget=forms.HiddenInput)
    project_name = forms.CharField(label=_("项目名称"), max_length=200)

    def clean_request_json(self) -> dict[str, Any]:
        try:
            value = json.loads(self.cleaned_data["request_json"])
        except ValueError:
            raise forms.ValidationError(_("申报数据不完整，请重新测算"))
        if not isinstance(value, dict):
            raise forms.ValidationError(_("申报数据不完整，请重新测算"))
        return value


class DecisionForm(forms.Form):
    action = forms.CharField()
    note = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
