"""Admin base: every admin page reads through an app's policy and writes through the services.

`core` knows no app, so each app's admins name the policy module that rules their rows
(`policy = ...`: agencies/policy.py or cases/policy.py); it answers `visible(user, queryset)`
and `admin_allows(user, action, model or row)`. Likewise the workspace site (the admin site of
the project, see `WorkspaceSite`) draws the home page and the pages the apps add to it.
"""

from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path
from django.utils.translation import gettext_lazy as _


class WorkspaceSite(admin.AdminSite):
    """The staff workspace: the admin with a home page for people and pages of their own that the
    apps add (`add_page`, `set_home`), each behind the admin's login and second factor."""

    site_header = site_title = "Netralitas"
    index_title = _("ASN neutrality supervision")
    site_url = None  # there is no public site to "view": the workspace is the site

    def __init__(self, name="admin"):
        super().__init__(name)
        self.pages = []  # (route, view, name)
        self.home_context: Callable | None = None

    def add_page(self, route: str, view, name: str) -> None:
        """A page at `/admin/<route>` named `admin:<name>`, for signed-in staff."""
        self.pages.append((route, view, name))

    def set_home(self, context: Callable, template: str) -> None:
        """The home page: `template` drawn with `context(request)` added to the admin's own."""
        self.home_context, self.index_template = context, template

    def get_urls(self):
        pages = [path(route, self.admin_view(view), name=name) for route, view, name in self.pages]
        return pages + super().get_urls()

    def index(self, request, extra_context=None):
        context = self.home_context(request) if self.home_context else {}
        return super().index(request, {**context, **(extra_context or {})})


class WorkspaceAdminConfig(AdminConfig):
    """django.contrib.admin with the workspace as its site (`admin.site`)."""

    default_site = "core.admin.WorkspaceSite"


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
