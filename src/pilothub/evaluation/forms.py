"""Forms of the evaluation pages. They only parse input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.platforms.models import Tier
from pilothub.regions.selectors import region_choices

from .indicators import Indicator


class CallForm(forms.Form):
    region = forms.ChoiceField(label=_("组织地区"))
    title = forms.CharField(label=_("通知名称"), max_length=200)
    target_tier = forms.ChoiceField(label=_("申报层级"), choices=Tier.choices)
    opens_on = forms.DateField(label=_("申报开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("申报截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    criteria = forms.CharField(label=_("评审标准"), widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("每行一项：代码|名称|满分，例如 capability|中试能力|40"))
    required_attachments = forms.CharField(label=_("必备附件"), widget=forms.Textarea(attrs={"rows": 3}),
                                           help_text=_("每行一项：代码|名称，例如 application_form|申报书"))
    pass_score = forms.IntegerField(label=_("专家评审通过分"), min_value=0, initial=60)
    min_experts = forms.IntegerField(label=_("最少评审专家数"), min_value=1, initial=3)
    publicity_days = forms.IntegerField(label=_("公示天数"), min_value=0, initial=7)
    validity_years = forms.IntegerField(label=_("认定有效期（年）"), min_value=1, initial=3)
    citation = forms.CharField(label=_("政策依据"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()  # type: ignore[attr-defined]

    @staticmethod
    def _lines(text: str, keys: list[str]) -> list[dict]:
        items = []
        for line in text.splitlines():
            if line.strip():
                items.append(dict(zip(keys, [part.strip() for part in line.split("|")], strict=False)))
        return items

    def criteria_list(self) -> list[dict]:
        return self._lines(self.cleaned_data["criteria"], ["code", "name", "max_score"])

    def attachments_list(self) -> list[dict]:
        return self._lines(self.cleaned_data["required_attachments"], ["code", "name"])


class ApplicationForm(forms.Form):
    platform: forms.ModelChoiceField = forms.ModelChoiceField(label=_("申报平台"), queryset=None)
    summary = forms.CharField(label=_("申报说明"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria: list[dict], platforms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = platforms  # type: ignore[attr-defined]
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"self_{criterion['code']}"] = forms.IntegerField(
                label=_("自评：%(name)s（满分 %(max)s）") % {"name": criterion["name"], "max": criterion["max_score"]},
                required=False)
            self.fields[f"note_{criterion['code']}"] = forms.CharField(
                label=_("自评说明：%(name)s") % {"name": criterion["name"]}, required=False)

    def self_assessment(self) -> dict:
        return {c["code"]: {"score": self.cleaned_data.get(f"self_{c['code']}"),
                            "note": self.cleaned_data.get(f"note_{c['code']}", "")} for c in self.criteria}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类型"))
    file = forms.FileField(label=_("文件（PDF、DOCX、XLSX、JPG、PNG，不超过 20 MB）"))

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExpertScoreForm(forms.Form):
    expert = forms.ChoiceField(label=_("评审专家"))
    comment = forms.CharField(label=_("评审意见"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, criteria: list[dict], experts, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(e.pk), f"{e.name}（{e.organisation_name}）") for e in experts]
        self.fields["expert"].choices = choices  # type: ignore[attr-defined]
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion['code']}"] = forms.IntegerField(
                label=_("%(name)s（满分 %(max)s）") % {"name": criterion["name"], "max": criterion["max_score"]},
                required=False)

    def scores(self) -> dict:
        return {c["code"]: self.cleaned_data.get(f"score_{c['code']}") for c in self.criteria}


class ObjectionForm(forms.Form):
    objector = forms.CharField(label=_("异议人"), max_length=200)
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 2}))
    received_on = forms.DateField(label=_("收到日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ObjectionResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(label=_("处理结论"), choices=[("0", _("异议不成立")), ("1", _("异议成立"))],
                                    coerce=lambda v: v == "1")
    resolution = forms.CharField(label=_("处理意见"), required=False)


class ExpertForm(forms.Form):
    region = forms.ChoiceField(label=_("所属地区"))
    name = forms.CharField(label=_("姓名"), max_length=64)
    organisation_name = forms.CharField(label=_("所在单位名称"), max_length=200)
    title = forms.CharField(label=_("职称"), max_length=64, required=False)
    field = forms.CharField(label=_("专业领域"), max_length=128, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()  # type: ignore[attr-defined]


class RoundForm(forms.Form):
    region = forms.ChoiceField(label=_("组织地区"))
    year = forms.IntegerField(label=_("评估年度"), min_value=2000, max_value=2100)
    declaration_deadline = forms.DateField(label=_("申报截止日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()  # type: ignore[attr-defined]


class DeclarationForm(forms.Form):
    note = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, indicators: list[Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            label = f"{ind.name}" + (f"（{ind.unit}）" if ind.unit else "")
            if ind.rule["type"] == "boolean":
                self.fields[f"value_{ind.code}"] = forms.ChoiceField(
                    label=label, choices=[("", "—"), ("true", _("是")), ("false", _("否"))], required=False)
            else:
                self.fields[f"value_{ind.code}"] = forms.CharField(label=label, required=False)

    def values(self) -> dict:
        return {ind.code: self.cleaned_data.get(f"value_{ind.code}") for ind in self.indicators}


class AdjustForm(forms.Form):
    value = forms.CharField(label=_("调整后数值"))
    reason = forms.CharField(label=_("调整理由"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("决定"), choices=[("apply", _("执行")), ("dismiss", _("不予执行"))])
    reason = forms.CharField(label=_("决定理由"), required=False)
