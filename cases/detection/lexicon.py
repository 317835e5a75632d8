"""Contest data the detector matches against: everything contest-specific lives here.

Built from the contest dict of the import format, so a new contest (other candidates, numbers,
parties) needs no code change.

Glossary: pilkada/pileg/pilpres = regional/legislative/presidential election; running mate =
wakil (deputy) of a candidate pair.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    ballot_number: int
    name: str
    running_mate: str = ""
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    accounts: tuple[tuple[str, str], ...] = ()  # (platform, handle without "@")
    epithets: tuple[tuple[str, str], ...] = ()  # (phrase, "pro" | "anti")


@dataclass(frozen=True)
class ContestLexicon:
    slug: str
    name: str
    kind: str
    candidates: tuple[Candidate, ...]
    region: dict = field(default_factory=dict)
    exclusions: tuple[str, ...] = ()
    dates: dict = field(default_factory=dict)

    @classmethod
    def from_contest(cls, data: dict) -> "ContestLexicon":
        """From the contest import format. Its optional top-level `"epithets": [{"phrase",
        "ballot_number", "direction": "pro"|"anti"}]` names what the camps call a candidate."""
        epithets: dict[int, list[tuple[str, str]]] = {}
        for e in data.get("epithets") or ():
            epithets.setdefault(int(e["ballot_number"]), []).append((e["phrase"], e["direction"]))
        candidates = tuple(
            Candidate(
                ballot_number=int(c["ballot_number"]),
                name=c["name"],
                running_mate=c.get("running_mate") or "",
                aliases=tuple(c.get("aliases") or ()),
                parties=tuple(c.get("parties") or ()),
                hashtags=tuple(c.get("hashtags") or ()),
                slogans=tuple(c.get("slogans") or ()),
                accounts=tuple(
                    (a.get("platform", ""), a["handle"].lstrip("@"))
                    for a in c.get("accounts") or ()
                ),
                epithets=tuple(epithets.get(int(c["ballot_number"]), ())),
            )
            for c in data.get("candidates") or ()
        )
        return cls(
            slug=data.get("slug", ""),
            name=data.get("name", ""),
            kind=data.get("kind", ""),
            candidates=candidates,
            region=dict(data.get("region") or {}),
            exclusions=tuple(data.get("exclusions") or ()),
            dates={k: data.get(k) for k in ("campaign_start", "campaign_end", "voting_day")},
        )

    def with_exclusions(self, exclusions) -> "ContestLexicon":
        """A copy with more dismissed phrases (analysts add them while the contest runs)."""
        return ContestLexicon(
            self.slug, self.name, self.kind, self.candidates, self.region,
            self.exclusions + tuple(exclusions), self.dates,
        )  # fmt: skip

    @property
    def campaign_handles(self) -> dict[str, int]:
        """Lower-case handle -> ballot number of the candidate whose campaign runs it."""
        return {h.lower(): c.ballot_number for c in self.candidates for _, h in c.accounts}

    @property
    def vocabulary_texts(self) -> list[str]:
        """Names, parties, slogans and hashtag bodies: the words that help split hashtags."""
        texts = [self.region.get("name", "")]
        for c in self.candidates:
            texts += [c.name, c.running_mate, *c.aliases, *c.parties, *c.slogans]
            texts += [h.lstrip("#") for h in c.hashtags]
        return texts
