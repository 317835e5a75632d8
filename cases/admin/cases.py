"""The case list and page: rows through the policy; opening, editing, workflow transitions,
notes, evidence, involvements, links and shares through cases.services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError

from .. import policy, services
from ..models import Case, Escalation, Evidence, Note, Transition
from ..services.cases import EDITABLE_FIELDS
from ..sharing import shares_of
from ..workflow import WorkflowError, active_regime, check_transition
from .base import PolicyAdmin, ServiceErrorsAsMessages, form_page, run_each
from .forms import CASE_FORMS, TRANSITION_FORMS, CaseAddForm, CaseChangeForm
from .inlines import CASE_INLINES
from .labels import SHARE_WORDS, transition_label, violation_words

STATE_FIELDS = [
    "reference",
    "status",
    "owner_agency",
    "holder_agency",
    "due_at",
    "violations",
    "shares",
    "institution",
    "region",
    "intake_channel",
    "opened_by",
    "closed_at",
]


def child_count(model):
    """The number of `model` rows per case, as one correlated subquery (no per-row query)."""
    rows = (
        model.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def transition_names(request) -> list[str]:
    """Names of the active regime's transitions (none without a regime), once per request: the
    changelist asks for its actions several times."""
    if not hasattr(request, "_case_transitions"):
        try:
            names = Transition.objects.filter(regime=active_regime()).values_list("name", flat=True)
        except ServiceError:
            names = []
        request._case_transitions = sorted(set(names))
    return request._case_transitions


def fireable(user, case) -> list[str]:
    """The transitions `user` may fire on `case` now, as the workflow itself decides."""
    try:
        regime = active_regime()
    except ServiceError:
        return []
    names = sorted(
        set(
            Transition.objects.filter(regime=regime, from_status=case.status).values_list(
                "name", flat=True
            )
        )
    )
    allowed = []
    for name in names:
        try:
            check_transition(user, case, name, regime)
        except WorkflowError:
            continue
        allowed.append(name)
    return allowed


@admin.register(Case)
class CaseAdmin(ServiceErrorsAsMessages, PolicyAdmin):
    list_display = [
        "reference",
        "title",
        "status",
        "severity",
        "violations",
        "owner_agency",
        "holder_agency",
        "due_at",
        "notes",
        "evidence",
        "escalations",
        "created_at",
    ]
    list_filter = ["status", "severity", "owner_agency", "holder_agency", "contest"]
    search_fields = ["reference", "title"]
    list_select_related = ["owner_agency", "holder_agency"]
    inlines = CASE_INLINES

    def has_delete_permission(self, request, obj=None):
        return False  # cases are closed through the workflow, never deleted (not even by root)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                notes_count=child_count(Note),
                evidence_count=child_count(Evidence),
                escalations_count=child_count(Escalation),
            )
        )

    @admin.display(description=_("violations"))
    def violations(self, case):
        return violation_words(case.violation_codes)

    @admin.display(description=_("notes"), ordering="notes_count")
    def notes(self, case):
        return case.notes_count

    @admin.display(description=_("evidence"), ordering="evidence_count")
    def evidence(self, case):
        return case.evidence_count

    @admin.display(description=_("escalations"), ordering="escalations_count")
    def escalations(self, case):
        return case.escalations_count

    @admin.display(description=_("shared with"))
    def shares(self, case):
        shares = sorted(shares_of(case).items())
        rows = [(agency, SHARE_WORDS.get(level, level)) for agency, level in shares]
        return format_html_join(", ", "{} ({})", rows) or "-"

    # --- opening and editing: services.open_case / services.update_case --------------------

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = CaseAddForm if obj is None else CaseChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            owner = ["owner_agency"] if policy.can_name_case_owner(request.user) else []
            return [
                (
                    None,
                    {
                        "fields": [
                            "title",
                            "description",
                            "severity",
                            "violation_codes",
                            "contest",
                            "subject",
                            *owner,
                        ]
                    },
                )
            ]
        return [(None, {"fields": list(EDITABLE_FIELDS)}), (_("State"), {"fields": STATE_FIELDS})]

    def get_readonly_fields(self, request, obj=None):
        return STATE_FIELDS if obj is not None else []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            fields = {name: data[name] for name in form.changed_data if name in EDITABLE_FIELDS}
            if fields:
                services.update_case(request.user, obj, **fields)
            return
        case = services.open_case(
            request.user,
            title=data["title"],
            description=data["description"],
            severity=data["severity"],
            violation_codes=data["violation_codes"],
            contest=data["contest"],
            subject=data["subject"],
            owner_agency=data.get("owner_agency"),
        )
        obj.pk, obj.reference = case.pk, case.reference

    # --- workflow transitions and the case's forms ----------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                view(self.transition_view),
                name="cases_case_transition",
            ),
            path(
                "<path:object_id>/do/<slug:form_name>/",
                view(self.form_view),
                name="cases_case_form",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name in transition_names(request):
            actions[f"workflow_{name}"] = (
                self.transition_action(name),
                f"workflow_{name}",
                _("Workflow: %(transition)s") % {"transition": transition_label(name)},
            )
        return actions

    def transition_action(self, name: str):
        def action(modeladmin, request, queryset):
            if name not in TRANSITION_FORMS:
                run_each(
                    request,
                    queryset,
                    lambda case: services.transition_case(request.user, case, name),
                    transition_label(name),
                )
                return None
            if len(queryset) != 1:
                messages.error(
                    request,
                    _("%(transition)s needs a form: select exactly one case.")
                    % {"transition": transition_label(name)},
                )
                return None
            return HttpResponseRedirect(self.case_url(queryset[0], name))

        return action

    def case_url(self, case, form_name: str | None = None) -> str:
        if form_name is None:
            return reverse("admin:cases_case_change", args=[quote(case.pk)])
        return reverse("admin:cases_case_form", args=[quote(case.pk), form_name])

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if name in TRANSITION_FORMS:
            return HttpResponseRedirect(self.case_url(case, name))
        run_each(
            request,
            [case],
            lambda c: services.transition_case(request.user, c, name),
            transition_label(name),
        )
        return HttpResponseRedirect(self.case_url(case))

    def form_view(self, request, object_id, form_name):
        form_class = CASE_FORMS.get(form_name) or TRANSITION_FORMS.get(form_name)
        if form_class is None:
            raise Http404(_("No such form: %(name)s") % {"name": form_name})
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = form_class(request.POST or None, request.FILES or None)
        return form_page(self, request, case, form, self.case_url(case))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.workflow_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, case) -> dict:
        """The transitions the user may fire now and the forms their share level allows."""
        transitions = [
            {
                "label": transition_label(name),
                "form": name in TRANSITION_FORMS,
                "url": (
                    self.case_url(case, name)
                    if name in TRANSITION_FORMS
                    else reverse("admin:cases_case_transition", args=[quote(case.pk), name])
                ),
            }
            for name in fireable(request.user, case)
        ]
        allowed = {
            needs: policy.can_on_case(request.user, needs, case)
            for needs in {form.needs for form in CASE_FORMS.values()}
        }
        forms = [
            {"label": form.title, "url": self.case_url(case, slug)}
            for slug, form in CASE_FORMS.items()
            if allowed[form.needs]
        ]
        return {"transitions": transitions, "case_forms": forms}
