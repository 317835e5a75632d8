from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.celery import QUEUES, app


class Command(BaseCommand):
    help = (
        "Health of the Celery workers: exits non-zero unless every queue has a worker that "
        "answers within the timeout (or, with --destination, unless that worker answers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait")
        parser.add_argument(
            "--queues",
            default=",".join(QUEUES),
            help="comma-separated queues that must each have a worker (default: all)",
        )
        parser.add_argument(
            "--destination",
            help="check this one worker only, e.g. celery@$HOSTNAME (a container's health check)",
        )

    def handle(self, timeout, queues, destination, **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError("CELERY_BROKER_URL is not set: tasks run in-process, no workers")
        destinations = [destination] if destination else None
        try:
            replies = app.control.inspect(timeout=timeout, destination=destinations)
            active = replies.active_queues() or {}
        except Exception as error:  # the broker itself is down or refuses us
            raise CommandError(f"the broker did not answer: {error}") from None
        if destination:
            if destination not in active:
                raise CommandError(f"{destination} did not answer within {timeout} s")
            wanted = []
        else:
            wanted = [name.strip() for name in queues.split(",") if name.strip()]
        served = {queue["name"] for consumed in active.values() for queue in consumed}
        missing = [name for name in wanted if name not in served]
        if missing:
            raise CommandError(
                f"no worker answered within {timeout} s for queue(s): {', '.join(missing)}"
            )
        for worker, consumed in sorted(active.items()):
            names = ", ".join(sorted(queue["name"] for queue in consumed))
            self.stdout.write(f"{worker}: ok ({names})")
