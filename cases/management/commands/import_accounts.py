from cases.importers import import_accounts

from ..importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Link social-media accounts to civil servants from a CSV with the header "
        "nip,platform,handle; findings waiting for those accounts are attached."
    )

    def import_file(self, actor, lines, options):
        return import_accounts(
            actor,
            lines,
            strict=options["strict"],
            source=options["file"],
            on_batch=self.show_progress,
        )
