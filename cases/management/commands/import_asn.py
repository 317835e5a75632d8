from cases.importers import import_asn

from ..importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import or update civil servants (ASN) from a CSV with the header "
        "nip,name,institution,position,region_code,employment_type."
    )

    def import_file(self, actor, lines, options):
        return import_asn(
            actor,
            lines,
            strict=options["strict"],
            source=options["file"],
            on_batch=self.show_progress,
        )
