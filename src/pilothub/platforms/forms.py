"""Forms of the registry's editing workflow. They parse input; the rules live in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.regions.selectors import region_choices

from .models import ContactVisibility, Industry, QualificationKind, ServiceType
from .selectors_manage import CHILD_KINDS


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
