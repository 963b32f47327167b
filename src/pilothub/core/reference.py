"""Reference vocabularies (regions, industries, service types …) that data migrations load.

Transactional tests flush the database, data migrations' rows included; they call
`ensure_reference_data()` to put the vocabularies back. Each app that ships reference data has a
`reference_data.py` with an idempotent `load()`.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps


def ensure_reference_data() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("pilothub."):
            continue
        try:
            module = import_module(f"{config.name}.reference_data")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.reference_data":
                continue
            raise
        module.load()
