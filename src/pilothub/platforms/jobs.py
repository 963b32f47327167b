"""Background job kinds of the registry (see core.jobs): the search index rebuild and the PDF of
a large supply list."""

from __future__ import annotations

from django.conf import settings

from pilothub.core.errors import DomainError, forbidden
from pilothub.core.jobs import JobResult, JobScope, Progress, register_job_kind
from pilothub.core.models import JobKind


def prepare_search_rebuild(*, user, params) -> JobScope:
    if not user.is_system_admin:
        raise forbidden("重建全文检索索引", "rebuild the search index")
    return JobScope(key="system", label="全部平台")


# The rebuild is one transaction of its own (the index is never seen half-built).
@register_job_kind(JobKind.SEARCH_INDEX_REBUILD, prepare=prepare_search_rebuild, atomic=False)
def search_index_rebuild_job(*, params, user, progress: Progress) -> JobResult:
    from .search import search_index_rebuild

    progress(0, 1, "读取平台 reading platforms")
    count = search_index_rebuild(progress=lambda done, total: progress(done, total, f"已索引 indexed {done}/{total}"))
    if count == 0:
        progress(1, 1, "没有平台 no platforms")
    return JobResult(summary={"platforms": count})


def supply_pdf_job_min_rows() -> int:
    """From this many platforms on, the release page offers the PDF as a background job."""
    return int(getattr(settings, "PILOTHUB_SUPPLY_PDF_JOB_MIN_ROWS", 300))


def _release_id(params) -> int:
    try:
        return int(params.get("release_id"))
    except (TypeError, ValueError):
        raise DomainError("invalid", "请指定供给清单", "Give the supply list (release_id)", field="release_id") from None


def prepare_supply_pdf(*, user, params) -> JobScope:
    from .supply import supply_list_get

    release = supply_list_get(release_id=_release_id(params))  # published lists are public
    return JobScope(region_path=release.region.path, key=f"platforms.supplylistrelease:{release.pk}",
                    label=release.title, parameters={"release_id": release.pk})


# Each requester gets their own job: the PDF shows contacts according to who asks. Read-only, so
# no transaction (on SQLite one would hold the write lock while the PDF renders).
@register_job_kind(JobKind.SUPPLY_LIST_PDF, prepare=prepare_supply_pdf, per_user=True, atomic=False)
def supply_list_pdf_job(*, params, user, progress: Progress) -> JobResult:
    from .supply import supply_list_filename, supply_list_get, supply_list_pdf

    release = supply_list_get(release_id=_release_id(params))
    progress(0, 1, f"生成 PDF：{release.platform_count} 个平台")
    pdf = supply_list_pdf(release, user=user)
    progress(1, 1, "完成")
    return JobResult(content=pdf, filename=supply_list_filename(release, ".pdf"), content_type="application/pdf",
                     summary={"platforms": release.platform_count})
