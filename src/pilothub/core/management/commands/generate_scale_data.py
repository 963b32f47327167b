"""`pilothub generate-scale-data`: synthetic rows at production scale for load tests (never demo data)."""

from django.core.management.base import BaseCommand

from pilothub.core.scale import generate


class Command(BaseCommand):
    help = "生成规模测试数据（负载测试用）。Generate synthetic data at scale for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--platforms", type=int, default=100_000)
        parser.add_argument("--equipment", type=int, default=1_000_000)
        parser.add_argument("--orders", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        counts = generate(platforms=options["platforms"], equipment=options["equipment"], orders=options["orders"],
                          seed=options["seed"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"规模测试数据已生成 Generated: {counts}"))
