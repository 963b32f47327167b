from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.accounts.models import Organisation, OrganisationStatus
from pilothub.platforms.models import Industry, Platform, PlatformStatus

from .models import AllianceRole, Section
from .selectors import platform_choices_for_author


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    summary = forms.CharField(label=_("摘要"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    # Quill (content/editor.js) replaces this textarea in the browser and writes its HTML back
    # into it; without JavaScript it takes HTML as typed. nh3 cleans it in the service either way.
    body_html = forms.CharField(label=_("正文"), required=False,
                                widget=forms.Textarea(attrs={"rows": 12, "data-rich-text": "quill"}))
    industries = forms.ModelMultipleChoiceField(label=_("产业领域"), queryset=Industry.objects.all(), required=False,
                                                to_field_name="code")
    platform: forms.ModelChoiceField = forms.ModelChoiceField(label=_("中试平台"), queryset=Platform.objects.none(),
                                                              required=False)
    test_report = forms.FileField(label=_("检测/验证报告（PDF，不超过 20 MB）"), required=False,
                                  widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
    source_name = forms.CharField(label=_("来源"), max_length=200, required=False)
    source_url = forms.URLField(label=_("原文链接"), required=False, assume_scheme="https")

    def __init__(self, *args, section: str, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = platform_choices_for_author(user=user)  # type: ignore[attr-defined]
        if section not in (Section.CASE, Section.PRODUCT):
            del self.fields["platform"]
        else:
            self.fields["platform"].required = section == Section.PRODUCT
        if section != Section.PRODUCT:
            del self.fields["test_report"]
        if section != Section.NEWS:
            del self.fields["source_name"]
            del self.fields["source_url"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        platform = data.get("platform")
        return {"title": data["title"], "summary": data.get("summary", ""), "body_html": data.get("body_html", ""),
                "industry_codes": [industry.code for industry in data.get("industries") or []],
                "platform_id": platform.pk if platform else None, "test_report": data.get("test_report") or None,
                "source_name": data.get("source_name", ""), "source_url": data.get("source_url", "")}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), choices=[("publish", _("通过并发布")), ("return", _("退回修改"))])
    note = forms.CharField(label=_("审核意见（退回时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("下线原因"), widget=forms.Textarea(attrs={"rows": 2}))


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("成员单位"), required=False, queryset=Organisation.objects.filter(
        status=OrganisationStatus.APPROVED))
    platform = forms.ModelChoiceField(label=_("成员平台"), required=False, queryset=Platform.objects.filter(
        status=PlatformStatus.PUBLISHED))
    role = forms.ChoiceField(label=_("角色"), choices=AllianceRole.choices, initial=AllianceRole.MEMBER)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    region = forms.CharField(label=_("地区"), required=False)
    industry = forms.CharField(label=_("产业领域"), required=False)
