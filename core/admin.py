"""Admin base: every admin page reads through core.policy and writes through the services."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import policy
from .models import AuditEvent, Region, User


class PolicyAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows and buttons are decided by the access policy, not model permissions."""

    def get_queryset(self, request):
        return policy.visible(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return policy.can(request.user, "view", self.model)

    def has_view_permission(self, request, obj=None):
        return policy.can(request.user, "view", obj if obj is not None else self.model)

    def has_add_permission(self, request):
        return policy.can(request.user, "add", self.model)

    def has_change_permission(self, request, obj=None):
        return policy.can(request.user, "change", obj if obj is not None else self.model)

    def has_delete_permission(self, request, obj=None):
        return policy.can(request.user, "delete", obj if obj is not None else self.model)


class WrittenElsewhere:
    """Rows written only by the services, importers and GraphQL, never from an admin form — not
    even by superusers, so that nothing bypasses the one write path."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(PolicyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "name", "level", "parent"]


@admin.register(AuditEvent)
class AuditEventAdmin(WrittenElsewhere, PolicyAdmin):
    list_display = [
        "sequence",
        "created_at",
        "actor_username",
        "agency_code",
        "action",
        "object_type",
        "object_id",
        "request_id",
    ]
    list_filter = ["action", "agency_code", "object_type"]
    search_fields = ["object_id", "actor_username", "request_id"]


admin.site.register(User, UserAdmin)
