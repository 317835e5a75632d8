"""Reads on a PostgreSQL read replica, when DATABASE_REPLICA_URL adds the `replica` alias.

The replica is a copy that trails the primary, and so a cache a write can leave stale: nothing
that decides access may come from it. Reads therefore go to the primary unless a block opened
with `replica_reads()` allows otherwise, and the GraphQL view opens one for query operations
only (a mutation reads what it changes, and answers with it). Inside such a block:

- the rows that say who is asking and what they may do — users, groups and permissions, agencies
  (their `active` flag), memberships, API clients, sessions and second factors, the case shares —
  are still read on the primary, whenever they are read on their own;
- so are the audit chain and the notice outbox, which the writes and the workers advance;
- so is any read inside a transaction on the primary (a read that a write depends on), and
  `select_for_update` and `get_or_create` go to the primary as writes.

What still runs on the replica is the query's own SQL, and with it the case-share EXISTS the
policy puts inside it. That is why a block opens on the replica only when the replica has
replayed every audited change: each service call writes an audit event in its own transaction,
so the chain's head sequence is a watermark of the committed changes, and a replica whose head
equals the primary's holds every share, unshare and edit the primary held when the operation
began. A replica behind the watermark, or one that does not answer, costs speed, never access:
the operation reads the primary.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

REPLICA = "replica"
# Models read on the primary even where reads may go to the replica (app label, or app.model).
PRIMARY_ONLY = frozenset(
    {
        "auth",
        "guardian",
        "sessions",
        "axes",
        "otp_totp",
        "otp_static",
        "core.user",
        "core.auditevent",
        "core.auditchainhead",
        "core.auditcheckpoint",
        "agencies.agency",
        "agencies.agencyrole",
        "agencies.membership",
        "agencies.apiclient",
        "agencies.notice",
        "agencies.deliveryattempt",
        "cases.casegroupobjectpermission",
    }
)

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)
logger = logging.getLogger(__name__)


@contextmanager
def replica_reads(wanted: bool = True):
    """A block whose reads may go to the replica: only if `wanted`, a replica is configured, and
    it has caught up with the primary's audit chain (two one-row reads)."""
    token = _replica_allowed.set(wanted and replica_configured() and replica_is_current())
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections


def replica_is_current() -> bool:
    from core.models import AuditChainHead  # not at import: settings name this module

    heads = AuditChainHead.objects.values_list("last_sequence", flat=True)
    primary = heads.using(DEFAULT_DB_ALIAS).first() or 0
    try:
        replica = heads.using(REPLICA).first() or 0
    except DatabaseError as error:
        logger.warning("read replica unavailable, reading the primary: %s", error)
        return False
    return replica >= primary


class ReplicaRouter:
    """DATABASE_ROUTERS' entry when a replica is configured (see the module's docstring)."""

    def db_for_read(self, model, **hints):
        if not _replica_allowed.get():
            return DEFAULT_DB_ALIAS
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY or meta.label_lower in PRIMARY_ONLY:
            return DEFAULT_DB_ALIAS
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: a row read on one may refer to a row read on the other.
        return True
