"""What the import commands share: the input file, progress on stderr, the report of bad lines."""

import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from core.actors import system_user

from ..models import Contest


class ImportCommand(BaseCommand):
    """Reads FILE ("-": standard input) as the system user; lists every bad line with its number
    and exits non-zero if there was any (the good lines are imported unless --strict)."""

    strict_option = True

    def add_arguments(self, parser):
        parser.add_argument("file", help='the file to import, "-" for standard input')
        if self.strict_option:
            parser.add_argument(
                "--strict", action="store_true", help="import nothing if any line is bad"
            )

    def import_file(self, actor, lines, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        path = options["file"]
        # Bytes: the importers decode each line and report one that is not UTF-8 by its number.
        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        source = nullcontext(stdin) if path == "-" else open(path, "rb")
        with source as lines:
            result = self.import_file(system_user(), lines, options)
        self.stderr.write("")
        self.stdout.write(f"job #{result.job.pk}: {summary(result.counts)}")
        for error in result.errors:
            self.stderr.write(str(error))
        self.after_import(result, options)
        if result.errors:
            bad = len({error.line for error in result.errors})
            raise CommandError(f"{bad} bad line(s) (listed above); {kept(result, bad)}")

    def after_import(self, result, options) -> None:
        """What a command does once the lines are in (import_posts: wait for detection)."""

    def show_progress(self, result) -> None:
        self.stderr.write(f"\r{summary(result.counts)}", ending="")
        self.stderr.flush()


def kept(result, bad: int) -> str:
    """What of the input is in the database now."""
    good = result.counts.get("lines", 0) - bad
    if not result.imported or good <= 0:
        return "nothing was imported"
    return f"the other {good} line(s) were imported ({summary(result.counts)})"


def summary(counts) -> str:
    return ", ".join(
        f"{key.replace('_', ' ')} {value}"
        for key, value in counts.items()
        if isinstance(value, int)
    )


def contest_arg(slug: str) -> Contest:
    contest = Contest.objects.filter(slug=slug).first()
    if contest is None:
        raise CommandError(f"no contest {slug!r}: import it first (import_contest)")
    return contest
