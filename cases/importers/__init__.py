"""Imports of contests, civil servants, accounts and posts: one code path for the management
commands and GraphQL. Each takes the actor and a file-like or iterable and returns an
ImportResult (counts, bad lines with their numbers, the job)."""

from ..services.content import record_sha256
from .base import ImportResult, LineError
from .contests import import_contest
from .posts import import_posts
from .registry import import_accounts, import_asn

__all__ = [
    "ImportResult",
    "LineError",
    "import_accounts",
    "import_asn",
    "import_contest",
    "import_posts",
    "record_sha256",
]
