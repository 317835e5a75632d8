"""Import and detection jobs: progress, counts and bad lines, read-only (written by the importers
and the workers)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Job
from .base import ReadOnlyAdmin


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "posts_evaluated",
        "contest",
        "agency",
        "source",
        "detector_version",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status", "agency"]
    search_fields = ["source", "contest__slug", "detector_version"]
    list_select_related = ["contest", "agency"]
    exclude = ["chunks_done"]

    @admin.display(description=_("posts evaluated"))
    def posts_evaluated(self, job):
        return f"{job.processed}/{job.total}" if job.total else "-"
