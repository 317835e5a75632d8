from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from .agency import Agency, Role


class Membership(TimestampedModel):
    """Ties a user to exactly one agency and role. Change it through agencies.services only:
    the service keeps the user's group (`AGENCY/role`) in step."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("role"))
    is_service_account = models.BooleanField(
        default=False,
        help_text=_("A partner system's account: API tokens only, no admin login."),
        verbose_name=_("is service account"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agency__code", "user__username"]

    def __str__(self):
        return f"{self.user} @ {self.agency.code} ({self.get_role_display()})"
