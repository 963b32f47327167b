import os
import subprocess
import sys


def _check_deploy(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PILOTHUB_") and k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "pilothub.settings.production"}, **env_overrides)
    return subprocess.run([sys.executable, "-m", "pilothub", "check", "--deploy", "--fail-level", "WARNING"],
                          capture_output=True, text=True, env=env, timeout=600)


def test_production_settings_pass_check_deploy(tmp_path):
    result = _check_deploy({
        "PILOTHUB_SECRET_KEY": "k" * 20 + "9f8a7sd6f5a4s3d2f1g0h9j8k7l6z5x4c3v2b1n",
        "PILOTHUB_ALLOWED_HOSTS": "pilothub.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PILOTHUB_VAR_DIR": str(tmp_path),
    })
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secrets(tmp_path):
    result = _check_deploy({"PILOTHUB_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "PILOTHUB_SECRET_KEY" in result.stderr
