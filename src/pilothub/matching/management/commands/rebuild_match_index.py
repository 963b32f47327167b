from django.core.management.base import BaseCommand

from pilothub.matching.services import match_index_rebuild


class Command(BaseCommand):
    help = ("重建供需匹配索引并写入索引快照（只嵌入尚无向量的文本），逐步报告进度。"
            "Rebuild the matching index, write its snapshot for every web worker, report progress.")

    def add_arguments(self, parser):
        parser.add_argument("--no-embed", action="store_true",
                            help="不在本进程嵌入缺少向量的文本（交给 Celery 任务）。Leave missing vectors to Celery.")

    def handle(self, *args, **options):
        stats = match_index_rebuild(progress=lambda message: self.stdout.write(f"  {message}", ending="\n"),
                                    embed=not options["no_embed"])
        if "skipped" in stats:
            self.stdout.write(self.style.WARNING("另一个重建正在进行，本次跳过。Another rebuild is running: skipped."))
            return
        memory = sum(stats["memory"].values()) / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(
            f"匹配索引已重建：{stats['platforms']} 个平台，{stats['with_vectors']} 个有向量，"
            f"编码模型 {stats['encoder'] or '无（仅 BM25）'}，索引约 {memory:.1f} MB，"
            f"快照 {stats['generation'] or '未写入（未启用持久化）'}。 Match index rebuilt."))
