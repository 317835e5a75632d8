from django.core.management.base import CommandError

from agencies.models import Agency
from cases import jobs
from cases.importers import import_posts

from ..importing import ImportCommand, contest_arg, summary


class Command(ImportCommand):
    help = (
        "Import captured posts (JSON lines, the ingest format) for a contest and send them "
        "to detection; --wait returns when detection has finished."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--contest", required=True, help="the contest's slug")
        parser.add_argument(
            "--wait", action="store_true", help="wait for detection to finish and print its summary"
        )
        parser.add_argument(
            "--source-agency",
            default="",
            help="code of the agency whose feed this is (default: the detecting "
            "agency of the active regime, BSSN)",
        )

    def import_file(self, actor, lines, options):
        agency = None
        if options["source_agency"]:
            agency = Agency.objects.filter(code=options["source_agency"]).first()
            if agency is None:
                raise CommandError(f"no agency {options['source_agency']!r}")
        return import_posts(
            actor,
            lines,
            contest_arg(options["contest"]),
            agency,
            strict=options["strict"],
            source=options["file"],
            on_batch=self.show_progress,
        )

    def after_import(self, result, options):
        if not (options["wait"] and result.imported):
            return
        job = jobs.wait(
            result.job,
            on_progress=lambda j: self.stderr.write(
                f"\rdetection: {j.processed}/{j.total} posts", ending=""
            ),
        )
        self.stderr.write("")
        self.stdout.write(
            f"detection {job.status} ({job.detector_version or 'no new posts'}): "
            f"{summary(job.counts)}"
        )
        if job.status == job.Status.FAILED:
            raise CommandError(f"detection failed: {job.reason}")
