"""The statistical half of the detector: a logistic regression over sparse features giving the
probability that a post takes a side (a violation); the code is the rules' (`detector.py`).

Features of a post (see `features`): unigrams and bigrams of the placeholder text of its own
text, the same with a "t:" prefix for the text it engages with, RULE_WEIGHT counts of
"R=<rule>"/"tR=<rule>" per fired rule, the action ("A=like") and whether the engaged account is
a campaign account. At inference the n-grams are found by one Aho-Corasick scan over the text
(patterns " w " and " w1 w2 " from the vocabulary) instead of building n-gram strings.

Trained with scikit-learn's LogisticRegression (`training.py`) but stored as plain arrays in a
compressed .npz (vocabulary, coefficients, intercept and the weight of the rules' stance
reading, a numeric feature): loading needs numpy and scipy only, executes no pickled code and
survives scikit-learn upgrades. Prediction is one sparse matrix product for the whole batch.
"""

import hashlib
import io
import json
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np
from scipy.sparse import csr_matrix

DEFAULT_PATH = Path(__file__).parent / "model" / "default.npz"
NONE = "NONE"
RULE_WEIGHT = 4  # a rule feature counts as this many n-grams: rules transfer to unseen phrasing
FEATURES_VERSION = 2  # bumped whenever `features` changes meaning: older models must be retrained
VIOLATION = "VIOLATION"


class Row(NamedTuple):
    """What the model sees of one post."""

    action: str
    own: str  # placeholder text of the post's own text, space padded
    target: str | None  # the same for the engaged text, None for a post of one's own
    own_rules: list[str]
    target_rules: list[str]
    flags: tuple[str, ...]


def _ngrams(padded: str, prefix: str = "") -> list[str]:
    # The same unigrams and bigrams that the " a " and " a b " patterns of `Model.indices` find.
    toks = padded.split()
    return [prefix + t for t in toks] + [f"{prefix}{a} {b}" for a, b in zip(toks, toks[1:])]


def features(row: Row) -> list[str]:
    """Feature strings of one row (training); `Model.indices` finds the same ones faster."""
    out = ["A=" + row.action, *row.flags, *_ngrams(row.own)]
    out += ["R=" + r for r in row.own_rules] * RULE_WEIGHT
    if row.target is not None:
        out += _ngrams(row.target, "t:")
        out += ["tR=" + r for r in row.target_rules] * RULE_WEIGHT
    return out


class Model:
    """P(violation) = sigmoid(sparse features · coef + stance_weight · stance + intercept)."""

    def __init__(self, vocabulary: list[str], coef, intercept: float, stance_weight: float,
                 meta=None):  # fmt: skip
        self.vocabulary = {f: i for i, f in enumerate(vocabulary)}
        self.coef = np.asarray(coef, dtype=np.float32).reshape(-1)
        self.intercept = float(intercept)
        self.stance_weight = float(stance_weight)
        self.meta = meta or {}
        self.sha = ""
        self._own = self._target = None  # n-gram automata, built on first use
        self._own_rule = {f[2:]: i for f, i in self.vocabulary.items() if f.startswith("R=")}
        self._target_rule = {f[3:]: i for f, i in self.vocabulary.items() if f.startswith("tR=")}

    @classmethod
    def rules_only(cls, meta: dict) -> "Model":
        """No learnt words: the rules' stance reading alone decides (a violation from a reading
        of about -0.2 up), for when there is nothing to learn from."""
        return cls([], [], 0.3, 1.5, meta)

    def indices(self, row: Row) -> list[int]:
        """Vocabulary indices of a row's features: n-grams come from one automaton scan."""
        if self._own is None:
            self._own, self._target = self._ngram_automaton(""), self._ngram_automaton("t:")
        get, own_rule, target_rule = self.vocabulary.get, self._own_rule, self._target_rule
        out = [i for f in ("A=" + row.action, *row.flags) if (i := get(f)) is not None]
        out += [i for _, i in self._own.iter(row.own)]
        out += [i for r in row.own_rules if (i := own_rule.get(r)) is not None] * RULE_WEIGHT
        if row.target is not None:
            out += [i for _, i in self._target.iter(row.target)]
            out += [
                i for r in row.target_rules if (i := target_rule.get(r)) is not None
            ] * RULE_WEIGHT
        return out

    def _ngram_automaton(self, prefix: str) -> ahocorasick.Automaton:
        """ " w " and " w1 w2 " patterns of the n-gram features with this field prefix."""
        automaton = ahocorasick.Automaton()
        automaton.add_word("\0", -1)  # never matches; an empty automaton cannot be scanned
        for feature, i in self.vocabulary.items():
            # "=" marks rule, action and flag features; "t:" the engaged text's n-grams.
            if "=" not in feature and feature.startswith("t:") == (prefix == "t:"):
                automaton.add_word(" " + feature[len(prefix) :] + " ", i)
        automaton.make_automaton()
        return automaton

    def p_violation(self, rows: list[Row], stances: list[float]) -> np.ndarray:
        """P(violation) of each row, given the rules' stance reading of each."""
        if not rows:
            return np.zeros(0, dtype=np.float32)
        indices, indptr = [], [0]
        for row in rows:
            indices += self.indices(row)
            indptr.append(len(indices))
        matrix = _csr(np.array(indices, dtype=np.int32), indptr, len(rows), len(self.vocabulary))
        logits = matrix @ self.coef + self.intercept
        logits += self.stance_weight * np.asarray(stances, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-logits))

    def to_bytes(self) -> bytes:
        """The model as a compressed .npz of plain arrays: loading it executes no pickled code."""
        vocab = sorted(self.vocabulary, key=self.vocabulary.get)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            vocabulary=np.array(vocab, dtype=str),
            coef=self.coef.astype(np.float16),  # halves the file; scores move < 1e-3
            intercept=np.array([self.intercept, self.stance_weight], dtype=np.float32),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "model") -> "Model":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            intercept, stance_weight = z["intercept"].tolist()
            model = cls(
                z["vocabulary"].tolist(), z["coef"], intercept, stance_weight,
                json.loads(str(z["meta"])),
            )  # fmt: skip
        if model.meta.get("features_version") != FEATURES_VERSION:
            raise ValueError(f"{source} was trained with other features: retrain it")
        model.sha = hashlib.sha256(data).hexdigest()[:8]
        return model

    def save(self, path) -> str:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes())
        return sha8(path)

    @classmethod
    def load(cls, path=DEFAULT_PATH) -> "Model":
        return cls.from_bytes(Path(path).read_bytes(), str(path))


def to_matrix(rows: list[list[str]], vocabulary: dict[str, int]) -> csr_matrix:
    """Count matrix of feature-string rows (training); unknown features are ignored."""
    indices, indptr = [], [0]
    for row in rows:
        indices += [i for f in row if (i := vocabulary.get(f)) is not None]
        indptr.append(len(indices))
    return _csr(np.array(indices, dtype=np.int32), indptr, len(rows), len(vocabulary))


def _csr(indices, indptr, n_rows: int, n_cols: int) -> csr_matrix:
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, np.array(indptr, dtype=np.int32)), shape=(n_rows, n_cols))


def sha8(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]
