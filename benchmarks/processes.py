"""Real processes started beside a benchmark and stopped after it: a Celery worker, and the
production web server."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import quote

from django.conf import settings
from django.db import connection

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


@contextmanager
def server_process(env: dict, workers: int = 1, threads: int = 1, stdout=subprocess.DEVNULL):
    """Serve the project as `make serve` does (gunicorn, config/gunicorn_config.py) on a free
    loopback port, `workers` processes of `threads` threads, with `env` over this process's
    environment; yield its address ("127.0.0.1:port") once it accepts connections, stop it after.
    Its error log goes to standard error."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn_config.py", "config.wsgi"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            **env,
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
            "WEB_THREADS": str(threads),
        },
        stdout=stdout,
    )
    try:
        deadline = time.monotonic() + 60
        while not accepts_connections(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the benchmark's web server did not start")
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def database_url() -> str:
    """The database this process uses as a DATABASE_URL, for a process started beside it."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    auth = quote(params["USER"]) + (f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else "")
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{params['NAME']}"
