"""The shipped model: its file, its version, and the fast feature path."""

import pytest

from benchmarks.corpus.contests import PILPRES
from cases.detection import DETECTOR_VERSION, ContestLexicon, PostInput
from cases.detection.analysis import Analyzer
from cases.detection.detector import RULES_SHA, Detector, default_model
from cases.detection.model import DEFAULT_PATH, FEATURES_VERSION, Model, features

from .support import PILWALKOT


def test_model_file_is_small_and_versioned():
    assert DEFAULT_PATH.stat().st_size < 5 * 1024 * 1024
    model = default_model()
    assert DETECTOR_VERSION == f"rules-{RULES_SHA}+model-{model.sha}"
    assert Detector(ContestLexicon.from_contest(PILWALKOT)).version == DETECTOR_VERSION
    assert model.meta["features_version"] == FEATURES_VERSION and model.meta["rows"] > 200


def test_automaton_features_equal_the_training_features():
    model = default_model()
    analyzer = Analyzer(ContestLexicon.from_contest(PILPRES))
    texts = [
        (
            "post",
            "Ayo coblos Arief Budiman Santoso nomor urut 1!! #AriefLestari ✌️ 100 persen",
            None,
        ),
        (
            "comment",
            "Mantap pak, lanjutkan",
            "Bersama Indah-Surya kita menang, pilih 3 #IndahSurya",
        ),
        ("like", "", "Foto bareng Bang Taufik di posko pemenangan relawan, salam 2 jari"),
    ]
    for action, text, target in texts:
        row = analyzer.analyse(PostInput("x", action, text, "a", target, "someone")).row
        expected = sorted(model.vocabulary[f] for f in features(row) if f in model.vocabulary)
        assert sorted(model.indices(row)) == expected


def test_model_round_trip(tmp_path):
    model = default_model()
    path = tmp_path / "copy.npz"
    Model(
        list(model.vocabulary), model.coef, model.intercept, model.stance_weight, model.meta
    ).save(path)
    copy = Model.load(path)
    assert copy.vocabulary == model.vocabulary and copy.meta == model.meta
    assert abs(copy.stance_weight - model.stance_weight) < 1e-6


def test_a_model_of_other_features_is_refused(tmp_path):
    model = default_model()
    old = Model(list(model.vocabulary), model.coef, 0.0, 1.0, {"features_version": 1})
    path = tmp_path / "old.npz"
    old.save(path)
    with pytest.raises(ValueError, match="retrain"):
        Model.load(path)
