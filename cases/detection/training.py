"""Training the model half of the detector on the labelled corpus.

Only posts that pass the gate (analysis.py) are training rows: the model never sees the others at
inference either. Features are the rule engine's (placeholder n-grams + fired rules), so what is
learnt is contest-independent.

    python -m cases.detection.training     # retrain cases/detection/model/default.npz
"""

import json
from collections import Counter

from .analysis import Analyzer
from .corpus_io import CORPUS_DIR, load_split
from .detector import Detector
from .evaluation import evaluate, post_input_from_ingest
from .lexicon import ContestLexicon
from .model import DEFAULT_PATH, NONE, RULE_WEIGHT, Model, features, to_matrix

MIN_COUNT = 2  # a feature seen once is noise
C = 4.0  # inverse regularisation strength (chosen on a dev split of the training templates)


def rows_and_labels(items) -> tuple[list[list[str]], list[str]]:
    """Model rows and target codes for [(contest dict, posts, labels)] in the ingest format."""
    rows, ys = [], []
    for contest, posts, labels in items:
        analyzer = Analyzer(ContestLexicon.from_contest(contest))
        by_key = {(lab["platform"], lab["external_id"]): lab for lab in labels}
        for post in posts:
            label = by_key.get((post["platform"], post["external_id"]))
            analysis = analyzer.analyse(post_input_from_ingest(post))
            if label is None or analysis.row is None:
                continue
            rows.append(features(analysis.row))
            ys.append(label["category"] if label["violation"] else NONE)
    return rows, ys


def fit(items, c: float = C) -> Model:
    """A model fitted on [(contest dict, posts, labels)]."""
    from sklearn.linear_model import LogisticRegression  # only here: inference needs numpy only

    rows, ys = rows_and_labels(items)
    counts = Counter(f for row in rows for f in set(row))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(to_matrix(rows, {f: i for i, f in enumerate(vocabulary)}), ys)
    meta = {"rows": len(rows), "features": len(vocabulary), "C": c, "rule_weight": RULE_WEIGHT}
    return Model(vocabulary, clf.coef_.T, clf.intercept_, list(clf.classes_), meta)


def shipped_training_items() -> list[tuple[dict, list, list]]:
    """[(contest dict, posts, labels)] the shipped model is trained on (licences permitting)."""
    return load_split("train")


def train_model(corpus_path=CORPUS_DIR, out_path=DEFAULT_PATH) -> dict:
    """Fit on the corpus' train split, save to out_path, report train and held-out scores."""
    train = load_split("train", corpus_path)
    model = fit(train)
    model.sha = model.save(out_path)
    model = Model.load(out_path)  # score exactly what was written (float16 weights)
    metrics = {"model": str(out_path), "sha8": model.sha, **model.meta}
    for split in ("train", "heldout"):
        per_contest = {}
        for contest, posts, labels in load_split(split, corpus_path):
            lexicon = ContestLexicon.from_contest(contest)
            per_contest[contest["slug"]] = evaluate(
                posts, labels, lexicon, Detector(lexicon, model)
            )
        metrics[split] = per_contest
    return metrics


if __name__ == "__main__":
    print(json.dumps(train_model(), indent=2))
