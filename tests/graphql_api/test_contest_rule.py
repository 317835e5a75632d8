"""Who may create and change a contest (importContest, import_contest, addExclusion): the
detecting and examining agencies of the active regime, or the contest's owner agency. Checked
for every agency of the seed and demo data, each through an API client with every scope."""

import pytest

from agencies import demo
from agencies.models import Agency
from cases.models import Contest
from cases.workflow import active_regime
from tests.cases.detection_fixtures import CONTEST, SLUG

from .test_detection import IMPORT_CONTEST

pytestmark = pytest.mark.django_db
ADD_EXCLUSION = """mutation($input: AddExclusionInput!) { addExclusion(input: $input) {
  errors { field code message } } }"""


@pytest.fixture
def every_agency(system):
    demo.seed_institutions(system)  # the demo PPK agencies
    return list(Agency.objects.filter(active=True).order_by("code"))


def editors() -> set[str]:
    fixed = active_regime().fixed_agencies
    return {fixed["detector"].code, fixed["examiner"].code}


def renamed(name: str) -> dict:
    return {**CONTEST, "name": name, "review_threshold": 1.0, "case_threshold": 1.0}


def test_the_active_regime_names_the_editors():
    assert editors() == {"BSSN", "BAWASLU"}


def test_only_the_detecting_and_examining_agencies_create_a_contest(api, every_agency):
    assert len(every_agency) >= 10  # seed agencies and the demo PPKs
    for agency in every_agency:
        data = api(agency.code)(IMPORT_CONTEST, {"input": {"contest": CONTEST}})["importContest"]
        created = Contest.objects.filter(slug=SLUG).first()
        if agency.code in editors():
            assert data["errors"] == [], agency.code
            assert created.owner_agency == agency
            created.delete()
        else:
            assert data["contest"] is None and created is None, agency.code
            assert data["errors"][0]["code"] == "permission_denied", agency.code


def test_another_agency_cannot_rename_or_change_a_contest(api, every_agency):
    bawaslu = api("BAWASLU")
    assert bawaslu(IMPORT_CONTEST, {"input": {"contest": CONTEST}})["importContest"]["errors"] == []
    for agency in every_agency:
        client = api(agency.code)
        data = client(IMPORT_CONTEST, {"input": {"contest": renamed(f"by {agency.code}")}})
        exclusion = client(ADD_EXCLUSION, {"input": {"contest": SLUG, "phrase": agency.code}})
        contest = Contest.objects.get(slug=SLUG)
        if agency.code in editors():
            assert data["importContest"]["errors"] == [], agency.code
            assert contest.name == f"by {agency.code}" and agency.code.lower() in contest.exclusions
        else:
            assert data["importContest"]["errors"][0]["code"] == "permission_denied"
            assert exclusion["addExclusion"]["errors"][0]["code"] == "permission_denied"
            assert not contest.name.endswith(agency.code), agency.code
            assert agency.code.lower() not in contest.exclusions
    assert Contest.objects.get(slug=SLUG).review_threshold == 1.0  # set by an editor only


def test_the_owner_agency_may_change_its_own_contest(api, every_agency):
    Contest.objects.create(
        slug=SLUG, name="Pilbup", kind="pilkada", owner_agency=Agency.objects.get(code="MENKES")
    )
    for agency in every_agency:
        data = api(agency.code)(IMPORT_CONTEST, {"input": {"contest": renamed(agency.code)}})
        allowed = agency.code in editors() | {"MENKES"}
        assert (data["importContest"]["errors"] == []) is allowed, agency.code
    assert Contest.objects.get(slug=SLUG).name == "MENKES"  # the last allowed, in code order
