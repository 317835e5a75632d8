from django.core.management.base import BaseCommand, CommandError

from cases import jobs
from cases.services.contests import run_detection
from core.actors import system_user

from ..importing import contest_arg, summary


class Command(BaseCommand):
    help = (
        "Re-evaluate a contest's posts under its current detector version (after the contest "
        "or the model changed); posts already evaluated under it are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--contest", required=True, help="the contest's slug")
        parser.add_argument("--wait", action="store_true", help="wait for the workers to finish")

    def handle(self, *args, **options):
        job = run_detection(system_user(), contest_arg(options["contest"]))
        self.stdout.write(f"job #{job.pk}: {job.total} posts sent to detection")
        if options["wait"]:
            job = jobs.wait(job)
            self.stdout.write(
                f"detection {job.status} ({job.detector_version}): {summary(job.counts)}"
            )
            if job.status == job.Status.FAILED:
                raise CommandError(f"detection failed: {job.reason}")
