"""Regression on the synthetic held-out split (rules and phrasing it was written for), and the
metric arithmetic."""

from benchmarks.corpus import load_split
from cases.detection import ContestLexicon, evaluate, post_input_from_ingest
from cases.detection.evaluation import scores


def test_held_out_binary_f1_is_at_least_0_9():
    ((contest, posts, labels),) = load_split("heldout")
    metrics = evaluate(posts, labels, ContestLexicon.from_contest(contest))
    assert metrics["n"] == len(posts) > 1000
    assert metrics["binary"]["f1"] >= 0.9, metrics["binary"]
    assert set(metrics["per_code"]) == {lab["category"] for lab in labels} | {"NONE"}
    assert all(row["support"] >= 40 for row in metrics["per_code"].values())


def _row(expected, found, expected_direction="", found_direction=""):
    return {"contest": "c", "external_id": "1", "expected": expected, "found": found,
            "expected_direction": expected_direction, "found_direction": found_direction,
            "score": 0.5, "text": "t"}  # fmt: skip


def test_scores():
    rows = [
        _row("NONE", "NONE"),
        _row("NONE", "KTP_SUPPORT", "", "pro"),
        _row("KTP_SUPPORT", "KTP_SUPPORT", "pro", "pro"),
        _row("KTP_SUPPORT", "WINNING_TEAM", "anti", "pro"),
        _row("WINNING_TEAM", "NONE", "anti", ""),
    ]
    result = scores(rows)
    # Binary: 2 of 3 violations caught, 1 false alarm; MCC (2*1 - 1*1) / sqrt(3*3*2*2).
    assert result["binary"] == {
        "precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "mcc": 0.1667, "support": 3,
    }  # fmt: skip
    assert result["per_code"]["KTP_SUPPORT"] == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5, "mcc": 0.1667, "support": 2,
    }  # fmt: skip
    # Per direction: the one pro post found pro; of two anti posts one found at all, as pro.
    assert result["per_direction"]["pro"]["recall"] == 1.0
    assert result["per_direction"]["pro"]["precision"] == 0.3333
    assert (
        result["per_direction"]["anti"]["recall"],
        result["per_direction"]["anti"]["detected"],
    ) == (0.0, 0.5)
    assert result["accuracy"] == 0.4
    assert [m["expected"] for m in result["misses"]] == ["NONE", "WINNING_TEAM"]


def test_post_input_from_ingest():
    line = {
        "platform": "x", "external_id": "1", "author": {"handle": "asn1", "display_name": "A"},
        "action": "share", "text": None, "url": "https://x.example/1", "posted_at": "2024-10-01",
        "target": {"external_id": "0", "author_handle": "@camp", "text": "Coblos 2"},
    }  # fmt: skip
    post = post_input_from_ingest(line)
    assert (post.action, post.text, post.author_handle) == ("share", "", "asn1")
    assert (post.target_text, post.target_author_handle) == ("Coblos 2", "@camp")
    assert post_input_from_ingest({**line, "target": None}).target_text is None
