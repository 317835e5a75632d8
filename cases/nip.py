"""NIP (Nomor Induk Pegawai, the 18-digit civil-servant number) validation.

Layout: birth date YYYYMMDD, appointment (TMT) year and month YYYYMM, gender digit (1 male,
2 female), serial number of three digits.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class ParsedNip:
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int
    gender: str  # "M" or "F"
    serial: int


def parse_nip(value: str) -> ParsedNip:
    """Parse and validate a NIP; raise ValidationError naming what is wrong."""
    nip = (value or "").replace(" ", "")
    if not nip.isdigit():
        raise ValidationError(f"NIP {value!r} must contain digits only")
    if len(nip) != 18:
        raise ValidationError(f"NIP {value!r} must have 18 digits, not {len(nip)}")
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            f"NIP {value!r}: impossible birth date {nip[0:4]}-{nip[4:6]}-{nip[6:8]}"
        ) from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(f"NIP {value!r}: impossible appointment month {nip[12:14]}")
    if (year, month) < (birth.year + 15, birth.month) or year > datetime.date.today().year + 1:
        raise ValidationError(
            f"NIP {value!r}: appointment {year}-{month:02d} is impossible for birth date {birth}"
        )
    if nip[14] not in "12":
        raise ValidationError(f"NIP {value!r}: gender digit must be 1 or 2, not {nip[14]}")
    if nip[15:] == "000":
        raise ValidationError(f"NIP {value!r}: serial number 000 does not exist")
    return ParsedNip(birth, year, month, "M" if nip[14] == "1" else "F", int(nip[15:]))


def validate_nip(value: str) -> None:
    parse_nip(value)
