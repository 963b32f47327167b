from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error

from . import login_steps, two_factor
from .forms import EnrolCodeForm, LoginCodeForm, PasswordChangeForm, RegistrationForm, ReviewForm, TokenForm
from .models import ApiToken, User
from .selectors import organisation_get_for_user, organisation_list_for_review
from .services import account_password_change, account_register, organisation_review
from .tokens import api_token_create, api_token_revoke

ENROL_KEY_SESSION = "_pilothub_totp_key"


def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = account_register(role=data["role"], username=data["username"], password=data["password"],
                                    email=data["email"], display_name=data["display_name"],
                                    organisation_name=data["organisation_name"], credit_code=data["credit_code"],
                                    region_code=data["region"], is_sme=data["is_sme"],
                                    is_tech_sme=data["is_tech_sme"], phone=data["phone"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("注册成功。您的单位正在等待所在地区政府审核人员审核，审核通过后即可发布信息。"))
            return redirect("core:home")
    return render(request, "accounts/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def review_queue(request):
    try:
        organisations = organisation_list_for_review(user=request.user, status=request.GET.get("status", "pending"))
    except DomainError as error:
        return render(request, "core/error.html", {"error": error}, status=error.status_code)
    return render(request, "accounts/review_queue.html", {"organisations": organisations, "form": ReviewForm()})


@login_required
@require_POST
def review_organisation(request, organisation_id: int):
    try:
        organisation = organisation_get_for_user(organisation_id=organisation_id, user=request.user)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            raise DomainError("invalid", _("请选择审核结论"), "Choose a decision", field="decision")
        organisation_review(organisation=organisation, reviewer=request.user,
                            approve=form.cleaned_data["decision"] == "approve", note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:review_queue")
    messages.success(request, _("已保存审核结论：%(name)s") % {"name": organisation.name})
    return redirect("accounts:review_queue")


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=request.user)})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("令牌已吊销"))
    return redirect("accounts:tokens")


class PasswordLoginView(LoginView):
    """Step 1: the password. Users with an authenticator continue to login_otp before login()."""

    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.two_factor_enabled(user):
            login_steps.pending_start(self.request, user=user, backend=user.backend,
                                      next_url=self.get_success_url())
            return redirect("accounts:login_otp")
        return super().form_valid(form)


def login_otp(request):
    """Step 2: the authenticator code (or a recovery code). Wrong codes count towards the lockout."""
    pending = login_steps.pending_get(request)
    user = User.objects.filter(pk=pending["user_id"], is_active=True).first() if pending else None
    if pending is None or user is None:
        login_steps.pending_clear(request)
        messages.info(request, _("请先输入用户名和密码。"))
        return redirect("accounts:login")
    credentials = {"username": user.username}
    if _locked_out(request, credentials):
        login_steps.pending_clear(request)
        return _lockout_response(request, credentials)
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, problem = two_factor.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            login_steps.pending_clear(request)
            user.otp_device = device  # type: ignore[attr-defined]  # django-otp records the verified device in the session at login()
            login(request, user, backend=pending["backend"])
            if isinstance(device, two_factor.HashedRecoveryDevice):
                messages.warning(request, _("您使用了一个恢复码，还剩 %(left)d 个。请尽快在“账号安全”中重新生成恢复码。")
                                 % {"left": two_factor.recovery_codes_left(user)})
            next_url = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
                next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
            return redirect(login_steps.next_step_url(request, next_url))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            login_steps.pending_clear(request)
            return _lockout_response(request, credentials)
        form.add_error("code", _("尝试过于频繁，请稍后再试。") if problem == "throttled"
                       else _("验证码不正确，请重新输入。"))
    return render(request, "accounts/login_otp.html", {"form": form}, status=400 if form.errors else 200)


def _locked_out(request, credentials: dict) -> bool:
    if not getattr(settings, "AXES_ENABLED", True):
        return False
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials)


def _lockout_response(request, credentials: dict):
    from axes.helpers import get_lockout_response

    request.axes_locked_out = False  # answered here; AxesMiddleware need not replace it again
    return get_lockout_response(request, None, credentials)


@login_required
def account_security(request):
    """Two-factor status and enrolment (QR code and secret as text), recovery codes, password."""
    user = request.user
    enabled = two_factor.two_factor_enabled(user)
    form = EnrolCodeForm(request.POST or None)
    context: dict = {"enabled": enabled, "required": two_factor.two_factor_required(user), "form": form}
    if not enabled:
        key = request.session.get(ENROL_KEY_SESSION) or two_factor.new_secret_key()
        request.session[ENROL_KEY_SESSION] = key
        if request.method == "POST" and form.is_valid():
            try:
                device, codes = two_factor.two_factor_enrol(user=user, key_hex=key, code=form.cleaned_data["code"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                del request.session[ENROL_KEY_SESSION]
                user.otp_device = device  # type: ignore[attr-defined]
                from django_otp import login as otp_login

                otp_login(request, device)
                login_steps.mark_verified(request)
                messages.success(request, _("双因素认证已启用。"))
                return render(request, "accounts/recovery_codes.html", {
                    "codes": codes, "next_url": login_steps.next_step_url(request, resolve_url(settings.LOGIN_REDIRECT_URL))})
        uri = two_factor.provisioning_uri(user=user, key_hex=key)
        context.update({"qr_code": two_factor.qr_code_data_uri(uri), "secret": two_factor.secret_as_text(key),
                        "uri": uri})
    else:
        context["recovery_codes_left"] = two_factor.recovery_codes_left(user)
    return render(request, "accounts/security.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def recovery_codes(request):
    try:
        codes = two_factor.recovery_codes_regenerate(user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:two_factor")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": reverse("accounts:two_factor")})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect(login_steps.next_step_url(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
    expired = login_steps.owed_step(request) == login_steps.PASSWORD_CHANGE
    return render(request, "accounts/password_change.html", {"form": form, "expired": expired},
                  status=400 if form.errors else 200)
