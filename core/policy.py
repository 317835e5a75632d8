"""The access policy: the one place that decides who may see or do what.

Everything that reads (admin, GraphQL, exports) filters through `visible`, and everything that
writes (the services) asks `can`. A denied object must look exactly like a missing one, so callers
turn a refusal on an object they cannot see into "not found".
"""

from django.db import models

from agencies.models import Agency, AgencyRole, Institution, Membership, Role
from core.models import Region

# Reference data that every agency user may read (and only superusers change).
REFERENCE_MODELS = (Agency, AgencyRole, Institution, Region)


class PermissionDenied(Exception):
    """The actor may not do this. Raised by services; GraphQL and admin turn it into an error."""


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


def visible(user, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` that `user` may see."""
    if is_superuser(user):
        return queryset
    model = queryset.model
    if model in REFERENCE_MODELS:
        return queryset if agency_of(user) else queryset.none()
    if model is Membership:
        agency = agency_of(user)
        if agency and has_role(user, Role.AGENCY_ADMIN):
            return queryset.filter(agency=agency)
        return queryset.filter(user=user) if agency else queryset.none()
    return queryset.none()


def can(user, action: str, target) -> bool:
    """May `user` do `action` ("view", "add", "change", "delete" or a named action) on `target`,
    a model instance or, for actions not about one object yet, a model class or an Agency."""
    if is_superuser(user):
        return True
    model = target if isinstance(target, type) else type(target)
    if action == "manage_members":
        return isinstance(target, Agency) and has_role(user, Role.AGENCY_ADMIN, target)
    if model in REFERENCE_MODELS:
        return action == "view" and agency_of(user) is not None
    if model is Membership:
        if not has_role(user, Role.AGENCY_ADMIN):
            return action == "view" and not isinstance(target, type) and target.user_id == user.pk
        return isinstance(target, type) or target.agency_id == membership_of(user).agency_id
    return False


def manageable_agencies(user) -> models.QuerySet:
    """The agencies whose members `user` may manage."""
    if is_superuser(user):
        return Agency.objects.all()
    agency = agency_of(user)
    if agency and has_role(user, Role.AGENCY_ADMIN):
        return Agency.objects.filter(pk=agency.pk)
    return Agency.objects.none()


def require(user, action: str, target) -> None:
    if not can(user, action, target):
        raise PermissionDenied(f"not allowed: {action} on {getattr(target, '_meta', target)}")
