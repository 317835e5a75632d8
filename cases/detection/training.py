"""Training the model half of the detector on the labelled corpus.

Only posts that pass the gate (analysis.py) are training rows: the model never sees the others at
inference either. Features are the rule engine's (placeholder n-grams + fired rules), so what is
learnt is contest-independent.

    python -m cases.detection.training     # retrain cases/detection/model/default.npz
"""

import json
import os
from collections import Counter
from pathlib import Path

import numpy as np

from .analysis import Analyzer
from .corpus_io import load_labelled
from .detector import Detector
from .evaluation import evaluate, post_input_from_ingest
from .lexicon import ContestLexicon
from .model import DEFAULT_PATH, FEATURES_VERSION, Model, features, to_matrix

MIN_COUNT = 2  # a feature seen once is noise
C = 0.5  # inverse regularisation strength (chosen by cross-validation across contests)


def rows_and_labels(items) -> tuple[list[list[str]], list[float], list[int]]:
    """Feature rows, the rules' stance readings and 0/1 labels (violation) of the gated posts of
    [(contest dict, posts, labels)] in the ingest format; posts labelled neither way (null) are
    left out."""
    rows, stances, ys = [], [], []
    for contest, posts, labels in items:
        analyzer = Analyzer(ContestLexicon.from_contest(contest))
        by_key = {(lab["platform"], lab["external_id"]): lab for lab in labels}
        for post in posts:
            label = by_key.get((post["platform"], post["external_id"]))
            if label is None or label.get("violation") is None:
                continue
            analysis = analyzer.analyse(post_input_from_ingest(post))
            if analysis.row is None:
                continue
            rows.append(features(analysis.row))
            stances.append(analysis.stance)
            ys.append(int(bool(label["violation"])))
    return rows, stances, ys


def fit(items, c: float = C) -> Model:
    """A model fitted on [(contest dict, posts, labels)]."""
    from scipy.sparse import csr_matrix, hstack  # only here: inference needs numpy only
    from sklearn.linear_model import LogisticRegression

    rows, stances, ys = rows_and_labels(items)
    counts = Counter(f for row in rows for f in set(row))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    matrix = to_matrix(rows, {f: i for i, f in enumerate(vocabulary)})
    matrix = hstack([matrix, csr_matrix(np.array(stances, dtype=np.float32)[:, None])]).tocsr()
    meta = {"rows": len(rows), "features": len(vocabulary), "C": c,
            "features_version": FEATURES_VERSION}  # fmt: skip
    if len(set(ys)) < 2:  # nothing to learn from: the rules decide
        return Model.rules_only(meta)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(matrix, ys)
    coef = clf.coef_[0]
    return Model(vocabulary, coef[:-1], clf.intercept_[0], coef[-1], meta)


def shipped_training_items() -> list[tuple[dict, list, list]]:
    """[(contest dict, posts, labels)] the shipped model was trained on, when this deployment
    has them: the labelled set named by the DETECTION_TRAINING_DATA environment variable (a
    directory in the `corpus_io.load_labelled` layout, restricted to DETECTION_TRAINING_CONTESTS
    when that is set, comma-separated). Without it, retraining learns from the reviews alone."""
    directory = os.environ.get("DETECTION_TRAINING_DATA")
    if not directory:
        return []
    contests = [s for s in os.environ.get("DETECTION_TRAINING_CONTESTS", "").split(",") if s]
    return load_labelled(Path(directory), contests or None)


def cross_validate(items, c: float = C) -> dict:
    """Scores per contest when the model is fitted on the other contests (leave one contest
    out): how it does on a contest it has never seen."""
    out = {}
    for held in items:
        model = fit([i for i in items if i is not held], c)
        lexicon = ContestLexicon.from_contest(held[0])
        out[held[0]["slug"]] = evaluate(held[1], held[2], lexicon, Detector(lexicon, model))
    return out


def train_model(items, out_path=DEFAULT_PATH, c: float = C) -> dict:
    """Fit on `items`, save to out_path, and report the fit (in sample) and, with two contests
    or more, the leave-one-contest-out scores."""
    model = fit(items, c)
    model.sha = model.save(out_path)
    model = Model.load(out_path)  # score exactly what was written (float16 weights)
    metrics = {"model": str(out_path), "sha8": model.sha, **model.meta, "in_sample": {}}
    for contest, posts, labels in items:
        lexicon = ContestLexicon.from_contest(contest)
        metrics["in_sample"][contest["slug"]] = evaluate(
            posts, labels, lexicon, Detector(lexicon, model)
        )
    metrics["cross_validation"] = cross_validate(items, c) if len(items) > 1 else {}
    return metrics


if __name__ == "__main__":
    print(json.dumps(train_model(shipped_training_items()), indent=2))
