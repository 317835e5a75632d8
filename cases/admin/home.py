"""The workspace's home page: what waits for the user's agency — the cases it holds by status,
escalations overdue or due soon, unread notices, findings waiting for review or identity linking —
and what its people did lately. Every figure is counted through the policy's querysets and links
to the list that shows exactly those rows. An operator sees the whole system, or "looks as" one
agency (a session setting that only narrows what they see)."""

from django.contrib import admin
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from core.models import AuditEvent

from .. import policy
from ..models import Case, CaseStatus, Escalation, Finding
from ..services.detected_cases import OPEN_STATUSES
from .activity import action_words, object_words, told
from .filters import DeadlineFilter, WaitingFilter
from .inbox import inbox_notices

SESSION_KEY = "workspace_agency"  # the agency an operator looks as
DUE_LIST_LENGTH = 8
ACTIVITY_LENGTH = 10

# The admin's model lists, grouped and titled for people (a model not named: "Other").
MODEL_GROUPS = {
    _("Cases and their steps"): [
        "cases.case",
        "cases.escalation",
        "cases.recommendation",
        "cases.sanction",
        "cases.note",
        "cases.evidence",
        "cases.involvement",
        "cases.caselink",
    ],
    _("Reports and detection"): [
        "cases.report",
        "cases.finding",
        "cases.post",
        "cases.postlabel",
        "cases.job",
        "cases.detectormodel",
        "cases.detectortraining",
    ],
    _("Elections and registry"): [
        "cases.contest",
        "cases.candidate",
        "cases.civilservant",
        "cases.socialaccount",
        "agencies.institution",
        "agencies.agency",
        "agencies.agencyrole",
        "core.region",
    ],
    _("Notices and partner systems"): [
        "agencies.notice",
        "agencies.webhookendpoint",
        "agencies.apiclient",
    ],
    _("People and access"): ["agencies.membership", "core.user", "auth.group"],
    _("Routing and audit trail"): [
        "cases.regime",
        "cases.regimefunction",
        "cases.transition",
        "cases.sharingrule",
        "core.auditevent",
    ],
}
# Model lists whose admin title would mislead on the home page.
MODEL_TITLES = {"agencies.notice": _("Notice delivery log")}


def scope(request) -> Agency | None:
    """The agency the home page is about: the user's own; for an operator the one chosen with
    "look as", else none (the whole system)."""
    if policy.can_view_as_agency(request.user):
        chosen = request.session.get(SESSION_KEY)
        return Agency.objects.filter(pk=chosen).first() if chosen else None
    return policy.agency_of(request.user)


def changelist(model, **filters) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def figure(label, count: int, url: str) -> dict:
    return {"label": label, "count": count, "url": url}


def held_cases(user, agency):
    cases = policy.visible(user, Case.objects.all())
    scoped = {"holder_agency__id__exact": agency.pk} if agency else {}
    held = cases.filter(holder_agency=agency) if agency else cases
    counts = dict(held.values_list("status").annotate(n=Count("pk")).order_by())
    by_status = [
        figure(status.label, counts[status], changelist(Case, status__exact=status, **scoped))
        for status in CaseStatus
        if counts.get(status)
    ]
    due = (
        held.filter(status__in=OPEN_STATUSES, due_at__isnull=False)
        .select_related("holder_agency")
        .order_by("due_at", "pk")[:DUE_LIST_LENGTH]
    )
    total = figure(_("All"), sum(counts.values()), changelist(Case, **scoped))
    return {"by_status": by_status, "total": total, "due": list(due)}


def selections(user, agency, model, agency_field: str, list_filter, labels) -> list[dict]:
    """A count per choice of `list_filter` over the `model` rows of `agency` (by `agency_field`)
    that the user sees, each linked to the list filtered the same way."""
    rows = policy.visible(user, model.objects.all())
    scoped = {}
    if agency:
        rows = rows.filter(**{agency_field: agency})
        scoped = {f"{agency_field}__id__exact": agency.pk}
    return [
        figure(
            label,
            list_filter.rows(rows, choice).count(),
            changelist(model, **{list_filter.parameter_name: choice}, **scoped),
        )
        for choice, label in labels.items()
    ]


def escalations(user, agency) -> list[dict]:
    """Escalations to the agency, by deadline."""
    labels = {
        DeadlineFilter.OVERDUE: _("Escalations overdue"),
        DeadlineFilter.SOON: _("Escalations due soon"),
    }
    return selections(user, agency, Escalation, "to_agency", DeadlineFilter, labels)


def findings(user, agency) -> list[dict]:
    """Findings waiting with the agency, by what they wait for."""
    labels = {
        WaitingFilter.REVIEW: _("Findings waiting for review"),
        WaitingFilter.LINKING: _("Findings waiting for identity linking"),
    }
    return selections(user, agency, Finding, "agency", WaitingFilter, labels)


def unread_notices(user, agency) -> dict:
    unread = inbox_notices(user, agency).filter(read_at__isnull=True).count()
    filters = {"unread": "1", **({"agency": agency.pk} if agency else {})}
    return figure(_("Unread notices"), unread, f"{reverse('admin:inbox')}?{urlencode(filters)}")


def activity(user, agency) -> list[dict]:
    events = told(policy.agency_activity(user, AuditEvent.objects.all(), agency))
    return [
        {
            "event": event,
            "words": action_words(event.action),
            "object": object_words(event),
            "case_url": reverse("admin:cases_case_change", args=[event.object_id])
            if event.object_type == "cases.case"
            else None,
        }
        for event in events.order_by("-sequence")[:ACTIVITY_LENGTH]
    ]


def model_groups(request) -> list[dict]:
    """The admin's model lists the user may open, in MODEL_GROUPS' groups and order."""
    models = {
        f"{app['app_label']}.{m['object_name'].lower()}": m
        for app in admin.site.get_app_list(request)
        for m in app["models"]
    }
    for name, title in MODEL_TITLES.items():
        if name in models:
            models[name]["name"] = title
    groups = [
        {"title": title, "models": [models.pop(name) for name in names if name in models]}
        for title, names in MODEL_GROUPS.items()
    ]
    groups.append({"title": _("Other"), "models": list(models.values())})
    return [group for group in groups if group["models"]]


def home_context(request) -> dict:
    user, agency = request.user, scope(request)
    context = {
        "agency": agency,
        "held": held_cases(user, agency),
        "waiting": [*escalations(user, agency), unread_notices(user, agency)],
        "findings": findings(user, agency),
        "activity": activity(user, agency),
        "model_groups": model_groups(request),
    }
    if policy.can_view_as_agency(user):
        context["view_as"] = Agency.objects.filter(active=True).order_by("name")
    return context


@require_POST
def view_as(request):
    """An operator looks as one agency (`agency`: its id; empty: the whole system again)."""
    if not policy.can_view_as_agency(request.user):
        raise Http404
    chosen = request.POST.get("agency", "")
    if chosen.isdigit() and Agency.objects.filter(pk=chosen, active=True).exists():
        request.session[SESSION_KEY] = int(chosen)
    else:
        request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(reverse("admin:index"))


admin.site.set_home(home_context, "admin/workspace/home.html")
admin.site.add_page("workspace/view-as/", view_as, "view_as")
