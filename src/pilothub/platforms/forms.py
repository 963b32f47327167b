"""Forms of the registry's editing workflow. They parse input; the rules live in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.regions.selectors import region_choices

from .capabilities import CLEANROOM_CHOICES
from .models import (
    ContactVisibility,
    GmpStatus,
    HazardPermitKind,
    Industry,
    Platform,
    ProcessStep,
    QualificationKind,
    ServiceType,
)
from .selectors_manage import CHILD_KINDS, accreditations_for_manage, lines_for_manage


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("平台名称"), max_length=200)
    region = forms.ChoiceField(label=_("行政区划"), choices=())
    address = forms.CharField(label=_("详细地址"), max_length=255, required=False)
    # TODO(merge with reg-io): offer GCJ-02 / BD-09 input through its coordinate conversion.
    longitude = forms.FloatField(label=_("经度（WGS-84）"), required=False, min_value=-180, max_value=180)
    latitude = forms.FloatField(label=_("纬度（WGS-84）"), required=False, min_value=-90, max_value=90)
    # static/platforms/manage.js turns these into searchable multi-selects (tom-select).
    industries = forms.ModelMultipleChoiceField(label=_("产业领域"), queryset=Industry.objects.all(), required=False,
                                                to_field_name="code",
                                                widget=forms.SelectMultiple(attrs={"data-tom-select": ""}))
    service_types = forms.ModelMultipleChoiceField(label=_("服务类型"), queryset=ServiceType.objects.all(),
                                                   required=False, to_field_name="code",
                                                   widget=forms.SelectMultiple(attrs={"data-tom-select": ""}))
    independent_legal_entity = forms.BooleanField(label=_("独立法人"), required=False)
    main_business = forms.CharField(label=_("主营业务"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("平台简介"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    contact_name = forms.CharField(label=_("联系人"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=64, required=False)
    contact_email = forms.EmailField(label=_("联系邮箱"), required=False)
    contact_visibility = forms.ChoiceField(label=_("联系方式可见范围"), choices=ContactVisibility.choices,
                                           widget=forms.RadioSelect, initial=ContactVisibility.LOGGED_IN)
    open_sharing = forms.BooleanField(label=_("对外开放共享"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—")] + region_choices()  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["industries"] = [item.code for item in data.get("industries") or []]
        data["service_types"] = [item.code for item in data.get("service_types") or []]
        return data


class QualificationForm(forms.Form):
    # A blank first choice, so the empty extra row is left out instead of failing validation.
    kind = forms.ChoiceField(label=_("资质类型"), choices=[("", "—"), *QualificationKind.choices])
    number = forms.CharField(label=_("证书编号"), max_length=64)
    scope = forms.CharField(label=_("认可/认定范围"), required=False)
    valid_from = forms.DateField(label=_("有效期起"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_until = forms.DateField(label=_("有效期至"),
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


QualificationFormSet = forms.formset_factory(QualificationForm, extra=1, can_delete=True)


def qualifications_from(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The formset's kept rows as the service expects them (dates as ISO strings)."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({"kind": data["kind"], "number": data["number"], "scope": data.get("scope", ""),
                     "valid_from": data["valid_from"].isoformat() if data.get("valid_from") else None,
                     "valid_until": data["valid_until"].isoformat()})
    return rows


def child_form_class(slug: str) -> type[forms.ModelForm]:
    """A ModelForm for equipment, test services or experts (no instance: the service saves)."""
    _kind, model, fields = CHILD_KINDS[slug]
    return forms.modelform_factory(model, fields=list(fields))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), choices=[("approve", _("通过")), ("return", _("退回修改"))])
    reason = forms.CharField(label=_("审核意见（退回时必填）"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


# --------------------------------------------------------------------------- capabilities (decision 0307)
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotLineForm(forms.Form):
    name = forms.CharField(label=_("产线/工艺名称"), max_length=200)
    process_step = forms.ChoiceField(label=_("工艺环节"), choices=[("", "—"), *ProcessStep.choices])
    scale_value = forms.DecimalField(label=_("规模/批量"), required=False, max_digits=14, decimal_places=3)
    # Free text parsed by capabilities.unit_info, so 升、吨、立方米 work as well as L, t, m³.
    scale_unit = forms.CharField(label=_("单位"), required=False, max_length=16,
                                 help_text=_("如 L、mL、m³、kg、g、t、m²、件，也可写 升、吨、立方米、平方米"))
    cleanroom_class = forms.TypedChoiceField(label=_("洁净度等级（ISO 14644-1 / GB 50073）"), required=False,
                                             coerce=int, empty_value=None,
                                             choices=[("", _("无洁净要求")), *CLEANROOM_CHOICES])
    gmp_status = forms.ChoiceField(label=_("GMP 状态"), required=False, choices=GmpStatus.choices)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=_("在用（取消勾选即停用：不再出现在目录筛选和匹配中）"), required=False,
                                   initial=True)


class HazardPermitForm(forms.Form):
    kind = forms.ChoiceField(label=_("许可类型"), choices=[("", "—"), *HazardPermitKind.choices])
    line = forms.TypedChoiceField(label=_("适用产线"), required=False, coerce=int, empty_value=None, choices=())
    processes = forms.CharField(label=_("许可工艺/范围"), max_length=255, required=False)
    number = forms.CharField(label=_("许可证编号"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("发证日期"), required=False, widget=_DATE)
    valid_until = forms.DateField(label=_("有效期至"), required=False, widget=_DATE,
                                  help_text=_("长期有效的许可或备案可不填"))

    def __init__(self, *args: Any, platform: Platform, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [  # type: ignore[attr-defined]
            ("", _("整个平台")), *((line.pk, line.name) for line in lines_for_manage(platform))]


class ScopeItemForm(forms.Form):
    qualification = forms.TypedChoiceField(label=_("所属资质"), coerce=int, choices=())
    category = forms.CharField(label=_("检测对象/类别"), max_length=128)
    parameter = forms.CharField(label=_("项目/参数"), max_length=128, required=False)
    standard = forms.CharField(label=_("依据标准/方法"), max_length=255, required=False)
    limitation = forms.CharField(label=_("限制范围"), max_length=255, required=False)

    def __init__(self, *args: Any, platform: Platform, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["qualification"].choices = [  # type: ignore[attr-defined]
            ("", "—"), *((q.pk, f"{q.kind} {q.number}") for q in accreditations_for_manage(platform))]
