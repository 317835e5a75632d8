"""Feeding the detectors: contests and captured posts in, findings reviewed, posts labelled,
exclusions added.
The same importers and services as the management commands (cases.importers, cases.services)."""

import json

import strawberry
from strawberry import Info, relay
from strawberry.scalars import JSON

from cases import importers, services
from cases import models as graph
from cases.services.contests import add_exclusion
from cases.services.labels import label_post
from core.errors import ServiceError

from ..auth import needs, user_of
from ..types.enums import FindingStatus, ViolationCodeEnum
from ..types.intake import FindingType, PostType
from ..types.jobs import JobType
from ..types.registry import ContestType
from .base import FieldError, Payload, fetch, fetch_by, field_error, result_field, run

MAX_POSTS_PER_REQUEST = 5000


@strawberry.type
class LineError:
    line: int | None
    reason: str


@strawberry.type
class ImportPayload(Payload):
    job: JobType | None = result_field(JobType)
    counts: JSON = strawberry.field(default_factory=dict)
    line_errors: list[LineError] = strawberry.field(
        default_factory=list, description="Each bad post or field, by its 1-based position."
    )


@strawberry.type
class ContestPayload(Payload):
    contest: ContestType | None = result_field(ContestType)


@strawberry.type
class FindingPayload(Payload):
    finding: FindingType | None = result_field(FindingType)


@strawberry.input
class IngestPostsInput:
    contest: str = strawberry.field(description="The contest's slug.")
    posts: list[JSON] = strawberry.field(
        description=(
            "Captured posts in the import_posts line format; at most "
            f"{MAX_POSTS_PER_REQUEST} per request. Idempotent on (platform, externalId)."
        )
    )
    strict: bool = strawberry.field(default=False, description="All or nothing.")


@strawberry.input
class ImportContestInput:
    contest: JSON = strawberry.field(description="The import_contest JSON format.")


@strawberry.input
class ReviewFindingInput:
    finding: relay.GlobalID
    status: FindingStatus


@strawberry.type
class PostPayload(Payload):
    post: PostType | None = result_field(PostType)


@strawberry.input(description="An analyst's verdict on a post; the latest label of a post wins.")
class LabelPostInput:
    post: relay.GlobalID
    violation: bool
    category: ViolationCodeEnum | None = strawberry.field(
        default=None, description="The violation code: required for a violation, else empty."
    )


@strawberry.input
class AddExclusionInput:
    contest: str
    phrase: str


@strawberry.type
class DetectionMutations:
    @strawberry.mutation(
        extensions=needs("ingest"),
        description="Queue captured posts for detection; poll the returned job.",
    )
    def ingest_posts(self, info: Info, input: IngestPostsInput) -> ImportPayload:
        if len(input.posts) > MAX_POSTS_PER_REQUEST:
            return ImportPayload(
                errors=[
                    FieldError(
                        field="posts",
                        code="too_many",
                        message=f"at most {MAX_POSTS_PER_REQUEST} posts per request, "
                        f"got {len(input.posts)}",
                    )
                ]
            )
        try:
            contest = fetch_by(info, graph.Contest, "contest", slug=input.contest)
            result = importers.import_posts(
                user_of(info),
                map(json.dumps, input.posts),
                contest,
                source="GraphQL",
                strict=input.strict,
            )
        except ServiceError as error:
            return ImportPayload(errors=[field_error(error)])
        return ImportPayload(
            pk=result.job.pk,
            counts=dict(result.counts),
            line_errors=[LineError(line=e.line, reason=e.reason) for e in result.errors],
        )

    @strawberry.mutation(extensions=needs("ingest"), description="Re-importing updates it.")
    def import_contest(self, info: Info, input: ImportContestInput) -> ContestPayload:
        def action():
            result = importers.import_contest(user_of(info), input.contest, name="GraphQL")
            if result.errors:
                raise ServiceError("; ".join(map(str, result.errors)), field="contest")
            return graph.Contest.objects.get(slug=input.contest["slug"])

        return run(ContestPayload, action)

    @strawberry.mutation(extensions=needs("workflow"))
    def review_finding(self, info: Info, input: ReviewFindingInput) -> FindingPayload:
        return run(
            FindingPayload,
            lambda: services.review_finding(
                user_of(info),
                fetch(info, graph.Finding, input.finding, "finding"),
                input.status.value,
            ),
        )

    @strawberry.mutation(
        extensions=needs("workflow"),
        description="Label a post for the detector to learn from: a missed violation with its "
        "code, or no violation. Confirming or dismissing a finding labels its post too.",
    )
    def label_post(self, info: Info, input: LabelPostInput) -> PostPayload:
        def action():
            post = fetch(info, graph.Post, input.post, "post")
            category = input.category.value if input.category else None
            label_post(user_of(info), post, input.violation, category)
            return post

        return run(PostPayload, action)

    @strawberry.mutation(
        extensions=needs("workflow"),
        description="A dismissed pattern: never a violation in this contest.",
    )
    def add_exclusion(self, info: Info, input: AddExclusionInput) -> ContestPayload:
        return run(
            ContestPayload,
            lambda: add_exclusion(
                user_of(info),
                fetch_by(info, graph.Contest, "contest", slug=input.contest),
                input.phrase,
            ),
        )
