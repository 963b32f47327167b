"""`pilothub rebuild-search-index`: recompute every platform's full-text search document."""

import time

from django.core.management.base import BaseCommand

from pilothub.platforms.search import search_index_rebuild


class Command(BaseCommand):
    help = "重建中试平台全文检索索引。Rebuild the platform full-text search index."

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options.get("verbosity", 1)

        def report(done: int, total: int) -> None:
            # Progress goes to stderr so scripts that read the summary line from stdout are unaffected.
            if verbosity >= 1:
                self.stderr.write(f"  {done}/{total} ({100 * done // max(total, 1)}%)")

        count = search_index_rebuild(progress=report)
        self.stdout.write(self.style.SUCCESS(
            f"已索引 {count} 个平台，用时 {time.perf_counter() - started:.1f} 秒 "
            f"Indexed {count} platforms."))
