"""The rules on the agencies' own rows: who is asking (membership, agency, role), agencies and
their members, API clients, webhook endpoints and the notice inbox.

This is the lower half of the rule book: `cases/policy.py` holds the rules on the case graph and
re-exports these, so that everything above `cases` (GraphQL, the case admin) asks one module,
while `agencies` itself, which may not import `cases`, asks this one. A notice about a case is
visible only while its case is: the case app lends that filter at start-up
(`lend_case_visibility`), so this module never imports it.
"""

from collections.abc import Callable

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from core.errors import PermissionDenied
from core.models import Region

from .models import (
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

# Registry rows every agency user reads; operators edit them (imports add institutions).
READ_ONLY_MODELS = (Agency, AgencyRole, Institution, Region)
# (user, path to a case) -> Q of the rows whose case the user may read; set by cases at ready.
_case_visibility: list[Callable[[object, str], Q]] = []


def lend_case_visibility(rule: Callable[[object, str], Q]) -> None:
    _case_visibility[:] = [rule]


def _case_readable(user, path: str) -> Q:
    """Rows whose case (at `path`) the user may read; without the case app, none with a case."""
    return _case_visibility[0](user, path) if _case_visibility else Q(pk__in=[])


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
    read every registry row, so a registry row that a visible row refers to is visible too."""
    return is_superuser(user) or agency_of(user) is not None


def acts_for(user, agency_id) -> bool:
    """The user is a member of the (active) agency with this id."""
    agency = agency_of(user)
    return agency is not None and agency.pk == agency_id


# --- agencies and members -------------------------------------------------------------------------


def can_manage_agencies(user) -> bool:
    """Create agencies, switch them on and off, edit users outside a membership: operators."""
    return is_superuser(user)


def can_add_institutions(user) -> bool:
    """Add an institution, and the PPK agency it needs, as a civil-servant import does:
    analysts and above (operators change and remove them)."""
    return is_superuser(user) or has_role(user, Role.ANALYST)


def can_manage_members(user, agency: Agency) -> bool:
    """Add, change and remove the members (and API clients) of `agency`: its agency admins."""
    return is_superuser(user) or has_role(user, Role.AGENCY_ADMIN, agency)


def can_view_membership(user, membership: Membership) -> bool:
    if is_superuser(user) or has_role(user, Role.AGENCY_ADMIN, membership.agency):
        return True
    return agency_of(user) is not None and membership.user_id == user.pk


def manageable_agencies(user) -> models.QuerySet:
    """The agencies whose members, API clients and endpoints `user` may manage."""
    if is_superuser(user):
        return Agency.objects.all()
    agency = agency_of(user)
    if agency and has_role(user, Role.AGENCY_ADMIN):
        return Agency.objects.filter(pk=agency.pk)
    return Agency.objects.none()


# --- staff sign-in --------------------------------------------------------------------------------


def requires_second_factor(user) -> bool:
    """Staff who can change anything (analysts and above) and operators sign in with a second
    factor; viewers may enrol one but need not."""
    return is_superuser(user) or has_role(user, Role.ANALYST)


def can_reset_second_factor(user, target) -> bool:
    """Remove `target`'s second-factor devices (a lost phone): operators for anyone, an agency's
    admins for its members who are not operators; a user their own only while no rule needs it."""
    if user.pk == target.pk:
        return agency_of(user) is not None and not requires_second_factor(user)
    if is_superuser(user):
        return True
    target_membership = membership_of(target)
    return (
        not target.is_superuser
        and target_membership is not None
        and has_role(user, Role.AGENCY_ADMIN, target_membership.agency)
    )


# --- API clients and webhook endpoints ------------------------------------------------------------


def can_view_api_client(user, client: ApiClient) -> bool:
    """Partner systems' credentials: their agency's admins only."""
    return can_manage_members(user, client.agency)


def can_view_endpoint(user, endpoint: WebhookEndpoint) -> bool:
    return is_superuser(user) or acts_for(user, endpoint.agency_id)


def can_manage_endpoints(user, agency: Agency) -> bool:
    """Register, change, rotate and remove `agency`'s webhook endpoints: its admins."""
    return can_manage_members(user, agency)


# What an agency's admins manage, as require_agency_admin's callers name it.
ADMIN_SCOPES = {
    "members and API clients": gettext_lazy("members and API clients"),
    "webhook endpoints": gettext_lazy("webhook endpoints"),
}


def require_agency_admin(user, agency: Agency, what: str) -> None:
    """For the services: PermissionDenied unless `user` may manage `agency`'s `what`."""
    require(
        can_manage_members(user, agency),
        gettext("only the agency admins of %(agency)s manage its %(what)s")
        % {"agency": agency.code, "what": ADMIN_SCOPES.get(what, what)},
        field="agency",
    )


# --- the notice inbox -----------------------------------------------------------------------------


def can_view_notice(user, notice: Notice) -> bool:
    """The receiving agency's members, while the case it names stays visible to them."""
    return visible(user, Notice.objects.filter(pk=notice.pk)).exists()


def can_mark_notice_read(user, notice: Notice) -> bool:
    return can_view_notice(user, notice)


def can_redeliver_notice(user, notice: Notice) -> bool:
    """Send a dead notice again: the receiving agency's admins (and operators)."""
    if is_superuser(user):
        return True
    return has_role(user, Role.AGENCY_ADMIN) and can_view_notice(user, notice)


def reads_notice_on_opening(user, notice: Notice) -> bool:
    """Opening an inbox notice marks it read when the reader is a member of the receiving agency
    (an operator looking at another agency's inbox leaves it unread for them)."""
    return acts_for(user, notice.agency_id)


def can_view_delivery_log(user) -> bool:
    """The notices' delivery log (every channel, attempts, dead letters): agency admins, for
    their agency's notices, and operators. Members read their notices in the inbox."""
    return is_superuser(user) or has_role(user, Role.AGENCY_ADMIN)


def can_redeliver_notices(user) -> bool:
    """Whether `user` may redeliver any notice at all (the admin's action button)."""
    return is_superuser(user) or has_role(user, Role.AGENCY_ADMIN)


# --- reading --------------------------------------------------------------------------------------


def visible(user, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of the agencies' own models that `user` may see (none of another model: those
    are cases/policy.py's). Adds a filter only: never runs a query."""
    model = queryset.model
    if is_superuser(user):
        return queryset
    agency = agency_of(user)
    if agency is None:
        return queryset.none()
    if model in READ_ONLY_MODELS:
        return queryset
    if model is Membership:
        if has_role(user, Role.AGENCY_ADMIN):
            return queryset.filter(agency=agency)
        return queryset.filter(user=user)
    if model is ApiClient:
        return (
            queryset.filter(agency=agency) if has_role(user, Role.AGENCY_ADMIN) else queryset.none()
        )
    if model is WebhookEndpoint:
        return queryset.filter(agency=agency)
    if model is Notice:  # the agency's own, and only while the case it names is visible
        return queryset.filter(Q(case__isnull=True) | _case_readable(user, "case"), agency=agency)
    if model is DeliveryAttempt:
        return queryset.filter(notice__in=visible(user, Notice.objects.all()).values("pk"))
    return queryset.none()


# --- the admin's questions -----------------------------------------------------------------------


def admin_allows(user, action: str, target) -> bool:
    """The admin asks "view", "add", "change" or "delete" of a model (`target` a class) or a row:
    answered by the rules above for the agencies' models (and regions, users, the audit trail)."""
    row = None if isinstance(target, type) else target
    model = target if row is None else type(row)
    if is_superuser(user):
        return True
    if agency_of(user) is None:
        return False
    if model in READ_ONLY_MODELS:
        return action == "view"
    if model is Membership:
        if row is None:
            return action == "view" or has_role(user, Role.AGENCY_ADMIN)
        if action == "view":
            return can_view_membership(user, row)
        return can_manage_members(user, row.agency)
    if model is ApiClient:
        return has_role(user, Role.AGENCY_ADMIN) and (row is None or can_view_api_client(user, row))
    if model is WebhookEndpoint:
        if action == "view":
            return row is None or can_view_endpoint(user, row)
        return can_manage_endpoints(user, agency_of(user) if row is None else row.agency)
    if model in (Notice, DeliveryAttempt):
        if action != "view" or not can_view_delivery_log(user):
            return False
        return row is None or visible(user, model.objects.filter(pk=row.pk)).exists()
    return False  # users, groups and the audit trail: operators only


def require(allowed: bool, message: str, field: str | None = None) -> None:
    """Raise PermissionDenied with `message` unless `allowed` (a rule's answer)."""
    if not allowed:
        raise PermissionDenied(message, field=field)
