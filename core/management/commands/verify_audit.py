from django.core.management.base import BaseCommand, CommandError

from core.audit import verify_chain
from core.models import AuditEvent


class Command(BaseCommand):
    help = "Walk the hash-chained audit trail; exit non-zero naming the first broken event."

    def handle(self, **options):
        broken = verify_chain()
        if broken:
            sequence, reason = broken
            raise CommandError(f"audit chain broken at event #{sequence}: {reason}")
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
