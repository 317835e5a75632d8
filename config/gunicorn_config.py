"""The production server: `gunicorn -c config/gunicorn_config.py config.wsgi` (`make serve`).

WSGI with threaded workers (gthread): the code is synchronous Django (ORM, guardian, strawberry's
sync view), so under ASGI every view would run through a thread hop anyway, and Django's
persistent connections are not reused there. A thread per request lets a worker overlap the
requests that wait on PostgreSQL or Redis, and keep-alive connections of slow clients do not hold
a worker as they would a sync one. Threads are pooled, so each keeps at most one persistent
database connection: the web tier never holds more than WEB_CONCURRENCY × WEB_THREADS.
"""

import logging
import os

from django.db import connection, connections

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
# Python threads share one interpreter lock: processes give the CPU work its cores, and the
# threads overlap the waits on the database and Redis.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("WEB_THREADS", 4))
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("WEB_KEEPALIVE", 5))
# Load the project once, before forking: config/wsgi.py freezes what it loaded, which the
# workers then share instead of each building the schema again.
preload_app = True
# Requests are logged by the application, one JSON line each with its request id
# (core/request_id.py); gunicorn's own access log would only repeat them without it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Nothing here uses gunicorn's control socket, and its default path is shared by every server
# on the host.
control_socket_disable = True


def when_ready(server):
    """In the master, after the preload and before the first fork: warn when the configured
    workers and threads could open more database connections than PostgreSQL allows, then
    close every connection the preload opened, so no worker inherits a socket."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_connections")
            allowed = int(cursor.fetchone()[0])
        if workers * threads > allowed:
            logging.getLogger("gunicorn.error").warning(
                "WEB_CONCURRENCY × WEB_THREADS = %s exceeds PostgreSQL's max_connections (%s)",
                workers * threads,
                allowed,
            )
    connections.close_all()
