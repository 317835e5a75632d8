import json

from django.core.management.base import BaseCommand

from benchmarks import detection

TARGETS = {"end_to_end_posts_per_s": 5000, "detector_posts_per_s": 20000}
MAX_PEAK_MB = 500


class Command(BaseCommand):
    help = (
        "Generate a synthetic feed and measure ingest -> detection -> findings -> cases end "
        "to end (one worker, in a scratch database beside the configured one) and the "
        "detector alone, beside a PostgreSQL COPY and a bare Aho-Corasick scan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=100_000)
        parser.add_argument(
            "--asn",
            type=int,
            default=20,
            help="feed authors linked to civil servants (their posts make cases)",
        )
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        def log(message, end="\n"):
            self.stderr.write(message, ending=end)
            self.stderr.flush()

        figures = detection.run(options["posts"], options["asn"], log)
        self.stdout.write(json.dumps(figures, indent=2) if options["json"] else report(figures))


def report(f: dict) -> str:
    def verdict(key):
        return "meets" if f[key] >= TARGETS[key] else "MISSES"

    copy = f.get("copy_rows_per_s")
    lines = [
        f"{f['posts']} posts on {f['database']} ({f['linked_authors']} authors linked to ASN)",
        f"end to end (ingest -> detection -> findings -> cases, {f['worker']}): "
        f"{f['end_to_end_posts_per_s']:,} posts/s in {f['end_to_end_seconds']} s "
        f"({verdict('end_to_end_posts_per_s')} the {TARGETS['end_to_end_posts_per_s']:,} target"
        + (")" if f["worker"] == "in-process" else f"; the import took {f['import_seconds']} s)"),
        f"  limit, PostgreSQL COPY of the same rows: {copy:,} rows/s; ratio "
        f"{f['end_to_end_posts_per_s'] / copy:.1%}"
        if copy
        else "  limit, PostgreSQL COPY: not measured (not on PostgreSQL)",
        f"detector alone: {f['detector_posts_per_s']:,} posts/s "
        f"({verdict('detector_posts_per_s')} the {TARGETS['detector_posts_per_s']:,} target)",
        f"  limit, bare Aho-Corasick scan of the same texts: {f['bare_scan_posts_per_s']:,} posts/s;"
        f" ratio {f['detector_posts_per_s'] / f['bare_scan_posts_per_s']:.1%}",
        f"one post of 1 MB: {f['detector_one_megabyte_post_s']} s "
        f"({'under' if f['detector_one_megabyte_post_s'] < 1 else 'OVER'} the 1 s target; "
        "detection reads its first 20,000 characters)",
        f"peak worker memory: {f['peak_worker_mb']} MB "
        f"({'under' if f['peak_worker_mb'] < MAX_PEAK_MB else 'OVER'} {MAX_PEAK_MB} MB)",
        "counts: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(f["counts"].items())),
    ]
    return "\n".join(lines)
