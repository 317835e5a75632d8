from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agencies.models import Agency, ApiClient, Role
from agencies.services.api_clients import create_api_client
from core.actors import system_user
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Create an API client for a partner system and print its bearer token (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency code, e.g. BSSN")
        parser.add_argument("--name", required=True, help='e.g. "BSSN monitoring feed"')
        parser.add_argument(
            "--scopes", required=True, help=f"comma-separated: {','.join(ApiClient.Scope.values)}"
        )
        parser.add_argument(
            "--role",
            choices=Role.values,
            help="the service account's agency role (default: what the scopes "
            "need: admin→agency_admin, workflow→supervisor, report/ingest→"
            "analyst, read→viewer)",
        )
        expiry = parser.add_mutually_exclusive_group()
        expiry.add_argument("--expires-in-days", type=int, help="the token expires after N days")
        expiry.add_argument("--expires-at", help="ISO date-time the token expires at")

    def handle(
        self, agency, name, scopes, role=None, expires_in_days=None, expires_at=None, **options
    ):
        try:
            agency_obj = Agency.objects.get(code=agency.upper())
        except Agency.DoesNotExist:
            raise CommandError(f"no agency with code {agency!r}") from None
        if expires_in_days is not None:
            expires_at = timezone.now() + timedelta(days=expires_in_days)
        elif expires_at is not None:
            parsed = parse_datetime(expires_at)
            if parsed is None:
                raise CommandError(f"--expires-at {expires_at!r} is not an ISO date-time")
            expires_at = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        try:
            client, token = create_api_client(
                system_user(), agency_obj, name, scopes.split(","), role=role, expires_at=expires_at
            )
        except ServiceError as error:
            raise CommandError(error.message) from None
        self.stderr.write(
            f"Created API client #{client.pk} {client} with scopes "
            f"{','.join(client.scopes)} acting as {client.user.username} "
            f"({client.user.membership.role}). The token is shown only now:"
        )
        self.stdout.write(token)
