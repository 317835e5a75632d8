"""Classify one social-media action of a civil servant (ASN) into a violation code or NONE.

How rules and model combine, per post:

1. Exclusion: a phrase the analysts dismissed for this contest anywhere in the post -> NONE, 0.
2. Gate (analysis.py): the post must point at this contest's candidates, parties or camps (a
   name, alias, epithet, hashtag, slogan, ballot number in an election context, a campaign
   account engaged or replied to). Without a target -> NONE, score 0: "dukung timnas" or
   "pilih menu nomor 2" never reach the model.
3. Reporting is not taking a side: a news headline or quote, a question, official or civic
   election information, or distancing oneself ("bukan tim sukses"), with no word of its own
   that takes a side -> NONE (score at most REPORTING_ONLY_SCORE).
4. Stance: the model (a logistic regression over the rules that fired, how the post is written
   and its words with the contest's names replaced by placeholders) gives P(takes a side); the
   rules' own reading (`analysis.stance`) is one of its features, and decides alone when the
   model was not trained with it. A violation when P >= 0.5; score = P.
5. The code follows from action and evidence: engaging a campaign account's content in
   support is ENGAGEMENT_WITH_CAMPAIGN; a post of one's own that takes a side is
   SOCIAL_MEDIA_CAMPAIGN unless it carries the specific evidence of a rarer code (a photo with
   the candidate, props, a declaration, a campaign event, mobilising others, a team, a party,
   an ID card, a decision).

candidate_ballot_number: the candidate the post favours: the one it supports, else (in a contest
of two) the rival of the one it attacks; None when it only attacks in a wider field.

Glossary: ASN = civil servant; paslon = candidate pair.
"""

import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Analysis, Analyzer, PostInput
from .lexicon import ContestLexicon
from .model import DEFAULT_PATH, NONE, Model, sha8
from .rules import FieldResult

# Everything that decides a verdict besides the model: any change to these files changes the
# version recorded with each finding.
RULE_FILES = ("analysis.py", "detector.py", "keywords.py", "lexicon.py", "matcher.py",
              "normalize.py", "rules.py", "data/slang-id.json", "data/figures-id.json")  # fmt: skip
ENGAGEMENT = "ENGAGEMENT_WITH_CAMPAIGN"
OWN_POST = "SOCIAL_MEDIA_CAMPAIGN"
THRESHOLD = 0.5
# The highest score of a post that reports or distances itself without a word taking a side:
# below the violation threshold, so it is never one, whatever its words otherwise suggest.
REPORTING_ONLY_SCORE = 0.45
# The rarer codes, by the act.* evidence they need (see keywords.py).
ACT_CODES = {
    "act.photo": "PHOTO_WITH_CANDIDATE", "act.props": "CAMPAIGN_PROPS",
    "act.declaration": "ATTENDING_DECLARATION", "act.participation": "CAMPAIGN_PARTICIPATION",
    "act.partisan": "PARTISAN_ACTIVITY", "act.team": "WINNING_TEAM",
    "act.party_approach": "APPROACHING_PARTY", "act.party_member": "PARTY_MEMBERSHIP",
    "act.ktp": "KTP_SUPPORT", "act.decision": "BIASED_DECISION",
}  # fmt: skip


@dataclass(slots=True)
class Verdict:
    violation: bool
    category: str  # a DESIGN.md code or "NONE"
    score: float
    rules: list[str]
    candidate_ballot_number: int | None = None
    direction: str = ""  # "pro" | "anti" | "" toward the targeted candidate
    truncated: bool = False  # the text was longer than analysis.MAX_TEXT_CHARS
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    explained: list[dict] | None = field(default=None, repr=False, compare=False)

    @property
    def explanation(self) -> list[dict]:
        """Each rule that fired with the span of original text it fired on. Worked out on first
        read: only findings keep it, and most posts never become one."""
        if self.explained is None:
            self.explained = _explanation(self.analysis) if self.analysis else []
        return self.explained


_DEFAULT_MODEL: Model | None = None


def default_model() -> Model:
    global _DEFAULT_MODEL
    if _DEFAULT_MODEL is None:
        _DEFAULT_MODEL = Model.load(DEFAULT_PATH)
    return _DEFAULT_MODEL


class Detector:
    def __init__(self, lexicon: ContestLexicon, model: Model | str | None = None):
        self.analyzer = Analyzer(lexicon)
        self.ballots = sorted(c.ballot_number for c in lexicon.candidates)
        if model is None:
            model = default_model()
        elif not isinstance(model, Model):
            model = Model.load(model)
        self.model = model
        self.version = f"rules-{RULES_SHA}+model-{model.sha or 'unsaved'}"

    def classify(self, post: PostInput) -> Verdict:
        """One post; prefer `classify_batch`, which scores the model once for the batch."""
        return self.classify_batch([post])[0]

    def classify_batch(self, posts: list[PostInput]) -> list[Verdict]:
        with _cyclic_gc_paused():
            analyses = [self.analyzer.analyse(p) for p in posts]
            gated = [a for a in analyses if a.row is not None]
            p_side = self.model.p_violation([a.row for a in gated], [a.stance for a in gated])
            verdicts, k = [], 0
            for a in analyses:
                if a.row is None:
                    verdicts.append(self._verdict(a, NONE, 0.0))
                    continue
                p, k = float(p_side[k]), k + 1
                if a.reporting_only:
                    p = min(p, REPORTING_ONLY_SCORE)
                verdicts.append(self._verdict(a, self._code(a) if p >= THRESHOLD else NONE, p))
            return verdicts

    def _code(self, a: Analysis) -> str:
        if a.account is not None and _direction(a) != "anti":
            return ENGAGEMENT  # a supportive reply to, or share of, the campaign's own content
        if a.post.action != "post" and not a.own.has_target:
            return ENGAGEMENT  # the candidate is only in what the post engages with
        for rule in a.own.acts:
            return ACT_CODES[rule]
        return OWN_POST

    def _verdict(self, a: Analysis, category: str, score: float) -> Verdict:
        rules = list(a.own.rules)
        if a.target_text is not None:
            rules += [r for r in a.target.rules if r not in rules]
        if a.account is not None:
            rules.append("campaign.account_target")
        if a.reporting_only:
            rules.append("stance.reporting_only")
        if a.truncated:  # recorded with the verdict: only a prefix was read
            rules.append("input.truncated")
        violation = category != NONE
        direction = _direction(a) if violation else ""
        favoured = self._favoured(a, direction) if violation else None
        return Verdict(
            violation, category, round(float(score), 4), rules, favoured, direction, a.truncated,
            a if a.gate or a.own.excluded or a.target.excluded else None,
        )  # fmt: skip

    def _favoured(self, a: Analysis, direction: str) -> int | None:
        """The candidate the post favours: the one it supports; in a two-sided contest the rival
        of the one it attacks; else none."""
        target = _main_target(a)
        if target is None or direction != "anti":
            return target
        others = [b for b in self.ballots if b != target]
        return others[0] if len(others) == 1 else None


def _main_target(a: Analysis) -> int | None:
    sides = {**a.target.sides, **a.own.sides}
    if sides:  # an epithet, slogan or hashtag names its candidate most surely
        return max(sides, key=lambda b: abs(sides[b]))
    ballots = a.ballots
    return max(ballots, key=ballots.count) if ballots else None  # ties: the first named


def _direction(a: Analysis) -> str:
    """For or against the main target: its epithets and slogans first, then the post's tone."""
    target = _main_target(a)
    side = {**a.target.sides, **a.own.sides}.get(target, 0)
    if side == 0:
        own = a.own if a.own.has_target else a.target
        side = own.pro - own.anti - own.insult
    return "anti" if side < 0 else "pro"


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


def _explanation(a: Analysis) -> list[dict]:
    out = _explain(a.own, a.own_text, "text")
    if a.target_text is not None:
        out += _explain(a.target, a.target_text, "target_text")
    if a.account is not None:
        handle = a.post.target_author_handle or a.post.text.split()[0].lstrip("@")
        out.append(
            {"rule": "campaign.account_target", "span": [0, len(handle)], "text": handle,
             "field": "target_author" if a.post.target_author_handle else "text"}
        )  # fmt: skip
    return out


def _explain(result: FieldResult, text, field_name: str) -> list[dict]:
    if not result.hits:
        return []
    spans = text.spans(result.hits)
    src = text.source
    return [
        {"rule": entry.rule, "span": [a, b], "text": src[a:b], "field": field_name}
        for (_, _, entry), (a, b) in zip(result.hits, spans)
    ]


def _rules_sha() -> str:
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:8]


RULES_SHA = _rules_sha()
DETECTOR_VERSION = (
    f"rules-{RULES_SHA}+model-{sha8(DEFAULT_PATH) if DEFAULT_PATH.exists() else 'none'}"
)
