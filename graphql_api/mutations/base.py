"""What every mutation shares: resolve incoming IDs through the policy, call one service, and
turn its refusals into typed errors. A hidden object fails exactly like a missing one."""

import strawberry
from django.core.exceptions import FieldDoesNotExist
from strawberry import Info, relay
from strawberry.utils.str_converters import to_camel_case

from cases import policy
from core.errors import ServiceError

from ..auth import user_of
from ..ids import pk_of


@strawberry.type
class FieldError:
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    code: str = strawberry.field(
        description="Stable, e.g. not_found, permission_denied, "
        "invalid_transition, wrong_agency, required."
    )
    message: str


@strawberry.type
class Payload:
    pk: strawberry.Private[int | None] = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


def result_field(node_type):
    """The payload's object, re-read through the policy and the optimizer like any node, so what
    the client selects beneath it is as filtered (and as cheap) as in a query."""

    def resolve(root: Payload, info: Info) -> node_type | None:
        if root.pk is None:
            return None
        return node_type.resolve_node(str(root.pk), info=info, required=False)

    return strawberry.field(resolver=resolve)


def run(payload_type: type[Payload], action, input=None, model=None) -> Payload:
    """Call `action` (which resolves its IDs and calls one service) and wrap the outcome; the
    text fields of `input` are first checked against the columns of `model` they are stored in."""
    try:
        if input is not None:
            check_lengths(input, model)
        obj = action()
    except ServiceError as error:
        return payload_type(errors=[field_error(error)])
    return payload_type(pk=obj.pk)


def check_lengths(input, model) -> None:
    """Refuse a text longer than the column of `model` with the input field's name: a database
    would refuse it at the insert (or, SQLite, keep it whole)."""
    for name, value in vars(input).items():
        if not isinstance(value, str):
            continue
        try:
            limit = model._meta.get_field(name).max_length
        except FieldDoesNotExist:
            continue
        if limit is not None and len(value) > limit:
            raise ServiceError(
                f"{to_camel_case(name)} holds at most {limit} characters, got {len(value)} "
                f"({value[:40]!r}...)",
                field=name,
                code="too_long",
            )


def field_error(error: ServiceError) -> FieldError:
    field = to_camel_case(error.field) if error.field else None
    return FieldError(field=field, code=error.code, message=error.message)


def fetch(info: Info, model, global_id: relay.GlobalID | None, field: str):
    """The object `global_id` names if the caller may see it; NotFound on `field` otherwise."""
    if global_id is None:
        return None
    return policy.get_visible(
        user_of(info), model.objects.all(), field=field, pk=pk_of(global_id, model.__name__, field)
    )


def fetch_by(info: Info, model, field: str, **lookup):
    """The same, for objects partners name by code (agencies) or slug (contests)."""
    return policy.get_visible(user_of(info), model.objects.all(), field=field, **lookup)
