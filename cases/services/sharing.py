"""Sharing a case with agencies: by hand (share/unshare) or by the regime's sharing rules."""

from django.utils.translation import gettext

from agencies.models import Agency
from core import audit
from core.errors import ServiceError

from .. import sharing
from ..models import Case, ShareLevel
from ..notices import notify
from ..policy import require_visible_case
from ..workflow import Resolver, sharing_targets
from .common import lock, require_choice


def apply_sharing_rules(actor, case: Case, trigger: str, resolve: Resolver) -> list[Agency]:
    """Apply the regime's rules for `trigger`; return the agencies whose access grew."""
    targets = sharing_targets(resolve.regime, trigger, resolve)
    changes = sharing.apply_shares(case, targets)
    if changes:
        audit.record(actor, f"case.share_rules.{trigger}", case, changes)
    order, by_code = [None, *ShareLevel.values], {agency.code: agency for agency, *_ in targets}
    return [
        by_code[code] for code, (old, new) in changes.items() if order.index(new) > order.index(old)
    ]


@audit.atomic
def share_case(actor, case: Case, agency: Agency, level: str) -> None:
    """Give `agency` exactly `level` on the case (manage needed); it is told through a notice."""
    case = lock(case)
    require_visible_case(actor, case, "manage")
    require_choice(level, ShareLevel, "level")
    if agency.pk == case.owner_agency_id and level != ShareLevel.MANAGE:
        raise ServiceError(
            gettext("%(agency)s owns case %(case)s and keeps manage access")
            % {"agency": agency.code, "case": case.reference},
            field="agency",
            code="owner",
        )
    changes = sharing.apply_shares(case, [(agency, level, True)])
    audit.record(actor, "case.share", case, {agency.code: changes.get(agency.code, [level, level])})
    notify("case.shared", case, [agency], level=level)


@audit.atomic
def unshare_case(actor, case: Case, agency: Agency) -> None:
    """Remove the agency's access at once. The owner agency cannot be unshared."""
    case = lock(case)
    require_visible_case(actor, case, "manage")
    if agency.pk == case.owner_agency_id:
        raise ServiceError(
            gettext("%(agency)s owns case %(case)s and cannot be unshared")
            % {"agency": agency.code, "case": case.reference},
            field="agency",
            code="owner",
        )
    changes = sharing.apply_shares(case, [(agency, None, True)])
    audit.record(actor, "case.unshare", case, {agency.code: changes.get(agency.code, [None, None])})
