"""The Indonesian catalogue is complete and compiled, and the admin shows no English of ours.

The .po file is read in plain Python (no gettext binary needed in CI); the admin walk follows the
links of the index page, so every model registered there is visited."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from django.utils.text import capfirst

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"
SOURCE_DIRS = ["config", "core", "agencies", "cases", "graphql_api"]
TEMPLATE_MSGID = re.compile(r"""{%\s*(?:translate|trans)\s+"([^"]+)"\s*%}""")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}

# English words of ours that must not show on an Indonesian page, and what shows instead.
ENGLISH = [
    "Examination (kajian)",
    "Assessment by the neutrality supervisor",
    "Recommendation to the PPK",
    "Enforcement (PPK overdue)",
    "Not proven",
    "Sanctioned",
    "Findings",
    "Escalations",
    "Notices",
    "Civil servants",
    "Holder agency",
    "Owner agency",
    "Attending a candidate's declaration",
    "Campaigning on social or online media",
    "Agency finding",
]
INDONESIAN = ["Kasus", "Temuan", "Eskalasi", "Pemberitahuan", "Lembaga", "Rekomendasi", "Sanksi"]


def po_entries(path: Path) -> list[dict]:
    """Each entry of a .po file as {"msgid", "msgstr", "fuzzy"} (the header left out)."""
    entries, current, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"msgid": "", "msgstr": "", "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith(("msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
            current[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    return [entry for entry in entries if entry["msgid"]]


def source_msgids() -> set[str]:
    """The literal msgids of `_("…")` (and friends) in our code and `{% translate "…" %}` in our
    templates: what makemessages would extract."""
    found = set()
    for folder in SOURCE_DIRS:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES
                    and node.args
                    and isinstance(node.args[-1], ast.Constant)
                    and isinstance(node.args[-1].value, str)
                ):
                    found.add(node.args[-1].value)
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.html"):
            found.update(TEMPLATE_MSGID.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = po_entries(CATALOGUE / "django.po")
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not e["msgstr"].strip()]
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_catalogue_covers_every_msgid_in_the_code():
    catalogued = {entry["msgid"] for entry in po_entries(CATALOGUE / "django.po")}
    code = source_msgids()
    assert len(code) > 400
    assert sorted(code - catalogued) == []


def test_the_compiled_catalogue_matches_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        entry["msgid"]
        for entry in po_entries(CATALOGUE / "django.po")
        if catalogue.gettext(entry["msgid"]) != entry["msgstr"]
    ]
    assert stale == [], "run `python manage.py compilemessages -l id`"


def test_labels_follow_the_active_language():
    from cases.models import Case, CaseStatus

    with translation.override("id"):
        assert str(CaseStatus.EXAMINATION.label) == "Kajian"
        assert str(Case._meta.verbose_name_plural) == "kasus"
    with translation.override("en"):
        assert str(CaseStatus.EXAMINATION.label) == "Examination (kajian)"
        assert str(Case._meta.verbose_name_plural) == "cases"


class VisibleText(HTMLParser):
    """The text a reader sees (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def untranslated_on(text: str, english: list[str]) -> list[str]:
    return [word for word in english if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


def admin_pages(client) -> list[str]:
    """Every changelist and add page linked from the admin index, and the change page of each
    list's first row."""
    index = client.get("/admin/").content.decode()
    lists = sorted(set(re.findall(r'href="(/admin/\w+/\w+/)"', index)))
    adds = sorted(set(re.findall(r'href="(/admin/\w+/\w+/add/)"', index)))
    changes = []
    for url in lists:
        page = client.get(url).content.decode()
        first = re.search(rf'href="({re.escape(url)}[^"/]+/change/)[^"]*"', page)
        if first:
            changes.append(first.group(1))
    return lists + adds + changes


@pytest.mark.django_db
def test_the_admin_shows_no_english_of_ours_in_indonesian(client, settings):
    settings.LANGUAGE_CODE = "id"
    call_command("seed_demo", verbosity=0)
    root = get_user_model().objects.create_superuser("translator", "t@example.id", "x")
    client.force_login(root)
    pages = admin_pages(client)
    assert len(pages) > 40  # lists, add pages and change pages of every registered model
    # English words of ours: the list above and every longer catalogue entry translated differently.
    entries = po_entries(CATALOGUE / "django.po")
    catalogue = {capfirst(e["msgid"]) for e in entries if " " in e["msgid"]}
    catalogue -= {capfirst(e["msgstr"]) for e in entries}
    english = ENGLISH + sorted(word for word in catalogue if "%" not in word)
    seen_indonesian, problems = set(), {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        if found := untranslated_on(text, english):
            problems[url] = found
        seen_indonesian.update(word for word in INDONESIAN if word in text)
    assert problems == {}
    assert seen_indonesian == set(INDONESIAN)


@pytest.mark.django_db
def test_english_stays_available(client, settings):
    settings.LANGUAGE_CODE = "en"
    root = get_user_model().objects.create_superuser("reader", "r@example.id", "x")
    client.force_login(root)
    text = visible_text(client.get("/admin/cases/case/").content.decode())
    assert "By holder agency" in text  # the list's filter
    assert "Lembaga pemegang" not in text
