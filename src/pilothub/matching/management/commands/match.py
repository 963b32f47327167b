import json

from django.core.management.base import BaseCommand, CommandError

from pilothub.core.errors import DomainError
from pilothub.matching.selectors import match_index_status, match_platforms


class Command(BaseCommand):
    help = "为一段需求文本匹配中试平台。Match published platforms for a demand text."

    def add_arguments(self, parser):
        parser.add_argument("text", help="需求描述 the demand text")
        parser.add_argument("--region", default=None, help="地区代码（含下级）region code, sub-regions included")
        parser.add_argument("--service-type", action="append", default=[], dest="service_types",
                            help="服务类型代码或名称，可重复 service type code or name (repeatable)")
        parser.add_argument("--top", type=int, default=10, help="返回条数 1–50 number of results")
        parser.add_argument("--json", action="store_true", help="输出 JSON（与 POST /api/v1/match 相同）")

    def handle(self, *args, **options):
        try:
            results = match_platforms(text=options["text"], region=options["region"],
                                      service_types=options["service_types"], top=options["top"])
        except DomainError as error:
            raise CommandError(f"{error.message_zh} ({error.message_en})")
        if options["json"]:
            payload = {"results": [r.as_dict() for r in results], "index": match_index_status()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not results:
            self.stdout.write("没有匹配的平台。No matching platform.")
            return
        for rank, result in enumerate(results, start=1):
            self.stdout.write(f"{rank:>2}. {result.name}  [平台 {result.platform_id}]  得分 {result.score:.3f}")
            for reason in result.reasons:
                self.stdout.write(f"      · {reason}")
