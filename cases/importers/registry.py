"""Registry imports: civil servants (ASN) and the social-media accounts that are theirs (CSV)."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from agencies.models import Institution
from core.models import Region

from ..bulk import key_filter
from ..codes import Platform, normalize_handle
from ..models import CivilServant, Job, SocialAccount
from ..nip import parse_nip
from ..services.registry import link_imported_accounts, save_civil_servants
from .base import LineError, csv_rows, run_import
from .institutions import create_institution

ASN_COLUMNS = ("nip", "name", "institution", "position", "region_code", "employment_type")
ACCOUNT_COLUMNS = ("nip", "platform", "handle")
NAME_LENGTH = 200  # of a civil servant's name and position, and an institution's name
# Lines per batch (one transaction, one audit event): a registry holds millions of lines.
REGISTRY_BATCH = 20_000
# Sets, computed once: a TextChoices' `values` builds a new list on every access.
EMPLOYMENT_TYPES, PLATFORMS = (
    frozenset(CivilServant.EmploymentType.values),
    frozenset(Platform.values),
)


def import_asn(actor, lines, *, strict: bool = False, source: str = "", on_batch=None):
    """CSV `nip,name,institution,position,region_code,employment_type`; updates by NIP.
    Memory stays small at millions of lines: the regions are read once, the institutions'
    ids are kept by name, and the NIPs seen so far as numbers (for "repeats line N")."""
    regions = {r.code: r for r in Region.objects.all()}
    institutions: dict[str, int] = {}  # name -> id, across batches
    seen: dict[int, int] = {}

    def prepare(batch, _counts):
        names = {row["institution"][:NAME_LENGTH] for _, row in batch} - institutions.keys()
        institutions.update(Institution.objects.filter(name__in=names).values_list("name", "id"))
        items, errors = [], []
        for line, row in batch:
            try:
                items.append(_asn_item(row, regions, institutions, seen, line))
            except ValueError as error:
                errors.append(LineError(line, str(error)))
        return items, errors

    def write(items, result, _number):
        for item in items:
            name, region = item.pop("institution"), item.pop("region")
            if name not in institutions:  # new: created with its PPK
                institutions[name] = create_institution(actor, name, region, result.counts).pk
            item["institution_id"] = institutions[name]
        created, updated = save_civil_servants(actor, items)
        result.counts["created"] += created
        result.counts["updated"] += updated
        result.counts["unchanged"] += len(items) - created - updated

    return run_import(
        actor,
        Job.Kind.ASN,
        csv_rows(lines, ASN_COLUMNS),
        prepare,
        write,
        strict=strict,
        source=source,
        on_batch=on_batch,
        batch_size=REGISTRY_BATCH,
    )


def _asn_item(row, regions, institutions, seen, line) -> dict:
    """The row to save, with the institution's name and the region (a new institution is
    created, in the row's region, when the batch is written)."""
    employment = (row["employment_type"] or "").upper()
    if employment and employment not in EMPLOYMENT_TYPES:
        raise ValueError(f"employment_type {row['employment_type']!r} must be PNS or PPPK")
    nip, layout = _nip(row["nip"], seen, line, employment or None)
    employment = employment or layout  # not given: the NIP's layout tells
    if not row["name"]:
        raise ValueError("missing field 'name'")
    region = regions.get(row["region_code"])
    if row["region_code"] and region is None:
        raise ValueError(f"unknown region code {row['region_code']!r}")
    institution = row["institution"][:NAME_LENGTH]
    if not institution:
        raise ValueError("missing field 'institution'")
    if institution not in institutions and region is None:
        raise ValueError(
            f"institution {row['institution']!r} is new: give a region_code so it can be created"
        )
    return {
        "nip": nip,
        "name": row["name"][:NAME_LENGTH],
        "position": row["position"][:NAME_LENGTH],
        "region_id": region and region.pk,
        "employment_type": employment,
        "institution": institution,
        "region": region,
    }


def _nip(value: str, seen: dict, line: int, employment_type: str | None = None):
    """(the NIP without spaces, its layout: PNS or PPPK)."""
    try:
        parsed = parse_nip(value, employment_type)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None
    nip = value.replace(" ", "")
    if seen.setdefault(int(nip), line) != line:
        raise ValueError(f"NIP {nip} repeats line {seen[int(nip)]}")
    return nip, parsed.employment_type


def import_accounts(actor, lines, *, strict: bool = False, source: str = "", on_batch=None):
    """CSV `nip,platform,handle`: links each account to its civil servant (creating the account
    when new); findings that waited for the link are attached (cases opened or joined)."""
    keys: dict[tuple, int] = {}

    def prepare(batch, _counts):
        servants = dict(
            CivilServant.objects.filter(
                nip__in={row["nip"].replace(" ", "") for _, row in batch}
            ).values_list("nip", "pk")
        )
        wanted = {(row["platform"], normalize_handle(row["handle"])) for _, row in batch}
        accounts = {
            (a.platform, a.handle): a
            for a in SocialAccount.objects.filter(key_filter("handle", wanted) or Q(pk=None))
            .select_related("owner")
            .prefetch_related("campaign_of")
        }
        items, errors = [], []
        for line, row in batch:
            try:
                items.append(_account_item(row, line, servants, accounts, keys))
            except ValueError as error:
                errors.append(LineError(line, str(error)))
        return items, errors

    def write(items, result, _number):
        new, linked = [], []
        for servant, platform, handle, account in items:
            if account is None:
                new.append({"platform": platform, "handle": handle, "owner_id": servant})
            elif account.owner_id is None:
                account.owner_id = servant
                linked.append(account)
            else:
                result.counts["unchanged"] += 1
        attached = link_imported_accounts(actor, new, linked)
        result.counts["created"] += len(new)
        result.counts["linked"] += len(linked)
        result.counts.update(attached)

    return run_import(
        actor,
        Job.Kind.ACCOUNTS,
        csv_rows(lines, ACCOUNT_COLUMNS),
        prepare,
        write,
        strict=strict,
        source=source,
        on_batch=on_batch,
        batch_size=REGISTRY_BATCH,
    )


def _account_item(row, line, servants, accounts, keys):
    nip, _layout = _nip(row["nip"], {}, line)
    if row["platform"] not in PLATFORMS:
        raise ValueError(
            f"unknown platform {row['platform']!r}; expected one of {', '.join(Platform.values)}"
        )
    handle = normalize_handle(row["handle"])
    if not handle or len(handle) > 100:
        raise ValueError("missing field 'handle'" if not handle else "handle longer than 100")
    key = (row["platform"], handle)
    if keys.setdefault(key, line) != line:
        raise ValueError(f"{row['platform']}:@{handle} repeats line {keys[key]}")
    servant = servants.get(nip)
    if servant is None:
        raise ValueError(f"no civil servant with NIP {nip}: import it first (import_asn)")
    account = accounts.get(key)
    if account is not None and (campaign_of := account.campaign_of.all()):
        raise ValueError(
            f"{row['platform']}:@{handle} is the campaign account of candidate "
            + ", ".join(map(str, campaign_of))
        )
    if account is not None and account.owner_id not in (None, servant):
        raise ValueError(
            f"{row['platform']}:@{handle} is already linked to NIP {account.owner.nip}"
        )
    return servant, row["platform"], handle, account
