"""Django admin for the case graph, per agency role: every page reads through the policy and
writes through cases.services (see base.py). Importing the modules registers them."""

from . import (  # noqa: F401
    audit_words,
    cases,
    children,
    home,
    inbox,
    intake,
    jobs,
    learning,
    registry,
    routing,
    statistics,
)
