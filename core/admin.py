"""Admin base: every admin page reads through an app's policy and writes through the services.

`core` knows no app, so each app's admins name the policy module that rules their rows
(`policy = ...`: agencies/policy.py or cases/policy.py); it answers `visible(user, queryset)`
and `admin_allows(user, action, model or row)`.
"""

from django.contrib import admin


class PolicyAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows and buttons are decided by the access policy, not model permissions."""

    policy = None  # the module with `visible` and `admin_allows` for this admin's model

    def get_queryset(self, request):
        return self.policy.visible(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return self.policy.admin_allows(request.user, "view", self.model)

    def has_view_permission(self, request, obj=None):
        return self.policy.admin_allows(
            request.user, "view", obj if obj is not None else self.model
        )

    def has_add_permission(self, request):
        return self.policy.admin_allows(request.user, "add", self.model)

    def has_change_permission(self, request, obj=None):
        return self.policy.admin_allows(
            request.user, "change", obj if obj is not None else self.model
        )

    def has_delete_permission(self, request, obj=None):
        return self.policy.admin_allows(
            request.user, "delete", obj if obj is not None else self.model
        )


class WrittenElsewhere:
    """Rows written only by the services, importers and GraphQL, never from an admin form — not
    even by superusers, so that nothing bypasses the one write path."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SavedByServices:
    """Admin saves and deletes through the app's service functions (`save_row(actor, obj)`,
    `delete_row(actor, obj)`, given as staticmethods), which check the policy and audit."""

    save_row = delete_row = None

    def save_model(self, request, obj, form, change):
        self.save_row(request.user, obj)

    def delete_model(self, request, obj):
        self.delete_row(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_row(request.user, obj)
