from django.core.management.base import BaseCommand, CommandError

from pilothub.core.audit import audit_verify_chain


class Command(BaseCommand):
    help = "校验审计日志哈希链。Verify the audit trail's hash chain."

    def handle(self, *args, **options):
        count, broken = audit_verify_chain()
        if broken:
            raise CommandError(f"审计日志被篡改 (tampered): {len(broken)} 条事件不匹配，首个编号 {broken[0]}")
        self.stdout.write(f"审计日志完好 (intact): {count} 条事件")
