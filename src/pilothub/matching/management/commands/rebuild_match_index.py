from django.core.management.base import BaseCommand

from pilothub.matching.services import match_index_rebuild


class Command(BaseCommand):
    help = "重建供需匹配索引（只嵌入尚无向量的文本）。Rebuild the matching index from the database."

    def handle(self, *args, **options):
        stats = match_index_rebuild()
        memory = sum(stats["memory"].values()) / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(
            f"匹配索引已重建：{stats['platforms']} 个平台，{stats['with_vectors']} 个有向量，"
            f"编码模型 {stats['encoder'] or '无（仅 BM25）'}，索引约 {memory:.1f} MB。"
            f" Match index rebuilt."))
