from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Region
from core.regions import REGIONS_CSV, load_regions


class Command(BaseCommand):
    help = "Load or update Indonesian regions from a Kemendagri code CSV (code,name,level,parent_code)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(REGIONS_CSV), type=Path)

    def handle(self, path, **options):
        with transaction.atomic():
            created, updated = load_regions(Region, path)
        self.stdout.write(f"regions: {created} created, {updated} updated")
