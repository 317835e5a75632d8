"""The registry's write path in bulk: civil servants and the accounts linked to them, as the
registry imports write them (one batch at a time, inside the batch's transaction, whose audit
event on the import job records what changed)."""

from collections import Counter

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

from ..bulk import bulk_insert, bulk_upsert
from ..models import CivilServant, SocialAccount
from ..policy import can_start_job, require
from .detected_cases import attach_waiting_findings

ASN_FIELDS = ("name", "institution_id", "position", "region_id", "employment_type")
LINK_FIELDS = ["owner", "link_method", "linked_at", "linked_by", "link_confidence"]


def _require_importer(actor) -> None:
    require(
        can_start_job(actor), gettext("only analysts and above import the registry"), field="job"
    )


def save_civil_servants(actor, rows: list[dict]) -> tuple[int, int]:
    """Insert or update civil servants by NIP: `rows` are {"nip", *ASN_FIELDS}; a stored row
    that differs in none of ASN_FIELDS is left alone. Returns (created, updated)."""
    _require_importer(actor)
    if connection.vendor == "postgresql":
        return bulk_upsert(CivilServant, rows, "nip", ASN_FIELDS)
    existing = {cs.nip: cs for cs in CivilServant.objects.filter(nip__in=[r["nip"] for r in rows])}
    new, changed = [], []
    for row in rows:
        servant = existing.get(row["nip"])
        if servant is None:
            new.append(CivilServant(**row))
        elif any(getattr(servant, k) != row[k] for k in ASN_FIELDS):
            for key in ASN_FIELDS:
                setattr(servant, key, row[key])
            changed.append(servant)
    CivilServant.objects.bulk_create(new)
    CivilServant.objects.bulk_update(changed, ASN_FIELDS)
    return len(new), len(changed)


def link_imported_accounts(actor, new: list[dict], linked: list[SocialAccount]) -> Counter:
    """Insert `new` accounts ({"platform", "handle", "owner_id"}) and save the owner of
    `linked` ones, all linked by the registry import; attach the findings that waited for
    them. Returns what the attaching did."""
    _require_importer(actor)
    link = {
        "link_method": SocialAccount.LinkMethod.REGISTRY_IMPORT,
        "linked_at": timezone.now(),
        "linked_by_id": actor.pk,
        "link_confidence": 1.0,
    }
    for account in linked:
        for key, value in link.items():
            setattr(account, key, value)
    bulk_insert(SocialAccount, [{**row, **link} for row in new])
    SocialAccount.objects.bulk_update(linked, LINK_FIELDS)
    return attach_waiting_findings(linked)
