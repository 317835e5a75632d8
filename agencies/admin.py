from contextvars import ContextVar

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import audit_words
from core.admin import PolicyAdmin, SavedByServices, WrittenElsewhere
from core.models import AuditEvent, Region, User

from . import policy, services
from .models import Agency, AgencyRole, Institution, Membership
from .services import users
from .signin.admin import reset_second_factor_action


@admin.register(Region)
class RegionAdmin(PolicyAdmin):
    policy = policy
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "name", "level", "parent"]


# The agencies' own audit actions in words (core/audit_words.py; the case graph lends its own).
audit_words.lend(
    actions={
        "agency.create": _("Agency added"),
        "agency.change": _("Agency changed"),
        "agency.delete": _("Agency deleted"),
        "agency.set_active": _("Agency switched on or off"),
        "institution.create": _("Institution added"),
        "institution.change": _("Institution changed"),
        "institution.delete": _("Institution deleted"),
        "member.add": _("Member added"),
        "member.change_role": _("Member's role changed"),
        "member.remove": _("Member removed"),
        "api_client.create": _("API client issued"),
        "api_client.revoke": _("API client revoked"),
        "api_client.rotate": _("API client token replaced"),
        "webhook_endpoint.register": _("Webhook endpoint registered"),
        "webhook_endpoint.update": _("Webhook endpoint changed"),
        "webhook_endpoint.remove": _("Webhook endpoint removed"),
        "webhook_endpoint.rotate_secret": _("Webhook secret rotated"),
        "notice.read": _("Notice marked read"),
        "notice.redeliver": _("Notice sent again"),
        "user.create": _("User account created"),
        "user.change": _("User account changed"),
        "user.delete": _("User account deleted"),
        "user.set_groups": _("User's groups changed"),
        "user.second_factor.enrol": _("Second factor set up"),
        "user.second_factor.reset": _("Second factor reset"),
    },
    related={"agencies.agency": lambda pk: str(Agency.objects.filter(pk=pk).first() or pk)},
)


def words_filter(field: str, title, words) -> type[admin.SimpleListFilter]:
    """A list filter on `field` offering the values the user's rows hold, each in words
    (`words(value)`): for codes that are data rather than choices (actions, steps, models)."""

    class WordsFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            rows = model_admin.get_queryset(request).order_by()
            values = rows.values_list(field, flat=True).distinct()
            return sorted(((v, words(v)) for v in values), key=lambda choice: str(choice[1]))

        def queryset(self, request, queryset):
            return queryset.filter(**{field: self.value()}) if self.value() else queryset

    WordsFilter.title = title
    return WordsFilter


@admin.register(AuditEvent)
class AuditEventAdmin(WrittenElsewhere, PolicyAdmin):
    policy = policy
    list_display = [
        "sequence",
        "created_at",
        "actor_username",
        "agency_code",
        "action_in_words",
        "object_repr",
        "request_id",
    ]
    list_filter = [
        words_filter("action", _("action"), audit_words.action_words),
        "agency_code",
        words_filter("object_type", _("object type"), audit_words.model_words),
    ]
    search_fields = ["object_id", "object_repr", "actor_username", "request_id"]
    # The list's columns, then what only the page shows.
    fields = readonly_fields = [
        *list_display[:-1],
        "object_type_words",
        "object_id",
        "changes_in_words",
        "request_id",
        "previous_hash",
        "hash",
        "signature",
    ]

    @admin.display(description=_("action"), ordering="action")
    def action_in_words(self, event):
        return audit_words.action_words(event.action)

    @admin.display(description=_("object type"), ordering="object_type")
    def object_type_words(self, event):
        return audit_words.model_words(event.object_type)

    @admin.display(description=_("changes"))
    def changes_in_words(self, event):
        lines = audit_words.changes_words(event.object_type, event.changes)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "-"


class OperatorsSaveThroughServices(SavedByServices):
    """Operators create and change agencies and institutions here; each save is audited."""

    save_row = staticmethod(services.save_registry_row)
    delete_row = staticmethod(services.delete_registry_row)


@admin.register(Agency)
class AgencyAdmin(OperatorsSaveThroughServices, PolicyAdmin):
    policy = policy
    list_display = ["code", "name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]


@admin.register(AgencyRole)
class AgencyRoleAdmin(WrittenElsewhere, PolicyAdmin):  # made with each agency, never edited
    policy = policy
    list_display = ["__str__", "agency", "role"]  # the group behind it is plumbing
    list_filter = ["role", "agency"]
    list_select_related = ["agency"]


@admin.register(Institution)
class InstitutionAdmin(OperatorsSaveThroughServices, PolicyAdmin):
    policy = policy
    list_display = ["name", "kind", "region", "ppk_agency"]
    list_filter = ["kind", "ppk_agency"]
    search_fields = ["name"]
    list_select_related = ["region", "ppk_agency"]
    autocomplete_fields = ["region"]


class NewMemberForm(forms.ModelForm):
    """Adding a member creates their user account too, in the admin's own agency."""

    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Leave empty for a service account (API tokens only)."),
    )

    class Meta:
        model = Membership
        fields = ["agency", "role", "is_service_account"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(
                _("The username %(username)s is already taken.") % {"username": username}
            )
        return username


@admin.register(Membership)
class MembershipAdmin(PolicyAdmin):
    policy = policy
    list_display = ["user", "agency", "role", "is_service_account"]
    list_filter = ["role", "is_service_account"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "agency"]
    actions = [reset_second_factor_action(lambda membership: membership.user)]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewMemberForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "username",
                "email",
                "first_name",
                "last_name",
                "password",
                "agency",
                "role",
                "is_service_account",
            ]
        return ["user", "agency", "role", "is_service_account"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "agency", "is_service_account"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = policy.manageable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            current = Membership.objects.get(pk=obj.pk)
            services.change_member_role(request.user, current, form.cleaned_data["role"])
            return
        data = form.cleaned_data
        created = services.add_member(
            request.user,
            data["agency"],
            data["username"],
            data["role"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password"] or None,
            is_service_account=data["is_service_account"],
        )
        obj.pk, obj.user = created.pk, created.user

    def delete_model(self, request, obj):
        services.remove_member(request.user, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.remove_member(request.user, membership)


# Groups are made with each agency and role and carry no model-level permission: the stock
# group admin, which edits both without an audit event, is not offered.
admin.site.unregister(Group)

_acting = ContextVar("acting_operator")


class AuditedPasswordForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        user = super().save(commit=False)
        return users.save_user(_acting.get(), user, password_changed=True)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    """The stock user admin (operators only), its writes through agencies/services/users.py so
    that every change to an account or its groups is audited. Model-level permissions are not
    offered: what a user sees is decided per object by the policy."""

    change_password_form = AuditedPasswordForm
    actions = [reset_second_factor_action(lambda user: user)]

    def operator_only(self, request, obj=None):
        return policy.can_manage_agencies(request.user)

    has_module_permission = has_view_permission = has_add_permission = operator_only
    has_change_permission = has_delete_permission = operator_only

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "user_permissions"]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def save_model(self, request, obj, form, change):
        users.save_user(request.user, obj, password_changed=not change)

    def save_related(self, request, form, formsets, change):
        if "groups" in form.cleaned_data:
            users.set_user_groups(request.user, form.instance, form.cleaned_data["groups"])

    def delete_model(self, request, obj):
        users.delete_user(request.user, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            users.delete_user(request.user, user)

    def user_change_password(self, request, id, form_url=""):
        token = _acting.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting.reset(token)


# Registered after the classes above, which they import.
from . import api_client_admin, notice_admin  # noqa: E402, F401
