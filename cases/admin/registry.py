"""Registry, elections and content: readable by every agency user, written by importers and the
API (never from here). A civil servant's page lists their cases, accounts and findings, an
institution's page its PPK and open cases: each through the policy, so what the user may not see
is neither listed nor counted."""

import datetime

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from agencies.admin import InstitutionAdmin
from agencies.models import Institution

from .. import policy
from ..models import (
    Candidate,
    Case,
    CivilServant,
    Contest,
    Finding,
    Involvement,
    Post,
    SocialAccount,
)
from ..services.detected_cases import OPEN_STATUSES
from .base import ReadOnlyAdmin, ReadOnlyInline
from .learning import PostLabelling


def cell(text, obj=None) -> dict:
    """A table cell; with `obj`, a link to its admin page."""
    if obj is None:
        return {"text": text, "url": None}
    meta = obj._meta
    return {
        "text": text,
        "url": reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]),
    }


def day(moment) -> str:
    if moment is None:
        return "-"
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATE_FORMAT")


def case_rows(cases) -> list[list[dict]]:
    return [
        [
            cell(case.reference, case),
            cell(case.title),
            cell(case.get_status_display()),
            cell(case.holder_agency.name),
            cell(day(case.due_at)),
        ]
        for case in cases
    ]


class RegistryPage:
    """A registry page with tables after its fields: the admin defines `tables(request, obj)`."""

    change_form_template = "admin/cases/registry_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {"tables": self.tables(request, obj)} if obj is not None else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})


@admin.register(CivilServant)
class CivilServantAdmin(RegistryPage, ReadOnlyAdmin):
    list_display = [
        "name",
        "nip",
        "institution",
        "position",
        "position_type",
        "employment_type",
        "region",
    ]
    list_filter = ["position_type", "employment_type", "institution"]
    search_fields = ["nip", "name"]
    list_select_related = ["institution", "region"]

    def tables(self, request, servant) -> list[dict]:
        user = request.user
        involvements = policy.visible(
            user, Involvement.objects.filter(civil_servant=servant)
        ).select_related("case__holder_agency")
        accounts = policy.visible(user, servant.accounts.order_by("platform", "handle"))
        findings = (
            policy.visible(user, Finding.objects.filter(subject=servant))
            .select_related("case")
            .order_by("-created_at")
        )
        return [
            {
                "id": "cases",
                "title": _("cases"),
                "headers": [_("reference"), _("title"), _("status"), _("role"), _("holder agency")],
                "rows": [
                    [
                        cell(i.case.reference, i.case),
                        cell(i.case.title),
                        cell(i.case.get_status_display()),
                        cell(i.get_role_display()),
                        cell(i.case.holder_agency.name),
                    ]
                    for i in involvements.order_by("-case__created_at", "role")
                ],
                "empty": _("No case you may see names this civil servant."),
            },
            {
                "id": "accounts",
                "title": _("social accounts"),
                "headers": [_("account"), _("platform"), _("link method"), _("linked at")],
                "rows": [
                    [
                        cell(f"@{a.handle}", a),
                        cell(a.get_platform_display()),
                        cell(a.get_link_method_display()),
                        cell(day(a.linked_at)),
                    ]
                    for a in accounts
                ],
                "empty": _("No social account is linked to this civil servant."),
            },
            {
                "id": "findings",
                "title": _("findings"),
                "headers": [
                    _("violation code"),
                    _("score"),
                    _("status"),
                    _("case"),
                    _("created at"),
                ],
                "rows": [
                    [
                        cell(f.get_violation_code_display(), f),
                        cell(number_format(f.score, 2)),
                        cell(f.get_status_display()),
                        cell(f.case.reference, f.case) if f.case else cell("-"),
                        cell(day(f.created_at)),
                    ]
                    for f in findings
                ],
                "empty": _("No finding you may see is about this civil servant."),
            },
        ]


@admin.register(SocialAccount)
class SocialAccountAdmin(ReadOnlyAdmin):
    list_display = [
        "handle",
        "platform",
        "display_name",
        "owner",
        "campaign_of_candidates",
        "link_method",
        "link_confidence",
    ]
    list_filter = ["platform", "link_method"]
    search_fields = ["handle", "display_name", "owner__nip", "owner__name"]
    list_select_related = ["owner"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("campaign_of__contest")

    @admin.display(description=_("campaign account of"))
    def campaign_of_candidates(self, account):
        return "; ".join(f"{c.name} ({c.contest.slug})" for c in account.campaign_of.all())


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ["ballot_number", "name", "running_mate", "parties", "hashtags"]
    show_change_link = False


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "region", "campaign_start", "campaign_end", "voting_day"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    list_select_related = ["region"]
    inlines = [CandidateInline]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["name", "ballot_number", "running_mate", "contest"]
    list_filter = ["contest"]
    search_fields = ["name", "running_mate"]
    list_select_related = ["contest"]


@admin.register(Post)
class PostAdmin(PostLabelling, ReadOnlyAdmin):
    list_display = ["__str__", "author", "action", "short_text", "posted_at", "source_agency"]
    list_filter = ["platform", "action", "source_agency"]
    search_fields = ["external_id", "author__handle", "text"]
    list_select_related = ["author", "source_agency"]
    raw_id_fields = ["target_post", "target_account"]
    readonly_fields = ["analysts_label"]

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text[:80]


# The institution admin is the agencies app's; its page gains the institution's open cases here,
# where the case graph and its policy are known (agencies may not import cases).
admin.site.unregister(Institution)


@admin.register(Institution)
class InstitutionWithCasesAdmin(RegistryPage, InstitutionAdmin):
    def tables(self, request, institution) -> list[dict]:
        ppk = institution.ppk_agency
        cases = (
            policy.visible(
                request.user, Case.objects.filter(institution=institution, status__in=OPEN_STATUSES)
            )
            .select_related("holder_agency")
            .order_by("-created_at")
        )
        return [
            {
                "id": "ppk",
                "title": _("PPK (the official who imposes sanctions)"),
                "headers": [_("name"), _("code")],
                "rows": [[cell(ppk.name), cell(ppk.code)]],
                "empty": "",
            },
            {
                "id": "open-cases",
                "title": _("Open cases"),
                "headers": [
                    _("reference"),
                    _("title"),
                    _("status"),
                    _("holder agency"),
                    _("due at"),
                ],
                "rows": case_rows(cases),
                "empty": _("No open case you may see concerns this institution."),
            },
        ]
