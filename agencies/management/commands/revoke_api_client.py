from django.core.management.base import BaseCommand, CommandError

from agencies.models import ApiClient
from agencies.services.api_clients import revoke_api_client
from core.actors import system_user


class Command(BaseCommand):
    help = "Revoke an API client's token at once (by client id, or by the token itself)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--id", type=int, help="the API client's id (shown in admin)")
        target.add_argument("--token", help="the bearer token to revoke")

    def handle(self, id=None, token=None, **options):
        lookup = {"pk": id} if id is not None else {"token_hash": ApiClient.hash_token(token)}
        client = ApiClient.objects.select_related("agency").filter(**lookup).first()
        if client is None:
            raise CommandError("no such API client")
        revoke_api_client(system_user(), client)
        self.stdout.write(f"Revoked {client} at {client.revoked_at.isoformat()}")
