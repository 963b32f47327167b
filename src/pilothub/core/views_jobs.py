"""Pages of background jobs: my jobs, one job with its progress, its result, and the admins'
maintenance page (decision 1100)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .errors import forbidden, not_found
from .jobs import job_error_message, job_get_for_user, job_list_for_user, start_job
from .models import JobKind
from .views import domain_errors

SUMMARY_LABELS = {
    "platforms": gettext_lazy("平台数"),
    "with_vectors": gettext_lazy("有向量的平台"),
    "encoder": gettext_lazy("编码模型"),
    "generation": gettext_lazy("索引快照"),
    "reports": gettext_lazy("报告数"),
}
MAINTENANCE_KINDS: list[str] = [JobKind.MATCH_INDEX_REBUILD, JobKind.SEARCH_INDEX_REBUILD]


def _job_context(job) -> dict:
    summary = [(SUMMARY_LABELS.get(key, key), value) for key, value in job.result_summary.items()]
    return {"job": job, "summary": summary, "error_message": job_error_message(job)}


@login_required
@domain_errors
def job_list(request):
    jobs = job_list_for_user(user=request.user)
    page = Paginator(jobs, 30).get_page(request.GET.get("page"))
    return render(request, "core/jobs/list.html", {"page": page, "show_requester": request.user.is_system_admin})


@login_required
@domain_errors
def job_detail(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    return render(request, "core/jobs/detail.html", _job_context(job))


@login_required
@domain_errors
def job_progress(request, job_id: int):
    """The htmx fragment the job page polls every 2 seconds until the job has finished."""
    job = job_get_for_user(job_id=job_id, user=request.user)
    return render(request, "core/jobs/_progress.html", _job_context(job))


@login_required
@domain_errors
def job_download(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    if not job.has_result:
        raise not_found("任务结果文件", "Job result file")
    response = FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name or "result",
                            content_type=job.result_content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@domain_errors
def job_start(request, kind: str):
    params = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    job = start_job(kind, request.user, **params)
    if getattr(job, "already_running", False):
        messages.info(request, _("相同的任务正在进行，已为您打开该任务。"))
    return redirect("core:job_detail", job_id=job.pk)


@login_required
@domain_errors
def maintenance(request):
    if not request.user.is_system_admin:
        raise forbidden("进行系统维护", "do system maintenance")
    jobs = job_list_for_user(user=request.user, kinds=MAINTENANCE_KINDS)[:10]
    return render(request, "core/maintenance.html", {"jobs": jobs, "kinds": JobKind})
