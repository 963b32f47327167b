"""`pilothub import-platforms FILE [--dry-run] [--coords gcj02|bd09|wgs84]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pilothub.platforms.importing import MAX_FILE_BYTES, import_platforms


class Command(BaseCommand):
    help = ("从模板文件（.xlsx 或 .csv）导入中试平台：先检查全部行，有任何错误则不导入。"
            "Import platforms from the template (.xlsx/.csv); nothing is imported if any row is invalid.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入 check only")
        parser.add_argument("--coords", default="wgs84", choices=["wgs84", "gcj02", "bd09"],
                            help="文件中经纬度的坐标系（默认 WGS-84） coordinate system of the file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在 (no such file): {path}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"文件过大，上限为 {MAX_FILE_BYTES // 1024 // 1024} MB (file too large)")

        def progress(done: int, total: int) -> None:
            if total >= 1000:
                self.stderr.write(f"  已检查 {done}/{total} 行")

        report = import_platforms(data=path.read_bytes(), filename=path.name, dry_run=options["dry_run"],
                                  coordinate_system=options["coords"], progress=progress)
        for problem in report.problems:
            self.stdout.write(str(problem))
        if report.problems:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
