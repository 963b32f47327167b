from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pilothub.regions.loading import RegionFileError
from pilothub.regions.services import regions_load_file


class Command(BaseCommand):
    help = "从 YAML 文件加载或更新行政区划（全部成功或全部不写入）。Load regions from a YAML file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            count = regions_load_file(path=options["file"])
        except (RegionFileError, OSError) as error:
            raise CommandError(f"未导入任何区划 (nothing loaded): {error}")
        self.stdout.write(f"已加载 {count} 个行政区划 (loaded {count} regions)")
