"""Django admin for the case graph, per agency role: every page reads through the policy and
writes through cases.services (see base.py). Importing the modules registers them."""

from . import audit_words, cases, children, intake, jobs, learning, registry, routing  # noqa: F401
