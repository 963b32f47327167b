"""Background job kinds of matching (see core.jobs): rebuilding the match index from the UI."""

from __future__ import annotations

import re

from pilothub.core.errors import DomainError, forbidden
from pilothub.core.jobs import JobResult, JobScope, Progress, register_job_kind
from pilothub.core.models import JobKind

# The rebuild reports phases as text (index.build_snapshot); the job page shows them on a bar of
# 100 steps: reading platforms 0–40, tokens and BM25 50, embedding 50–90, vectors 95, snapshot 99.
_COUNT = re.compile(r"(\d+)/(\d+)")


def _phase_step(message: str, reached: int) -> int:
    count = _COUNT.search(message)
    fraction = int(count.group(1)) / int(count.group(2)) if count and int(count.group(2)) else 1.0
    if message.startswith("读取平台"):
        step = int(40 * fraction)
    elif message.startswith("分词"):
        step = 50
    elif message.startswith("嵌入"):
        step = 50 + int(40 * fraction)
    elif message.startswith("向量"):
        step = 95
    elif message.startswith("快照"):
        step = 99
    else:
        step = reached
    return max(step, reached)  # the bar never goes back


def prepare_admin_only(*, user, params) -> JobScope:
    if not user.is_system_admin:
        raise forbidden("重建匹配索引", "rebuild the matching index")
    return JobScope(key="system", label="全部已发布平台")


# Not atomic: the build reads for long and stores vectors as it embeds; a failure leaves the
# current index and snapshot in service (the snapshot is written only at the end).
@register_job_kind(JobKind.MATCH_INDEX_REBUILD, prepare=prepare_admin_only, atomic=False)
def match_index_rebuild_job(*, params, user, progress: Progress) -> JobResult:
    from .services import match_index_rebuild

    reached = 0

    def say(message: str) -> None:
        nonlocal reached
        reached = _phase_step(message, reached)
        progress(reached, 100, message)

    stats = match_index_rebuild(progress=say, embed=True)
    if "skipped" in stats:
        raise DomainError("rebuild_running", "另一个匹配索引重建正在进行（例如命令行），本次未执行",
                          "Another rebuild of the matching index is running; this one did nothing")
    progress(100, 100, "完成 done")
    return JobResult(summary={"platforms": stats["platforms"], "with_vectors": stats["with_vectors"],
                              "encoder": stats["encoder"] or "", "generation": stats["generation"] or ""})
