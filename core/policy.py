"""The access policy: the one place that decides who may see or do what.

Everything that reads (admin, GraphQL, exports) filters through `visible` (the children of rows
read through it, through `visible_children`), and everything that writes (the services) asks
`can` / `require`. A denied object must look exactly like a missing one, so callers turn a
refusal on an object the actor cannot see into "not found".

Cases are shared per agency at a level (read < contribute < manage) by django-guardian rows on the
agency's group (see cases/sharing.py). Child objects (findings, evidence, notes, involvements,
escalations, recommendations, sanctions, links) are visible exactly when their case is. Registry
data (agencies, institutions, regions, contests, candidates, civil servants, accounts) is readable
by every agency user; a civil servant's involvement in cases only through visible cases.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value

from agencies.models import (
    Agency,
    AgencyRole,
    ApiClient,
    DeliveryAttempt,
    Institution,
    Membership,
    Notice,
    Role,
    WebhookEndpoint,
)
from cases import models as graph
from cases.sharing import share_permissions
from core.errors import NotFound, PermissionDenied
from core.models import Region

REFERENCE_MODELS = (
    Agency,
    AgencyRole,
    Institution,
    Region,
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


# --- who is asking --------------------------------------------------------------------------------


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def agency_of(user) -> Agency | None:
    member = membership_of(user)
    return member.agency if member and member.agency.active else None


def has_role(user, role: str, agency: Agency | None = None) -> bool:
    """The user belongs to `agency` (any agency if None) with `role` or a higher one."""
    member = membership_of(user)
    if member is None or not member.agency.active:
        return False
    if agency is not None and member.agency_id != agency.pk:
        return False
    return Role.rank(member.role) >= Role.rank(role)


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def reads_anything(user) -> bool:
    """Whether the user may read any row at all: superusers and members of an active agency. They
    read every registry row (REFERENCE_MODELS), so a registry row that a visible row refers to is
    visible too."""
    return is_superuser(user) or agency_of(user) is not None


# --- reading --------------------------------------------------------------------------------------


def named_ids(user) -> tuple[list[int], dict[str, int]]:
    """The ids the policy's filters name outright: the user's active agency groups and the case
    permissions, read in one query per user object (a request; an API client's user is cached
    with them, agencies/api_clients.py). Literal ids let PostgreSQL use the permission index for a
    page of rows instead of hashing every case the agency may see."""
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


def _shared(user, path: str, level: str = "read") -> Q:
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
    if is_superuser(user):
        return queryset
    agency = agency_of(user)
    if agency is None:
        return queryset.none()
    if model is graph.Case:
        return queryset.filter(_shared(user, "pk"))
    if model is graph.CaseLink:  # both ends: a link must not reveal a case the user cannot see
        return queryset.filter(_shared(user, "from_case"), _shared(user, "to_case"))
    if model in CASE_CHILDREN:
        return queryset.filter(_shared(user, CASE_CHILDREN[model]))
    if model is graph.Finding:
        return queryset.filter(
            _shared(user, "case")
            | Q(case__isnull=True) & (Q(agency=agency) | Q(post__source_agency=agency))
        )
    if model is graph.Report:
        return queryset.filter(_shared(user, "case") | Q(receiving_agency=agency))
    if model is graph.Post:
        seen_in_cases = _shared(user, "findings__case") | _shared(user, "evidence__case")
        ids = graph.Post.objects.filter(seen_in_cases).values("pk")
        return queryset.filter(Q(source_agency=agency) | Q(pk__in=ids))
    if model is Membership:
        if has_role(user, Role.AGENCY_ADMIN):
            return queryset.filter(agency=agency)
        return queryset.filter(user=user)
    if model is ApiClient:  # partner systems' credentials: their agency's admins only
        return (
            queryset.filter(agency=agency) if has_role(user, Role.AGENCY_ADMIN) else queryset.none()
        )
    if model is WebhookEndpoint:
        return queryset.filter(agency=agency)
    if model is Notice:  # the agency's own, and only while the case it names is visible
        return queryset.filter(Q(case__isnull=True) | _shared(user, "case"), agency=agency)
    if model is DeliveryAttempt:
        return queryset.filter(notice__in=visible(user, Notice.objects.all()).values("pk"))
    if model is graph.Job:  # imports and detection runs: their agency's (system jobs: superusers)
        return queryset.filter(agency=agency)
    return queryset.none()  # AuditEvent and anything not named here: superusers only


def visible_children(user, queryset: models.QuerySet, key: str) -> models.QuerySet:
    """The rows of `queryset` that hang by the foreign key `key` from rows `user` may see (a
    prefetch of a visible case's findings, say): those whose visibility is their parent's need no
    filter of their own, which would only probe the permission index again for every row."""
    if FOLLOWS_PARENT.get(queryset.model) == key and reads_anything(user):
        return queryset
    return visible(user, queryset)


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
        raise NotFound(f"{name} not found", field=field) from None


# --- acting ---------------------------------------------------------------------------------------


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


def can(user, action: str, target) -> bool:
    """May `user` do `action` on `target` (an instance, or a model class for "add"/list actions)?

    Case actions: "view", "contribute" (notes, evidence, involvements), "manage" (share, link,
    escalate; workflow transitions add their own agency and role rules in cases/workflow.py).
    """
    if is_superuser(user):
        return True
    if agency_of(user) is None:
        return False
    model = target if isinstance(target, type) else type(target)
    if action == "manage_members":
        return isinstance(target, Agency) and has_role(user, Role.AGENCY_ADMIN, target)
    if action == "view_reporter":
        return (
            isinstance(target, graph.Report)
            and has_role(user, Role.SUPERVISOR)
            and agency_of(user).pk == target.receiving_agency_id
        )
    if model in REFERENCE_MODELS:
        return action == "view"
    if model is graph.Case:
        if isinstance(target, type):
            return action == "view" or (action == "add" and has_role(user, Role.ANALYST))
        # Admin asks "change" (edit = manage) and "delete" (never: cases are closed, not deleted).
        level = {
            "view": "read",
            "change": "manage",
            "contribute": "contribute",
            "manage": "manage",
        }.get(action)
        return level is not None and can_on_case(user, level, target)
    if model in CASE_CHILDREN or model in (graph.Finding, graph.Report, graph.Post):
        if isinstance(target, type):
            return action == "view"
        return action == "view" and visible(user, model.objects.filter(pk=target.pk)).exists()
    if model is Membership:
        if not has_role(user, Role.AGENCY_ADMIN):
            return action == "view" and not isinstance(target, type) and target.user_id == user.pk
        return isinstance(target, type) or target.agency_id == agency_of(user).pk
    if model is ApiClient:
        return has_role(user, Role.AGENCY_ADMIN) and (
            isinstance(target, type) or target.agency_id == agency_of(user).pk
        )
    if model in (Notice, WebhookEndpoint, DeliveryAttempt):
        # Members see their agency's notices and endpoints; its admins manage the endpoints and
        # redeliver dead notices.
        admin = has_role(user, Role.AGENCY_ADMIN)
        if isinstance(target, type):
            return action == "view" or (
                model is WebhookEndpoint and admin and action in ("add", "change", "delete")
            )
        if model is WebhookEndpoint:
            return target.agency_id == agency_of(user).pk and (
                action == "view" or admin and action in ("add", "change", "delete")
            )
        seen = visible(user, model.objects.filter(pk=target.pk)).exists()
        return seen and (
            action == "view"
            or model is Notice
            and (action == "mark_read" or action == "redeliver" and admin)
        )
    if model is graph.Job:  # analysts import (GraphQL adds the client's ingest scope)
        if isinstance(target, type):
            return action == "view" or (action == "add" and has_role(user, Role.ANALYST))
        return action == "view" and target.agency_id == agency_of(user).pk
    return False


def require(user, action: str, target) -> None:
    if not can(user, action, target):
        raise PermissionDenied(f"not allowed: {action} on {getattr(target, '_meta', target)}")


def require_visible_case(user, case, level: str = "read") -> None:
    """For services: a case the actor cannot see is NotFound; one it can see but may not act on at
    `level` is PermissionDenied."""
    if not can_on_case(user, "read", case):
        raise NotFound("case not found", field="case")
    if not can_on_case(user, level, case):
        raise PermissionDenied(
            f"your agency or role may not {level} case {case.reference}", field="case"
        )


def manageable_agencies(user) -> models.QuerySet:
    """The agencies whose members `user` may manage."""
    if is_superuser(user):
        return Agency.objects.all()
    agency = agency_of(user)
    if agency and has_role(user, Role.AGENCY_ADMIN):
        return Agency.objects.filter(pk=agency.pk)
    return Agency.objects.none()
