"""Forms for the demand and challenge pages. They only shape input; rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.platforms.models import Industry, Platform, PlatformStatus, ServiceType
from pilothub.regions.selectors import region_choices

from .models import DemandStatus, DemandVisibility


def _set_choices(field: forms.Field, choices: list) -> None:
    field.choices = choices  # type: ignore[attr-defined]  # every caller passes a ChoiceField


def _industry_choices() -> list:
    return [("", _("全部"))] + [(i.pk, i.name) for i in Industry.objects.all()]


def _service_type_choices() -> list[tuple[str, str]]:
    return [(s.pk, s.name) for s in ServiceType.objects.all()]


class DemandFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    industry = forms.ChoiceField(label=_("产业领域"), required=False)
    service_type = forms.ChoiceField(label=_("服务类型"), required=False)
    region = forms.ChoiceField(label=_("地区（含下级）"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部"))] + [c for c in DemandStatus.choices if c[0] != "draft"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["industry"], _industry_choices())
        _set_choices(self.fields["service_type"], [("", _("全部"))] + _service_type_choices())
        _set_choices(self.fields["region"], [("", _("全部"))] + region_choices())


class DemandForm(forms.Form):
    title = forms.CharField(label=_("需求标题"), max_length=200)
    text = forms.CharField(label=_("需求描述"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("不超过 5000 字：工艺/产品、规模、所需设备或资质、交付要求等。"))
    confidential_details = forms.CharField(
        label=_("保密详情（可选）"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("只有您授权的平台才能看到：配方、工艺参数、图纸要点等。上面的需求描述是公开摘要，请勿写入保密内容。"))
    requires_undertaking = forms.BooleanField(label=_("平台查看保密详情前须签署保密承诺"), required=False)
    industry = forms.ChoiceField(label=_("产业领域"), required=False)
    service_types = forms.MultipleChoiceField(label=_("所需服务类型"), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    budget_min = forms.IntegerField(label=_("预算下限（元）"), required=False, min_value=0)
    budget_max = forms.IntegerField(label=_("预算上限（元）"), required=False, min_value=0)
    deadline = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    region_preference = forms.ChoiceField(label=_("地区偏好"), required=False)
    visibility = forms.ChoiceField(label=_("可见范围"), choices=DemandVisibility.choices)
    invited_platforms = forms.MultipleChoiceField(label=_("受邀平台（仅受邀平台可见时）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["industry"], _industry_choices())
        _set_choices(self.fields["service_types"], _service_type_choices())
        _set_choices(self.fields["region_preference"], [("", _("不限"))] + region_choices())
        _set_choices(self.fields["invited_platforms"], [
            (str(p.pk), p.name) for p in Platform.objects.filter(status=PlatformStatus.PUBLISHED).only("pk", "name")])


class ConfidentialForm(forms.Form):
    confidential_details = forms.CharField(label=_("保密详情"), required=False,
                                           widget=forms.Textarea(attrs={"rows": 6}))
    requires_undertaking = forms.BooleanField(label=_("平台查看保密详情前须签署保密承诺"), required=False)


class QuoteForm(forms.Form):
    platform = forms.ChoiceField(label=_("报价平台"))
    price = forms.IntegerField(label=_("报价（元）"), min_value=0)
    duration_days = forms.IntegerField(label=_("服务周期（天）"), min_value=1)
    conditions = forms.CharField(label=_("服务条件"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["platform"], [(str(p.pk), p.name) for p in platforms])


class MessageForm(forms.Form):
    body = forms.CharField(label=_("留言"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ChallengeForm(forms.Form):
    region = forms.ChoiceField(label=_("发榜地区"))
    title = forms.CharField(label=_("榜单名称"), max_length=200)
    task = forms.CharField(label=_("攻关任务"), widget=forms.Textarea(attrs={"rows": 5}))
    indicators = forms.CharField(label=_("目标指标（每行一项）"), widget=forms.Textarea(attrs={"rows": 4}))
    bounty = forms.IntegerField(label=_("榜单金额（元）"), min_value=0)
    deadline = forms.DateField(label=_("揭榜截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    eligibility = forms.CharField(label=_("揭榜条件"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rubric = forms.CharField(label=_("评分细则（每行“名称:权重”）"), widget=forms.Textarea(attrs={"rows": 4}),
                             initial="技术方案:40\n团队能力:30\n实施计划:20\n经费合理性:10")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["region"], region_choices())

    def rubric_items(self) -> list[dict]:
        items = []
        for line in self.cleaned_data["rubric"].splitlines():
            if line.strip():
                name, _sep, weight = line.replace("：", ":").partition(":")
                items.append({"name": name.strip(), "weight": weight.strip()})
        return items

    def indicator_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["indicators"].splitlines() if line.strip()]


class ApplicationForm(forms.Form):
    team_name = forms.CharField(label=_("团队名称"), max_length=200)
    platform = forms.ChoiceField(label=_("依托平台（可选）"), required=False)
    proposal = forms.CharField(label=_("揭榜方案"), widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label=_("方案附件（PDF/Word/Excel，≤ 20 MB）"), required=False)

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["platform"], [("", _("无"))] + [(str(p.pk), p.name) for p in platforms])


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("里程碑"), max_length=200)
    due_date = forms.DateField(label=_("计划完成日期"), widget=forms.DateInput(attrs={"type": "date"}))


class EvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("完成佐证"), widget=forms.Textarea(attrs={"rows": 3}))
