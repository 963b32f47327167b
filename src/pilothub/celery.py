"""Celery application. Eager (in-process) unless CELERY_TASK_ALWAYS_EAGER=0 and a broker is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilothub.settings.local")
app = Celery("pilothub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
