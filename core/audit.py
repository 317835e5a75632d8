"""The tamper-evident audit trail: every service call records one event through `record`.

Each event's hash covers its content and the hash before it, so an edit breaks the chain. Each
event also carries the signature of the chain's head it made (HMAC-SHA256 of sequence and hash,
with a key the database does not hold: AUDIT_SIGNING_KEY), so one who can write the database and
recomputes every later hash still cannot sign them. Cutting off the newest events and setting the
head back leaves valid signatures; that shows against a signed head seen later: the checkpoints
beat writes, and the heads every notice carries to the agencies (`signed_head`).
"""

import hmac
import json
from contextlib import ContextDecorator
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.utils import timezone, translation

from .models import AuditChainHead, AuditCheckpoint, AuditEvent
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
    first event, it would be held for most of the transaction, so all writers would queue behind
    one another; taken at the end, it is held only while the events are chained and committed.
    An event recorded inside a plain transaction.atomic block within is appended at once, so a
    savepoint rolled back (and the error caught) takes its events with it."""
    return _AuditedAtomic()(func) if callable(func) else _AuditedAtomic()


def _blocks(connection) -> list[_Block]:
    return connection.__dict__.setdefault("audit_blocks", [])


def _recorded_repr(obj) -> str:
    """The object's name as the trail keeps it: in the service's own language (LANGUAGE_CODE),
    whoever wrote it, so that an API client's English does not end up in the staff's trail."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(obj)[:200]


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
        object_repr=_recorded_repr(obj),
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
        event.signature = sign(event.sequence, event.hash)
        head.last_sequence, head.last_hash = event.sequence, event.hash
    AuditEvent.objects.bulk_create(events)
    head.save(update_fields=["last_sequence", "last_hash"])


def signing_key() -> bytes:
    """AUDIT_SIGNING_KEY, or in development one derived from SECRET_KEY (see `check_signing_key`)."""
    if settings.AUDIT_SIGNING_KEY:
        return settings.AUDIT_SIGNING_KEY.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"netralitas audit chain", "sha256").digest()


def sign(sequence: int, hash: str) -> str:
    return hmac.new(signing_key(), f"{sequence}:{hash}".encode(), "sha256").hexdigest()


def signed_head() -> dict:
    """The chain's head as committed now, signed: what notices carry and checkpoints keep."""
    head = AuditChainHead.objects.filter(pk=1).first()
    sequence, hash = (head.last_sequence, head.last_hash) if head else (0, GENESIS_HASH)
    return {"sequence": sequence, "hash": hash, "signature": sign(sequence, hash)}


def write_checkpoint() -> AuditCheckpoint | None:
    """Keep the signed head, unless the last checkpoint already has it."""
    head = signed_head()
    last = AuditCheckpoint.objects.order_by("-sequence").first()
    if head["sequence"] == 0 or (last and last.sequence >= head["sequence"]):
        return None
    return AuditCheckpoint.objects.create(**head)


@dataclass(frozen=True)
class Checkpoint:
    """A signed head to check the chain against, and where it was found (for the report)."""

    sequence: int
    hash: str
    signature: str
    source: str

    @classmethod
    def parse(cls, record, source: str) -> "Checkpoint":
        """A checkpoint from a JSON object: a signed head, or a notice payload carrying one."""
        if isinstance(record, dict) and isinstance(record.get("data"), dict):
            record = record["data"].get("audit_head", record)  # a stored webhook payload
        if isinstance(record, dict) and isinstance(record.get("audit_head"), dict):
            record = record["audit_head"]
        try:
            sequence, hash, signature = (record[key] for key in ("sequence", "hash", "signature"))
        except (KeyError, TypeError):
            raise ValueError(
                f"{source}: expected an object with sequence, hash and signature"
            ) from None
        if not (isinstance(sequence, int) and isinstance(hash, str) and isinstance(signature, str)):
            raise ValueError(f"{source}: sequence must be a number, hash and signature strings")
        return cls(sequence, hash, signature, source)

    def is_signed(self) -> bool:
        return hmac.compare_digest(self.signature, sign(self.sequence, self.hash))


def read_checkpoints(lines, name: str) -> list[Checkpoint]:
    """The checkpoints of a JSON-lines file a partner kept (ValueError naming the bad line)."""
    found = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{name} line {number}: malformed JSON: {error.msg}") from None
            found.append(Checkpoint.parse(record, f"{name} line {number}"))
    return found


def verify_chain(checkpoints=(), batch_size: int = 5000):
    """Walk the chain in order, checking it against the stored checkpoints and `checkpoints`;
    return None if intact, else (the first bad sequence, reason)."""
    stored = [
        Checkpoint(c.sequence, c.hash, c.signature, f"checkpoint of {c.created_at:%Y-%m-%d %H:%M}")
        for c in AuditCheckpoint.objects.all()
    ]
    problems, expected = [], {}
    for checkpoint in [*stored, *checkpoints]:
        if not checkpoint.is_signed():
            problems.append((checkpoint.sequence, f"{checkpoint.source}: signature not ours"))
        else:
            expected.setdefault(checkpoint.sequence, []).append(checkpoint)
    last = _walk_events(expected, problems, batch_size)
    for sequence, found in expected.items():
        if sequence > last:
            problems.append(
                (
                    last + 1,
                    f"the chain ends at #{last} but {found[0].source} signed #{sequence} "
                    "(events removed)",
                )
            )
    return min(problems, key=lambda problem: problem[0], default=None)


def _walk_events(expected: dict, problems: list, batch_size: int) -> int:
    """Check each event and the head; add what is wrong to `problems`; return the last sequence."""
    previous_hash, sequence = GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        problem = _event_problem(event, sequence + 1, previous_hash)
        if problem is not None:
            problems.append((event.sequence, problem))
            return sequence
        for checkpoint in expected.get(event.sequence, ()):
            if checkpoint.hash != event.hash:
                problems.append(
                    (event.sequence, f"hash differs from the one {checkpoint.source} signed")
                )
        previous_hash, sequence = event.hash, event.sequence
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_sequence != sequence or head.last_hash != previous_hash):
        problems.append(
            (sequence, "the chain's tip does not match its last event (events removed)")
        )
    return sequence


def _event_problem(event, expected_sequence: int, previous_hash: str) -> str | None:
    if event.sequence != expected_sequence:
        return f"sequence gap: expected #{expected_sequence}"
    if event.previous_hash != previous_hash:
        return "previous_hash does not match the event before it"
    if event.compute_hash() != event.hash:
        return "content does not match its hash (event was altered)"
    if not hmac.compare_digest(event.signature, sign(event.sequence, event.hash)):
        return "signature does not match (the chain was rewritten from here)"
    return None


@checks.register(checks.Tags.security, deploy=True)
def check_signing_key(app_configs=None, **kwargs) -> list:
    if settings.AUDIT_SIGNING_KEY:
        return []
    return [
        checks.Warning(
            "AUDIT_SIGNING_KEY is not set: the audit chain is signed with a key derived from "
            "SECRET_KEY, which the web processes hold.",
            hint="Set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE to a key of its own.",
            id="netralitas.W001",
        )
    ]
