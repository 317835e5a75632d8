"""The rule book: who may see or do what, one function per model and action.

The services ask these functions before they write (and raise NotFound for what the actor
cannot see, PermissionDenied for what it sees but may not do); the admin and GraphQL read
through `visible` and ask the same functions to decide what to show. The rules on the agencies'
own rows (members, API clients, webhook endpoints, the notice inbox) are written in
agencies/policy.py, below the cases in the ladder, and re-exported here, so that everything
above the cases asks this one module. The README lists every rule.

Cases are shared per agency at a level (read < contribute < manage) by django-guardian rows on the
agency's group (see cases/sharing.py). Child objects (findings, evidence, notes, involvements,
escalations, recommendations, sanctions, links) are visible exactly when their case is. Registry
data (agencies, institutions, regions, contests, candidates, civil servants, accounts) is readable
by every agency user; a civil servant's involvement in cases only through visible cases. A denied
object must look exactly like a missing one.
"""

import operator
from functools import reduce

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import policy as agency_rules
from agencies.models import Agency, Role
from agencies.policy import (  # noqa: F401  (re-exported: the rule book is read from here)
    READ_ONLY_MODELS,
    acts_for,
    agency_of,
    can_add_institutions,
    can_manage_agencies,
    can_manage_endpoints,
    can_manage_members,
    can_mark_notice_read,
    can_redeliver_notice,
    can_redeliver_notices,
    can_view_api_client,
    can_view_delivery_log,
    can_view_endpoint,
    can_view_membership,
    can_view_notice,
    has_role,
    is_superuser,
    manageable_agencies,
    membership_of,
    reads_anything,
    reads_notice_on_opening,
    require,
)
from core.errors import NotFound, PermissionDenied

from . import models as graph
from .sharing import share_permissions

REFERENCE_MODELS = (
    *READ_ONLY_MODELS,
    graph.Contest,
    graph.Candidate,
    graph.CivilServant,
    graph.SocialAccount,
    graph.Regime,
    graph.RegimeFunction,
    graph.Transition,
    graph.SharingRule,
)
# Children whose visibility is their case's, by the name of the foreign key to the case.
CASE_CHILDREN = {
    graph.Involvement: "case",
    graph.Note: "case",
    graph.Evidence: "case",
    graph.Escalation: "case",
    graph.Recommendation: "case",
    graph.Sanction: "case",
    graph.CustodyEntry: "evidence__case",
    graph.CaseLink: "from_case",
}
# Rows whose visibility is exactly that of the row they hang from by this foreign key (the first
# hop of their rule above): read through that key from a row the user may see, they are visible.
# Not links (both ends count) nor notices (the agency's own).
FOLLOWS_PARENT = {
    **{
        model: path.split("__")[0]
        for model, path in CASE_CHILDREN.items()
        if model is not graph.CaseLink
    },
    graph.Finding: "case",
    graph.Report: "case",
}
# The lowest role that may act at each share level.
LEVEL_ROLE = {"read": Role.VIEWER, "contribute": Role.ANALYST, "manage": Role.SUPERVISOR}
LEVEL_CODENAME = {"read": "view_case", "contribute": "contribute_case", "manage": "manage_case"}


# --- reading --------------------------------------------------------------------------------------


def named_ids(user) -> tuple[list[int], dict[str, int]]:
    """The ids the policy's filters name outright: the user's active agency groups and the case
    permissions, read in one query per user object (one per request: nothing is kept longer).
    Literal ids let PostgreSQL use the permission index for a page of rows instead of hashing
    every case the agency may see."""
    if getattr(user, "_policy_ids", None) is None:
        groups = (
            Group.objects.filter(user=user, agency__active=True)
            .values_list(Value(""), "pk")
            .order_by()
        )
        permissions = share_permissions().values_list("codename", "pk").order_by()
        rows = list(groups.union(permissions, all=True))
        user._policy_ids = (
            [pk for name, pk in rows if not name],
            {name: pk for name, pk in rows if name},
        )
    return user._policy_ids


def shared_with(user, path: str, level: str = "read") -> Q:
    """Rows whose case (reached by `path`, e.g. "pk" or "case") is shared with the user's agency
    at `level`.

    A correlated EXISTS rather than IN (subquery): PostgreSQL turns it into a semi-join, so a page
    of rows or a case's children probes the permission index a few dozen times, and a count over
    every visible case merges two index scans, instead of hashing every case the agency may see."""
    groups, permissions = named_ids(user)
    return Q(
        Exists(
            graph.CaseGroupObjectPermission.objects.filter(
                content_object_id=OuterRef(path),
                group_id__in=groups,
                permission_id=permissions.get(LEVEL_CODENAME[level]),
            )
        )
    )


def visible(user, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` that `user` may see. Adds a filter only: never runs a query."""
    model = queryset.model
    if model in REFERENCE_MODELS:
        return queryset if reads_anything(user) else queryset.none()
    if model._meta.app_label == "agencies":
        return agency_rules.visible(user, queryset)
    if is_superuser(user):
        return queryset
    agency = agency_of(user)
    if agency is None:
        return queryset.none()
    if model is graph.Case:
        return queryset.filter(shared_with(user, "pk"))
    if model is graph.CaseLink:  # both ends: a link must not reveal a case the user cannot see
        return queryset.filter(shared_with(user, "from_case"), shared_with(user, "to_case"))
    if model in CASE_CHILDREN:
        return queryset.filter(shared_with(user, CASE_CHILDREN[model]))
    if model is graph.Finding:
        return queryset.filter(
            shared_with(user, "case")
            | Q(case__isnull=True) & (Q(agency=agency) | Q(post__source_agency=agency))
        )
    if model is graph.Report:
        return queryset.filter(shared_with(user, "case") | Q(receiving_agency=agency))
    if model is graph.Post:
        seen_in_cases = shared_with(user, "findings__case") | shared_with(user, "evidence__case")
        ids = graph.Post.objects.filter(seen_in_cases).values("pk")
        return queryset.filter(Q(source_agency=agency) | Q(pk__in=ids))
    if model is graph.Job:  # imports and detection runs: their agency's (system jobs: superusers)
        return queryset.filter(agency=agency)
    return queryset.none()  # AuditEvent and anything not named here: superusers only


def agency_activity(user, queryset: models.QuerySet, agency: Agency | None = None):
    """The audit events a home page lists as recent activity (who did what to which object, never
    the changes): a member reads what its own agency's people and systems did; an operator reads
    `agency`'s, or everyone's. Adds a filter only."""
    if is_superuser(user):
        return queryset.filter(agency_code=agency.code) if agency else queryset
    own = agency_of(user)
    return queryset.filter(agency_code=own.code) if own else queryset.none()


def can_view_as_agency(user) -> bool:
    """Scope the home page's counts to an agency of one's choice ("look as"): operators only,
    who see everything anyway; everyone else's home page is their own agency's."""
    return is_superuser(user)


def visible_children(user, queryset: models.QuerySet, key: str) -> models.QuerySet:
    """The rows of `queryset` that hang by the foreign key `key` from rows `user` may see (a
    prefetch of a visible case's findings, say): those whose visibility is their parent's need no
    filter of their own, which would only probe the permission index again for every row."""
    if FOLLOWS_PARENT.get(queryset.model) == key and reads_anything(user):
        return queryset
    return visible(user, queryset)


def is_visible(user, obj) -> bool:
    """Whether `user` may see this one row. One query (none for registry rows)."""
    if type(obj) in REFERENCE_MODELS:
        return reads_anything(user)
    return visible(user, type(obj).objects.filter(pk=obj.pk)).exists()


def agencies_seeing(case, agencies) -> list[Agency]:
    """Those of `agencies` (active ones) the case is shared with: the only ones that may be told
    about it. One query."""
    shared = set(
        graph.CaseGroupObjectPermission.objects.filter(
            content_object=case,
            permission__codename="view_case",
            group__agency__in=agencies,
            group__agency__active=True,
        ).values_list("group__agency", flat=True)
    )
    return [agency for agency in agencies if agency.pk in shared]


def get_visible(user, queryset: models.QuerySet, field: str | None = None, **lookup):
    """One object `user` may see, or NotFound — the same error whether missing or hidden."""
    try:
        return visible(user, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        name = queryset.model._meta.verbose_name
        raise NotFound(_("%(object)s not found") % {"object": name}, field=field) from None


# --- cases ----------------------------------------------------------------------------------------


def case_level(user, case) -> str | None:
    """The share level the user has on `case` (None: cannot see it). One query."""
    if is_superuser(user):
        return "manage"
    if agency_of(user) is None:
        return None
    codenames = set(
        graph.CaseGroupObjectPermission.objects.filter(
            content_object=case, group__user=user, group__agency__active=True
        ).values_list("permission__codename", flat=True)
    )
    for level in ("manage", "contribute", "read"):
        if LEVEL_CODENAME[level] in codenames:
            return level
    return None


def can_on_case(user, level: str, case) -> bool:
    """The user's agency has at least `level` on the case and the user the role that level needs."""
    if is_superuser(user):
        return True
    have = case_level(user, case)
    order = list(LEVEL_ROLE)
    return (
        have is not None
        and order.index(have) >= order.index(level)
        and has_role(user, LEVEL_ROLE[level])
    )


def can_contribute_to_case(user, case) -> bool:
    """Add notes, evidence, involvements, findings and reports: contribute level, analysts up."""
    return can_on_case(user, "contribute", case)


def can_open_case(user) -> bool:
    """Open a case for one's own agency: analysts and above."""
    return is_superuser(user) or has_role(user, Role.ANALYST)


def can_name_case_owner(user) -> bool:
    """Open a case owned by another agency than one's own: the system (detection, operators)."""
    return is_superuser(user)


# The refusal of each share level, whole sentences so that each language words them its own way.
REFUSED_ON_CASE = {
    "read": gettext_lazy("your agency or role may not read case %(case)s"),
    "contribute": gettext_lazy("your agency or role may not contribute to case %(case)s"),
    "manage": gettext_lazy("your agency or role may not manage case %(case)s"),
}


def require_visible_case(user, case, level: str = "read") -> None:
    """For services: a case the actor cannot see is NotFound; one it can see but may not act on at
    `level` is PermissionDenied."""
    if not can_on_case(user, "read", case):
        raise NotFound(_("case not found"), field="case")
    if not can_on_case(user, level, case):
        raise PermissionDenied(str(REFUSED_ON_CASE[level]) % {"case": case.reference}, field="case")


def can_fire_transition(user, transition, acting_agency: Agency | None) -> bool:
    """Fire a workflow transition: a member of the agency that plays the transition's function on
    this case (`acting_agency`, resolved by cases/workflow.py) with at least its role. Operators
    acting for no agency may fire any."""
    if is_superuser(user) and membership_of(user) is None:
        return True
    return (
        acting_agency is not None
        and acts_for(user, acting_agency.pk)
        and Role.rank(membership_of(user).role) >= Role.rank(transition.min_role)
    )


def can_acknowledge_escalation(user, escalation) -> bool:
    """The receiving agency confirms it has the case."""
    return acts_for(user, escalation.to_agency_id)


def case_history(user, case, events: models.QuerySet) -> models.QuerySet:
    """The audit events of `events` about `case` and the rows hanging from it that `user` may
    read: whoever sees the case reads its history, except the events of rows they cannot see (a
    link to a case not shared with them). Adds filters only: never runs a query."""
    sources = [
        (graph.Case, graph.Case.objects.filter(pk=case.pk)),
        (graph.CaseLink, graph.CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case))),
        *(
            (model, model.objects.filter(case=case))
            for model, path in CASE_CHILDREN.items()
            if path == "case"
        ),
    ]
    about = [
        Q(
            object_type=model._meta.label_lower,
            object_id__in=visible(user, rows)
            .annotate(key=Cast("pk", models.CharField()))
            .values("key"),
        )
        for model, rows in sources
    ]
    return events.filter(reduce(operator.or_, about))


# --- intake ---------------------------------------------------------------------------------------


def can_submit_report(user) -> bool:
    """File a report (to the examining agency or one named): analysts and above."""
    return can_open_case(user)


def can_view_reporter(user, report) -> bool:
    """The reporter's identity is protected: the receiving agency's supervisors only."""
    return is_superuser(user) or (
        has_role(user, Role.SUPERVISOR) and acts_for(user, report.receiving_agency_id)
    )


def can_add_finding(user, case=None) -> bool:
    """A finding on a case needs contribute access to it; one waiting for review, an analyst."""
    return can_contribute_to_case(user, case) if case is not None else can_open_case(user)


def can_name_finding_agency(user) -> bool:
    """Name the agency a finding waits with: the system only."""
    return is_superuser(user)


def can_review_finding(user, finding) -> bool:
    """Confirm or dismiss: on a case, its contributors; waiting, the analysts of its agency."""
    if finding.case_id:
        return can_contribute_to_case(user, finding.case)
    return is_superuser(user) or (
        has_role(user, Role.ANALYST) and acts_for(user, finding.agency_id)
    )


def can_link_account(user) -> bool:
    """Link a social-media account to a civil servant: analysts and above."""
    return can_open_case(user)


# --- contests, imports and detection --------------------------------------------------------------


def contest_editors(regime) -> set[int]:
    """Ids of the agencies that keep every contest's data under `regime`: its detecting and
    examining agencies."""
    fixed = regime.fixed_agencies
    return {
        fixed[function].pk
        for function in (graph.Function.DETECTOR, graph.Function.EXAMINER)
        if function in fixed
    }


def can_create_contest(user, regime) -> bool:
    """Import a new contest: analysts of the regime's detecting or examining agency."""
    return is_superuser(user) or (
        has_role(user, Role.ANALYST)
        and any(acts_for(user, agency_id) for agency_id in contest_editors(regime))
    )


def can_change_contest(user, contest, regime) -> bool:
    """Re-import a contest, change its candidates, thresholds or exclusions: analysts of the
    regime's detecting or examining agency, or of the agency that owns the contest."""
    return can_create_contest(user, regime) or (
        has_role(user, Role.ANALYST)
        and contest.owner_agency_id is not None
        and acts_for(user, contest.owner_agency_id)
    )


def can_start_job(user) -> bool:
    """Start an import or a detection run: analysts and above (GraphQL adds the ingest scope)."""
    return can_open_case(user)


def can_view_job(user, job) -> bool:
    return is_superuser(user) or acts_for(user, job.agency_id)


def can_label_post(user) -> bool:
    """Label a post it sees (a review of its finding, or a violation detection missed): analysts
    and above."""
    return is_superuser(user) or has_role(user, Role.ANALYST)


def can_train_detector(user, regime) -> bool:
    """Retrain the detector on the reviews, choose its model, switch the weekly retraining:
    agency admins of the regime's detecting or examining agency."""
    return is_superuser(user) or (
        has_role(user, Role.AGENCY_ADMIN)
        and any(acts_for(user, agency_id) for agency_id in contest_editors(regime))
    )


# --- routing --------------------------------------------------------------------------------------


def can_edit_routing(user) -> bool:
    """Regimes, their functions, transitions and sharing rules: operators."""
    return is_superuser(user)


# --- the admin's questions ------------------------------------------------------------------------

CASE_ADMIN_LEVEL = {"view": "read", "change": "manage"}


def admin_allows(user, action: str, target) -> bool:
    """The admin asks "view", "add", "change" or "delete" of a model (`target` a class) or a row;
    answered by the rules above. Nothing of the case graph is deleted from the admin."""
    row = None if isinstance(target, type) else target
    model = target if row is None else type(row)
    if model in REFERENCE_MODELS:
        return is_superuser(user) or reads_anything(user) and action == "view"
    if model._meta.app_label != "cases":
        return agency_rules.admin_allows(user, action, target)
    if is_superuser(user):
        return True
    if agency_of(user) is None:
        return False
    if model is graph.Case:
        if row is None:
            return action == "view" or action == "add" and can_open_case(user)
        level = CASE_ADMIN_LEVEL.get(action)
        return level is not None and can_on_case(user, level, row)
    if model is graph.Job:
        if row is None:
            return action == "view" or action == "add" and can_start_job(user)
        return action == "view" and can_view_job(user, row)
    if action != "view":
        return False
    return row is None or is_visible(user, row)
