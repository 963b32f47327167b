"""`pilothub export-platforms FILE [--region CODE]`: the import template, filled in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pilothub.core.errors import DomainError
from pilothub.platforms.exporting import export_platforms, table_format


class Command(BaseCommand):
    help = ("把已发布的中试平台导出为导入模板格式（.xlsx 或 .csv，按文件扩展名）。"
            "Export published platforms in the import template (.xlsx or .csv by extension).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--region", default=None, help="行政区划代码（含下级） region code, sub-regions included")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            table_format(path.name)
        except ValueError:
            raise CommandError("文件扩展名应为 .xlsx 或 .csv (use .xlsx or .csv)") from None
        try:
            data, count = export_platforms(filename=path.name, region_code=options["region"])
        except DomainError as error:
            raise CommandError(error.message_zh) from None
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"已导出 {count} 个平台到 {path}（exported {count} platforms）"))
