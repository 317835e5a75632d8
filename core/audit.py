"""The tamper-evident audit trail: every service call records one event through `record`."""

from contextlib import ContextDecorator

from django.db import transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent
from .request_id import current_request_id

GENESIS_HASH = "0" * 64


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return getattr(value, "pk", None) if hasattr(value, "_meta") else str(value)


def field_values(obj) -> dict:
    """{field: value} of the row's editable columns (foreign keys as ids), for `diff`."""
    return {
        field.name: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    }


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed."""
    return {
        field: [_jsonable(before.get(field)), _jsonable(after.get(field))]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


class _Block:
    """An open `atomic` block: how deep it sits among the connection's atomic blocks, the events
    recorded directly inside it, and the transaction.atomic it wraps."""

    def __init__(self, depth: int, atomic):
        self.depth, self.events, self.atomic = depth, [], atomic


class _AuditedAtomic(ContextDecorator):
    """What `atomic` returns. Per-call state lives on the connection (like transaction.atomic's),
    so one instance serves as a decorator for every call, nested and concurrent ones included."""

    def __enter__(self):
        atomic = transaction.atomic()
        atomic.__enter__()
        connection = transaction.get_connection()
        _blocks(connection).append(_Block(len(connection.atomic_blocks), atomic))

    def __exit__(self, exc_type, exc, traceback):
        connection = transaction.get_connection()
        stack = _blocks(connection)
        block = stack.pop()
        if exc_type is None and block.events:
            try:
                parent = stack[-1] if stack else None
                if parent is not None and parent.depth == block.depth - 1:
                    parent.events.extend(block.events)  # appended when the parent ends
                else:
                    _append(block.events)
            except BaseException as error:
                if block.atomic.__exit__(type(error), error, error.__traceback__):
                    return True
                raise
        return block.atomic.__exit__(exc_type, exc, traceback)


def atomic(func=None):
    """transaction.atomic for the services: the audit events recorded inside join the hash chain
    together when the outermost such block ends, just before commit (`@audit.atomic` or
    `with audit.atomic():`).

    Appending takes the chain head's row lock until commit, and every writer needs it. Taken at the
    first event, it was held for the rest of the transaction (18 of the 24 ms of forwarding a
    case), so all writers queued behind one another; taken at the end, for a millisecond or two.
    An event recorded inside a plain transaction.atomic block within is appended at once, so a
    savepoint rolled back (and the error caught) takes its events with it."""
    return _AuditedAtomic()(func) if callable(func) else _AuditedAtomic()


def _blocks(connection) -> list[_Block]:
    return connection.__dict__.setdefault("audit_blocks", [])


def record(actor, action: str, obj, changes: dict | None = None, agency=None) -> None:
    """Record one event for `action` on `obj` by `actor`; must run inside the change's transaction.
    Inside `atomic` the event joins the chain when that block ends; elsewhere at once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    membership = getattr(actor, "membership", None) if actor is not None else None
    event = AuditEvent(
        actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or "",
        agency_code=(agency.code if agency else membership.agency.code if membership else ""),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=_jsonable(changes or {}),
        request_id=current_request_id.get(),
    )
    stack = _blocks(connection)
    if stack and stack[-1].depth == len(connection.atomic_blocks):
        stack[-1].events.append(event)
    else:
        _append([event])


def _append(events: list[AuditEvent]) -> None:
    """Chain `events` after the head, in order, in one insert. Holds the head's lock until commit."""
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now()
    for event in events:
        event.sequence, event.created_at = head.last_sequence + 1, now
        event.previous_hash = head.last_hash
        event.hash = event.compute_hash()
        head.last_sequence, head.last_hash = event.sequence, event.hash
    AuditEvent.objects.bulk_create(events)
    head.save(update_fields=["last_sequence", "last_hash"])


def verify_chain(batch_size: int = 5000):
    """Walk the chain in order; return None if intact, else (event sequence or id, reason)."""
    previous_hash, expected_sequence = GENESIS_HASH, 1
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            return event.sequence, f"sequence gap: expected #{expected_sequence}"
        if event.previous_hash != previous_hash:
            return event.sequence, "previous_hash does not match the event before it"
        if event.compute_hash() != event.hash:
            return event.sequence, "content does not match its hash (event was altered)"
        previous_hash, expected_sequence = event.hash, expected_sequence + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_sequence != expected_sequence - 1 or head.last_hash != previous_hash):
        return (
            expected_sequence - 1,
            "the chain's tip does not match its last event (events removed)",
        )
    return None
