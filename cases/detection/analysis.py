"""The rule side of one post: its text fields analysed, the engaged account, the gate, the
model row.

The gate: a post reaches the model only when it points at this contest's candidates and takes a
side, in its own text (a target rule plus a stance, see rules.py) or, for a like, share, comment
or follow, in the engaged text or by engaging a candidate's campaign account.

Glossary: ASN = civil servant.
"""

from dataclasses import dataclass

from .lexicon import ContestLexicon
from .matcher import Matcher
from .model import Row
from .normalize import Normalizer
from .rules import FieldResult, analyse, model_text

ENGAGING_ACTIONS = frozenset({"share", "comment", "like", "follow"})
_EMPTY = FieldResult([], [], [], False, False, False, " ", [])


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

    __slots__ = ("post", "own", "own_text", "target", "target_text", "account", "own_gate", "gate",
                 "row")  # fmt: skip

    def __init__(self, post, own, own_text, target, target_text, account):
        self.post, self.own, self.own_text = post, own, own_text
        self.target, self.target_text, self.account = target, target_text, account
        engaging = post.action in ENGAGING_ACTIONS
        self.own_gate = own.has_target and own.has_stance
        self.gate = not (own.excluded or target.excluded) and (
            self.own_gate
            or (engaging and (target.has_target and target.has_stance or account is not None))
        )
        self.row = None
        if self.gate:
            flags = ("TA=campaign",) if account is not None else ()
            self.row = Row(
                post.action, model_text(own), model_text(target) if engaging else None,
                own.rules, target.rules, flags,
            )  # fmt: skip


class Analyzer:
    """Normaliser + matcher + rule engine for one contest."""

    def __init__(self, lexicon: ContestLexicon):
        self.lexicon = lexicon
        self.normalizer = Normalizer(lexicon.vocabulary_texts)
        self.matcher = Matcher(lexicon, self.normalizer)
        self.handles = lexicon.campaign_handles

    def analyse(self, post: PostInput) -> Analysis:
        own_text = self.normalizer(post.text or "")
        own = analyse(self.matcher, own_text.padded) if post.text else _EMPTY
        target, target_text, account = _EMPTY, None, None
        if post.action in ENGAGING_ACTIONS:
            if post.target_text:
                target_text = self.normalizer(post.target_text)
                target = analyse(self.matcher, target_text.padded)
            if post.target_author_handle:
                account = self.handles.get(post.target_author_handle.lstrip("@").lower())
        return Analysis(post, own, own_text, target, target_text, account)
