from pathlib import Path

from django.core.management.base import BaseCommand

from graphql_api.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to graphql_api/schema.graphql, or to --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=SCHEMA_FILE)

    def handle(self, output, **options):
        output.write_text(schema.as_str() + "\n")
        self.stdout.write(f"Wrote {output}")
