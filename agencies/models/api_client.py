import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.models import TimestampedModel


class ApiClient(TimestampedModel):
    """A partner system's credentials: a bearer token acting as a service account of its agency.

    Only the SHA-256 of the token is stored (tokens are 256-bit random, so a plain hash suffices);
    the last four characters are kept to tell tokens apart in admin.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read the case graph"
        REPORT = "report", "Submit reports"
        INGEST = "ingest", "Ingest posts and contests"
        WORKFLOW = "workflow", "Open, update, transition and share cases"
        ADMIN = "admin", "Agency administration"

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="api_clients"
    )
    name = models.CharField(max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        help_text="The service account the client acts as.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_last_four = models.CharField(max_length=4, editable=False)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
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
