from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error

from .forms import RegistrationForm, ReviewForm, TokenForm
from .models import ApiToken
from .selectors import organisation_get_for_user, organisation_list_for_review
from .services import account_register, organisation_review
from .tokens import api_token_create, api_token_revoke


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
