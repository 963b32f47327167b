"""Background jobs (core.jobs): progress, failure, the duplicate guard, who may see a job, the
job page's htmx fragment, the download, the status API and the maintenance page's rebuilds."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from pilothub.core import jobs
from pilothub.core.errors import DomainError
from pilothub.core.jobs import JobKindSpec, JobResult, JobScope, job_get_for_user, start_job
from pilothub.core.models import AuditEvent, BackgroundJob, JobKind, JobStatus, Notification
from pilothub.testing.factories import PlatformFactory, UserFactory, admin, region, reviewer

pytestmark = pytest.mark.django_db

KIND = JobKind.SEARCH_INDEX_REBUILD  # the kind whose registry entry the tests replace


def _huairou_scope(*, user, params) -> JobScope:
    if not (user.is_system_admin or user.is_reviewer):
        raise DomainError("forbidden", "您无权发起此任务", "You may not start this job", status_code=403)
    return JobScope(region_path=region("110116").path, key=f"test:{params.get('n', 0)}", label="怀柔测试",
                    parameters={"n": int(params.get("n", 0))})


def _register(monkeypatch, run, *, atomic=True, per_user=False, prepare=_huairou_scope):
    monkeypatch.setitem(jobs._REGISTRY, KIND, JobKindSpec(kind=KIND, prepare=prepare, run=run, atomic=atomic,
                                                          per_user=per_user))


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _run(job: BackgroundJob) -> BackgroundJob:
    jobs.job_execute(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_a_runner_of_three_steps_ends_with_three_steps_done_and_the_poll_saw_each(monkeypatch):
    huairou_reviewer = reviewer("110116")
    seen = []

    def run(*, params, user, progress):
        for step in range(1, 4):
            progress(step, 3, f"第{step}步")
            # What the job page would show at this moment (the selector of the page and the API).
            live = job_get_for_user(job_id=job.pk, user=huairou_reviewer)
            seen.append((live.status, live.steps_done, live.steps_total, live.step_message, live.percent))
        return JobResult(content=b"abc", filename="结果.txt", content_type="text/plain", summary={"platforms": 3})

    _register(monkeypatch, run)
    job = start_job(KIND, huairou_reviewer, n=1)
    assert (job.status, job.steps_done, job.requested_by, job.parameters) == ("pending", 0, huairou_reviewer, {"n": 1})
    job = _run(job)
    assert seen == [("running", 1, 3, "第1步", 33), ("running", 2, 3, "第2步", 66), ("running", 3, 3, "第3步", 100)]
    assert (job.status, job.steps_done, job.steps_total, job.step_message) == ("done", 3, 3, "第3步")
    assert job.started_at is not None and job.finished_at is not None and job.finished_at >= job.started_at
    assert (job.result_name, job.result_size, job.result_summary) == ("结果.txt", 3, {"platforms": 3})
    assert job.result_file.name.startswith("jobs/") and job.result_file.name.endswith(".txt")
    assert job.result_file.read() == b"abc"
    assert "结果" not in job.result_file.name  # the stored name is generated, not the download name


def test_progress_is_written_to_the_row_when_no_transaction_is_open(monkeypatch):
    rows = []

    def run(*, params, user, progress):
        progress(1, 2, "一半")
        rows.append(BackgroundJob.objects.values_list("steps_done", "steps_total", "step_message").get(pk=job.pk))
        return None

    _register(monkeypatch, run, atomic=False)
    job = start_job(KIND, admin())
    monkeypatch.setattr(jobs, "_in_transaction", lambda: False)  # as in a worker, outside the test transaction
    job = _run(job)
    assert rows == [(1, 2, "一半")]
    assert (job.status, job.steps_done, bool(job.result_file)) == ("done", 1, False)


def test_a_failing_runner_ends_failed_with_its_message_no_result_and_its_writes_undone(monkeypatch):
    user = reviewer("110116")

    def run(*, params, user, progress):
        progress(1, 4, "读取")
        Notification.objects.create(recipient=user, title="不应保留")
        raise DomainError("no_data", "没有可处理的数据", "There is nothing to process")

    _register(monkeypatch, run)
    job = _run(start_job(KIND, user))
    assert (job.status, job.error_zh, job.error_en) == ("failed", "没有可处理的数据", "There is nothing to process")
    assert (job.steps_done, job.steps_total, job.step_message) == (1, 4, "读取")
    assert not job.result_file and job.result_summary == {} and job.result_size == 0
    assert not Notification.objects.exists()
    assert not BackgroundJob.objects.filter(status__in=["pending", "running"]).exists()


def test_an_unexpected_error_fails_the_job_with_a_generic_message(monkeypatch, caplog):
    def run(*, params, user, progress):
        raise RuntimeError("disk full at /srv/secret")

    _register(monkeypatch, run)
    job = _run(start_job(KIND, admin()))
    assert job.status == "failed" and job.error_zh == "任务执行时发生内部错误，请联系管理员"
    assert "secret" not in job.error_zh + job.error_en
    assert "disk full" in caplog.text


def test_a_second_start_of_the_same_kind_and_scope_returns_the_running_job(monkeypatch):
    _register(monkeypatch, lambda **kw: None)
    first_user, second_user = reviewer("110116"), reviewer("110000")
    first = start_job(KIND, first_user, n=1)  # pending: the test transaction never commits
    again = start_job(KIND, second_user, n=1)
    assert again.pk == first.pk and again.already_running and not first.already_running
    other_scope = start_job(KIND, second_user, n=2)
    assert other_scope.pk != first.pk
    assert BackgroundJob.objects.count() == 2
    assert AuditEvent.objects.filter(action="job_start").count() == 2
    start = AuditEvent.objects.filter(action="job_start", object_id=str(first.pk)).get()
    assert (start.actor, start.region_path, start.after["kind"]) == (first_user, "/110000/110116/", KIND)
    _run(first)
    fresh = start_job(KIND, second_user, n=1)  # the first one has finished: a new job
    assert fresh.pk not in (first.pk, other_scope.pk) and not fresh.already_running


def test_the_database_refuses_a_second_active_job_of_the_same_scope(monkeypatch):
    from django.db import IntegrityError, transaction

    _register(monkeypatch, lambda **kw: None)
    job = start_job(KIND, admin(), n=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        BackgroundJob.objects.create(kind=KIND, scope_key=job.scope_key, status=JobStatus.RUNNING)


def test_a_stale_job_is_taken_as_lost_and_a_new_one_starts(monkeypatch):
    _register(monkeypatch, lambda **kw: None)
    user = admin()
    old = start_job(KIND, user, n=1)
    BackgroundJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=7))
    new = start_job(KIND, user, n=1)
    old.refresh_from_db()
    assert new.pk != old.pk and old.status == "failed" and "中断" in old.error_zh


def test_per_user_kinds_give_each_requester_a_job(monkeypatch):
    _register(monkeypatch, lambda **kw: None, per_user=True)
    one, two = reviewer("110116"), reviewer("110116")
    assert start_job(KIND, one).pk != start_job(KIND, two).pk
    assert start_job(KIND, one).already_running


def test_a_refused_start_records_nothing(monkeypatch):
    _register(monkeypatch, lambda **kw: None)
    with pytest.raises(DomainError):
        start_job(KIND, UserFactory())
    with pytest.raises(DomainError) as unknown:
        start_job("no_such_kind", admin())
    assert unknown.value.status_code == 404
    assert not BackgroundJob.objects.exists() and not AuditEvent.objects.filter(action="job_start").exists()


# --- who may see a job ----------------------------------------------------------------------------

def _finished_job(*, requested_by, region_path="/110000/110116/", content=b"PK-result") -> BackgroundJob:
    from django.core.files.base import ContentFile

    job = BackgroundJob.objects.create(kind=JobKind.EVALUATION_ROUND_REPORTS, requested_by=requested_by,
                                       status=JobStatus.DONE, scope_region_path=region_path, scope_key="r:1",
                                       scope_label="怀柔区 2025 年度效能评估", steps_done=2, steps_total=2,
                                       result_name="怀柔区-2025-报告.zip", result_content_type="application/zip",
                                       result_size=len(content), result_summary={"reports": 2},
                                       finished_at=timezone.now())
    job.result_file.save("t.zip", ContentFile(content))
    return job


@pytest.mark.parametrize(("who", "sees"), [
    ("requester", True), ("admin", True), ("reviewer of the region", True), ("reviewer of the city above", True),
    ("reviewer of a county beside", False), ("reviewer elsewhere", False), ("enterprise", False),
    ("anonymous", False)])
def test_who_may_see_a_regional_job(client, who, sees):
    requester = reviewer("110116")
    job = _finished_job(requested_by=requester)
    users = {"requester": requester, "admin": admin(), "reviewer of the region": reviewer("110116"),
             "reviewer of the city above": reviewer("110000"), "reviewer of a county beside": reviewer("110108"),
             "reviewer elsewhere": reviewer("330400"), "enterprise": UserFactory()}
    if who != "anonymous":
        client.force_login(users[who])
    pages = [reverse("core:job_detail", args=[job.pk]), reverse("core:job_progress", args=[job.pk]),
             reverse("core:job_download", args=[job.pk]), f"/api/v1/jobs/{job.pk}"]
    statuses = [client.get(path).status_code for path in pages]
    if sees:
        assert statuses == [200, 200, 200, 200]
    elif who == "anonymous":
        assert statuses == [302, 302, 302, 401]
    else:
        assert statuses == [404, 404, 404, 404]


def test_a_system_job_is_for_its_requester_and_administrators_only(client):
    requester = admin()
    job = _finished_job(requested_by=requester, region_path="")
    client.force_login(reviewer("110000"))
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    client.force_login(admin())
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 200


def test_the_jobs_list_shows_ones_own_jobs_and_administrators_all(client):
    mine, theirs = reviewer("110116"), reviewer("110116")
    own = _finished_job(requested_by=mine)
    other = _finished_job(requested_by=theirs)
    client.force_login(mine)
    body = client.get(reverse("core:jobs")).content.decode()
    assert reverse("core:job_detail", args=[own.pk]) in body
    assert reverse("core:job_detail", args=[other.pk]) not in body
    client.force_login(admin())
    body = client.get(reverse("core:jobs")).content.decode()
    assert reverse("core:job_detail", args=[own.pk]) in body and reverse("core:job_detail", args=[other.pk]) in body


# --- the page, its htmx fragment, the download and the API --------------------------------------------

def test_the_fragment_polls_every_two_seconds_while_running_and_stops_when_done(client):
    user = reviewer("110116")
    job = BackgroundJob.objects.create(kind=JobKind.EVALUATION_ROUND_REPORTS, requested_by=user,
                                       status=JobStatus.RUNNING, scope_region_path="/110000/110116/",
                                       scope_key="r:9", steps_done=1, steps_total=4, step_message="南湖中试平台")
    client.force_login(user)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    fragment = client.get(reverse("core:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    url = reverse("core:job_progress", args=[job.pk])
    for html in (page, fragment):
        assert f'hx-get="{url}"' in html and 'hx-trigger="every 2s"' in html and 'hx-swap="outerHTML"' in html
        assert '<progress max="100" value="25">' in html and "南湖中试平台" in html
    assert "<html" not in fragment and "<html" in page
    cache.set(jobs._progress_key(job.pk), (3, 4, "嘉兴中试平台"))  # the runner is ahead of the row
    fragment = client.get(url).content.decode()
    assert '<progress max="100" value="75">' in fragment and "嘉兴中试平台" in fragment
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, steps_done=4, result_summary={"reports": 4})
    fragment = client.get(url).content.decode()
    assert "hx-trigger" not in fragment and "<progress" not in fragment
    assert "任务已完成" in fragment and "报告数：<span>4</span>" in fragment
    assert 'id="job-download"' not in fragment  # no file


def test_a_failed_job_shows_its_error_in_the_active_language(client):
    user = admin()
    job = BackgroundJob.objects.create(kind=JobKind.MATCH_INDEX_REBUILD, requested_by=user, status=JobStatus.FAILED,
                                       error_zh="另一个重建正在进行", error_en="Another rebuild is running")
    client.force_login(user)
    body = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert 'id="job-error"' in body and "另一个重建正在进行" in body and "hx-trigger" not in body
    body = client.get(reverse("core:job_progress", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Another rebuild is running" in body


def test_the_download_serves_the_result_as_an_attachment(client):
    user = reviewer("110116")
    job = _finished_job(requested_by=user, content=b"PK\x03\x04zip-bytes")
    client.force_login(user)
    detail = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert reverse("core:job_download", args=[job.pk]) in detail
    response = client.get(reverse("core:job_download", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK\x03\x04zip-bytes"
    assert response["Content-Type"] == "application/zip" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E6%80%80%E6%9F%94%E5%8C%BA-2025-%E6%8A%A5%E5%91%8A.zip" in response["Content-Disposition"]


def test_the_download_of_a_job_without_a_file_is_404(client):
    user = admin()
    job = BackgroundJob.objects.create(kind=JobKind.MATCH_INDEX_REBUILD, requested_by=user, status=JobStatus.RUNNING)
    client.force_login(user)
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def test_the_status_api(client):
    user = reviewer("110116")
    job = _finished_job(requested_by=user)
    client.force_login(user)
    body = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert {k: body[k] for k in ("id", "kind", "status", "steps_done", "steps_total", "percent", "result", "error",
                                 "download_url", "scope")} == {
        "id": job.pk, "kind": "evaluation_round_reports", "status": "done", "steps_done": 2, "steps_total": 2,
        "percent": 100, "result": {"reports": 2}, "error": None,
        "download_url": reverse("core:job_download", args=[job.pk]), "scope": "怀柔区 2025 年度效能评估"}
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error_zh="失败了", error_en="It failed")
    body = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert (body["status"], body["error"], body["download_url"]) == (
        "failed", {"message_zh": "失败了", "message_en": "It failed"}, None)


# --- the maintenance page and the two rebuilds ------------------------------------------------------

def test_the_maintenance_page_is_for_administrators(client):
    client.force_login(reviewer("110000"))
    assert client.get(reverse("core:maintenance")).status_code == 403
    client.force_login(admin())
    body = client.get(reverse("core:maintenance")).content.decode()
    assert reverse("core:job_start", args=["match_index_rebuild"]) in body
    assert reverse("core:job_start", args=["search_index_rebuild"]) in body
    from pilothub.core.navigation import navigation_for

    labels = [str(item["label"]) for item in navigation_for(admin(), "/", group="work")]
    assert "系统维护" in labels
    assert "系统维护" not in [str(i["label"]) for i in navigation_for(reviewer("110000"), "/", group="work")]


def test_reviewers_cannot_start_a_rebuild(client):
    client.force_login(reviewer("110000"))
    response = client.post(reverse("core:job_start", args=["search_index_rebuild"]))
    assert response.status_code == 403 and not BackgroundJob.objects.exists()
    response = client.post(reverse("core:job_start", args=["no_such_kind"]))
    assert response.status_code == 404


def test_the_search_index_rebuild_runs_as_a_job(client, django_capture_on_commit_callbacks):
    from pilothub.platforms.models import PlatformSearchDocument

    for n in range(3):
        PlatformFactory(name=f"重建测试平台{n}", region=region("110116"))
    PlatformSearchDocument.objects.all().delete()
    client.force_login(admin())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:job_start", args=["search_index_rebuild"]))
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
    assert (job.kind, job.status, job.steps_done, job.steps_total) == ("search_index_rebuild", "done", 3, 3)
    assert job.result_summary == {"platforms": 3} and PlatformSearchDocument.objects.count() == 3
    page = client.get(response.url).content.decode()
    assert "任务已完成" in page and "平台数：<span>3</span>" in page


def test_the_match_index_rebuild_runs_as_a_job(client, django_capture_on_commit_callbacks):
    from pilothub.platforms.models import Platform, PlatformStatus

    for n in range(2):
        PlatformFactory(name=f"匹配重建平台{n}", region=region("110116"))
    published = Platform.objects.filter(status=PlatformStatus.PUBLISHED).count()
    client.force_login(admin())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:job_start", args=["match_index_rebuild"]))
    job = BackgroundJob.objects.get()
    assert (job.status, job.steps_done, job.steps_total) == ("done", 100, 100), job.error_zh
    assert job.result_summary["platforms"] == published >= 2
    assert job.result_summary["with_vectors"] == published  # the hashing encoder of the test settings


def test_match_rebuild_progress_maps_the_phases_onto_a_bar_that_never_goes_back():
    from pilothub.matching.jobs import _phase_step

    steps, reached = [], 0
    for message in ["读取平台 read platforms 1000/4000 (1 s)", "读取平台 read platforms 4000/4000 (2 s)",
                    "分词与 BM25 tokens + BM25: 4000 platforms", "嵌入 embedded 256/1024 passages",
                    "嵌入 embedded 1024/1024 passages", "向量 vectors: 4000/4000", "快照 snapshot written: x",
                    "其他信息"]:
        reached = _phase_step(message, reached)
        steps.append(reached)
    assert steps == [10, 40, 50, 60, 90, 95, 99, 99]


def test_a_broker_that_is_down_fails_the_job_instead_of_the_request(monkeypatch, settings,
                                                                   django_capture_on_commit_callbacks):
    from pilothub.core import tasks

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("redis is down")

    _register(monkeypatch, lambda **kw: None)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(tasks.run_background_job, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(KIND, admin())
    job.refresh_from_db()
    assert (job.status, job.error_zh) == ("failed", "无法提交到任务队列，请稍后重试或联系管理员")
