"""The production stack (PostgreSQL, Redis, gunicorn, Celery, nginx) started by
scripts/prod-stack.sh on loopback, exercised over HTTP, backed up and restored."""

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[4]
BASE_PORT = int(os.environ.get("PILOTHUB_STACK_PORT", "56080"))


def _env(stack_dir: Path) -> dict:
    env = dict(os.environ, PY=sys.executable)
    for line in (stack_dir / "stack.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    env.pop("PILOTHUB_TEST", None)
    return env


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if shutil.which("nginx") is None or shutil.which("pg_dump") is None:
        pytest.fail("nginx and PostgreSQL must be installed (scripts/install-system-deps.sh)")
    stack_dir = Path("/tmp") / f"pilothub-stack-{BASE_PORT}"
    subprocess.run(["bash", str(ROOT / "scripts/prod-stack.sh"), "stop", str(stack_dir), str(BASE_PORT)], capture_output=True)
    env = dict(os.environ, PY=sys.executable)
    started = subprocess.run(["bash", str(ROOT / "scripts/prod-stack.sh"), "start", str(stack_dir), str(BASE_PORT)],
                             capture_output=True, text=True, env=env, timeout=240)
    assert started.returncode == 0, started.stderr
    yield started.stdout.strip(), stack_dir
    subprocess.run(["bash", str(ROOT / "scripts/prod-stack.sh"), "stop", str(stack_dir), str(BASE_PORT)],
                   capture_output=True, env=env, timeout=120)


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, dict(response.headers), response.read()


def test_pages_static_files_and_health_through_nginx(stack):
    url, _ = stack
    status, headers, body = _get(f"{url}/")
    assert status == 200 and "中试通" in body.decode()
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, _, body = _get(f"{url}/health/ready/?format=json")
    assert status == 200 and b"OK" in body
    status, headers, _ = _get(f"{url}/static/pilothub/site.css")
    assert status == 200 and headers["Server"] == "nginx"


def test_a_celery_worker_consumes_tasks(stack):
    _, stack_dir = stack
    code = ("import django; django.setup(); from pilothub.core.tasks import ping; "
            "print(ping.apply_async().get(timeout=30))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(stack_dir), timeout=60)
    assert result.stdout.strip() == "pong", result.stderr


def test_backup_and_restore_drill(stack):
    _, stack_dir = stack
    env = _env(stack_dir)
    subprocess.run([sys.executable, "-m", "pilothub", "demo_data"], check=True, env=env, capture_output=True, timeout=300)
    dump = stack_dir / "backup.dump"
    subprocess.run(["bash", str(ROOT / "scripts/backup.sh"), str(dump)], check=True, env=env, capture_output=True, timeout=120)
    assert dump.stat().st_size > 1000
    drill = subprocess.run(["bash", str(ROOT / "scripts/restore-drill.sh"), str(dump)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert drill.returncode == 0, drill.stderr
    assert "restore drill OK" in drill.stdout
