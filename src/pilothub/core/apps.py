from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pilothub.core"
    label = "core"
    verbose_name = "核心 Core"

    def ready(self) -> None:
        # Configure the Celery app in every Django process, so `.delay()` from web code uses
        # PilotHub's broker settings (or runs eagerly) instead of Celery's unconfigured default.
        from pilothub import celery  # noqa: F401

        from . import checks  # noqa: F401  (registers the system checks)
        from .db_router import connect_task_signals
        from .security import connect_login_activity

        connect_login_activity()
        connect_task_signals()
        # Each app declares its background job kinds in its jobs.py (core.jobs.register_job_kind).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
