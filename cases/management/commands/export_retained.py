import json

from django.core.management.base import BaseCommand

from cases.services.retention import expires_on, retained_posts

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "The posts of a contest that retention keeps past its period (evidence of a case, or a "
        "finding confirmed or under review), one JSON line each, for the agencies' records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--contest", required=True, help="the contest's slug")
        parser.add_argument("--output", help="write to FILE instead of standard output")

    def handle(self, *args, **options):
        contest = contest_arg(options["contest"])
        posts = (
            retained_posts(contest)
            .order_by("pk")
            .prefetch_related("evidence__case", "findings__case")
        )
        lines = (json.dumps(_row(p), ensure_ascii=False) + "\n" for p in posts.iterator(1000))
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.writelines(lines)
        else:
            self.stdout.write("".join(lines), ending="")
        self.stderr.write(f"{contest.slug}: kept until at least {expires_on(contest)}")


def _row(post) -> dict:
    cases = {e.case.reference for e in post.evidence.all()}
    cases |= {f.case.reference for f in post.findings.all() if f.case_id}
    return {
        "platform": post.platform,
        "external_id": post.external_id,
        "url": post.url,
        "posted_at": post.posted_at.isoformat() if post.posted_at else None,
        "record_sha256": post.record_sha256,
        "cases": sorted(cases),
        "findings": [
            {"violation_code": f.violation_code, "status": f.status, "score": f.score}
            for f in post.findings.all()
        ],
    }
