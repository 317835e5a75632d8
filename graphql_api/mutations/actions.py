"""What the supervising agency and the PPK do to a case, and acknowledging hand-overs."""

import datetime

import strawberry
from strawberry import Info, relay

from cases import models as graph
from cases import services

from ..auth import needs, user_of
from ..types.cases import EscalationType, RecommendationType, SanctionType
from ..types.enums import SanctionLevelEnum
from .base import Payload, fetch, result_field, run


@strawberry.type
class RecommendationPayload(Payload):
    recommendation: RecommendationType | None = result_field(RecommendationType)


@strawberry.type
class SanctionPayload(Payload):
    sanction: SanctionType | None = result_field(SanctionType)


@strawberry.type
class EscalationPayload(Payload):
    escalation: EscalationType | None = result_field(EscalationType)


@strawberry.input
class IssueRecommendationInput:
    case: relay.GlobalID
    proposed_sanction: SanctionLevelEnum
    text: str


@strawberry.input
class RecordSanctionInput:
    case: relay.GlobalID
    level: SanctionLevelEnum
    decree_number: str
    decree_date: datetime.date
    measure: str = strawberry.field(default="", description="e.g. 'penundaan kenaikan pangkat'.")


@strawberry.input
class AcknowledgeEscalationInput:
    escalation: relay.GlobalID


@strawberry.type
class ActionMutations:
    @strawberry.mutation(
        extensions=needs("workflow"),
        description="The neutrality supervisor recommends a sanction to the PPK.",
    )
    def issue_recommendation(
        self, info: Info, input: IssueRecommendationInput
    ) -> RecommendationPayload:
        return run(
            RecommendationPayload,
            lambda: services.issue_recommendation(
                user_of(info),
                fetch(info, graph.Case, input.case, "case"),
                proposed_sanction=input.proposed_sanction,
                text=input.text,
            ),
            input,
            graph.Recommendation,
        )

    @strawberry.mutation(
        extensions=needs("workflow"), description="The PPK reports the sanction it imposed."
    )
    def record_sanction(self, info: Info, input: RecordSanctionInput) -> SanctionPayload:
        return run(
            SanctionPayload,
            lambda: services.record_sanction(
                user_of(info),
                fetch(info, graph.Case, input.case, "case"),
                level=input.level,
                decree_number=input.decree_number,
                decree_date=input.decree_date,
                measure=input.measure,
            ),
            input,
            graph.Sanction,
        )

    @strawberry.mutation(
        extensions=needs("workflow"),
        description="The receiving agency confirms it has the case (idempotent).",
    )
    def acknowledge_escalation(
        self, info: Info, input: AcknowledgeEscalationInput
    ) -> EscalationPayload:
        return run(
            EscalationPayload,
            lambda: services.acknowledge_escalation(
                user_of(info), fetch(info, graph.Escalation, input.escalation, "escalation")
            ),
        )
