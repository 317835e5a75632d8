"""Registry imports: civil servants (ASN) and the social-media accounts that are theirs (CSV)."""

from functools import partial

from django.core.exceptions import ValidationError

from agencies.models import Institution
from core.models import Region

from ..codes import Platform, normalize_handle
from ..models import CivilServant, Job, SocialAccount
from ..nip import parse_nip
from ..services.registry import link_imported_accounts, save_civil_servants
from .base import LineError, csv_rows, run_import
from .institutions import create_institution

ASN_COLUMNS = ("nip", "name", "institution", "position", "region_code", "employment_type")
ACCOUNT_COLUMNS = ("nip", "platform", "handle")


def import_asn(actor, lines, *, strict: bool = False, source: str = "", on_batch=None):
    """CSV `nip,name,institution,position,region_code,employment_type`; updates by NIP."""
    seen: dict[str, int] = {}

    def prepare(batch, _counts):
        regions = {
            r.code: r
            for r in Region.objects.filter(code__in={row["region_code"] for _, row in batch})
        }
        known = set(
            Institution.objects.filter(
                name__in={row["institution"] for _, row in batch}
            ).values_list("name", flat=True)
        )
        items, errors = [], []
        for line, row in batch:
            try:
                items.append((line, _asn_item(row, regions, known, seen, line)))
            except ValueError as error:
                errors.append(LineError(line, str(error)))
        return items, errors

    return run_import(
        actor,
        Job.Kind.ASN,
        csv_rows(lines, ASN_COLUMNS),
        prepare,
        partial(_write_asn, actor),
        strict=strict,
        source=source,
        on_batch=on_batch,
    )


def _asn_item(row, regions, known, seen, line) -> dict:
    employment = (row["employment_type"] or "").upper()
    if employment and employment not in CivilServant.EmploymentType.values:
        raise ValueError(f"employment_type {row['employment_type']!r} must be PNS or PPPK")
    nip, layout = _nip(row["nip"], seen, line, employment or None)
    employment = employment or layout  # not given: the NIP's layout tells
    if not row["name"]:
        raise ValueError("missing field 'name'")
    region = regions.get(row["region_code"])
    if row["region_code"] and region is None:
        raise ValueError(f"unknown region code {row['region_code']!r}")
    if not row["institution"]:
        raise ValueError("missing field 'institution'")
    if row["institution"] not in known and region is None:
        raise ValueError(
            f"institution {row['institution']!r} is new: give a region_code so it can be created"
        )
    return {
        "nip": nip,
        "name": row["name"][:200],
        "institution": row["institution"][:200],
        "position": row["position"][:200],
        "region": region,
        "employment_type": employment,
    }


def _nip(value: str, seen: dict, line: int, employment_type: str | None = None):
    """(the NIP without spaces, its layout: PNS or PPPK)."""
    try:
        parsed = parse_nip(value, employment_type)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None
    nip = value.replace(" ", "")
    if seen.setdefault(nip, line) != line:
        raise ValueError(f"NIP {nip} repeats line {seen[nip]}")
    return nip, parsed.employment_type


def _write_asn(actor, items, result, _number) -> None:
    institutions = {
        i.name: i
        for i in Institution.objects.filter(name__in={item["institution"] for _, item in items})
    }
    for _, item in items:
        if item["institution"] not in institutions:
            institutions[item["institution"]] = create_institution(
                actor, item["institution"], item["region"], result.counts
            )
    existing = {
        cs.nip: cs for cs in CivilServant.objects.filter(nip__in=[item["nip"] for _, item in items])
    }
    new, changed = [], []
    for _, item in items:
        fields = {
            "name": item["name"],
            "institution_id": institutions[item["institution"]].pk,
            "position": item["position"],
            "region_id": item["region"] and item["region"].pk,
            "employment_type": item["employment_type"],
        }
        servant = existing.get(item["nip"])
        if servant is None:
            new.append(CivilServant(nip=item["nip"], **fields))
        elif any(getattr(servant, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(servant, key, value)
            changed.append(servant)
    save_civil_servants(actor, new, changed)
    result.counts["created"] += len(new)
    result.counts["updated"] += len(changed)
    result.counts["unchanged"] += len(items) - len(new) - len(changed)


def import_accounts(actor, lines, *, strict: bool = False, source: str = "", on_batch=None):
    """CSV `nip,platform,handle`: links each account to its civil servant (creating the account
    when new); findings that waited for the link are attached (cases opened or joined)."""
    keys: dict[tuple, int] = {}

    def prepare(batch, _counts):
        servants = {
            cs.nip: cs
            for cs in CivilServant.objects.filter(
                nip__in={row["nip"].replace(" ", "") for _, row in batch}
            )
        }
        accounts = {
            (a.platform, a.handle): a
            for a in SocialAccount.objects.filter(
                handle__in={normalize_handle(row["handle"]) for _, row in batch}
            )
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
                new.append(SocialAccount(platform=platform, handle=handle, owner=servant))
            elif account.owner_id is None:
                account.owner = servant
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
    )


def _account_item(row, line, servants, accounts, keys):
    nip, _layout = _nip(row["nip"], {}, line)
    if row["platform"] not in Platform.values:
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
    if account is not None and account.owner_id not in (None, servant.pk):
        raise ValueError(
            f"{row['platform']}:@{handle} is already linked to NIP {account.owner.nip}"
        )
    return servant, row["platform"], handle, account
