"""Admin for API clients: an agency admin issues and revokes its partner systems' tokens.

Rows are scoped by the policy; writes go through agencies/services/api_clients.py. A new token is shown
once, in the confirmation message; afterwards only its last four characters are.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import PolicyAdmin
from core.errors import ServiceError

from . import policy
from .models import ApiClient
from .services import api_clients


class NewApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiClient.Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["agency", "name", "scopes", "expires_at"]


@admin.register(ApiClient)
class ApiClientAdmin(PolicyAdmin):
    policy = policy
    list_display = [
        "name",
        "agency",
        "token_hint",
        "scope_words",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["agency"]
    search_fields = ["name", "token_last_four"]
    list_select_related = ["agency"]
    actions = ["revoke"]
    readonly_fields = [
        "name",
        "agency",
        "user",
        "token_hint",
        "scope_words",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "created_at",
    ]

    @admin.display(description=_("scopes"))
    def scope_words(self, obj):
        labels = dict(ApiClient.Scope.choices)
        return "; ".join(str(labels.get(scope, scope)) for scope in obj.scopes) or "-"

    @admin.display(description=_("token"))
    def token_hint(self, obj):
        return f"…{obj.token_last_four}"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewApiClientForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return NewApiClientForm.Meta.fields if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = policy.manageable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # Existing clients are read-only; "change" only unlocks the revoke action on the list.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the service account stays for the audit trail

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        created, token = api_clients.create_api_client(
            request.user,
            data["agency"],
            data["name"],
            data["scopes"],
            expires_at=data["expires_at"],
        )
        obj.pk, obj.user = created.pk, created.user
        messages.warning(
            request,
            _("The token of %(client)s is shown only now; store it safely: %(token)s")
            % {"client": created, "token": token},
        )

    @admin.action(description=_("Revoke the selected API clients' tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        try:
            for client in queryset:
                api_clients.revoke_api_client(request.user, client)
        except ServiceError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request, _("API clients revoked: %(count)d.") % {"count": queryset.count()}
        )
