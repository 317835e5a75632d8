"""The agency's in-app inbox: notices of escalations, shares and sanctions (agencies/services/notices.py)."""

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import auto
from strawberry.scalars import JSON

from agencies.models import Notice

from .base import PolicyNode

if TYPE_CHECKING:  # the lazy annotations below name these
    from .cases import CaseType

Case = Annotated["CaseType", strawberry.lazy("graphql_api.types.cases")]


@strawberry_django.type(Notice, name="Notice")
class NoticeType(PolicyNode):
    event_type: auto = strawberry_django.field(
        description="e.g. escalation.opened, case.shared, sanction.recorded."
    )
    case: Case | None
    payload: JSON = strawberry_django.field(description="As sent by webhook (see README).")
    created_at: datetime.datetime
    read_at: datetime.datetime | None
