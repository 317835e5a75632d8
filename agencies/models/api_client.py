import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class ApiClient(TimestampedModel):
    """A partner system's credentials: a bearer token acting as a service account of its agency.

    Only the SHA-256 of the token is stored (tokens are 256-bit random, so a plain hash suffices);
    the last four characters are kept to tell tokens apart in admin.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read the case graph")
        REPORT = "report", _("Submit reports")
        INGEST = "ingest", _("Ingest posts and contests")
        WORKFLOW = "workflow", _("Open, update, transition and share cases")
        ADMIN = "admin", _("Agency administration")

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("agency"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        help_text=_("The service account the client acts as."),
        verbose_name=_("user"),
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("token hash")
    )
    token_last_four = models.CharField(
        max_length=4, editable=False, verbose_name=_("token last four")
    )
    scopes = models.JSONField(default=list, verbose_name=_("scopes"))
    expires_at = models.DateTimeField(null=True, blank=True, verbose_name=_("expires at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )

    class Meta:
        verbose_name = _("api client")
        verbose_name_plural = _("api clients")
        ordering = ["agency__code", "name"]

    def __str__(self):
        return f"{self.agency.code}: {self.name} (…{self.token_last_four})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
