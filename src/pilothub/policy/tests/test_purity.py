"""The engine is pure Python and holds no policy numbers: those live in rules/*.yaml."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"

# Numbers that are units or input sanity bounds, not policy values.
ALLOWED = {
    ("money.py", 10_000),  # 万
    ("money.py", 100_000_000),  # 亿
    ("money.py", 100),  # percent
    ("inputs.py", 1900),  # plausible year range for evaluation_year
    ("inputs.py", 2200),
    ("params.py", 16),  # length of the rules digest shown in traces
}


def test_engine_does_not_import_django():
    code = (
        "import sys; import pilothub.policy.engine as e; "
        "e.evaluate({'region':'110116','as_of':'2026-03-01','applicant':{},'project':{'type':'ai_application'}}); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    src = ENGINE.parent.parent.parent
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)})


def test_no_policy_numbers_in_python():
    offenders = []
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float):
                value = node.value
                if (isinstance(value, float) or value > 10) and (path.name, value) not in ALLOWED:
                    offenders.append(f"{path.relative_to(ENGINE)}:{node.lineno}: {value!r}")
    assert not offenders, "policy numbers belong in rules/*.yaml: " + ", ".join(offenders)


def test_no_dates_in_python():
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not __import__("re").search(r"20\d\d-\d\d-\d\d", node.value), (
                    f"{path.name}:{node.lineno}"
                )
