"""What the client names things by, checked before any query: global IDs and page cursors.

A global ID or cursor that does not decode to what this API hands out is the client's mistake and
is answered as such, naming the field and the value; a well-formed ID of another type, or of a row
the caller may not see, still matches nothing, exactly like an unknown one.
"""

from strawberry import relay
from strawberry.relay.types import PREFIX as CURSOR_PREFIX
from strawberry.relay.utils import from_base64

from core.errors import ServiceError

# Primary keys are 64-bit; a larger number could only make the database raise.
MAX_PK = 2**63 - 1
# Offsets into a list: anything larger is no cursor this API gave.
MAX_OFFSET = 2**31 - 1


class InvalidInput(ServiceError):
    code = "invalid_id"


def _number(text: str, limit: int) -> int | None:
    """`text` as a non-negative decimal integer up to `limit`, else None ("²".isdigit() is True)."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(limit)):
        return None
    value = int(text)
    return value if value <= limit else None


def is_key(node_id: str) -> bool:
    """`node_id` is a primary key a row can have."""
    return _number(node_id, MAX_PK) is not None


def pk_of(global_id: relay.GlobalID | None, type_name: str, field: str | None = None) -> int | None:
    """The primary key a global ID names: None when not given, 0 (matches nothing) when it names
    another type. InvalidInput when its key is not one a row can have."""
    if global_id is None:
        return None
    pk = _number(global_id.node_id, MAX_PK)
    if pk is None:
        raise InvalidInput(
            f"{field or type_name}: {str(global_id)!r} is not a valid ID "
            f"(it decodes to {global_id.type_name}:{global_id.node_id!r})",
            field=field,
        )
    return pk if global_id.type_name == type_name else 0


def check_cursors(**arguments) -> None:
    """Refuse `after`/`before` values that are not cursors of a list this API returned."""
    for name in ("after", "before"):
        cursor = arguments.get(name)
        if cursor is None:
            continue
        try:
            prefix, offset = from_base64(cursor)
        except ValueError:
            prefix, offset = None, ""
        if prefix != CURSOR_PREFIX or _number(offset, MAX_OFFSET) is None:
            raise InvalidInput(
                f"{name}: {cursor!r} is not a cursor from this list "
                "(use a pageInfo or edge cursor as returned)",
                field=name,
                code="invalid_cursor",
            )
