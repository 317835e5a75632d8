"""NIP validation: 18 digits = birth date, appointment (TMT) year and month, gender, serial."""

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


@pytest.mark.parametrize(
    "nip,message",
    [
        ("19850312201001100", "NIP '19850312201001100' must have 18 digits, not 17"),
        ("1985031220100110011", "NIP '1985031220100110011' must have 18 digits, not 19"),
        ("19850312201001100A", "NIP '19850312201001100A' must contain digits only"),
        ("", "NIP '' must contain digits only"),
        ("198502302010011001", "NIP '198502302010011001': impossible birth date 1985-02-30"),
        ("198503122010131001", "NIP '198503122010131001': impossible appointment month 13"),
        ("198503122010001001", "NIP '198503122010001001': impossible appointment month 00"),
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
