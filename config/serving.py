"""What a serving process does once, after loading the project and before its first request."""

import gc
import os

import django
from django.urls import get_resolver


def ready_to_serve() -> None:
    """Import every view (the URLconf pulls in the GraphQL schema), then move all that was loaded
    out of the garbage collector's sight. It lives as long as the process; left in view, every full
    collection walks all of it in the middle of some request, which shows as a long tail of slow
    requests. Frozen objects also stay shared after a pre-forking server forks its workers."""
    get_resolver().url_patterns  # noqa: B018  (imported for its effect)
    gc.collect()
    gc.freeze()


def setup_as_served() -> None:
    """Set Django up in a new process as a served one runs: without DEBUG (and its query log).
    Importable before Django is set up, for process pools' initializers (benchmark drivers)."""
    os.environ["DEBUG"] = "false"
    django.setup()
