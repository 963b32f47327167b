from __future__ import annotations

from django.shortcuts import render

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error

from .forms import MatchForm
from .selectors import match_index_status, match_platforms, match_requirements


def search(request):
    """找平台: a demand text in, ranked platforms with reasons out (the selector the API uses)."""
    form = MatchForm(request.GET or None)
    results, status, requirements, index_status = None, 200, None, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        requirements = match_requirements(data["text"]).describe()
        try:
            results = match_platforms(text=data["text"], region=data["region"] or None,
                                      service_types=[data["service_type"]] if data["service_type"] else [], top=10)
            index_status = match_index_status()
        except DomainError as error:
            add_domain_error(form, error)
    if form.is_bound and form.errors:
        status = 400
    return render(request, "matching/search.html", {"form": form, "results": results,
                                                   "requirements": requirements, "index_status": index_status},
                  status=status)
