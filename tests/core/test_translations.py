"""The Indonesian catalogue is complete and compiled, and the admin shows no English of ours.

The .po file is read in plain Python (no gettext binary needed in CI); the admin walk visits every
registered model's pages as each agency role and as the operator."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
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


def registered_models() -> list:
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


def first_change_link(changelist_url: str, html: str) -> str | None:
    found = re.search(rf'href="({re.escape(changelist_url)}[^"/]+/change/)[^"]*"', html)
    return found.group(1) if found else None


def walk_admin(client) -> dict[str, str]:
    """{url: visible text} of every registered model's changelist, the change page of its first
    row and its add page, as far as the logged-in user may open them (a page refused with 403 is
    left out; anything but 200 or 403 fails)."""
    pages = {}
    for model in registered_models():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist, add = reverse(f"{name}_changelist"), reverse(f"{name}_add")
        responses = {changelist: client.get(changelist), add: client.get(add)}
        if responses[changelist].status_code == 200:
            change = first_change_link(changelist, responses[changelist].content.decode())
            if change:
                responses[change] = client.get(change)
        for url, response in responses.items():
            assert response.status_code in (200, 403), (url, response.status_code)
            if response.status_code == 200:
                pages[url] = visible_text(response.content.decode())
    return pages


def english_of_ours() -> list[str]:
    """The list above, every catalogue entry of more than one word whose Indonesian differs, and
    the codes our pages must say in words (violation codes, statuses, channels, event types)."""
    from cases.codes import ViolationCode
    from cases.models import CaseStatus, Report

    entries = po_entries(CATALOGUE / "django.po")
    catalogue = {capfirst(e["msgid"]) for e in entries if " " in e["msgid"]}
    catalogue -= {capfirst(e["msgstr"]) for e in entries}
    codes = [*ViolationCode.values, *(v for v in CaseStatus.values if "_" in v)]
    codes += [v for v in Report.Channel.values if "_" in v]
    codes += ["escalation.opened", "case.transition", "case.share_rules", "registry.bulk_import"]
    return ENGLISH + codes + sorted(word for word in catalogue if "%" not in word)


DEMO_ROLES = ["viewer", "analyst", "supervisor", "agency_admin"]


@pytest.mark.django_db
def test_the_admin_shows_no_english_of_ours_in_indonesian_to_any_role(client, settings):
    """Each registered model's pages, walked in Indonesian by the demo's Bawaslu viewer, analyst,
    supervisor and agency admin and by the operator (`admin`), on the demo data."""
    settings.LANGUAGE_CODE = "id"
    call_command("seed_demo", verbosity=0)
    english = english_of_ours()
    users = [f"bawaslu.{role}" for role in DEMO_ROLES] + ["admin"]
    problems, seen_indonesian, walked = {}, set(), {}
    for username in users:
        client.force_login(get_user_model().objects.get(username=username))
        walked[username] = pages = walk_admin(client)
        for url, text in pages.items():
            if found := untranslated_on(text, english):
                problems[f"{username} {url}"] = found
            seen_indonesian.update(word for word in INDONESIAN if word in text)
    assert problems == {}
    assert seen_indonesian == set(INDONESIAN)
    # The operator opens every registered model's list, and a real row of most.
    operator = walked["admin"]
    for model in registered_models():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert reverse(f"{name}_changelist") in operator
    assert len([url for url in operator if url.endswith("/change/")]) > 25
    # Every role of the agency sees pages of its own: lists, and real rows.
    for username in users[:-1]:
        assert len(walked[username]) > 15, username
        assert any(url.endswith("/change/") for url in walked[username]), username


@pytest.mark.django_db
def test_english_stays_available(client, settings):
    settings.LANGUAGE_CODE = "en"
    root = get_user_model().objects.create_superuser("reader", "r@example.id", "x")
    client.force_login(root)
    text = visible_text(client.get("/admin/cases/case/").content.decode())
    assert "By holder agency" in text  # the list's filter
    assert "Lembaga pemegang" not in text
