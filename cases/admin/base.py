"""What every case-graph admin shares: rows through the policy, writes through cases.services."""

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin
from core.errors import ServiceError

from .. import policy

# Django 6 will assume https for scheme-less URLs; say so now (and silence its warning).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PolicyAdmin(core_admin.PolicyAdmin):
    """An admin of the case graph: rows and buttons decided by cases/policy.py."""

    policy = policy


class ServiceErrorsAsMessages:
    """A refused service call on an add/change form shows its message instead of a server error;
    the admin's own transaction around the form is rolled back, so nothing changes."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ServiceError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.get_full_path())


class WrittenElsewhere(core_admin.WrittenElsewhere):
    formfield_overrides = URL_FIELDS


class ReadOnlyAdmin(WrittenElsewhere, PolicyAdmin):
    """The rows the policy lets the user see, read-only."""


class ReadOnlyInline(WrittenElsewhere, admin.TabularInline):
    """Rows shown on their parent's page (a case's children, a contest's candidates): visible
    when the parent is and the policy allows."""

    extra = 0
    show_change_link = True
    select_related: list[str] = []  # the foreign keys shown, so rows cost no query each

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related(*self.select_related)
        return policy.visible(request.user, queryset)

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # all of them, including the non-editable (timestamps)

    def has_view_permission(self, request, obj=None):
        return policy.admin_allows(
            request.user, "view", obj if obj is not None else self.parent_model
        )


def run_each(request, queryset, call, done: str) -> None:
    """Call `call(obj)` for every selected row (each its own transaction); report refusals one by
    one with the service's message, and the successes in one line."""
    succeeded = []
    for obj in queryset:
        try:
            call(obj)
        except ServiceError as error:
            messages.error(request, f"{obj}: {error.message}")
        else:
            succeeded.append(str(obj))
    if succeeded:
        messages.success(request, f"{done}: {', '.join(succeeded)}")


def form_page(model_admin, request, obj, form, done_url: str):
    """A small form about `obj` submitted to one service call (`form.submit(actor, obj)`): a
    refusal shows on the form (or as a message), success goes back to `done_url`."""
    if request.method == "POST" and form.is_valid():
        try:
            form.submit(request.user, obj)
        except ServiceError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(object)s: %(action)s — done") % {"object": obj, "action": form.title}
            )
            return HttpResponseRedirect(done_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": obj,
        "form": form,
        "title": f"{form.title}: {obj}",
    }
    return TemplateResponse(request, "admin/cases/case/case_form.html", context)
