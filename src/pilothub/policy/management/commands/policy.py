"""`pilothub policy evaluate FILE|-` and `pilothub policy measures --region CODE [--as-of DATE]`.

`evaluate` prints exactly the engine's JSON response for the request in FILE (`-` reads standard
input). Bad input exits non-zero with the offending field named on standard error.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pilothub.core.errors import DomainError
from pilothub.policy.selectors import policy_evaluate, policy_measures


class Command(BaseCommand):
    help = "政策测算与措施清单。Evaluate a project (JSON) or list the measures of a region."
    # call_command(..., stdin=io.StringIO(...)) lets tests feed "-" without touching sys.stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, title="subcommands")
        evaluate = sub.add_parser("evaluate", help="测算一个项目：FILE 为请求 JSON 文件，- 表示标准输入")
        evaluate.add_argument("file", metavar="FILE")
        measures = sub.add_parser("measures", help="列出某地区可见的全部政策措施")
        measures.add_argument("--region", default=None)
        measures.add_argument("--as-of", dest="as_of", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "evaluate":
                result = policy_evaluate(request=self._read(options["file"], options.get("stdin")))
            else:
                result = policy_measures(region=options["region"], as_of=options["as_of"])
        except DomainError as error:
            raise CommandError(f"{error.field or 'request'}: {error.message_zh}（{error.message_en}）")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _read(self, name: str, stdin: Any) -> Any:
        try:
            if name == "-":
                text = (stdin or sys.stdin).read()
            else:
                with open(name, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as error:
            raise CommandError(f"FILE: 无法读取 {name}（{error.strerror}）")
        try:
            return json.loads(text)
        except ValueError as error:
            raise CommandError(f"FILE: {name} 不是合法的 JSON（{error}）")
