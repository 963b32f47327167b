from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilothub.platforms.models import ServiceType

from .models import AttachmentKind, LateCancellation, Weekday


class EquipmentFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    region = forms.CharField(label=_("地区代码"), required=False, max_length=12)


class BookingRequestForm(forms.Form):
    day = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    purpose = forms.CharField(label=_("用途"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    order = forms.IntegerField(label=_("关联订单编号（可选）"), required=False)

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(datetime.datetime.combine(data["day"], data["start_time"]))
        end = timezone.make_aware(datetime.datetime.combine(data["day"], data["end_time"]))
        return start, end


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, max_length=1000)


class AmountForm(forms.Form):
    amount = forms.IntegerField(label=_("金额（元）"), min_value=1)


class ContractForm(forms.Form):
    amount = forms.IntegerField(label=_("合同金额（元）"), min_value=1)
    signed_on = forms.DateField(label=_("签约日期"), widget=forms.DateInput(attrs={"type": "date"}))
    planned_start = forms.DateField(label=_("计划开始"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    planned_end = forms.DateField(label=_("计划完成"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    service_type = forms.ModelChoiceField(label=_("服务类型（创新券按此判断是否支持）"), required=False,
                                          queryset=ServiceType.objects.all())


SCORE_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


class RatingForm(forms.Form):
    quality = forms.TypedChoiceField(label=_("服务质量"), choices=SCORE_CHOICES, coerce=int)
    timeliness = forms.TypedChoiceField(label=_("及时性"), choices=SCORE_CHOICES, coerce=int)
    price = forms.TypedChoiceField(label=_("价格"), choices=SCORE_CHOICES, coerce=int)
    communication = forms.TypedChoiceField(label=_("沟通"), choices=SCORE_CHOICES, coerce=int)
    review = forms.CharField(label=_("评价内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("回复"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类型"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("文件（PDF/DOCX/XLSX/PNG/JPG，≤20 MB）"))


class EmptyForm(forms.Form):
    pass


# --- availability settings (operators) -------------------------------------------------------------

class PolicyForm(forms.Form):
    free_cancel_hours = forms.IntegerField(label=_("免费取消截止（开始前小时数）"), min_value=0, max_value=720,
                                           error_messages={"max_value": _("不能超过 720 小时"),
                                                           "min_value": _("不能为负数")})
    late_cancellation = forms.ChoiceField(label=_("截止后取消"), choices=LateCancellation.choices)
    max_advance_days = forms.IntegerField(label=_("最多提前预约天数"), min_value=1, max_value=366,
                                          error_messages={"max_value": _("不能超过 366 天"),
                                                          "min_value": _("至少 1 天")})


class HoursForm(forms.Form):
    """Weekly hours for one target (an instrument, or the platform default): the chosen weekdays get
    the interval(s) below; saving replaces that target's whole week."""

    equipment = forms.TypedChoiceField(label=_("适用于"), coerce=int, empty_value=None, required=False)
    weekdays = forms.TypedMultipleChoiceField(label=_("开放日"), choices=Weekday.choices, coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    opens = forms.TimeField(label=_("开始"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(label=_("结束"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    opens2 = forms.TimeField(label=_("第二时段开始（可选）"), required=False,
                             widget=forms.TimeInput(attrs={"type": "time"}))
    closes2 = forms.TimeField(label=_("第二时段结束（可选）"), required=False,
                              widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, equipment_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["equipment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("平台默认（未单独设置的设备）")), *equipment_choices]

    def clean(self):
        data = super().clean() or {}
        if data.get("weekdays") and not (data.get("opens") and data.get("closes")):
            raise forms.ValidationError(_("请填写开放时段的开始和结束时间"))
        if bool(data.get("opens2")) != bool(data.get("closes2")):
            raise forms.ValidationError(_("第二时段须同时填写开始和结束时间"))
        return data

    def rows(self) -> list[tuple[int, datetime.time, datetime.time]]:
        data = self.cleaned_data
        intervals = [(data["opens"], data["closes"])] if data.get("opens") else []
        if data.get("opens2"):
            intervals.append((data["opens2"], data["closes2"]))
        return [(day, opens, closes) for day in data.get("weekdays", []) for opens, closes in intervals]


class MaintenanceForm(forms.Form):
    equipment = forms.TypedChoiceField(label=_("设备"), coerce=int)
    start = forms.DateTimeField(label=_("开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label=_("结束"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)

    def __init__(self, *args, equipment_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["equipment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(equipment_choices)


# --- voucher redemption (reviewers) ------------------------------------------------------------------

class RedemptionApproveForm(forms.Form):
    acknowledge_flags = forms.BooleanField(label=_("我已逐项核查以上风险提示"), required=False)
    note = forms.CharField(label=_("审核意见（有风险提示时必填）"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RedemptionReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PaymentBatchForm(forms.Form):
    reference = forms.CharField(label=_("拨付批次号"), max_length=64)
    paid_on = forms.DateField(label=_("拨付日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("备注"), max_length=255, required=False)
