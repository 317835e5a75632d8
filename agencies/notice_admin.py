"""Admin for webhook endpoints and the notices' delivery log (every channel, every attempt), scoped
by the policy: an agency sees its own endpoints; its admins manage them, read the log and
redeliver dead notices. People read their notices in the inbox (cases/admin/inbox.py).
Writes go through agencies/services (endpoints, notices, delivery)."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.admin import PolicyAdmin, WrittenElsewhere
from core.errors import ServiceError

from . import policy, webhooks
from .models import DeliveryAttempt, Notice, WebhookEndpoint
from .services import delivery, endpoints, notices


def event_title(event_type: str) -> str:
    """An event type in words, in the active language (the catalogue of titles the notices
    themselves carry, Indonesian and English); an unknown type shows as itself."""
    titles = notices.EVENTS.get(event_type)
    if titles is None:
        return event_type
    return titles[0] if (get_language() or "id").startswith("id") else titles[1]


class EventTypeFilter(admin.SimpleListFilter):
    title = _("event type")
    parameter_name = "event_type"

    def lookups(self, request, model_admin):
        return [(event_type, event_title(event_type)) for event_type in notices.EVENTS]

    def queryset(self, request, queryset):
        return queryset.filter(event_type=self.value()) if self.value() else queryset


class EndpointForm(forms.ModelForm):
    event_types = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(e, event_title(e)) for e in notices.EVENTS if e != notices.DEAD],
        help_text=_("None ticked: every event type."),
        label=_("event types"),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["agency", "url", "event_types", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            webhooks.check_url(url)
        except ServiceError as error:
            raise forms.ValidationError(error.message) from None
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(PolicyAdmin):
    policy = policy
    form = EndpointForm
    list_display = ["url", "agency", "is_active", "disabled_reason", "updated_at"]
    list_filter = ["is_active"]
    list_select_related = ["agency"]
    actions = ["rotate_secrets", "enable"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["agency", "url", "event_types"]
        fields = ["agency", "url", "event_types", "is_active", "disabled_reason"]
        # Only those who manage the endpoint see its secrets (to configure the receiver).
        if self.has_change_permission(request, obj):
            fields += ["secret", "previous_secret", "previous_secret_expires_at"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "agency",
            "disabled_reason",
            "secret",
            "previous_secret",
            "previous_secret_expires_at",
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = policy.manageable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            endpoints.update_endpoint(
                request.user,
                obj,
                url=data["url"],
                event_types=data["event_types"],
                is_active=data["is_active"],
            )
        else:
            obj.pk = endpoints.register_endpoint(
                request.user, data["agency"], data["url"], data["event_types"]
            ).pk

    def delete_model(self, request, obj):
        endpoints.remove_endpoint(request.user, obj)

    def delete_queryset(self, request, queryset):
        for endpoint in queryset:
            endpoints.remove_endpoint(request.user, endpoint)

    @admin.action(
        description=_("Rotate the secret (the old one signs too for a while)"),
        permissions=["change"],
    )
    def rotate_secrets(self, request, queryset):
        for endpoint in queryset:
            endpoints.rotate_secret(request.user, endpoint)
        self.message_user(
            request,
            _("Secrets rotated: %(count)d. Update the receivers.") % {"count": len(queryset)},
        )

    @admin.action(
        description=_("Enable (e.g. after the receiver answered 410)"), permissions=["change"]
    )
    def enable(self, request, queryset):
        for endpoint in queryset:
            endpoints.update_endpoint(request.user, endpoint, is_active=True)
        self.message_user(request, _("Endpoints enabled: %(count)d.") % {"count": len(queryset)})


class DeliveryAttemptInline(WrittenElsewhere, admin.TabularInline):
    model = DeliveryAttempt
    fields = readonly_fields = ["number", "at", "status_code", "latency_ms", "error"]
    extra = 0

    def has_view_permission(self, request, obj=None):
        return policy.admin_allows(request.user, "view", DeliveryAttempt)


@admin.register(Notice)
class NoticeAdmin(PolicyAdmin):
    policy = policy
    list_display = [
        "created_at",
        "event",
        "agency",
        "channel",
        "case_link",
        "status",
        "attempts",
        "next_attempt_at",
        "read_at",
    ]
    list_filter = ["status", "channel", EventTypeFilter]
    search_fields = ["uuid", "case__reference"]
    list_select_related = ["agency", "case"]
    fields = readonly_fields = [
        "uuid",
        "event",
        "agency",
        "channel",
        "endpoint",
        "case",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "read_at",
        "read_by",
        "payload",
    ]
    inlines = [DeliveryAttemptInline]

    @admin.display(description=_("event type"), ordering="event_type")
    def event(self, notice):
        return event_title(notice.event_type)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_link(self, notice):
        if notice.case is None:
            return "-"
        url = reverse("admin:cases_case_change", args=[notice.case_id])
        return format_html('<a href="{}">{}</a>', url, notice.case.reference)

    actions = ["redeliver"]

    def has_redeliver_permission(self, request):
        return policy.can_redeliver_notices(request.user)

    def _apply(self, request, queryset, service, verb: str):
        done = 0
        for notice in queryset:
            try:
                service(request.user, notice)
                done += 1
            except ServiceError as error:
                self.message_user(request, f"{notice.uuid}: {error.message}", messages.WARNING)
        self.message_user(request, _("%(verb)s: %(count)d.") % {"verb": verb, "count": done})

    @admin.action(description=_("Redeliver (dead notices)"), permissions=["redeliver"])
    def redeliver(self, request, queryset):
        self._apply(request, queryset, delivery.redeliver, _("Notices queued for redelivery"))
