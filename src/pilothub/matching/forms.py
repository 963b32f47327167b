from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.platforms.models import ServiceType
from pilothub.regions.selectors import region_choices

from .selectors import MAX_TEXT_CHARS


class MatchForm(forms.Form):
    text = forms.CharField(label=_("需求描述"), max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("用自己的话写：要做什么、到什么规模、需要哪些检测或设备。最多 2000 字。"))
    region = forms.ChoiceField(label=_("地区（含下级）"), required=False)
    service_type = forms.ChoiceField(label=_("服务类型"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        service_type = self.fields["service_type"]
        assert isinstance(region, forms.ChoiceField) and isinstance(service_type, forms.ChoiceField)
        region.choices = [("", _("不限地区")), *region_choices()]
        service_type.choices = [("", _("不限服务类型")), *ServiceType.objects.values_list("code", "name")]
