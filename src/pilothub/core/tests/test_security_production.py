"""Production settings: secrets only from the environment, HTTPS on, configurable for intranets."""

from __future__ import annotations

import os
import subprocess
import sys

GOOD_KEY = "k" * 20 + "9f8a7sd6f5a4s3d2f1g0h9j8k7l6z5x4c3v2b1n"
PRINT = ("import django; django.setup(); from django.conf import settings as s; "
         "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
         "s.DEBUG, s.SECRET_KEY == {key!r})")


def _run(env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PILOTHUB_") and k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "pilothub.settings.production", "PILOTHUB_VAR_DIR": str(tmp_path)})
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", PRINT.format(key=GOOD_KEY)], capture_output=True, text=True,
                          env=env, timeout=120)


def _complete(tmp_path, **extra) -> dict:
    return {"PILOTHUB_SECRET_KEY": GOOD_KEY, "PILOTHUB_ALLOWED_HOSTS": "pilothub.example.gov.cn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra}


def test_https_settings_are_on_by_default(tmp_path):
    result = _run(_complete(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True", "True", "False", "True"]


def test_an_intranet_behind_a_tls_proxy_can_turn_the_redirect_off(tmp_path):
    result = _run(_complete(tmp_path, PILOTHUB_SSL_REDIRECT="0"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"
    assert result.stdout.split()[2] == "True"  # cookies stay secure


def test_each_missing_secret_stops_the_start(tmp_path):
    complete = _complete(tmp_path)
    for name in ("PILOTHUB_SECRET_KEY", "PILOTHUB_ALLOWED_HOSTS", "DATABASE_URL"):
        env = {k: v for k, v in complete.items() if k != name}
        result = _run(env, tmp_path)
        assert result.returncode != 0, name
        assert "ImproperlyConfigured" in result.stderr and name in result.stderr


def test_a_weak_or_default_secret_key_is_refused(tmp_path):
    for key in ("short-key", "insecure-development-key-change-me" + "x" * 30):
        result = _run(_complete(tmp_path, PILOTHUB_SECRET_KEY=key), tmp_path)
        assert result.returncode != 0
        assert "at least 50 characters" in result.stderr
