"""Imports and detection runs with their progress (cases.models.Job)."""

import datetime

import strawberry
import strawberry_django
from strawberry import auto
from strawberry.scalars import JSON

from cases.models import Job

from .base import PolicyNode
from .registry import AgencyType, ContestType

JobKind = strawberry.enum(Job.Kind, name="JobKind")
JobStatus = strawberry.enum(Job.Status, name="JobStatus")


@strawberry_django.type(Job, name="Job")
class JobType(PolicyNode):
    kind: JobKind
    status: JobStatus
    reason: auto
    agency: AgencyType | None
    contest: ContestType | None
    source: auto
    detector_version: auto
    total: int = strawberry.field(description="Posts to evaluate.")
    processed: int = strawberry.field(description="Posts evaluated so far.")
    counts: JSON
    errors: JSON = strawberry.field(description="Bad lines: [{line, reason}].")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
