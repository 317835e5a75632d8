"""The admin's side of the second factor: a reset action that goes through the service (rule
book and audit trail), and no stock device pages, which would delete devices without either."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.services import users
from core.errors import PermissionDenied

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def reset_second_factor_action(user_of):
    """An admin action resetting the second factor of the user of each selected row."""

    @admin.action(
        description=gettext_lazy("Reset second factor (set up again at next sign-in)"),
        permissions=["change"],
    )
    def reset_second_factor(modeladmin, request, queryset):
        for row in queryset:
            target = user_of(row)
            try:
                users.reset_second_factor(request.user, target)
            except PermissionDenied as error:
                modeladmin.message_user(request, str(error), messages.ERROR)
            else:
                modeladmin.message_user(
                    request,
                    _("The second factor of %(username)s was reset.")
                    % {"username": target.get_username()},
                )

    return reset_second_factor
