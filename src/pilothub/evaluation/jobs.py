"""Background job kinds of evaluation (see core.jobs): every result report of a round as one ZIP."""

from __future__ import annotations

import io
import re
import zipfile

from pilothub.accounts.scoping import user_governs_path
from pilothub.core.errors import DomainError, not_found
from pilothub.core.jobs import JobResult, JobScope, Progress, register_job_kind
from pilothub.core.models import JobKind

_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


def _round_for(*, user, params):
    from .models import EvaluationRound

    try:
        round_id = int(params.get("round_id"))
    except (TypeError, ValueError):
        raise DomainError("invalid", "请指定年度评估", "Give the evaluation round (round_id)", field="round_id") from None
    round_ = EvaluationRound.objects.select_related("region").filter(pk=round_id).first()
    # Reviewers of the round's region (or a region above it) and administrators.
    if round_ is None or not user_governs_path(user, round_.region.path):
        raise not_found("年度评估", "Evaluation round")
    return round_


def prepare_round_reports(*, user, params) -> JobScope:
    round_ = _round_for(user=user, params=params)
    if not round_.results.exists():
        raise DomainError("no_results", "本年度评估尚未评分，没有可打包的报告",
                          "The round has not been scored: there are no reports to bundle")
    return JobScope(region_path=round_.region.path, key=f"evaluation.round:{round_.pk}", label=str(round_),
                    parameters={"round_id": round_.pk})


def report_entry_name(result) -> str:
    """The file name of one report inside the ZIP: rank, platform, result id (unique)."""
    name = _UNSAFE.sub("_", result.platform.name).strip(" .") or "platform"
    rank = f"{result.rank_in_region:03d}" if result.rank_in_region else "000"
    return f"{rank}-{name[:80]}-{result.pk}.pdf"


# Read-only, so no transaction: on SQLite (BEGIN IMMEDIATE) one would hold the write lock for
# as long as the PDFs take to render.
@register_job_kind(JobKind.EVALUATION_ROUND_REPORTS, prepare=prepare_round_reports, atomic=False)
def round_reports_job(*, params, user, progress: Progress) -> JobResult:
    from .report import result_report_pdf
    from .selectors import round_results

    round_ = _round_for(user=user, params=params)  # the requester may have lost the scope since
    results = list(round_results(round_=round_).select_related("round__region", "platform__operator"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, result in enumerate(results, start=1):
            archive.writestr(report_entry_name(result), result_report_pdf(result))
            progress(done, len(results), result.platform.name)
    return JobResult(content=buffer.getvalue(), filename=f"{round_.region.name}-{round_.year}-年度效能评估报告.zip",
                     content_type="application/zip", summary={"reports": len(results)})
