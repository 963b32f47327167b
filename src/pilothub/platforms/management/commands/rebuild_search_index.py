"""`pilothub rebuild-search-index`: recompute every platform's full-text search document."""

import time

from django.core.management.base import BaseCommand

from pilothub.platforms.search import search_index_rebuild


class Command(BaseCommand):
    help = "重建中试平台全文检索索引。Rebuild the platform full-text search index."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(
            f"已索引 {count} 个平台，用时 {time.perf_counter() - started:.1f} 秒 "
            f"Indexed {count} platforms."))
