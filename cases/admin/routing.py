"""The routing tables: readable by every agency user, edited by operators (superusers) without a
deploy. Every edit goes through cases/services/routing.py, which audits it; ticking a regime's
is_active switches the service to it."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import SavedByServices

from ..models import Regime, RegimeFunction, SharingRule, Transition
from ..services import routing
from .base import PolicyAdmin, ServiceErrorsAsMessages, run_each


class RoutingAdmin(ServiceErrorsAsMessages, SavedByServices, PolicyAdmin):
    save_row = staticmethod(routing.save_routing)
    delete_row = staticmethod(routing.delete_routing)


@admin.register(Regime)
class RegimeAdmin(RoutingAdmin):
    list_display = ["code", "name", "is_active"]
    actions = ["activate"]

    def has_delete_permission(self, request, obj=None):
        return False  # regimes are switched, never deleted

    def changelist_view(self, request, extra_context=None):
        if settings.ROUTING_REGIME:
            messages.warning(
                request,
                _("The setting ROUTING_REGIME=%(regime)s overrides the regime ticked active here.")
                % {"regime": settings.ROUTING_REGIME},
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Make the selected regime the active one"), permissions=["change"])
    def activate(self, request, queryset):
        if len(queryset) != 1:
            messages.error(request, _("Select exactly one regime to activate."))
            return
        run_each(
            request,
            queryset,
            lambda regime: routing.activate_regime(request.user, regime),
            _("Now the active regime"),
        )


@admin.register(RegimeFunction)
class RegimeFunctionAdmin(RoutingAdmin):
    list_display = ["regime", "function", "agency"]
    list_filter = ["regime", "function"]
    list_select_related = ["regime", "agency"]


@admin.register(Transition)
class TransitionAdmin(RoutingAdmin):
    list_display = [
        "name",
        "regime",
        "from_status",
        "to_status",
        "actor_function",
        "min_role",
        "system_allowed",
        "holder_after",
        "owner_after",
        "escalate_to",
        "due_working_days",
    ]
    list_filter = ["regime", "from_status", "actor_function"]
    search_fields = ["name"]
    list_select_related = ["regime"]


@admin.register(SharingRule)
class SharingRuleAdmin(RoutingAdmin):
    list_display = ["regime", "trigger", "function", "level", "condition", "exact"]
    list_filter = ["regime", "trigger", "function"]
    list_select_related = ["regime"]
