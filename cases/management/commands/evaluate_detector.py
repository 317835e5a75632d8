import json

from django.core.management.base import BaseCommand, CommandError

from cases.detection import evaluate
from cases.lexicons import lexicon_of

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "Precision, recall and F1 of the detector (violation or not, and per code) on "
        "labelled posts: POSTS.jsonl in the ingest format, LABELS.jsonl with "
        '{"platform", "external_id", "violation", "category"}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("posts")
        parser.add_argument("labels")
        parser.add_argument(
            "--contest", required=True, help="slug of the (imported) contest the posts belong to"
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--min-f1", type=float, default=None, help="fail when the binary F1 is below this"
        )

    def handle(self, *args, **options):
        contest = contest_arg(options["contest"])
        report = evaluate(
            read_lines(options["posts"]), read_lines(options["labels"]), lexicon_of(contest)
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(table(report))
        if options["min_f1"] is not None and report["binary"]["f1"] < options["min_f1"]:
            raise CommandError(f"binary F1 {report['binary']['f1']} is below {options['min_f1']}")


def read_lines(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def table(report: dict) -> str:
    out = [
        f"detector {report['detector_version']}: {report['n']} labelled posts, "
        f"accuracy {report['accuracy']}",
        f"{'':28} precision  recall      F1  support",
    ]
    rows = [("violation (binary)", report["binary"]), *sorted(report["per_code"].items())]
    out += [
        f"{name:28} {r['precision']:9.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['support']:8d}"
        for name, r in rows
    ]
    return "\n".join(out)
