import json
import sys
from contextlib import nullcontext, redirect_stdout

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies import demo
from cases import demo as case_demo
from core.actors import system_user


class Command(BaseCommand):
    help = "Create demo users (one per agency and role), institutions and data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the credentials as JSON"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="allow demo accounts with the known password in production mode",
        )

    def handle(self, as_json=False, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; "
                "refusing in production mode (use --force if you mean it)"
            )
        # With --json, standard output is the JSON alone: what seeding prints (the console
        # e-mail backend writes the notices it sends to sys.stdout) goes to standard error.
        with redirect_stdout(sys.stderr) if as_json else nullcontext(), transaction.atomic():
            actor = system_user()
            demo.seed_institutions(actor)
            users = [demo.seed_superuser(), *demo.seed_staff(actor)]
            clients = demo.seed_api_clients(actor)
            graph = case_demo.seed(actor)
        if as_json:
            self.stdout.write(json.dumps({"users": users, "api_clients": clients}))
            return
        self.stdout.write(
            f"Demo data ready: {len(users)} accounts, password {demo.DEMO_PASSWORD!r}."
        )
        counts = ", ".join(f"{n} {what}" for what, n in graph.items())
        self.stdout.write(f"Demo case graph: {counts}.")
        self.stdout.write(
            f"Log in at {settings.SITE_URL}/admin/ as 'admin' (superuser) or e.g. "
            "'bawaslu.analyst', 'kasn.supervisor', 'bssn.agency_admin'."
        )
        self.stdout.write(
            f"{len(clients)} demo API clients (every scope) for {settings.SITE_URL}"
            "/graphql/: their tokens are printed by `seed_demo --json`."
        )
