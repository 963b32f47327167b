from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilothub.regions.selectors import region_choices

from .credit_code import credit_code_problem
from .models import Role


class RegistrationForm(forms.Form):
    role = forms.ChoiceField(label=_("账号类型"), choices=[(Role.ENTERPRISE, _("企业用户（发布需求、预约设备）")),
                                                          (Role.OPERATOR, _("平台运营方（维护平台、提供服务）"))])
    organisation_name = forms.CharField(label=_("单位名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, min_length=18)
    region = forms.ChoiceField(label=_("所在地区"))
    is_sme = forms.BooleanField(label=_("中小微企业"), required=False)
    is_tech_sme = forms.BooleanField(label=_("科技型中小企业"), required=False)
    display_name = forms.CharField(label=_("联系人姓名"), max_length=64)
    phone = forms.CharField(label=_("手机"), max_length=32, required=False)
    email = forms.EmailField(label=_("电子邮箱"))
    username = forms.RegexField(label=_("用户名"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _("用户名只能包含字母、数字和 @/./+/-/_")})
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, min_length=10)
    password_again = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = region_choices()

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        problem = credit_code_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致"))
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), choices=[("approve", _("通过")), ("reject", _("不予通过"))])
    note = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("令牌用途"), max_length=100, required=False)


class LoginCodeForm(forms.Form):
    code = forms.CharField(label=_("动态验证码或恢复码"), max_length=32,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text",
                                                         "autofocus": True}),
                           help_text=_("身份验证器上显示的 6 位数字；手机丢失时可输入一个恢复码（每个只能用一次）。"))


class EnrolCodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
                           help_text=_("扫码或输入密钥后，身份验证器上显示的 6 位数字。"))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    new_password2 = forms.CharField(label=_("确认新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("当前密码不正确"))
        return old

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("new_password1") and cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("两次输入的密码不一致"))
        return cleaned
