"""The tamper-evident audit trail: every service call records one event through `record`."""

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


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed."""
    return {
        field: [_jsonable(before.get(field)), _jsonable(after.get(field))]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


def record(actor, action: str, obj, changes: dict | None = None, agency=None) -> AuditEvent:
    """Append one event for `action` on `obj` by `actor`; must run inside the change's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    membership = getattr(actor, "membership", None) if actor is not None else None
    event = AuditEvent(
        sequence=head.last_sequence + 1,
        created_at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or "",
        agency_code=(agency.code if agency else membership.agency.code if membership else ""),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=_jsonable(changes or {}),
        request_id=current_request_id.get(),
        previous_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_sequence, head.last_hash = event.sequence, event.hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return event


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
        return expected_sequence - 1, "the chain's tip does not match its last event (events removed)"
    return None
