"""This machine's limits and a process's memory, measured beside a benchmark's figures."""

import resource
import tempfile
import time

from django.db import connection


def copy_rate(table: str, max_rows: int = 1_000_000) -> int:
    """Rows per second of a bare PostgreSQL COPY of `table`'s rows (its first `max_rows`) into
    an unindexed table of the same columns. The rows wait in a temporary file, not in memory."""
    name = connection.ops.quote_name(table)
    with connection.cursor() as wrapper, tempfile.TemporaryFile() as staged:
        cursor, rows = wrapper.cursor, 0  # psycopg's own: Django's wrapper has no copy()
        query = f"COPY (SELECT * FROM {name} ORDER BY id LIMIT {int(max_rows)}) TO STDOUT"
        with cursor.copy(query) as copy:
            for data in copy:
                rows += bytes(data).count(b"\n")  # one line a row: COPY escapes newlines
                staged.write(data)
        staged.seek(0)
        cursor.execute(f"CREATE TEMP TABLE bench_copy (LIKE {name} INCLUDING DEFAULTS)")
        start = time.perf_counter()
        with cursor.copy("COPY bench_copy FROM STDIN") as copy:
            while data := staged.read(1 << 20):
                copy.write(data)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return round(rows / seconds)


def reset_peak(pid: int | str = "self") -> None:
    """Start measuring a process's peak memory afresh (Linux: VmHWM; elsewhere a no-op)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as file:
            file.write("5")
    except OSError:
        pass


def peak_mb(pid: int | str = "self") -> int:
    """A process's peak resident memory since `reset_peak`, else since it started."""
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def reset_peaks(pids: list[int]) -> None:
    for pid in pids:
        reset_peak(pid)


def peak_mb_of(pids: list[int]) -> int:
    """The highest peak resident memory among the processes (each holds its own detectors)."""
    return max(peak_mb(pid) for pid in pids)
