from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AttachmentKind


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
