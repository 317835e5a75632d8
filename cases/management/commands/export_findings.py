import json

from django.core.management.base import BaseCommand

from cases.exports import findings_export
from core.actors import system_user

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "Write one JSON line per ingested post of a contest: platform, external_id, "
        "violation, category, score, rules, case."
    )

    def add_arguments(self, parser):
        parser.add_argument("--contest", required=True, help="the contest's slug")
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", default="-", help='a file, or "-" for standard output')

    def handle(self, *args, **options):
        rows = findings_export(system_user(), contest_arg(options["contest"]))
        if options["output"] == "-":
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        with open(options["output"], "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
