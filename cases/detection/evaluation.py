"""Scoring the detector against labelled posts in the ingest format.

A label is {"platform", "external_id", "violation": true|false|null, "category", optionally
"direction": "pro"|"anti" and "target"}; posts labelled null (unsure) are left out of scoring.
"""

import math

from .analysis import PostInput
from .detector import Detector
from .lexicon import ContestLexicon
from .model import NONE

DIRECTIONS = ("pro", "anti")


def post_input_from_ingest(obj: dict) -> PostInput:
    """The detector's input from one ingest line ({"platform", "author", "action", "text", ...})."""
    target = obj.get("target") or {}
    return PostInput(
        platform=obj.get("platform", ""),
        action=obj.get("action") or "post",
        text=obj.get("text") or "",
        author_handle=(obj.get("author") or {}).get("handle", ""),
        target_text=target.get("text"),
        target_author_handle=target.get("author_handle"),
    )


def evaluate(posts: list[dict], labels: list[dict], lexicon: ContestLexicon, detector=None) -> dict:
    """Scores of one contest's labelled posts (see `scores`), with the detector version."""
    detector = detector or Detector(lexicon)
    return scores(outcomes(posts, labels, detector)) | {"detector_version": detector.version}


def outcomes(posts: list[dict], labels: list[dict], detector: Detector) -> list[dict]:
    """One row per labelled post (unsure ones left out): what was expected, what was found."""
    by_key = {(lab["platform"], lab["external_id"]): lab for lab in labels}
    pairs = [
        (p, lab) for p in posts
        if (lab := by_key.get((p["platform"], p["external_id"]))) is not None
        and lab.get("violation") is not None
    ]  # fmt: skip
    verdicts = detector.classify_batch([post_input_from_ingest(p) for p, _ in pairs])
    return [
        {
            "platform": p["platform"], "external_id": p["external_id"],
            "contest": p.get("contest") or lab.get("contest") or detector.analyzer.lexicon.slug,
            "expected": lab["category"] if lab["violation"] else NONE,
            "expected_direction": (lab.get("direction") or "") if lab["violation"] else "",
            "found": v.category, "found_direction": v.direction, "score": v.score,
            "rules": v.rules, "text": p.get("text") or "",
        }
        for (p, lab), v in zip(pairs, verdicts)
    ]  # fmt: skip


def scores(rows: list[dict]) -> dict:
    """Binary precision, recall, F1 and MCC (violation or not); per direction of the labelled
    stance (a hit counts when the post is found a violation taking that side; `detected` is the
    share found a violation at all); per code; and the misses."""
    truth = [r["expected"] != NONE for r in rows]
    found = [r["found"] != NONE for r in rows]
    binary = _binary(truth, found)
    per_direction = {}
    for d in DIRECTIONS:
        labelled = [r["expected_direction"] == d for r in rows]
        hit = [f and r["found_direction"] == d for r, f in zip(rows, found)]
        row = _binary(labelled, hit)
        detected = [f for f, is_d in zip(found, labelled) if is_d]
        row["detected"] = round(sum(detected) / len(detected), 4) if detected else 0.0
        per_direction[d] = row
    per_code = {}
    for code in sorted({r["expected"] for r in rows} | {r["found"] for r in rows}):
        per_code[code] = _binary(
            [r["expected"] == code for r in rows], [r["found"] == code for r in rows]
        )
    accuracy = sum(r["expected"] == r["found"] for r in rows) / len(rows) if rows else 0.0
    misses = [
        {k: r[k] for k in ("contest", "external_id", "expected", "expected_direction", "found",
                            "score")} | {"text": r["text"][:200]}
        for r, t, f in zip(rows, truth, found) if t != f
    ]  # fmt: skip
    return {
        "n": len(rows), "binary": binary, "per_direction": per_direction, "per_code": per_code,
        "accuracy": round(accuracy, 4), "misses": misses,
    }  # fmt: skip


def _binary(truth: list[bool], found: list[bool]) -> dict:
    tp = sum(t and f for t, f in zip(truth, found))
    fp = sum(f and not t for t, f in zip(truth, found))
    fn = sum(t and not f for t, f in zip(truth, found))
    tn = len(truth) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denominator if denominator else 0.0
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "mcc": round(mcc, 4), "support": tp + fn,
    }  # fmt: skip
