"""One Aho-Corasick automaton per contest: the phrase banks plus the contest's own patterns.

Patterns are normalised phrases wrapped in spaces (" nomor urut 2 "), scanned over the padded
normalised text, so they only match whole words. A hit carries its rule id, its kind (what the
rule engine does with it), for target rules the ballot numbers it points at, and for epithets and
campaign slogans the side it takes (+1 for, -1 against).

Target rule ids: candidate.name, candidate.alias (an everyday word or common given name, weak),
candidate.ballot_number, ballot.gesture_emoji (weak), candidate.hashtag, candidate.slogan,
candidate.epithet, candidate.office ("presiden" while the candidate holds the office),
party.name, campaign.account_mention.
"""

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from . import keywords
from .lexicon import ContestLexicon
from .normalize import Normalizer, words_of

# Kinds
(TARGET, WEAK, EPITHET, CONTEXT, PRO, ANTI, INSULT, REPORT, QUESTION, ACT, NEGATION_SELF,
 SUPPRESS, EXCLUSION) = range(13)  # fmt: skip
TARGET_KINDS = frozenset({TARGET, WEAK, EPITHET})
PLACEHOLDERS = {
    "candidate.name": "<cand>", "candidate.alias": "<cand>", "candidate.hashtag": "<tag>",
    "candidate.slogan": "<slogan>", "candidate.epithet": "<epithet>",
    "candidate.office": "<office>", "party.name": "<party>", "campaign.account_mention": "<acct>",
}  # fmt: skip
FIGURES_PATH = Path(__file__).parent / "data" / "figures-id.json"
DIRECTIONS = {"pro": 1, "anti": -1}


class Entry(NamedTuple):
    rule: str
    kind: int
    ballots: tuple[int, ...] = ()
    num_at: int = -1  # offset of the ballot number inside the phrase, for "<num>"
    num_len: int = 0
    direction: int = 0  # +1 for, -1 against the ballots (epithets, slogans, hashtags)


class Hit(NamedTuple):  # built as a plain tuple by `scan`
    start: int  # [start, end) in the padded normalised text
    end: int
    entry: Entry


def kind_of(rule: str) -> int:
    head = rule.split(".", 2)
    if head[0] == "stance":
        return {"pro": PRO, "anti": ANTI, "insult": INSULT}[head[1]]
    if head[0] == "report":
        return QUESTION if head[1] == "question" else REPORT
    return {"act": ACT, "negation": NEGATION_SELF, "election": CONTEXT}[head[0]]


@cache
def figures() -> dict:
    """The shipped knowledge of public figures (nicknames, camp epithets, offices, parties)."""
    return json.loads(FIGURES_PATH.read_text(encoding="utf-8"))


@cache
def figure_words() -> tuple[str, ...]:
    """Every name, epithet and party nickname of the figures file: words the normaliser should
    know (to split hashtags and clitics off them)."""
    known = figures()
    out = [n for f in known["figures"] for n in (*f["names"], *f.get("aliases", ()))]
    out += [e["phrase"] for f in known["figures"] for e in f.get("epithets", ())]
    out += [n for p in known.get("parties", ()) for n in (p["party"], *p["nicknames"])]
    return tuple(out)


def _in_force(item: dict, day: str) -> bool:
    """Whether a dated entry applies to a contest voting on `day` (ISO date; "" = always)."""
    return not day or (item.get("from", "") <= day and day <= item.get("until", "9999"))


class Matcher:
    def __init__(self, lexicon: ContestLexicon, normalizer: Normalizer):
        self._norm = normalizer
        self._entries: dict[str, list[Entry]] = {}
        for rule, phrases in keywords.PHRASES.items():
            kind = kind_of(rule)
            for phrase in phrases:
                self._add(phrase, Entry(rule, kind))
        self._add_contest(lexicon)
        self._automaton = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            strong = {e.ballots for e in entries if e.kind == TARGET}
            entries = [e for e in entries if not (e.kind == WEAK and e.ballots in strong)]
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._automaton.make_automaton()

    def _key(self, phrase: str) -> str:
        words = self._norm(phrase).padded.split()
        return " " + " ".join(words) + " " if words else ""

    def _add(self, phrase: str, entry: Entry) -> None:
        key = self._key(phrase)
        if not key:
            return
        entries = self._entries.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _add_ballot(self, phrase: str, n: int, entry: Entry) -> None:
        # The number is the last word ("nomor urut 2") or the first ("2 jari").
        words = self._norm(phrase).padded.split()
        at = len(" ".join(words)) - len(str(n)) if words[-1] == str(n) else 0
        self._add(phrase, entry._replace(num_at=at, num_len=len(str(n))))

    def _core(self, name: str) -> list[str]:
        """A name's words without leading honorifics ("Mas Budi" -> ["budi"])."""
        words = self._norm(name).padded.split()
        while len(words) > 1 and words[0] in keywords.HONORIFICS:
            words = words[1:]
        return words

    def _add_contest(self, lex: ContestLexicon) -> None:
        day = lex.dates.get("voting_day") or ""
        known = figures()
        people = {c.ballot_number: _people(c) for c in lex.candidates}
        shared = _shared_words(self, people)
        for c in lex.candidates:
            own = (c.ballot_number,)
            names = set(people[c.ballot_number])
            matched = [f for f in known["figures"] if _figure_matches(self, f, names)]
            for figure in matched:
                names.update(figure.get("aliases", ()))
            self._add_names(names, own, shared)
            if c.running_mate:  # "Budi-Sari", "#BudiSari"
                mate_words = self._core(c.running_mate)
                heads = {self._core(n)[0] for n in (c.name, *c.aliases) if self._core(n)}
                for mate in {mate_words[0], mate_words[-1]}:
                    for head in heads - {mate}:
                        for phrase in (f"{head} {mate}", f"{head}{mate}"):
                            self._add(phrase, Entry("candidate.name", TARGET, own))
            for tag in c.hashtags:
                body = tag.lstrip("#")
                for form in (body, body.lower()):
                    self._add("#" + form, Entry("candidate.hashtag", TARGET, own, direction=1))
            for slogan in c.slogans:
                self._add(slogan, Entry("candidate.slogan", TARGET, own, direction=1))
            for _, handle in c.accounts:
                self._add("@" + handle, Entry("campaign.account_mention", TARGET, own))
            epithets = [(phrase, direction, False) for phrase, direction in c.epithets]
            for figure in matched:
                epithets += [
                    (e["phrase"], e["direction"], e.get("weak", False))
                    for e in figure.get("epithets", ()) if _in_force(e, day)
                ]  # fmt: skip
                for office in figure.get("offices", ()):
                    if _in_force(office, day):
                        for word in office["words"]:
                            self._add(word, Entry("candidate.office", TARGET, own))
            for phrase, direction, weak in epithets:
                kind = WEAK if weak else EPITHET  # "kampret" is also an everyday swear
                self._add(
                    phrase, Entry("candidate.epithet", kind, own, direction=DIRECTIONS[direction])
                )
            self._add_numbers(c.ballot_number)
        self._add_parties(lex, known)
        for phrase in lex.exclusions:
            self._add(phrase, Entry("exclusion", EXCLUSION))

    def _add_names(self, names, own: tuple[int, ...], shared: set[str]) -> None:
        """Full names and distinctive single words (surnames, nicknames) are strong targets; an
        everyday word or common given name is weak; "Pak X" is strong either way."""
        for name in sorted(names):  # sorted: hit order must not depend on hash seeds
            core = self._core(name)
            if not core:
                continue
            if len(core) > 1 or self._key(name).split() != core:  # "Teguh Wibowo", "Cak Teguh"
                self._add(name, Entry("candidate.name", TARGET, own))
            if len(core) > 1:
                self._add(" ".join(core), Entry("candidate.name", TARGET, own))
            for word in core if len(core) > 1 else core:
                if word in shared or word.isdigit():
                    continue
                everyday = word in keywords.EVERYDAY_WORDS or len(word) <= 2
                if len(core) > 1 and len(word) <= 3:
                    continue  # "Uu" of "Uu Ruzhanul Ulum" is no name alone
                entry = (
                    Entry("candidate.alias", WEAK, own)
                    if everyday
                    else Entry("candidate.name", TARGET, own)
                )
                self._add(word, entry)
                for title in keywords.HONORIFICS:  # "Pak Teguh" is anyone's neighbour too
                    self._add(f"{title} {word}", entry)

    def _add_parties(self, lex: ContestLexicon, known: dict) -> None:
        nicknames = {p["party"].lower(): p["nicknames"] for p in known.get("parties", ())}
        for party in sorted({p for c in lex.candidates for p in c.parties}):
            backers = tuple(c.ballot_number for c in lex.candidates if party in c.parties)
            entry = Entry("party.name", TARGET, backers if len(backers) == 1 else ())
            forms = {party, *nicknames.get(party.lower(), ())}
            words = party.split()
            if words[0].lower() != "partai":
                forms.add(f"partai {party}")
            elif len(words) >= 3:  # "Partai Karya Nusantara" is written "PKN"
                forms.add("".join(w[0] for w in words))
            for form in sorted(forms):
                if self._key(form).split() == words_of(form):  # "PD" is read as "pada"
                    self._add(form, entry)

    def _add_numbers(self, n: int) -> None:
        for prefix in keywords.STRONG_BALLOT_PREFIXES:
            self._add_ballot(f"{prefix} {n}", n, Entry("candidate.ballot_number", TARGET, (n,)))
        for prefix in keywords.WEAK_BALLOT_PREFIXES:
            self._add_ballot(f"{prefix} {n}", n, Entry("candidate.ballot_number", WEAK, (n,)))
        self._add_ballot(
            f"{n} {keywords.GESTURE_SUFFIX}", n, Entry("ballot.gesture_emoji", WEAK, (n,), -1, 0, 1)
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


def _people(candidate) -> list[str]:
    return [n for n in (candidate.name, candidate.running_mate, *candidate.aliases) if n]


def _shared_words(matcher: Matcher, people: dict[int, list[str]]) -> set[str]:
    """Name words two candidates share ("Sandiaga" ran with two pairs in one contest file):
    such a word alone points at neither."""
    owners: dict[str, set[int]] = {}
    for ballot, names in people.items():
        for name in names:
            for word in matcher._core(name):
                owners.setdefault(word, set()).add(ballot)
    return {w for w, ballots in owners.items() if len(ballots) > 1}


def _figure_matches(matcher: Matcher, figure: dict, names: set[str]) -> bool:
    mine = {" ".join(matcher._core(n)) for n in names}
    return any(" ".join(matcher._core(n)) in mine for n in figure["names"])
