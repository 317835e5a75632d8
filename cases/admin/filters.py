"""List filters for what waits on an agency: escalations by deadline, findings by what they wait
for. The home page counts through the same `rows` functions, so a count and the list it links to
always show the same rows."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Finding
from ..services.deadlines import due_soon, past_due
from ..services.workflow import OPEN_ESCALATION


class ChoiceFilter(admin.SimpleListFilter):
    """A filter whose choices each name a `rows(queryset, choice)` selection."""

    options: dict = {}

    def lookups(self, request, model_admin):
        return list(self.options.items())

    def queryset(self, request, queryset):
        return self.rows(queryset, self.value()) if self.value() in self.options else queryset


class DeadlineFilter(ChoiceFilter):
    """Escalations not acted on yet: past their due date, or due within the reminder's horizon
    (NOTICE_REMIND_WORKING_DAYS Indonesian working days)."""

    title = _("deadline")
    parameter_name = "deadline"
    OVERDUE, SOON = "overdue", "soon"
    options = {OVERDUE: _("Overdue"), SOON: _("Due soon")}

    @classmethod
    def rows(cls, queryset, choice: str):
        waiting, today = queryset.filter(status__in=OPEN_ESCALATION), timezone.localdate()
        return (past_due if choice == cls.OVERDUE else due_soon)(waiting, today)


class WaitingFilter(ChoiceFilter):
    """Findings on no case yet: waiting for an analyst's review (the civil servant is known), or
    for identity linking (the account is not linked to a civil servant yet)."""

    title = _("waiting for")
    parameter_name = "waiting"
    REVIEW, LINKING = "review", "linking"
    options = {REVIEW: _("Review"), LINKING: _("Identity linking")}

    @classmethod
    def rows(cls, queryset, choice: str):
        waiting = queryset.filter(status=Finding.Status.NEW, case__isnull=True)
        return waiting.filter(subject__isnull=choice == cls.LINKING)
