"""What the import commands share: the input file, progress on stderr, the report of bad lines."""

import os
import resource
import stat
import sys
import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from core.actors import system_user

from ..models import Contest


class ImportCommand(BaseCommand):
    """Reads FILE ("-": standard input) as the system user; lists every bad line with its number
    and exits non-zero if there was any (the good lines are imported unless --strict)."""

    strict_option = True
    line_input = True  # read line by line (progress counts the bytes); False: read whole

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
            self.progress = Progress(self.stderr, input_size(lines))
            if self.line_input:
                lines = self.progress.lines(lines)
            result = self.import_file(system_user(), lines, options)
        self.progress.last_line()
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
        self.progress.show(result.counts)


class Progress:
    """Lines per second, how far into the file and when it will end (when its size is known),
    the peak memory: redrawn in place on a terminal, else one line every INTERVAL seconds."""

    INTERVAL = 10.0

    def __init__(self, out, size: int | None):
        self.out, self.size, self.read = out, size, 0
        self.terminal = out.isatty()
        self.start = self.shown = time.monotonic()

    def lines(self, lines):
        for line in lines:
            self.read += len(line)
            yield line

    def show(self, counts) -> None:
        now = time.monotonic()
        if not self.terminal and now - self.shown < self.INTERVAL:
            return
        self.shown, elapsed = now, max(now - self.start, 1e-6)
        text = f"{counts.get('lines', 0) / elapsed:,.0f} lines/s"
        if self.size and self.read:
            done = self.read / self.size
            text += f", {done:.0%}, ETA {clock(elapsed * (1 - done) / done)}"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        text += f", peak memory {peak} MB; {summary(counts)}"
        if self.terminal:  # plain, not in the colour of errors
            self.out.write(f"\r{text}\x1b[K", style_func=str, ending="")
            self.out.flush()
        else:
            self.out.write(text)

    def last_line(self) -> None:
        """End the line redrawn in place."""
        if self.terminal:
            self.out.write("")


def input_size(file) -> int | None:
    """The size of a regular file (not of a pipe or a list of lines)."""
    try:
        status = os.fstat(file.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


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
