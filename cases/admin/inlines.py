"""What hangs off a case, shown read-only on its page (added through the case's forms)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import (
    CaseLink,
    Escalation,
    Evidence,
    Finding,
    Involvement,
    Note,
    Recommendation,
    Sanction,
)
from .base import ReadOnlyInline
from .labels import transition_label


class InvolvementInline(ReadOnlyInline):
    model = Involvement
    fields = ["role", "civil_servant", "candidate", "name", "description", "added_by"]
    select_related = ["civil_servant", "candidate", "added_by"]


class NoteInline(ReadOnlyInline):
    model = Note
    fields = ["created_at", "agency", "author", "text"]
    select_related = ["agency", "author"]


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["kind", "url", "file", "sha256", "captured_by_agency", "captured_at"]
    select_related = ["captured_by_agency"]


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["violation_code", "score", "status", "post", "report", "detector_version"]
    select_related = ["post", "report"]


class EscalationInline(ReadOnlyInline):
    model = Escalation
    fields = [
        "step_words",
        "from_agency",
        "to_agency",
        "status",
        "reason",
        "sent_at",
        "due_at",
        "acknowledged_at",
    ]
    select_related = ["from_agency", "to_agency"]

    @admin.display(description=_("step"))
    def step_words(self, escalation):
        return transition_label(escalation.step)


class RecommendationInline(ReadOnlyInline):
    model = Recommendation
    fields = ["issuer", "addressed_ppk", "proposed_sanction", "text", "due_at", "follow_up"]
    select_related = ["issuer", "addressed_ppk"]


class SanctionInline(ReadOnlyInline):
    model = Sanction
    fields = ["level", "measure", "decree_number", "decree_date", "imposing_ppk"]
    select_related = ["imposing_ppk"]


class LinkInline(ReadOnlyInline):
    model = CaseLink
    fk_name = "from_case"
    fields = ["kind", "to_case", "created_at"]
    select_related = ["to_case"]


CASE_INLINES = [
    InvolvementInline,
    FindingInline,
    EvidenceInline,
    NoteInline,
    EscalationInline,
    RecommendationInline,
    SanctionInline,
    LinkInline,
]
