"""The rule side of one post: its text fields analysed, the engaged account, the target, the side
taken, the signs of reporting rather than campaigning, and the model row.

A post can only be a violation when it points at this contest's candidates, parties or camps
(the gate): in its own text, or for a like, share, comment or follow in the engaged text or by
engaging a candidate's campaign account; a reply that opens with a campaign account's handle
targets that candidate. Whether it takes a side is weighed by `stance` (rules) and by the model.

Glossary: ASN = civil servant.
"""

import re
from dataclasses import dataclass

from .lexicon import ContestLexicon
from .matcher import Matcher, figure_words
from .model import Row
from .normalize import Normalizer
from .rules import EMPTY, FieldResult, analyse, model_text

ENGAGING_ACTIONS = frozenset({"share", "comment", "like", "follow"})
# Detection reads at most this many characters of a text (the post is stored whole): real posts
# are far shorter, and the work per post stays bounded whatever a feed sends.
MAX_TEXT_CHARS = 20_000
PERSONAL = frozenset(
    "aku saya gw gue gua ane kita kami lu lo loe elo lho kau engkau kamu anda ente situ "
    "mu ku dia mereka".split()
)
CAMPAIGN_TARGETS = frozenset(
    {"candidate.hashtag", "candidate.slogan", "candidate.ballot_number", "ballot.gesture_emoji"}
)
_NUMBERED_RE = re.compile(r"\s*\d{1,2}[.)] ")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_OPENING_HANDLE_RE = re.compile(r"^\s*(?:RT\s+)?@([\w.]+)")


@dataclass(slots=True)
class PostInput:
    platform: str
    action: str  # post | share | comment | like | follow
    text: str
    author_handle: str
    target_text: str | None = None
    target_author_handle: str | None = None


class Analysis:
    """The rule side of one post: both fields, the engaged account, the gate, model features."""

    __slots__ = ("post", "own", "own_text", "target", "target_text", "account", "style",
                 "truncated", "gate", "row", "stance", "reporting_only")  # fmt: skip

    def __init__(self, post, own, own_text, target, target_text, account, truncated):
        self.post, self.own, self.own_text = post, own, own_text
        self.target, self.target_text, self.account = target, target_text, account
        self.truncated = truncated
        engaging = post.action in ENGAGING_ACTIONS
        self.gate = not (own.excluded or target.excluded) and (
            own.has_target or account is not None or (engaging and target.has_target)
        )
        self.style, self.stance, self.row, self.reporting_only = (), 0.0, None, False
        if self.gate:  # the rest only matters for posts that may be violations
            self.style = style = style_of(post.text[:MAX_TEXT_CHARS] if post.text else "", own)
            engaged = target if engaging else EMPTY
            self.stance = stance(own, engaged, style, account)
            # Reporting (news, official or civic information, a question, a headline) or
            # distancing oneself, with no word that takes a side: not taking a side.
            reporting = (
                own.report
                or "style.headline" in style
                or own.negation_self
                or (own.question and "style.question" in style)
            )
            self.reporting_only = (
                bool(reporting) and account is None and not (_side_cues(own) or _side_cues(engaged))
            )
            flags = (*style, *(("TA=campaign",) if account is not None else ()))
            self.row = Row(
                post.action, model_text(own), model_text(target) if engaging else None,
                own.rules, target.rules, flags,
            )  # fmt: skip

    @property
    def ballots(self) -> list[int]:
        return (
            self.own.ballots
            or self.target.ballots
            or ([self.account] if self.account is not None else [])
        )


def _side_cues(f: FieldResult) -> int:
    """Hits that take a side: support, praise, prayers, scorn, abuse, the acts of the rarer codes,
    epithets, campaign hashtags, slogans and ballot numbers."""
    return (
        f.pro
        + f.anti
        + f.insult
        + sum(
            1
            for h in f.targets
            if h[2].rule in CAMPAIGN_TARGETS or h[2].rule == "candidate.epithet"
        )
    )


def _both_camps(f: FieldResult) -> bool:
    """Epithets, hashtags or slogans that point at two candidates or more, all the same way."""
    sides = list(f.sides.values())
    return len(sides) > 1 and (all(v < 0 for v in sides) or all(v > 0 for v in sides))


def stance(own: FieldResult, engaged: FieldResult, style: tuple[str, ...], account) -> float:
    """The rules' reading of whether a post takes a side: evidence of campaigning (epithets,
    campaign hashtags and slogans, the acts of the rarer codes, abuse, unseating calls, praise,
    support) against evidence of
    reporting (news verbs, official or civic information, headlines, questions). Positive: takes
    a side."""
    side = 0.0
    for f in (own, engaged):
        campaign = sum(1 for h in f.targets if h[2].rule in CAMPAIGN_TARGETS)
        epithets = sum(1 for h in f.targets if h[2].rule == "candidate.epithet")
        if _both_camps(f):  # "cebong, kampret": a jab at both camps takes no side
            campaign = epithets = 0
        side += 2 * epithets + 1.5 * (campaign + len(f.acts)) + f.insult + f.anti + 0.75 * f.pro
        side -= f.report + (0.5 * f.question if "style.question" in style else 0)
    if account is not None:
        side += 1
    if "style.headline" in style:
        side -= 1.5
    if "style.personal" in style or "style.exclaim" in style:
        side += 0.5
    if own.negation_self:
        side -= 1
    return side


class Analyzer:
    """Normaliser + matcher + rule engine for one contest."""

    def __init__(self, lexicon: ContestLexicon):
        self.lexicon = lexicon
        self.normalizer = Normalizer([*lexicon.vocabulary_texts, *figure_words()])
        self.matcher = Matcher(lexicon, self.normalizer)
        self.handles = lexicon.campaign_handles

    def analyse(self, post: PostInput) -> Analysis:
        text = post.text or ""
        truncated = len(text) > MAX_TEXT_CHARS
        text = text[:MAX_TEXT_CHARS]
        own_text = self.normalizer(text)
        own = (
            analyse(self.matcher, own_text.padded, _reply_block(own_text.padded)) if text else EMPTY
        )
        target, target_text, account = EMPTY, None, None
        if post.action in ENGAGING_ACTIONS:
            if post.target_text:
                engaged = post.target_text[:MAX_TEXT_CHARS]
                truncated = truncated or len(post.target_text) > MAX_TEXT_CHARS
                target_text = self.normalizer(engaged)
                target = analyse(self.matcher, target_text.padded)
            if post.target_author_handle:
                account = self.handles.get(post.target_author_handle.lstrip("@").lower())
        if account is None and (opening := _OPENING_HANDLE_RE.match(text)):
            account = self.handles.get(opening.group(1).lower())  # a reply to the campaign
        return Analysis(post, own, own_text, target, target_text, account, truncated)


def _reply_block(padded: str) -> int:
    """Where the handles a reply opens with end: the thread's participants, not its subject."""
    at = 0
    while padded.startswith(("@", "user "), at + 1):
        at = padded.find(" ", at + 1)
    return at


def style_of(text: str, own: FieldResult) -> tuple[str, ...]:
    """How the post is written: a question, an exclamation, in the first or second person, a
    headline (mostly capitalised words, no person), a reply, a retweet, a link."""
    out = []
    words = own.padded.split()
    if "?" in text:
        out.append("style.question")
    if "!" in text:
        out.append("style.exclaim")
    if not PERSONAL.isdisjoint(words):
        out.append("style.personal")
    stripped = text.lstrip()
    if stripped.startswith(("USER", "@")):
        out.append("style.reply")
    if stripped.startswith("RT "):
        out.append("style.retweet")
    if "URL" in text or "http" in text:
        out.append("style.link")
    raw = _WORD_RE.findall(text[:400])
    if 3 <= len(raw) <= 25 and "style.personal" not in out and "style.exclaim" not in out:
        capitalised = sum(w[0].isupper() for w in raw if w != "USER")
        if capitalised >= 0.6 * len(raw) and not text.isupper():
            out.append("style.headline")
    if len(words) <= 6:
        out.append("style.short")
    if _NUMBERED_RE.match(text):  # "4. Presiden ..." : one post of a numbered thread
        out.append("style.numbered")
    return tuple(out)
