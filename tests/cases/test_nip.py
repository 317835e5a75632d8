"""NIP validation: 18 digits = birth date, appointment (TMT) year and month (PNS) or year and a
PPPK code (NI PPPK), gender, serial."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import CivilServant
from cases.nip import parse_nip

VALID = "198503122010011001"


def test_a_valid_nip_is_parsed():
    nip = parse_nip(VALID)
    assert (
        nip.birth_date.isoformat(),
        nip.appointment_year,
        nip.appointment_month,
        nip.gender,
        nip.serial,
    ) == ("1985-03-12", 2010, 1, "M", 1)
    assert parse_nip("19850312 201001 2 001").gender == "F"  # as printed on ID cards


@pytest.mark.parametrize("nip, code", [("199508082022212007", 21), ("198901142024241015", 24)])
def test_a_pppk_number_is_valid(nip, code):
    parsed = parse_nip(nip)
    assert (parsed.employment_type, parsed.appointment_year, parsed.pppk_code) == (
        "PPPK",
        int(nip[8:12]),
        code,
    )
    assert parsed.appointment_month is None and parsed.birth_date.isoformat() == (
        f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}"
    )
    assert parse_nip(nip, "PPPK") == parsed


def test_the_employment_type_decides_the_layout_when_known():
    assert parse_nip(VALID, "PNS").employment_type == "PNS"
    with pytest.raises(ValidationError) as refused:
        parse_nip(VALID, "PPPK")
    assert refused.value.messages == [
        f"NIP {VALID!r} is a PNS number (appointment month 01 after the appointment year), "
        "but the employment type is PPPK"
    ]
    with pytest.raises(ValidationError) as refused:
        parse_nip("199508082022212007", "PNS")
    assert refused.value.messages == [
        "NIP '199508082022212007' is a PPPK number (PPPK code 21 after the appointment year), "
        "but the employment type is PNS"
    ]


@pytest.mark.parametrize(
    "nip,message",
    [
        ("19850312201001100", "NIP '19850312201001100' must have 18 digits, not 17"),
        ("1985031220100110011", "NIP '1985031220100110011' must have 18 digits, not 19"),
        ("19850312201001100A", "NIP '19850312201001100A' must contain digits only"),
        ("", "NIP '' must contain digits only"),
        ("198502302010011001", "NIP '198502302010011001': impossible birth date 1985-02-30"),
        (
            "198503122010131001",
            "NIP '198503122010131001': 13 is neither an appointment month (01-12, PNS) nor a "
            "PPPK code (21-29)",
        ),
        (
            "198503122010001001",
            "NIP '198503122010001001': 00 is neither an appointment month (01-12, PNS) nor a "
            "PPPK code (21-29)",
        ),
        (
            "199508082022302007",
            "NIP '199508082022302007': 30 is neither an appointment month (01-12, PNS) nor a "
            "PPPK code (21-29)",
        ),
        (
            "199508082008212007",
            "NIP '199508082008212007': appointment 2008 is impossible for birth date 1995-08-08",
        ),
        (
            "198508082015212007",
            "NIP '198508082015212007': PPPK appointment year 2015 is before the first, 2019",
        ),
        ("199508082022213007", "NIP '199508082022213007': gender digit must be 1 or 2, not 3"),
        (
            "198503121980011001",
            "NIP '198503121980011001': appointment 1980-01 is impossible for birth date 1985-03-12",
        ),
        ("198503122010013001", "NIP '198503122010013001': gender digit must be 1 or 2, not 3"),
        ("198503122010011000", "NIP '198503122010011000': serial number 000 does not exist"),
    ],
)
def test_an_invalid_nip_says_what_is_wrong(nip, message):
    with pytest.raises(ValidationError) as refused:
        parse_nip(nip)
    assert refused.value.messages == [message]


@pytest.mark.django_db
def test_the_model_refuses_an_invalid_nip(institution):
    servant = CivilServant(nip="198503122010013001", name="Budi", institution=institution)
    with pytest.raises(ValidationError) as refused:
        servant.full_clean()
    assert refused.value.message_dict["nip"] == [
        "NIP '198503122010013001': gender digit must be 1 or 2, not 3"
    ]


@pytest.mark.django_db
def test_the_asn_import_reads_pppk_numbers_by_the_rows_employment_type(system):
    from cases.importers import import_asn

    header = "nip,name,institution,position,region_code,employment_type\n"
    rows = [
        "199508082022212007,Sri,Pemerintah Kabupaten Banyumas,Guru,33.02,PPPK\n",
        "199508082022212008,Ani,Pemerintah Kabupaten Banyumas,Guru,33.02,\n",
        "199508082022212009,Dewi,Pemerintah Kabupaten Banyumas,Guru,33.02,PNS\n",
    ]
    result = import_asn(system, [header, *rows])
    assert [(e.line, e.reason) for e in result.errors] == [
        (
            4,
            "NIP '199508082022212009' is a PPPK number (PPPK code 21 after the appointment "
            "year), but the employment type is PNS",
        )
    ]
    assert dict(CivilServant.objects.values_list("name", "employment_type")) == {
        "Sri": "PPPK",
        "Ani": "PPPK",
    }
