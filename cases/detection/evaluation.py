"""Scoring the detector against labelled posts in the ingest format."""

from .analysis import PostInput
from .detector import Detector
from .lexicon import ContestLexicon
from .model import NONE


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
    """Precision/recall/F1 of violation vs not, and per code, over posts that have a label."""
    detector = detector or Detector(lexicon)
    by_key = {(lab["platform"], lab["external_id"]): lab for lab in labels}
    pairs = [(p, by_key[(p["platform"], p["external_id"])]) for p in posts
             if (p["platform"], p["external_id"]) in by_key]  # fmt: skip
    verdicts = detector.classify_batch([post_input_from_ingest(p) for p, _ in pairs])
    truth = [lab["category"] if lab["violation"] else NONE for _, lab in pairs]
    predicted = [v.category for v in verdicts]
    return scores(truth, predicted) | {"detector_version": detector.version}


def scores(truth: list[str], predicted: list[str]) -> dict:
    binary = _prf(
        sum(t != NONE and p != NONE for t, p in zip(truth, predicted)),
        sum(t == NONE and p != NONE for t, p in zip(truth, predicted)),
        sum(t != NONE and p == NONE for t, p in zip(truth, predicted)),
    )
    binary["support"] = sum(t != NONE for t in truth)
    per_code = {}
    for code in sorted(set(truth) | set(predicted)):
        row = _prf(
            sum(t == code and p == code for t, p in zip(truth, predicted)),
            sum(t != code and p == code for t, p in zip(truth, predicted)),
            sum(t == code and p != code for t, p in zip(truth, predicted)),
        )
        per_code[code] = row | {"support": sum(t == code for t in truth)}
    accuracy = sum(t == p for t, p in zip(truth, predicted)) / len(truth) if truth else 0.0
    return {"n": len(truth), "binary": binary, "per_code": per_code, "accuracy": round(accuracy, 4)}


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
