"""A case's children as lists of their own (visible exactly when their case is). They are added
from the case page (cases/admin/cases.py); the lists only read, and acknowledge escalations."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agencies.admin import words_filter

from .. import services
from ..models import (
    CaseLink,
    CustodyEntry,
    Escalation,
    Evidence,
    Involvement,
    Note,
    Recommendation,
    Sanction,
)
from .base import ReadOnlyAdmin, ReadOnlyInline, run_each
from .filters import DeadlineFilter
from .labels import transition_label


@admin.register(Note)
class NoteAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "case", "agency", "author", "created_at"]
    list_filter = ["agency"]
    search_fields = ["case__reference", "text"]
    list_select_related = ["case", "agency", "author"]


class CustodyInline(ReadOnlyInline):
    model = CustodyEntry
    fields = ["at", "action", "agency", "actor", "note"]
    show_change_link = False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "case", "kind", "size", "captured_by_agency", "captured_at"]
    list_filter = ["kind", "captured_by_agency"]
    search_fields = ["case__reference", "sha256", "url"]
    list_select_related = ["case", "captured_by_agency"]
    inlines = [CustodyInline]


@admin.register(Involvement)
class InvolvementAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "case", "role", "civil_servant", "candidate", "name"]
    list_filter = ["role"]
    search_fields = ["case__reference", "civil_servant__nip", "civil_servant__name", "name"]
    list_select_related = ["case", "civil_servant", "candidate"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = [
        "case",
        "step_words",
        "from_agency",
        "to_agency",
        "status",
        "sent_at",
        "due_at",
        "acknowledged_at",
    ]
    list_filter = [
        DeadlineFilter,
        "status",
        words_filter("step", _("step"), transition_label),
        "to_agency",
    ]
    search_fields = ["case__reference"]
    list_select_related = ["case", "from_agency", "to_agency"]
    actions = ["acknowledge"]

    def get_fields(self, request, obj=None):
        return [
            "step_words" if name == "step" else name for name in super().get_fields(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "step_words"]

    @admin.display(description=_("step"), ordering="step")
    def step_words(self, escalation):
        return transition_label(escalation.step)

    @admin.action(description=_("Acknowledge the selected escalations (your agency received them)"))
    def acknowledge(self, request, queryset):
        run_each(
            request,
            queryset,
            lambda escalation: services.acknowledge_escalation(request.user, escalation),
            _("Acknowledged"),
        )


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "case",
        "issuer",
        "addressed_ppk",
        "proposed_sanction",
        "due_at",
        "followed_up_at",
    ]
    list_filter = ["proposed_sanction", "addressed_ppk"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "issuer", "addressed_ppk"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "case", "level", "measure", "decree_date", "imposing_ppk"]
    list_filter = ["level", "imposing_ppk"]
    search_fields = ["case__reference", "decree_number"]
    list_select_related = ["case", "imposing_ppk"]


@admin.register(CaseLink)
class CaseLinkAdmin(ReadOnlyAdmin):
    list_display = ["from_case", "kind", "to_case", "created_at"]
    list_filter = ["kind"]
    search_fields = ["from_case__reference", "to_case__reference"]
    list_select_related = ["from_case", "to_case"]
