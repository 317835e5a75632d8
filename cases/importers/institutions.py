"""Institutions met for the first time in a civil-servant import, and who their PPK is.

Every institution needs a PPK agency (the official who sanctions its ASN). The rule, so that an
import never stops for want of one and an operator can fix names afterwards in admin:

- "Pemerintah Provinsi ..." is regional, seated in the row's province; "Pemerintah Kabupaten ..."
  or "Pemerintah Kota ..." is regional, seated in the row's regency or city. It gets the PPK of
  an existing regional institution with the same seat, else a new PPK agency for that regional
  government: the Gubernur, Bupati or Wali Kota, code PPK-<region code>.
- Any other name is a central institution (a ministry or agency), seated in the row's province,
  with a new PPK agency of its own (code PPK-<name>).
"""

import re

from django.utils.text import slugify

from agencies import services as agency_services
from agencies.models import Institution
from core.models import Region

HEAD_OF = (("Kabupaten ", "Bupati "), ("Kota ", "Wali Kota "))


def seat_of(name: str, region: Region) -> tuple[str, str]:
    """(kind, seat region code) of a new institution named `name`, employing ASN in `region`."""
    lowered = name.lower()
    if lowered.startswith("pemerintah provinsi"):
        return Institution.Kind.REGIONAL, region.code.split(".")[0]
    if lowered.startswith(("pemerintah kabupaten", "pemerintah kota")):
        return Institution.Kind.REGIONAL, ".".join(region.code.split(".")[:2])
    return Institution.Kind.CENTRAL, region.code.split(".")[0]


def create_institution(actor, name: str, region: Region, counts) -> Institution:
    kind, seat_code = seat_of(name, region)
    seat = Region.objects.get(code=seat_code)
    ppk = None
    if kind == Institution.Kind.REGIONAL:
        sibling = Institution.objects.filter(kind=kind, region=seat).select_related("ppk_agency")
        ppk = sibling[0].ppk_agency if sibling else None
    if ppk is None:
        code = (
            f"PPK-{seat.code.replace('.', '-')}"
            if kind == Institution.Kind.REGIONAL
            else f"PPK-{slugify(name)[:36].upper()}"
        )
        ppk, created = agency_services.ensure_ppk_agency(
            actor,
            code,
            _head_title(seat) if kind == Institution.Kind.REGIONAL else f"PPK {name}",
        )
        counts["ppk_agencies_created"] += created
    counts["institutions_created"] += 1
    return agency_services.create_institution(
        actor, name=name, kind=kind, region=seat, ppk_agency=ppk
    )


def _head_title(seat: Region) -> str:
    """Gubernur Jawa Barat, Bupati Bogor, Wali Kota Surabaya."""
    if seat.level == Region.Level.PROVINCE:
        return f"Gubernur {seat.name}"
    for prefix, head in HEAD_OF:
        if seat.name.startswith(prefix):
            return head + re.sub(r"^(Administrasi )", "", seat.name[len(prefix) :])
    return f"Kepala Daerah {seat.name}"
