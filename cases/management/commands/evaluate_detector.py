import json
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.detection import ContestLexicon, Detector
from cases.detection.evaluation import outcomes, scores
from cases.lexicons import contest_data, detector_for

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "Precision, recall, F1 and MCC of the detector on labelled posts, overall, per direction "
        "(pro / anti) and per contest, with the misses. POSTS.jsonl in the ingest format (each "
        'line may name its "contest"), LABELS.jsonl with {"platform", "external_id", '
        '"violation": true|false|null, "category", "direction"}; null labels are left out.'
    )

    def add_arguments(self, parser):
        parser.add_argument("posts")
        parser.add_argument("labels")
        parser.add_argument(
            "--contest", help="slug of the imported contest all posts belong to (default: each "
            'post\'s "contest" field)',
        )  # fmt: skip
        parser.add_argument(
            "--contests-dir", type=Path,
            help="read each contest from DIR/<slug>.json (import format) instead of the database",
        )  # fmt: skip
        parser.add_argument(
            "--cross-validate", action="store_true",
            help="score each contest with a model fitted on the other contests' labelled posts "
            "(leave one contest out) instead of the active model",
        )  # fmt: skip
        parser.add_argument("--misses", type=int, default=100, help="list at most N misses")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--min-f1", type=float, default=None, help="fail when the overall F1 is below this"
        )

    def handle(self, *args, **options):
        posts, labels = read_lines(options["posts"]), read_lines(options["labels"])
        groups = self.by_contest(posts, labels, options)
        if options["cross_validate"]:
            if len(groups) < 2:
                raise CommandError("--cross-validate needs the posts of two contests or more")
            models = cross_validated_models(groups)
        rows = []
        for slug, (contest, contest_posts, contest_labels) in groups.items():
            if options["cross_validate"]:
                lexicon = ContestLexicon.from_contest(contest)
                detector = Detector(lexicon, models[slug])
            elif options["contests_dir"]:
                detector = Detector(ContestLexicon.from_contest(contest))
            else:
                detector = detector_for(contest_arg(slug))[0]
            rows += [
                r | {"contest": slug} for r in outcomes(contest_posts, contest_labels, detector)
            ]
        report = scores(rows) | {
            "per_contest": {slug: scores([r for r in rows if r["contest"] == slug]) for slug in groups},
            "detector_version": "cross-validated" if options["cross_validate"] else detector.version,
        }  # fmt: skip
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(table(report, options["misses"]))
        if options["min_f1"] is not None and report["binary"]["f1"] < options["min_f1"]:
            raise CommandError(f"F1 {report['binary']['f1']} is below {options['min_f1']}")

    def by_contest(self, posts, labels, options) -> dict[str, tuple[dict, list, list]]:
        """{slug: (contest in the import format, posts, labels)}."""
        posts_of = defaultdict(list)
        for number, post in enumerate(posts, 1):
            slug = options["contest"] or post.get("contest")
            if not slug:
                raise CommandError(
                    f'{options["posts"]}, line {number}: no "contest" field; name the contest '
                    "with --contest"
                )
            posts_of[slug].append(post)
        groups = {}
        for slug, contest_posts in sorted(posts_of.items()):
            if options["contests_dir"]:
                path = options["contests_dir"] / f"{slug}.json"
                if not path.exists():
                    raise CommandError(f"contest {slug!r}: no file {path}")
                contest = json.loads(path.read_text(encoding="utf-8"))
            else:
                contest = contest_data(contest_arg(slug))
            groups[slug] = (contest, contest_posts, labels)
        return groups


def cross_validated_models(groups: dict) -> dict:
    from cases.detection.training import fit  # scikit-learn, only for this option

    return {
        slug: fit([g for other, g in groups.items() if other != slug])
        for slug in groups
    }  # fmt: skip


def read_lines(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig") as lines:
            return [_parse(line, path, n) for n, line in enumerate(lines, 1) if line.strip()]
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from None


def _parse(line: str, path: str, number: int) -> dict:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise CommandError(f"{path}, line {number}: not JSON ({error.msg})") from None
    if not isinstance(value, dict):
        raise CommandError(f"{path}, line {number}: expected a JSON object")
    return value


HEADER = f"{'':28} precision  recall      F1     MCC  support"


def _line(name: str, r: dict) -> str:
    return (
        f"{name:28} {r['precision']:9.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['mcc']:7.4f} "
        f"{r['support']:8d}"
    )


def table(report: dict, misses: int) -> str:
    out = [
        f"detector {report['detector_version']}: {report['n']} labelled posts, "
        f"accuracy {report['accuracy']}",
        HEADER,
        _line("violation (all)", report["binary"]),
    ]
    for direction, r in report["per_direction"].items():
        out.append(_line(f"  {direction} (side found)", r) + f"  detected {r['detected']:.4f}")
    out += ["", "per contest", HEADER]
    out += [_line(slug, r["binary"]) for slug, r in report["per_contest"].items()]
    out += ["", "per code", HEADER]
    out += [_line(code, r) for code, r in report["per_code"].items()]
    listed = report["misses"][:misses]
    out += ["", f"misses ({len(report['misses'])}, {len(listed)} listed)"]
    out += [
        f"{m['contest']} {m['external_id']}: expected {m['expected']}"
        f"{' ' + m['expected_direction'] if m['expected_direction'] else ''}, found {m['found']} "
        f"({m['score']:.2f}): {m['text'][:120]!r}"
        for m in listed
    ]
    return "\n".join(out)
