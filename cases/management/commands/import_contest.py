from cases.importers import import_contest

from ..importing import ImportCommand


class Command(ImportCommand):
    help = "Import or update a contest from its JSON file (candidates, accounts, exclusions)."
    strict_option = False  # one contest: imported whole or not at all
    line_input = False  # one JSON document

    def import_file(self, actor, lines, options):
        return import_contest(actor, lines, name=options["file"])
