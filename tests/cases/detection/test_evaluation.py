"""The shipped model on the held-out split, and the metric arithmetic."""

from cases.detection import ContestLexicon, evaluate, post_input_from_ingest
from cases.detection.corpus_io import load_split
from cases.detection.evaluation import scores


def test_held_out_binary_f1_is_at_least_0_9():
    ((contest, posts, labels),) = load_split("heldout")
    metrics = evaluate(posts, labels, ContestLexicon.from_contest(contest))
    assert metrics["n"] == len(posts) > 1000
    assert metrics["binary"]["f1"] >= 0.9, metrics["binary"]
    assert set(metrics["per_code"]) == {lab["category"] for lab in labels} | {"NONE"}
    assert all(row["support"] >= 40 for row in metrics["per_code"].values())


def test_scores():
    truth = ["NONE", "NONE", "KTP_SUPPORT", "KTP_SUPPORT", "WINNING_TEAM"]
    predicted = ["NONE", "KTP_SUPPORT", "KTP_SUPPORT", "WINNING_TEAM", "NONE"]
    result = scores(truth, predicted)
    # Binary: 2 of 3 violations caught, 1 false alarm.
    assert result["binary"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "support": 3}
    assert result["per_code"]["KTP_SUPPORT"] == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2,
    }  # fmt: skip
    assert result["accuracy"] == 0.4


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
