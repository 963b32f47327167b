"""`pilothub demo-data`: load the demo data of every app, in dependency order, idempotently."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "加载演示数据（可重复执行）。Load demo data (idempotent)."

    def handle(self, *args, **options):
        # Demo workflows send notification e-mails; nobody should receive (or read in the
        # console) mail addressed to fictional demo contacts.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._load_all()
        self.stdout.write(self.style.SUCCESS("演示数据已加载 Demo data loaded."))

    def _load_all(self):
        for config in apps.get_app_configs():
            if not config.name.startswith("pilothub."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name == f"{config.name}.demo":
                    continue
                raise
            self.stdout.write(f"{config.verbose_name}…")
            with transaction.atomic():
                module.load(stdout=self.stdout)
