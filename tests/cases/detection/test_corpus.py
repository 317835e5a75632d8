"""The synthetic corpus: deterministic, and an honest held-out split."""

import json

from benchmarks.corpus import CORPUS_DIR, contests, load_split
from benchmarks.corpus.generator import build, held_out, split_of
from benchmarks.corpus.templates.violations import VIOLATIONS


def test_generation_is_deterministic():
    assert (
        build(contests.PILGUB_JATENG, "train")[:50] == build(contests.PILGUB_JATENG, "train")[:50]
    )


def test_shipped_files_match_the_generator():
    contest, posts, labels = load_split("heldout")[0]
    items = build(contests.PILBUP_BANYUMAS, "heldout")
    assert [p for p, _ in items] == posts and [lab for _, lab in items] == labels
    assert json.loads((CORPUS_DIR / "manifest.json").read_text())["splits"]["heldout"] == [
        contest["slug"]
    ]


def test_held_out_templates_are_disjoint_from_training_templates():
    train = {lab["template"] for _, _, labels in load_split("train") for lab in labels}
    heldout = {lab["template"] for _, _, labels in load_split("heldout") for lab in labels}
    assert not train & heldout
    bank = VIOLATIONS["SOCIAL_MEDIA_CAMPAIGN"]
    assert {t for _, t in split_of(bank, "train")}.isdisjoint(
        t for _, t in split_of(bank, "heldout")
    )
    assert [held_out(i) for i in range(8)] == [False, False, False, True] * 2


def test_held_out_contest_shares_no_names_or_parties():
    def strings(contest):
        return {s.lower() for c in contest["candidates"]
                for s in (c["name"], c["running_mate"], *c["aliases"], *c["parties"])}  # fmt: skip

    heldout = strings(contests.PILBUP_BANYUMAS)
    for contest in contests.TRAIN:
        assert not heldout & strings(contest)
    numbers = {c["ballot_number"] for c in contests.PILBUP_BANYUMAS["candidates"]}
    assert numbers - {c["ballot_number"] for t in contests.TRAIN for c in t["candidates"]}
