"""The rule engine: from matcher hits in one text field to fired rules, targets and model input.

Steps, for one field (the post's own text or the text it engages with):

1. A number inside "TPS 2", "jam 2", "menu nomor 2" (rule number.other) is not a ballot number.
2. Election context: an election word ("pilkada", "coblos", "paslon"), a strong target (full name,
   "Pak Budi", hashtag, slogan, party, campaign account, "nomor urut 2"), or an election-only
   activity (tim sukses, deklarasi). Weak targets (a bare first name, "nomor 2", "✌️") fire only
   with context: "pilih menu nomor 2" and "foto keluarga ✌️" stay clean.
3. Stance: a target alone ("Pak Budi tetangga saya") takes no side; the field needs a support
   or activity rule, or a target that is itself campaigning (hashtag, slogan, ballot number).
   An everyday cheer ("juara", "semangat") counts only next to an election word.
4. The longest phrase wins: a hit inside a longer one is dropped ("pilih" inside "jangan pilih",
   "lanjutkan" inside the slogan "Lanjutkan Pembangunan"); a target gives way only to a target.
5. Targets are replaced by placeholders (<cand>, <num>, <party>, <tag>, <slogan>, <acct>) so the
   model learns patterns, not this contest's names; other numbers become <n>.
"""

import re
from operator import itemgetter
from typing import NamedTuple

from .matcher import CONTEXT, EXCLUSION, PLACEHOLDERS, SUPPRESS, TARGET, WEAK, Hit, Matcher

_NUMBER_RE = re.compile(r"(?<= )\d[\d.,:/]*(?= )")
_MENTION_RE = re.compile(r"(?<= )@\S+")


class FieldResult(NamedTuple):
    hits: list[Hit]  # the hits that fired, in text order
    rules: list[str]  # their rule ids, first occurrence order
    ballots: list[int]  # ballot numbers of the candidates the targets point at
    has_target: bool
    has_stance: bool
    excluded: bool
    padded: str
    targets: list[Hit]


def model_text(result: FieldResult) -> str:
    """The field's text for the model: targets as placeholders, other numbers as <n>. Only
    posts that pass the target gate need it."""
    return _placeholders(result.padded, result.targets)


def analyse(matcher: Matcher, padded: str) -> FieldResult:
    hits = matcher.scan(padded)
    if not hits:
        return FieldResult([], [], [], False, False, False, padded, [])
    context = suppress = False
    for _, _, en in hits:
        context = context or en.context
        suppress = suppress or en.kind == SUPPRESS
    if suppress:  # "TPS 2", "menu nomor 2": drop ballot hits on that number
        spans = [(s, e) for s, e, en in hits if en.kind == SUPPRESS]
        hits = [h for h in hits if h[2].kind != SUPPRESS and not _number_inside(h, spans)]
        context = any(en.context for _, _, en in hits)
    if not context:
        hits = [h for h in hits if h[2].kind != WEAK]
    kept = _drop_contained(hits)
    targets, rules, ballots = [], {}, []
    stance = excluded = cheer = election = False
    for h in kept:
        en = h[2]
        rules[en.rule] = None
        kind = en.kind
        if kind in (TARGET, WEAK):
            targets.append(h)
            ballots += en.ballots
        if en.stance:
            stance = True
        elif kind == EXCLUSION:
            excluded = True
        elif kind == CONTEXT:
            election = True
        elif en.rule == "support.cheer":
            cheer = True
    stance = stance or (cheer and election)
    return FieldResult(kept, list(rules), ballots, bool(targets), stance, excluded, padded, targets)


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
            if group_end > reach:
                reach = group_end
            if group_target_end > target_reach:
                target_reach = group_target_end
            group_start, group_end, group_target_end = start, end, -1
        is_target = entry.kind == TARGET or entry.kind == WEAK
        if is_target:
            covered = target_reach >= end or group_target_end > end
        else:
            covered = reach >= end or group_end > end
        if entry.kind == TARGET and end > group_target_end:
            group_target_end = end
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
