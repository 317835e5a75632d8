"""`evaluate_detector` on a labelled set in the real-posts layout: precision, recall, F1 and MCC,
overall, per direction and per contest, and the misses; cross-validated by contest on demand."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.cases.detection.support import PILWALKOT
from tests.cases.detection.test_stance import PILPRES

POSTS = [  # (contest, text, violation, direction)
    ("pilpres-uji", "Prabowo paling tegas, pemimpin idaman", True, "pro"),
    ("pilpres-uji", "Dasar cebong, kerjaannya cuma nyinyir", True, "anti"),
    ("pilpres-uji", "Jokowi Resmikan Tol Trans Jawa Seksi Terakhir URL", False, None),
    ("pilpres-uji", "Hari ini hujan deras di Jakarta", True, "pro"),  # a miss, on purpose
    ("pilwalkot-test", "Ayo coblos nomor urut 2, Mas Fajar pasti menang", True, "pro"),
    ("pilwalkot-test", "Jangan pilih Teguh Wibowo, janji palsu semua", True, "anti"),
    ("pilwalkot-test", "Pak Teguh tetangga saya tadi pagi ke pasar", False, None),
]


@pytest.fixture
def labelled(tmp_path):
    (tmp_path / "contests").mkdir()
    for contest in (PILPRES, PILWALKOT):
        (tmp_path / "contests" / f"{contest['slug']}.json").write_text(json.dumps(contest))
    with (
        open(tmp_path / "posts.jsonl", "w") as posts,
        open(tmp_path / "labels.jsonl", "w") as labels,
    ):
        for i, (slug, text, violation, direction) in enumerate(POSTS):
            posts.write(json.dumps({"platform": "x", "external_id": str(i), "contest": slug,
                                    "author": {"handle": f"a{i}"}, "action": "post",
                                    "text": text}) + "\n")  # fmt: skip
            labels.write(json.dumps({"platform": "x", "external_id": str(i), "contest": slug,
                                     "violation": violation, "direction": direction,
                                     "category": "SOCIAL_MEDIA_CAMPAIGN" if violation else "NONE"})
                         + "\n")  # fmt: skip
    return tmp_path


def evaluate(labelled, *args):
    out = io.StringIO()
    call_command(
        "evaluate_detector", str(labelled / "posts.jsonl"), str(labelled / "labels.jsonl"),
        "--contests-dir", str(labelled / "contests"), *args, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_the_report_names_every_figure_and_the_misses(labelled):
    report = json.loads(evaluate(labelled, "--json"))
    assert report["n"] == len(POSTS)
    assert report["binary"] == {
        "precision": 1.0, "recall": 0.8, "f1": 0.8889, "mcc": 0.7303, "support": 5,
    }  # fmt: skip
    assert report["per_direction"]["anti"]["detected"] == 1.0
    assert report["per_direction"]["pro"]["detected"] == 0.6667
    assert set(report["per_contest"]) == {"pilpres-uji", "pilwalkot-test"}
    assert [m["text"] for m in report["misses"]] == ["Hari ini hujan deras di Jakarta"]
    text = evaluate(labelled)
    for heading in ("violation (all)", "pro (side found)", "anti (side found)", "per contest",
                    "pilwalkot-test", "misses (1, 1 listed)", "MCC"):  # fmt: skip
        assert heading in text


def test_cross_validation_fits_on_the_other_contests(labelled):
    text = evaluate(labelled, "--cross-validate")
    assert text.startswith("detector cross-validated: 7 labelled posts")


def test_a_post_without_a_contest_is_named(labelled):
    with open(labelled / "posts.jsonl", "a") as posts:
        posts.write(json.dumps({"platform": "x", "external_id": "z", "text": "?"}) + "\n")
    with pytest.raises(CommandError, match=r'line 8: no "contest" field'):
        evaluate(labelled)
