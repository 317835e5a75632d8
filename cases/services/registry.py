"""The registry's write path in bulk: civil servants and the accounts linked to them, as the
registry imports write them (one batch at a time, inside the batch's transaction, whose audit
event on the import job records what changed)."""

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext

from ..models import CivilServant, SocialAccount
from ..policy import can_start_job, require
from .detected_cases import attach_waiting_findings

ASN_FIELDS = ("name", "institution_id", "position", "region_id", "employment_type")
LINK_FIELDS = ["owner", "link_method", "linked_at", "linked_by", "link_confidence"]


def _require_importer(actor) -> None:
    require(
        can_start_job(actor), gettext("only analysts and above import the registry"), field="job"
    )


def save_civil_servants(actor, new: list[CivilServant], changed: list[CivilServant]) -> None:
    """Insert `new` and update the ASN_FIELDS of `changed`."""
    _require_importer(actor)
    CivilServant.objects.bulk_create(new)
    CivilServant.objects.bulk_update(changed, ASN_FIELDS)


def link_imported_accounts(actor, new: list[SocialAccount], linked: list[SocialAccount]) -> Counter:
    """Insert `new` accounts and save the owner of `linked` ones, all linked by the registry
    import; attach the findings that waited for them. Returns what the attaching did."""
    _require_importer(actor)
    now = timezone.now()
    for account in new + linked:
        account.link_method, account.linked_at = SocialAccount.LinkMethod.REGISTRY_IMPORT, now
        account.linked_by, account.link_confidence = actor, 1.0
    SocialAccount.objects.bulk_create(new)
    SocialAccount.objects.bulk_update(linked, LINK_FIELDS)
    return attach_waiting_findings(linked)
