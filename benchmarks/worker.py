"""A real Celery worker process for a benchmark, started beside it and stopped after."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

from django.conf import settings

from config.celery import app


@contextmanager
def worker_process(name: str, queues: str, env: dict, options: list[str]):
    """Start `celery worker` as `name@host` on `queues` with `options` (pool, concurrency), with
    `env` over this process's environment; yield it once it answers a ping, stop it after."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", queues]
        + ["--hostname", f"{name}@%h", "--loglevel", "WARNING", "--without-gossip"]
        + ["--without-mingle", *options],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "false", **env},  # DEBUG off, as served
        stdout=subprocess.DEVNULL,  # its banner; warnings and errors go to standard error
    )
    try:
        deadline = time.monotonic() + 60
        while not any(
            worker_name.startswith(f"{name}@")
            for reply in app.control.ping(timeout=0.5)
            for worker_name in reply
        ):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the benchmark's worker {name} did not start")
        yield worker
    finally:
        worker.terminate()
        worker.wait(60)
