from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from pilothub.core.errors import DomainError

from .selectors import audit_event_list_for_user


def domain_errors(view):
    """Render a DomainError raised by a gate or service as the error page with its status."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            return render(request, "core/error.html", {"error": error}, status=error.status_code)

    return wrapper


def home(request):
    return render(request, "core/home.html")


@login_required
def audit_log(request):
    try:
        events = audit_event_list_for_user(user=request.user, object_type=request.GET.get("type", ""),
                                           object_id=request.GET.get("id", ""), action=request.GET.get("action", ""))
    except DomainError as error:
        return render(request, "core/error.html", {"error": error}, status=error.status_code)
    page = Paginator(events.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page})
