"""One Aho-Corasick automaton per contest: the phrase banks plus the contest's own patterns.

Patterns are normalised phrases wrapped in spaces (" nomor urut 2 "), scanned over the padded
normalised text, so they only match whole words. A hit carries its rule id, its kind (what the
rule engine does with it) and, for target rules, the ballot numbers it points at.

Target rule ids: candidate.name, candidate.first_name (a bare common first name, weak),
candidate.ballot_number, ballot.gesture_emoji (weak), candidate.hashtag, candidate.slogan,
party.name, campaign.account_mention.
"""

from typing import NamedTuple

import ahocorasick

from . import keywords
from .lexicon import ContestLexicon
from .normalize import Normalizer

# Kinds
TARGET, WEAK, CONTEXT, ACTIVITY, NEUTRAL, SUPPRESS, EXCLUSION = range(7)
PLACEHOLDERS = {
    "candidate.name": "<cand>", "candidate.first_name": "<cand>", "candidate.hashtag": "<tag>",
    "candidate.slogan": "<slogan>", "party.name": "<party>", "campaign.account_mention": "<acct>",
}  # fmt: skip


# Traits the rule engine reads (see rules.py): which hits make an election context of their own,
# and which take a side. A name or a party alone takes none; a hashtag or slogan does.
CONTEXT_ACTIVITIES = frozenset({"team.winning", "declaration.attend"})
NOT_STANCE = frozenset({"attend.verb", "partisan.asn", "decision.benefit", "candidate.name",
                        "candidate.first_name", "party.name", "support.cheer"})  # fmt: skip


class Entry(NamedTuple):
    rule: str
    kind: int
    ballots: tuple[int, ...] = ()
    num_at: int = -1  # offset of the ballot number inside the phrase, for "<num>"
    num_len: int = 0
    context: bool = False  # set by Matcher._add from the traits above
    stance: bool = False


class Hit(NamedTuple):  # built as a plain tuple by `scan`
    start: int  # [start, end) in the padded normalised text
    end: int
    entry: Entry


def _kind(rule: str) -> int:
    if rule.startswith(("neutral.", "negation.self")):
        return NEUTRAL
    return CONTEXT if rule == "election.context" else ACTIVITY


class Matcher:
    def __init__(self, lexicon: ContestLexicon, normalizer: Normalizer):
        self._norm = normalizer
        self._entries: dict[str, list[Entry]] = {}
        for rule, phrases in keywords.PHRASES.items():
            for phrase in phrases:
                self._add(phrase, Entry(rule, _kind(rule)))
        self._add_contest(lexicon)
        self._automaton = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._automaton.make_automaton()

    def _add(self, phrase: str, entry: Entry) -> None:
        words = self._norm(phrase).padded.split()
        if not words:
            return
        key = " " + " ".join(words) + " "
        entry = entry._replace(
            context=entry.kind in (TARGET, CONTEXT) or entry.rule in CONTEXT_ACTIVITIES,
            stance=entry.kind in (ACTIVITY, TARGET, WEAK) and entry.rule not in NOT_STANCE,
        )
        entries = self._entries.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _add_ballot(self, phrase: str, n: int, entry: Entry) -> None:
        # The number is the last word ("nomor urut 2") or the first ("2 jari").
        words = self._norm(phrase).padded.split()
        at = len(" ".join(words)) - len(str(n)) if words[-1] == str(n) else 0
        self._add(phrase, entry._replace(num_at=at, num_len=len(str(n))))

    def _add_contest(self, lex: ContestLexicon) -> None:
        people = [p for c in lex.candidates for p in (c.name, c.running_mate) if p]
        first_names = {self._core(p)[0] for p in people}
        for c in lex.candidates:
            own = (c.ballot_number,)
            strong, heads = set(), set()
            for name in filter(None, (c.name, c.running_mate, *c.aliases)):
                core = self._core(name)
                heads.add(core[0])
                if len(core) > 1 or (core[0] not in first_names and len(core[0]) > 3):
                    strong.add(name)  # a full name or a distinctive nickname
            for head in heads:  # "Pak Budi" names the candidate; a bare "Budi" may not
                strong.update(f"{title} {head}" for title in keywords.HONORIFICS)
            if c.running_mate:  # "Budi-Sari", "#BudiSari"
                mate = self._core(c.running_mate)[0]
                for left in sorted(heads - {mate}):
                    strong.update((f"{left} {mate}", f"{left}{mate}"))
            for name in sorted(strong):  # sorted: hit order must not depend on hash seeds
                self._add(name, Entry("candidate.name", TARGET, own))
            for head in sorted(heads):
                if not any(e.rule == "candidate.name" for e in self._entries.get(f" {head} ", ())):
                    self._add(head, Entry("candidate.first_name", WEAK, own))
            for tag in c.hashtags:
                body = tag.lstrip("#")
                self._add("#" + body, Entry("candidate.hashtag", TARGET, own))
                self._add("#" + body.lower(), Entry("candidate.hashtag", TARGET, own))
            for slogan in c.slogans:
                self._add(slogan, Entry("candidate.slogan", TARGET, own))
            for _, handle in c.accounts:
                self._add("@" + handle, Entry("campaign.account_mention", TARGET, own))
            self._add_numbers(c.ballot_number)
        for party in sorted({p for c in lex.candidates for p in c.parties}):
            backers = tuple(c.ballot_number for c in lex.candidates if party in c.parties)
            entry = Entry("party.name", TARGET, backers if len(backers) == 1 else ())
            self._add(party, entry)
            words = party.split()
            if words[0].lower() != "partai":
                self._add(f"partai {party}", entry)
            elif len(words) >= 3:  # "Partai Karya Nusantara" is written "PKN"
                self._add("".join(w[0] for w in words), entry)
        for phrase in lex.exclusions:
            self._add(phrase, Entry("exclusion", EXCLUSION))

    def _core(self, name: str) -> list[str]:
        """A name's words without a leading honorific ("Mas Budi" -> ["budi"])."""
        words = self._norm(name).padded.split()
        return words[1:] if len(words) > 1 and words[0] in keywords.HONORIFICS else words

    def _add_numbers(self, n: int) -> None:
        for prefix in keywords.STRONG_BALLOT_PREFIXES:
            self._add_ballot(f"{prefix} {n}", n, Entry("candidate.ballot_number", TARGET, (n,)))
        for prefix in keywords.WEAK_BALLOT_PREFIXES:
            self._add_ballot(f"{prefix} {n}", n, Entry("candidate.ballot_number", WEAK, (n,)))
        self._add_ballot(
            f"{n} {keywords.GESTURE_SUFFIX}", n, Entry("ballot.gesture_emoji", WEAK, (n,))
        )
        for word in keywords.NUMBER_SUPPRESSORS:
            for middle in ("", "nomor ", "no "):
                self._add(f"{word} {middle}{n}", Entry("number.other", SUPPRESS))

    def scan(self, padded: str) -> list[Hit]:
        # Plain tuples, not Hit(...): this runs for every field of every post.
        return [
            (end - length + 2, end, e)  # + 2 skips the pattern's leading space
            for end, (length, entries) in self._automaton.iter(padded)
            for e in entries
        ]
