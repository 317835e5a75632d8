"""NIP (Nomor Induk Pegawai, the 18-digit civil-servant number) validation.

Two layouts share the 18 digits:
- PNS: birth date YYYYMMDD, appointment (TMT) year and month YYYYMM, gender digit (1 male,
  2 female), serial number of three digits;
- PPPK (NI PPPK): birth date YYYYMMDD, appointment year YYYY, then a two-digit code where a PNS
  number has the month (21 to 29, e.g. 21 or 24), gender digit and serial as for a PNS.
The two-digit code tells them apart; where the employment type is known it must agree.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

PNS, PPPK = "PNS", "PPPK"
PPPK_CODES = range(21, 30)
# PPPK appointments began under PP 49/2018.
FIRST_PPPK_YEAR = 2019


@dataclass(frozen=True)
class ParsedNip:
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int | None  # None for a PPPK, whose number has a code there
    gender: str  # "M" or "F"
    serial: int
    employment_type: str = PNS  # the layout: PNS or PPPK
    pppk_code: int | None = None


def parse_nip(value: str, employment_type: str | None = None) -> ParsedNip:
    """Parse and validate a NIP, in the layout of `employment_type` (PNS or PPPK) when given;
    raise ValidationError naming the part that is wrong."""
    nip = (value or "").replace(" ", "")
    if not (nip.isascii() and nip.isdigit()):
        raise ValidationError(f"NIP {value!r} must contain digits only")
    if len(nip) != 18:
        raise ValidationError(f"NIP {value!r} must have 18 digits, not {len(nip)}")
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            f"NIP {value!r}: impossible birth date {nip[0:4]}-{nip[4:6]}-{nip[6:8]}"
        ) from None
    year, code = int(nip[8:12]), int(nip[12:14])
    layout = PPPK if code in PPPK_CODES else PNS
    if layout == PNS and not 1 <= code <= 12:
        raise ValidationError(
            f"NIP {value!r}: {nip[12:14]} is neither an appointment month (01-12, PNS) nor a "
            f"PPPK code ({PPPK_CODES[0]}-{PPPK_CODES[-1]})"
        )
    if employment_type and employment_type != layout:
        part = f"PPPK code {nip[12:14]}" if layout == PPPK else f"appointment month {nip[12:14]}"
        raise ValidationError(
            f"NIP {value!r} is a {layout} number ({part} after the appointment year), "
            f"but the employment type is {employment_type}"
        )
    month = code if layout == PNS else None
    earliest = (birth.year + 15, birth.month if month else 1)
    if (year, month or 12) < earliest or year > datetime.date.today().year + 1:
        appointed = f"{year}-{month:02d}" if month else str(year)
        raise ValidationError(
            f"NIP {value!r}: appointment {appointed} is impossible for birth date {birth}"
        )
    if layout == PPPK and year < FIRST_PPPK_YEAR:
        raise ValidationError(
            f"NIP {value!r}: PPPK appointment year {year} is before the first, {FIRST_PPPK_YEAR}"
        )
    if nip[14] not in "12":
        raise ValidationError(f"NIP {value!r}: gender digit must be 1 or 2, not {nip[14]}")
    if nip[15:] == "000":
        raise ValidationError(f"NIP {value!r}: serial number 000 does not exist")
    gender = "M" if nip[14] == "1" else "F"
    return ParsedNip(birth, year, month, gender, int(nip[15:]), layout, None if month else code)


def validate_nip(value: str) -> None:
    parse_nip(value)
