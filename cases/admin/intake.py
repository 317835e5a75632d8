"""Intake: reports (the reporter's identity shown only where the policy allows) and findings."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import policy, services
from ..models import Finding, Report
from ..services.labels import REVIEW_ORDER
from .base import ReadOnlyAdmin, run_each
from .filters import WaitingFilter

REPORTER_FIELDS = ("reporter_name", "reporter_contact")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    # Never list or search the reporter's identity: only the change page shows it, per object.
    list_display = [
        "__str__",
        "channel",
        "about",
        "subject",
        "receiving_agency",
        "case",
        "created_at",
    ]
    list_filter = ["channel", "receiving_agency"]
    search_fields = ["about", "text", "subject__nip", "subject__name"]
    list_select_related = ["subject", "receiving_agency", "case"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and policy.can_view_reporter(request.user, obj):
            return fields
        return [field for field in fields if field not in REPORTER_FIELDS]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "violation_code",
        "score",
        "status",
        "case",
        "post",
        "report",
        "agency",
        "detector_version",
        "created_at",
    ]
    list_filter = [WaitingFilter, "status", "violation_code", "agency"]
    search_fields = ["case__reference", "post__external_id"]
    list_select_related = ["case", "post", "report", "agency"]
    actions = ["confirm", "dismiss"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return ["explanation_lines" if name == "explanation" else name for name in fields]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "explanation_lines"]

    @admin.display(description=_("explanation"))
    def explanation_lines(self, finding):
        """What the detector or the analyst gave as the reasons, one per line (not a JSON list)."""
        lines = [str(item) for item in finding.explanation or ()]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "-"

    def get_ordering(self, request):
        """Waiting findings (status: new) come as the review queue orders them."""
        waiting = request.GET.get(WaitingFilter.parameter_name)
        if request.GET.get("status__exact") == Finding.Status.NEW or waiting:
            return list(REVIEW_ORDER)
        return super().get_ordering(request)

    @admin.action(description=_("Confirm the selected findings"))
    def confirm(self, request, queryset):
        run_each(
            request,
            queryset,
            lambda finding: services.review_finding(
                request.user, finding, Finding.Status.CONFIRMED
            ),
            _("Confirmed"),
        )

    @admin.action(description=_("Dismiss the selected findings"))
    def dismiss(self, request, queryset):
        run_each(
            request,
            queryset,
            lambda finding: services.review_finding(
                request.user, finding, Finding.Status.DISMISSED
            ),
            _("Dismissed"),
        )
