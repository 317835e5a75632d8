"""Classify one social-media action of a civil servant (ASN) into a violation code or NONE.

How rules and model combine, per post:

1. Exclusion: a phrase the analysts dismissed for this contest anywhere in the post -> NONE, 0.
2. Gate (analysis.py): the post must point at this contest's candidates and take a side. Without
   that -> NONE, score 0: "dukung timnas", "pilih menu nomor 2" or "Pak Budi tetangga saya ke
   pasar" never reach the model, whatever it would say.
3. Campaign account: a like/share/comment/follow of a candidate's campaign account is
   ENGAGEMENT_WITH_CAMPAIGN whatever the model says; score = 1 - P(NONE) * 0.1 (noisy-OR of the
   model with a rule taken as 90% precise).
4. Otherwise the model decides: violation when P(NONE) < 0.5, score = 1 - P(NONE), code = the
   most probable violation code. The fired rules are model features, so the model weighs a
   support verb against a news or neutrality cue. When the candidate is only named in the
   engaged text (a like, or a "mantap!" comment), the code is ENGAGEMENT_WITH_CAMPAIGN; a post
   of one's own is never ENGAGEMENT_WITH_CAMPAIGN (that needs someone else's content).

candidate_ballot_number: the candidate named most in the post's own text (else in the engaged
text, else the engaged campaign account), None for a violation that only argues against one.

Glossary: ASN = civil servant; paslon = candidate pair.
"""

import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .analysis import Analysis, Analyzer, PostInput
from .lexicon import ContestLexicon
from .model import DEFAULT_PATH, NONE, Model, sha8
from .rules import FieldResult

# Everything that decides a verdict besides the model: any change to these files changes the
# version recorded with each finding.
RULE_FILES = ("analysis.py", "detector.py", "keywords.py", "lexicon.py", "matcher.py",
              "normalize.py", "rules.py", "data/slang-id.json")  # fmt: skip
ENGAGEMENT = "ENGAGEMENT_WITH_CAMPAIGN"
THRESHOLD = 0.5
ACCOUNT_RULE_PRECISION = 0.9


@dataclass(slots=True)
class Verdict:
    violation: bool
    category: str  # a DESIGN.md code or "NONE"
    score: float
    rules: list[str]
    explanation: list[dict] = field(default_factory=list)
    candidate_ballot_number: int | None = None


_DEFAULT_MODEL: Model | None = None


def default_model() -> Model:
    global _DEFAULT_MODEL
    if _DEFAULT_MODEL is None:
        _DEFAULT_MODEL = Model.load(DEFAULT_PATH)
    return _DEFAULT_MODEL


class Detector:
    def __init__(self, lexicon: ContestLexicon, model: Model | str | None = None):
        self.analyzer = Analyzer(lexicon)
        if model is None:
            model = default_model()
        elif not isinstance(model, Model):
            model = Model.load(model)
        self.model = model
        self._codes = np.array([i for i, c in enumerate(model.classes) if c != NONE])
        self._post_codes = np.array([i for i in self._codes if model.classes[i] != ENGAGEMENT])
        self.version = f"rules-{RULES_SHA}+model-{model.sha or 'unsaved'}"

    def classify(self, post: PostInput) -> Verdict:
        """One post; prefer `classify_batch`, which scores the model once for the batch."""
        return self.classify_batch([post])[0]

    def classify_batch(self, posts: list[PostInput]) -> list[Verdict]:
        with _cyclic_gc_paused():
            return self._classify_batch(posts)

    def _classify_batch(self, posts: list[PostInput]) -> list[Verdict]:
        analyses = [self.analyzer.analyse(p) for p in posts]
        probs = self.model.predict_proba([a.row for a in analyses if a.row is not None])
        # Per gated post: P(NONE), the best code, the best code other than engagement.
        p_none = probs[:, self.model.none_index].tolist()
        best = self._codes[probs[:, self._codes].argmax(axis=1)].tolist()
        best_own = self._post_codes[probs[:, self._post_codes].argmax(axis=1)].tolist()
        classes, verdicts, k = self.model.classes, [], 0
        for a in analyses:
            if a.row is None:
                verdicts.append(self._verdict(a, NONE, 0.0))
                continue
            none, k = p_none[k], k + 1
            if a.account is not None:
                category, score = ENGAGEMENT, 1 - none * (1 - ACCOUNT_RULE_PRECISION)
            elif none >= THRESHOLD:
                category, score = NONE, 1 - none
            elif not a.own_gate:  # the candidate is only in what the post engages with
                category, score = ENGAGEMENT, 1 - none
            else:
                code = best_own[k - 1] if a.post.action == "post" else best[k - 1]
                category, score = classes[code], 1 - none
            verdicts.append(self._verdict(a, category, score))
        return verdicts

    def _verdict(self, a: Analysis, category: str, score: float) -> Verdict:
        rules = list(a.own.rules)
        explanation = _explain(a.own, a.own_text, "text")
        if a.target_text is not None:
            rules += [r for r in a.target.rules if r not in rules]
            explanation += _explain(a.target, a.target_text, "target_text")
        if a.account is not None:
            handle = a.post.target_author_handle
            rules.append("campaign.account_target")
            explanation.append(
                {"rule": "campaign.account_target", "span": [0, len(handle)], "text": handle,
                 "field": "target_author"}
            )  # fmt: skip
        violation = category != NONE
        return Verdict(
            violation, category, round(float(score), 4), rules, explanation,
            _favoured(a) if violation else None,
        )  # fmt: skip


@contextmanager
def _cyclic_gc_paused():
    """A batch allocates many small containers but no reference cycles (refcounting frees them
    all); left on, the cyclic collector would rescan every live object of the process many
    times per batch, which halves the throughput."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _explain(result: FieldResult, text, field_name: str) -> list[dict]:
    if not result.hits:
        return []
    spans = text.spans(result.hits)
    src = text.source
    return [
        {"rule": entry.rule, "span": [a, b], "text": src[a:b], "field": field_name}
        for (_, _, entry), (a, b) in zip(result.hits, spans)
    ]


def _favoured(a: Analysis) -> int | None:
    """The candidate the post favours: the most named one; none when it only argues against."""
    if "negation.against" in a.own.rules and not any(r.startswith("support.") for r in a.own.rules):
        return None
    ballots = a.own.ballots or a.target.ballots or ([a.account] if a.account is not None else [])
    return max(ballots, key=ballots.count) if ballots else None  # ties: the first named


def _rules_sha() -> str:
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:8]


RULES_SHA = _rules_sha()
DETECTOR_VERSION = (
    f"rules-{RULES_SHA}+model-{sha8(DEFAULT_PATH) if DEFAULT_PATH.exists() else 'none'}"
)
