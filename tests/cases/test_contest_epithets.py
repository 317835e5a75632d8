"""A contest file may name what the camps call its candidates; detection reads them."""

import io
import json
from collections import OrderedDict

import pytest

from cases import lexicons
from cases.detection import PostInput
from cases.importers import import_contest
from cases.lexicons import detector_for
from cases.models import Contest
from tests.cases.detection.support import PILWALKOT

EPITHETS = [{"phrase": "si tukang janji", "ballot_number": 1, "direction": "anti"}]


def contest_file(**changes):
    return io.StringIO(json.dumps({**PILWALKOT, **changes}))


@pytest.mark.django_db
def test_imported_epithets_point_detection_at_their_candidate(system):
    result = import_contest(system, contest_file(epithets=EPITHETS))
    assert not result.errors
    contest = Contest.objects.get(slug=PILWALKOT["slug"])
    assert contest.epithets == EPITHETS
    detector, _ = detector_for(contest)
    verdict = detector.classify(PostInput("x", "post", "Si tukang janji datang lagi, muak", "a"))
    assert (verdict.violation, verdict.direction, verdict.candidate_ballot_number) == (
        True, "anti", 2,
    )  # fmt: skip
    # Re-imported without the field, the contest keeps them.
    import_contest(system, contest_file())
    assert Contest.objects.get(slug=PILWALKOT["slug"]).epithets == EPITHETS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("epithets", "message"),
    [
        ("cebong", "epithets must be a list of objects"),
        ([{"phrase": "x", "ballot_number": 9, "direction": "anti"}], "epithets[0].ballot_number 9"),
        ([{"phrase": "x", "ballot_number": 1, "direction": "mad"}], "'pro' or 'anti'"),
        ([{"ballot_number": 1, "direction": "pro"}], "epithets[0]: missing field 'phrase'"),
    ],
)
def test_bad_epithets_are_named_and_nothing_is_written(system, epithets, message):
    result = import_contest(system, contest_file(epithets=epithets))
    assert any(message in str(e) for e in result.errors), result.errors
    assert not Contest.objects.filter(slug=PILWALKOT["slug"]).exists()


@pytest.mark.django_db
def test_a_worker_keeps_the_detectors_of_the_contests_it_used_last(system, monkeypatch):
    """A season runs hundreds of contests: the cache of built detectors is bounded."""
    monkeypatch.setattr(lexicons, "MAX_DETECTORS", 2)
    monkeypatch.setattr(lexicons, "_DETECTORS", OrderedDict())
    first, second, third = (
        import_contest(system, contest_file(slug=f"pilwalkot-{n}")).job.contest for n in range(3)
    )
    built = detector_for(first)[0]
    detector_for(second)
    assert detector_for(first)[0] is built  # used again: kept
    detector_for(third)  # the least recently used, `second`, makes room
    assert list(lexicons._DETECTORS) == [first.pk, third.pk]
    assert detector_for(first)[0] is built
