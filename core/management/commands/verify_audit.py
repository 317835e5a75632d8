from django.core.management.base import BaseCommand, CommandError

from core.audit import read_checkpoints, verify_chain
from core.models import AuditCheckpoint, AuditEvent


class Command(BaseCommand):
    help = (
        "Walk the hash-chained audit trail and check its signatures and every checkpoint (stored "
        "ones and those in --checkpoints files); exit non-zero naming the first bad event."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            action="append",
            default=[],
            metavar="FILE.jsonl",
            help="signed heads a partner kept, one JSON object a line: {sequence, hash, "
            "signature}, or a notice payload carrying one (audit_head); may be repeated",
        )

    def handle(self, **options):
        witnessed = []
        for path in options["checkpoints"]:
            try:
                with open(path, encoding="utf-8-sig") as lines:
                    witnessed += read_checkpoints(lines, path)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                raise CommandError(str(error)) from None
        broken = verify_chain(witnessed)
        if broken:
            sequence, reason = broken
            raise CommandError(f"audit chain broken at event #{sequence}: {reason}")
        self.stdout.write(
            f"audit chain intact: {AuditEvent.objects.count()} events, signatures valid, "
            f"{AuditCheckpoint.objects.count() + len(witnessed)} checkpoint(s) agree"
        )
