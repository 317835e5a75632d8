"""Editing the routing tables (regimes, their functions, transitions, sharing rules) without a
deploy. Operators (superusers) only; each change is audited like any other."""

from django.utils.translation import gettext

from core import audit
from core.errors import PermissionDenied, ServiceError

from ..models import Regime, RegimeFunction, SharingRule, Transition
from ..policy import can_edit_routing

ROUTING_MODELS = (Regime, RegimeFunction, Transition, SharingRule)


def _require_operator(actor, obj) -> None:
    if not can_edit_routing(actor):
        raise PermissionDenied(
            gettext("only an operator (superuser) edits the routing"), field="regime"
        )
    if not isinstance(obj, ROUTING_MODELS):
        raise ServiceError(
            gettext("%(model)s is not a routing table") % {"model": obj._meta.verbose_name},
            field="model",
        )


@audit.atomic
def activate_regime(actor, regime: Regime) -> Regime:
    """Make `regime` the one new transitions follow; every other regime stops being active."""
    _require_operator(actor, regime)
    list(Regime.objects.select_for_update())  # serialise concurrent switches: one stays active
    previous = sorted(Regime.objects.filter(is_active=True).values_list("code", flat=True))
    Regime.objects.exclude(pk=regime.pk).update(is_active=False)
    Regime.objects.filter(pk=regime.pk).update(is_active=True)
    regime.is_active = True
    audit.record(actor, "routing.activate_regime", regime, {"active": [previous, [regime.code]]})
    return regime


@audit.atomic
def save_routing(actor, obj):
    """Create or change one routing row as given. Ticking a regime's is_active switches to it
    (see activate_regime); unticking the active regime is refused: activate another instead."""
    _require_operator(actor, obj)
    model = type(obj)
    stored = model.objects.select_for_update().filter(pk=obj.pk).first() if obj.pk else None
    before = audit.field_values(stored) if stored else {}
    activate = isinstance(obj, Regime) and obj.is_active and not before.get("is_active")
    if isinstance(obj, Regime):
        if before.get("is_active") and not obj.is_active:
            raise ServiceError(
                gettext("%(regime)s is the active regime: activate another one instead")
                % {"regime": obj.code},
                field="is_active",
            )
        obj.is_active = bool(before.get("is_active"))  # activate_regime switches, below
    obj.save()
    changes = audit.diff(before, audit.field_values(obj))
    if changes or stored is None:
        audit.record(actor, f"routing.{'change' if stored else 'create'}", obj, changes)
    if activate:
        activate_regime(actor, obj)
    return obj


@audit.atomic
def delete_routing(actor, obj) -> None:
    """Remove a function, transition or sharing rule. Regimes are switched, never deleted."""
    _require_operator(actor, obj)
    if isinstance(obj, Regime):
        raise ServiceError(
            gettext("regimes are not deleted: activate another one instead"), field="regime"
        )
    audit.record(actor, "routing.delete", obj, audit.diff(audit.field_values(obj), {}))
    obj.delete()
