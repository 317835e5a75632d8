"""The case list and page: rows through the policy; opening, editing, workflow transitions,
acknowledgements, notes, evidence, involvements, links and shares through cases.services.

The page starts with the case's state and the next steps this user may take (the workflow and
the policy decide which), then its history and its graph, then the edit form. A transition is a
confirmation step that shows the case as stored and asks a reason; it carries none of the edit
form's fields, so an unsaved edit is never taken along or silently dropped (the page's script
also holds the buttons back while the form has unsaved changes)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.errors import ServiceError

from .. import policy, services
from ..models import Case, Escalation, Function, Regime, Transition
from ..services.cases import EDITABLE_FIELDS
from ..sharing import shares_of
from ..workflow import Resolver, WorkflowError, active_regime, check_transition
from .base import PolicyAdmin, ServiceErrorsAsMessages, form_page, run_each
from .forms import CASE_FORMS, TRANSITION_FORMS, CaseAddForm, CaseChangeForm, TransitionForm
from .graph_drawing import drawing
from .inlines import CASE_INLINES
from .labels import SHARE_WORDS, transition_button, transition_label, violation_words
from .timeline import Timeline

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


def regime_in_force() -> Regime | None:
    try:
        return active_regime()
    except ServiceError:
        return None


def fireable(user, case, regime: Regime) -> list[Transition]:
    """The transitions `user` may fire on `case` now, as the workflow itself decides."""
    allowed = {}
    for transition in regime.transitions.all():
        if transition.from_status != case.status or transition.name in allowed:
            continue
        try:
            allowed[transition.name] = check_transition(user, case, transition.name, regime)
        except WorkflowError:
            continue
    return sorted(allowed.values(), key=lambda transition: transition.name)


def receivers(user, case, transition: Transition, regime: Regime) -> list[Agency]:
    """The agencies that receive the case: those the transition escalates to, else the one
    holding it afterwards (resolved by the workflow for this case and the acting agency)."""
    resolve = Resolver(regime, case, actor_agency=policy.agency_of(user) or case.holder_agency)
    functions = transition.escalate_to or [transition.holder_after]
    return [agency for agency in map(resolve, filter(None, functions)) if agency] or [
        case.holder_agency
    ]


def fireable_somewhere(user, transition: Transition, regime: Regime) -> bool:
    """Whether `user` could fire `transition` on some case (the list's bulk actions): the policy
    asked with the agency that would act — the one playing the function in the regime, or for a
    function played per case (the subject's PPK, the owner) the user's own agency, if it can
    play it."""
    own = policy.agency_of(user)
    acting = Resolver(regime, actor_agency=own)(transition.actor_function)
    if acting is None and transition.actor_function not in regime.fixed_agencies:
        if transition.actor_function != Function.PPK or own and own.kind == Agency.Kind.PPK:
            acting = own
    return policy.can_fire_transition(user, transition, acting)


def offered_transitions(request) -> list[str]:
    """Names of the transitions the user could fire somewhere, once per request: the changelist
    asks for its actions several times."""
    if not hasattr(request, "_case_transitions"):
        regime = regime_in_force()
        transitions = regime.transitions.all() if regime else []
        request._case_transitions = sorted(
            {t.name for t in transitions if fireable_somewhere(request.user, t, regime)}
        )
    return request._case_transitions


def case_state(case) -> list[tuple[str, str]]:
    """The case as stored, in words: what the top of its page and a confirmation step show."""
    due = date_format(case.due_at, "j F Y") if case.due_at else _("no due date")
    return [
        (_("Status"), case.get_status_display()),
        (_("Held by"), f"{case.holder_agency} — {case.holder_agency.name}"),
        (_("Due date"), due),
        (_("Violations"), violation_words(case.violation_codes)),
        (_("Title"), case.title),
        (_("Outcome"), case.outcome or "-"),
    ]


@admin.register(Case)
class CaseAdmin(ServiceErrorsAsMessages, PolicyAdmin):
    list_display = ["reference", "short_title", "status", "holder_agency", "due_at", "severity"]
    list_filter = ["status", "severity", "owner_agency", "holder_agency", "contest"]
    search_fields = ["reference", "title"]
    list_select_related = ["holder_agency"]
    inlines = CASE_INLINES

    def has_delete_permission(self, request, obj=None):
        return False  # cases are closed through the workflow, never deleted (not even by root)

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, case):
        return Truncator(case.title).chars(60)

    @admin.display(description=_("violations"))
    def violations(self, case):
        return violation_words(case.violation_codes)

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
        # One who may not edit reads the violations in words, at the top and under State.
        editable = self.has_change_permission(request, obj)
        fields = [name for name in EDITABLE_FIELDS if editable or name != "violation_codes"]
        return [
            (None, {"fields": fields}),
            (_("State"), {"fields": STATE_FIELDS, "classes": ["collapse"]}),
        ]

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

    # --- workflow transitions, acknowledgements and the case's forms -----------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                view(self.transition_view),
                name="cases_case_transition",
            ),
            path(
                "<path:object_id>/acknowledge/<int:escalation_id>/",
                view(self.acknowledge_view),
                name="cases_case_acknowledge",
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
        for name in offered_transitions(request):
            actions[f"workflow_{name}"] = (
                self.transition_action(name),
                f"workflow_{name}",
                _("Workflow: %(transition)s") % {"transition": transition_label(name)},
            )
        return actions

    def transition_action(self, name: str):
        """A transition over the selected cases: a confirmation page asks the reason first (the
        ones with their own form take one case at a time, on the case's transition page)."""

        def action(modeladmin, request, queryset):
            if name in TRANSITION_FORMS:
                if len(queryset) != 1:
                    messages.error(
                        request,
                        _("%(transition)s needs a form: select exactly one case.")
                        % {"transition": transition_label(name)},
                    )
                    return None
                return HttpResponseRedirect(self.transition_url(queryset[0], name))
            form = TransitionForm(
                request.POST if "reason" in request.POST else None,
                transition=name,
                title=transition_label(name),
            )
            if form.is_valid():
                run_each(
                    request, queryset, lambda case: form.submit(request.user, case), form.title
                )
                return None
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": form.title,
                "form": form,
                "action": f"workflow_{name}",
                "cases": queryset.select_related("holder_agency"),
            }
            return TemplateResponse(request, "admin/cases/case/bulk_transition.html", context)

        return action

    def case_url(self, case, form_name: str | None = None) -> str:
        if form_name is None:
            return reverse("admin:cases_case_change", args=[quote(case.pk)])
        return reverse("admin:cases_case_form", args=[quote(case.pk), form_name])

    def transition_url(self, case, name: str) -> str:
        return reverse("admin:cases_case_transition", args=[quote(case.pk), name])

    def transition_view(self, request, object_id, name):
        """The confirmation step of a transition: the case as stored, the transition's own fields
        if it has any, and the reason; the POST fires it through the services."""
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        regime = regime_in_force()
        transition = next(
            (t for t in (fireable(request.user, case, regime) if regime else []) if t.name == name),
            None,
        )
        title = (
            transition_button(name, receivers(request.user, case, transition, regime))
            if transition
            else transition_label(name)
        )
        form_class = TRANSITION_FORMS.get(name, TransitionForm)
        form = form_class(request.POST or None, transition=name, title=title)
        form.current = case_state(case)
        return form_page(self, request, case, form, self.case_url(case))

    def acknowledge_view(self, request, object_id, escalation_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        try:
            escalation = policy.get_visible(
                request.user,
                Escalation.objects.filter(case=case).select_related("from_agency"),
                pk=escalation_id,
            )
            services.acknowledge_escalation(request.user, escalation)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(case)s: the hand-over from %(agency)s is acknowledged")
                % {"case": case, "agency": escalation.from_agency},
            )
        return HttpResponseRedirect(self.case_url(case))

    def form_view(self, request, object_id, form_name):
        form_class = CASE_FORMS.get(form_name)
        if form_class is None:
            raise Http404(_("No such form: %(name)s") % {"name": form_name})
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = form_class(request.POST or None, request.FILES or None)
        return form_page(self, request, case, form, self.case_url(case))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.workspace_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workspace_context(self, request, case) -> dict:
        """The top of the case page: its state, the transitions the user may fire now (each
        naming the agencies that receive the case), the hand-overs to acknowledge, the forms the
        user's share level allows; then the history and the graph."""
        user, regime = request.user, regime_in_force()
        transitions = [
            {
                "label": transition_button(t.name, receivers(user, case, t, regime)),
                "url": self.transition_url(case, t.name),
            }
            for t in (fireable(user, case, regime) if regime else [])
        ]
        waiting = policy.visible(
            user,
            case.escalations.filter(acknowledged_at__isnull=True)
            .exclude(status__in=[Escalation.Status.ACTED, Escalation.Status.CANCELLED])
            .select_related("from_agency", "to_agency"),
        )
        acknowledgements = [
            {
                "label": _("Acknowledge the hand-over from %(agency)s")
                % {"agency": escalation.from_agency},
                "url": reverse(
                    "admin:cases_case_acknowledge", args=[quote(case.pk), escalation.pk]
                ),
            }
            for escalation in waiting
            if policy.can_acknowledge_escalation(user, escalation)
        ]
        allowed = {
            needs: policy.can_on_case(user, needs, case)
            for needs in {form.needs for form in CASE_FORMS.values()}
        }
        forms = [
            {"label": form.title, "url": self.case_url(case, slug)}
            for slug, form in CASE_FORMS.items()
            if allowed[form.needs]
        ]
        return {
            "case_state": case_state(case),
            "transitions": transitions,
            "acknowledgements": acknowledgements,
            "case_forms": forms,
            "timeline": Timeline(user, case).entries(),
            "graph": drawing(user, case),
        }
