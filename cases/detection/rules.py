"""The rule engine: from matcher hits in one text field to its targets, its stance and the
model's input.

Steps, for one field (the post's own text or the text it engages with):

1. A number inside "TPS 2", "jam 2", "menu nomor 2" (rule number.other) is not a ballot number.
2. Election context: an election word ("pilkada", "coblos", "presiden"), a strong target (a
   name, "Pak Budi", hashtag, slogan, party, epithet, campaign account, "nomor urut 2"). Weak
   targets (an alias that is an everyday word or a common given name, "nomor 2", "✌️") count only
   with context: "pilih menu nomor 2", "rindu kampung" and "foto keluarga ✌️" stay clean.
3. The longest phrase wins: a hit inside a longer one is dropped ("pilih" inside "jangan pilih");
   a target gives way only to a target.
4. Stance, per side: support, praise and prayers are for; unseating calls, scorn and abuse are
   against; an epithet or campaign slogan carries its own side toward its candidate.
5. Reporting: news verbs ("kata", "ujar"), official and civic election information and questions
   are counted apart; `analysis.py` weighs them against the stance.
6. Targets are replaced by placeholders (<cand>, <num>, <party>, <tag>, <epithet>, ...) so the
   model learns patterns, not this contest's names; other numbers become <n>.
"""

import re
from operator import itemgetter
from typing import NamedTuple

from .matcher import (
    ACT,
    ANTI,
    CONTEXT,
    EPITHET,
    EXCLUSION,
    INSULT,
    NEGATION_SELF,
    PLACEHOLDERS,
    PRO,
    QUESTION,
    REPORT,
    SUPPRESS,
    TARGET,
    TARGET_KINDS,
    WEAK,
    Entry,
    Hit,
    Matcher,
)  # fmt: skip

REPLY_CONTEXT = Entry("reply.campaign_account", CONTEXT)
_NUMBER_RE = re.compile(r"(?<= )\d[\d.,:/]*(?= )")
_MENTION_RE = re.compile(r"(?<= )@\S+")


class FieldResult(NamedTuple):
    hits: list[Hit]  # the hits that fired, in text order
    rules: list[str]  # their rule ids, first occurrence order
    ballots: list[int]  # ballot numbers of the candidates the targets point at, per target hit
    sides: dict[int, int]  # ballot -> net side its epithets, slogans and hashtags take (+ for)
    pro: int  # hits of support, praise, prayers, calls
    anti: int  # hits of unseating calls and scorn
    insult: int  # hits of abuse
    report: int  # hits of news, official or civic information
    question: int  # interrogatives
    acts: list[str]  # act.* rule ids: evidence for the rarer violation codes
    negation_self: bool
    excluded: bool
    padded: str
    targets: list[Hit]

    @property
    def has_target(self) -> bool:
        return bool(self.targets)


EMPTY = FieldResult([], [], [], {}, 0, 0, 0, 0, 0, [], False, False, " ", [])


def model_text(result: FieldResult) -> str:
    """The field's text for the model: targets as placeholders, other numbers as <n>."""
    return _placeholders(result.padded, result.targets)


def analyse(matcher: Matcher, padded: str, reply_block: int = 0) -> FieldResult:
    """`reply_block`: the end of the handles a reply opens with; a campaign account among them is
    only a participant of the thread (the reply itself is judged in `analysis.py`)."""
    hits = matcher.scan(padded)
    if reply_block:  # the thread's campaign accounts: election talk, not the post's subject
        hits = [
            h if h[0] >= reply_block or h[2].rule != "campaign.account_mention"
            else (h[0], h[1], REPLY_CONTEXT)
            for h in hits
        ]  # fmt: skip
    if not hits:
        return EMPTY._replace(padded=padded)
    if any(h[2].kind == SUPPRESS for h in hits):  # "TPS 2", "menu nomor 2": not ballots
        spans = [(s, e) for s, e, en in hits if en.kind == SUPPRESS]
        hits = [h for h in hits if h[2].kind != SUPPRESS and not _number_inside(h, spans)]
    if not _context(hits):
        hits = [h for h in hits if h[2].kind != WEAK]
    kept = _drop_contained(hits)
    targets, rules, ballots, acts, sides = [], {}, [], [], {}
    counts = dict.fromkeys((PRO, ANTI, INSULT, REPORT, QUESTION, NEGATION_SELF, EXCLUSION), 0)
    for h in kept:
        en = h[2]
        rules[en.rule] = None
        kind = en.kind
        if kind in TARGET_KINDS:
            targets.append(h)
            ballots += en.ballots
            if en.direction:
                for b in en.ballots:
                    sides[b] = sides.get(b, 0) + en.direction
        elif kind == ACT:
            acts.append(en.rule)
        elif kind in counts:
            counts[kind] += 1
    return FieldResult(
        kept, list(rules), ballots, sides, counts[PRO], counts[ANTI], counts[INSULT],
        counts[REPORT], counts[QUESTION], acts, counts[NEGATION_SELF] > 0, counts[EXCLUSION] > 0,
        padded, targets,
    )  # fmt: skip


def _context(hits: list[Hit]) -> bool:
    """Whether weak targets count: beside an election word or a strong target; an epithet that
    is also an everyday swear ("kampret") beside abuse of its own ("dasar onta bego")."""
    if any(en.kind in (TARGET, EPITHET, CONTEXT) for _, _, en in hits):
        return True
    epithets = {s for s, _, en in hits if en.kind == WEAK and en.rule == "candidate.epithet"}
    return bool(epithets) and any(en.kind == INSULT and s not in epithets for s, _, en in hits)


def _number_inside(hit: Hit, spans) -> bool:
    entry = hit[2]
    if not entry.num_len:
        return False
    at = hit[0] + entry.num_at
    return any(s <= at < e for s, e in spans)


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """The longest phrase wins: "jangan pilih" hides "pilih", "bukan tim sukses" hides "tim
    sukses". A target only gives way to a longer target ("Pak Budi" in a hashtag)."""
    if len(hits) < 2:
        return hits
    # The scan yields hits by end; reversed, then stably sorted by start, the longest of each
    # start comes first.
    hits.reverse()
    hits.sort(key=itemgetter(0))
    out = []
    # Sweep in start order; the first hit of a start group is its longest.
    reach = target_reach = -1  # furthest end of hits starting strictly before this group
    group_start, group_end, group_target_end = -1, -1, -1
    for h in hits:
        start, end, entry = h
        if start != group_start:
            reach = max(reach, group_end)
            target_reach = max(target_reach, group_target_end)
            group_start, group_end, group_target_end = start, end, -1
        is_target = entry.kind in TARGET_KINDS
        if is_target:
            covered = target_reach >= end or group_target_end > end
            group_target_end = max(group_target_end, end)
        else:
            covered = reach >= end or group_end > end
        if not covered:
            out.append(h)
    return out


def _placeholders(padded: str, targets: list[Hit]) -> str:
    if not targets:
        return _generic(padded)
    pieces, pos = [], 0
    for start, end, e in targets:  # in text order; skip partial overlaps
        if start < pos:
            continue
        if e.num_len:  # keep "nomor urut"/"jari", generalise the number itself
            at = start + e.num_at
            pieces += [padded[pos:at], "<num>"]
            pos = at + e.num_len
        else:
            pieces += [padded[pos:start], PLACEHOLDERS[e.rule]]
            pos = end
    pieces.append(padded[pos:])
    return _generic("".join(pieces))


def _generic(text: str) -> str:
    if "@" in text:
        text = _MENTION_RE.sub("<user>", text)
    return _NUMBER_RE.sub("<n>", text)
