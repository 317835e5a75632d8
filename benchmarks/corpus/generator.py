"""Deterministic generator of the synthetic labelled corpus (see corpus/README.md).

Every template group (a violation code, a pitfall, the engagement banks, the fillers) is split by
position: template i is held out when i % 4 == 3. Training posts use the other templates and the
training contests; held-out posts use only held-out templates and the held-out contest, so the
held-out score measures transfer to unseen phrasings and unseen names, numbers and parties.

    python -m benchmarks.corpus.generator   # rewrite benchmarks/corpus/data/
"""

import json
import random
import re
import string
from datetime import date, datetime, time, timedelta
from pathlib import Path

from . import CORPUS_DIR, contests
from .templates.engagement import CAMPAIGN_CONTENT, FILLERS, NEUTRAL_CAPTIONS, SUPPORT_CAPTIONS
from .templates.pitfalls import PITFALLS
from .templates.violations import VIOLATIONS

SEED = 20240927
PLATFORMS = ["x", "facebook", "instagram", "tiktok"]
REPEATS = {"train": 3, "heldout": 5}  # renders per template and contest
ENGAGEMENTS = {"train": 600, "heldout": 300}  # per contest
NEUTRAL_ENGAGEMENTS = {"train": 400, "heldout": 200}
NEUTRAL_TARGET_GROUPS = ["neutral_news", "official_info", "vote_call", "chitchat", "everyday_words",
                         "policy_criticism", "everyday_numbers"]  # fmt: skip
MEDIA = ["Kabar Nusantara", "Warta Daerah", "Detak Kota", "Harian Merdeka Digital",
         "Suara Publik Online", "Lensa Berita"]  # fmt: skip
GESTURES = {
    1: ["☝️", "☝🏻", "salam satu jari", "1 jari", "👆"],
    2: ["✌️", "✌🏼", "salam dua jari", "2 jari", "salam 2 jari"],
    3: ["🤟", "🤟🏽", "salam tiga jari", "3 jari"],
    4: ["salam empat jari", "4 jari", "empat jari"],
}
STRONG_FORMS = ["nomor urut {n}", "nomor urut 0{n}", "paslon {n}", "paslon nomor {n}",
                "no urut {n}", "paslon 0{n}", "nomor urut {n}\ufe0f\u20e3"]  # fmt: skip
SLANG_NOISE = {
    "yang": ["yg"], "tidak": ["gak", "ga", "nggak", "tdk"], "sudah": ["udah", "udh", "sdh"],
    "saya": ["aku", "gue", "sy", "gw"], "untuk": ["utk", "buat"], "dengan": ["dgn"],
    "banget": ["bgt"], "karena": ["krn"], "kalau": ["kalo", "klo"], "juga": ["jg"],
    "tapi": ["tp"], "bisa": ["bs"], "jangan": ["jgn"], "belum": ["blm"], "ayo": ["yuk", "ayok"],
    "nomor": ["nomer", "no."], "teman": ["temen"], "lagi": ["lg"], "sama": ["sm"],
    "tadi": ["td"], "bapak": ["bpk"],
}  # fmt: skip
TAILS = ["🙏", "😊", "😁", "👍", "🔥", "💪", "😂", "❤️", "🤲", "👏"]
GENERIC_TAGS = [
    "#ASNBerAKHLAK",
    "#SemangatPagi",
    "#KerjaIkhlas",
    "#BanggaMelayaniBangsa",
    "#Weekend",
]
FIRST_NAMES = [
    "sri", "wahyu", "dian", "eko", "rina", "adi", "yuni", "bayu", "tri", "nining", "heru", "lina",
    "fajar", "putri", "dimas", "ika", "rizki", "tika", "hadi", "wulan",
]  # fmt: skip
_SLOT_RE = re.compile(r"(\{\w+\})")


def held_out(index: int) -> bool:
    return index % 4 == 3


def split_of(items: list, split: str) -> list[tuple[int, str]]:
    return [(i, t) for i, t in enumerate(items) if held_out(i) == (split == "heldout")]


class Renderer:
    """Fills template slots for one contest and adds realistic noise."""

    def __init__(self, contest: dict, rng: random.Random):
        self.c, self.rng = contest, rng
        self.region = contest["region"]["name"]
        kind_words = {
            "pilpres": ("presiden", "capres", ["pilpres", "pemilu"]),
            "pileg": ("anggota dewan", "caleg", ["pileg", "pemilu"]),
        }
        default = ("gubernur", "cagub", ["pilgub", "pilkada"])
        if contest["region"]["code"].count(".") == 1:
            default = ("bupati", "cabup", ["pilbup", "pilkada"])
        self.office, self.cal, self.races = kind_words.get(contest["kind"], default)
        vday = date.fromisoformat(contest["voting_day"])
        months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                  "September", "Oktober", "November", "Desember"]  # fmt: skip
        self.vday, self.year = f"{vday.day} {months[vday.month - 1]}", str(vday.year)

    def _ref(self, cand: dict) -> str:
        first, mate = cand["name"].split()[0], cand["running_mate"].split()[0]
        return self.rng.choice([cand["name"], cand["name"], *cand["aliases"], f"{first}-{mate}"])

    def _pair(self, cand: dict) -> str:
        first, mate = cand["name"].split()[0], cand["running_mate"].split()[0]
        return self.rng.choice([f"{first}-{mate}", f"{first} - {mate}", f"{first}{mate}",
                                f"{cand['name']} dan {cand['running_mate']}"])  # fmt: skip

    def slots(self, cand: dict) -> dict:
        rng, n = self.rng, cand["ballot_number"]
        others = [c for c in self.c["candidates"] if c is not cand]
        party = rng.choice(cand["parties"])
        if rng.random() < 0.4:
            party = "".join(w[0] for w in party.split())
        return {
            "cand": self._ref(cand), "pair": self._pair(cand), "num": str(n),
            "no": rng.choice(STRONG_FORMS).format(n=n), "gesture": rng.choice(GESTURES[n]),
            "party": party, "tag": rng.choice(cand["hashtags"]),
            "slogan": rng.choice(cand["slogans"]),
            "office": self.office, "cal": self.cal, "race": rng.choice(self.races),
            "region": self.region, "vday": self.vday, "year": self.year,
            "otherc": self._ref(rng.choice(others)) if others else "calon lain",
            "first": rng.choice([cand["name"], cand["running_mate"]]).split()[0],
            "n": str(rng.randint(1, 30)), "anygesture": rng.choice(["✌️", "☝️", "🤟", "👍"]),
            "media": rng.choice(MEDIA),
        }  # fmt: skip

    def render(self, template: str, cand: dict) -> str:
        """The template with its slots filled; noise goes into the template's own words only,
        so names stay intact (a misspelt name is another test than the one intended)."""
        slots = self.slots(cand)
        pieces = [
            slots[piece[1:-1]] if _SLOT_RE.fullmatch(piece) else self._noise(piece)
            for piece in _SLOT_RE.split(template)
        ]
        text = "".join(pieces)
        return text.lower() if self.rng.random() < 0.15 else text

    def _noise(self, text: str) -> str:
        rng = self.rng
        words = text.split(" ")
        for i, w in enumerate(words):
            key = w.lower().strip(string.punctuation)
            if key in SLANG_NOISE and rng.random() < 0.35:
                words[i] = w.lower().replace(key, rng.choice(SLANG_NOISE[key]))
            elif len(w) >= 5 and w.isalpha() and rng.random() < 0.03:
                j = rng.randrange(1, len(w) - 2)  # a swapped-letter typo
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            elif len(w) >= 4 and w.isalpha() and w[-1] in "aiueo" and rng.random() < 0.05:
                words[i] = w + w[-1] * rng.randint(2, 4)  # elongation
        return " ".join(words)

    def decorate(self, text: str, fillers: list[str]) -> str:
        """Add filler sentences, emoji and generic hashtags: label-free length and noise."""
        rng = self.rng
        if fillers and rng.random() < 0.5:
            text = f"{rng.choice(fillers)} {text}"
        if fillers and rng.random() < 0.5:
            text = f"{text} {rng.choice(fillers)}"
        if rng.random() < 0.3:
            text += " " + rng.choice(TAILS) * rng.randint(1, 3)
        if rng.random() < 0.15:
            text += " " + rng.choice(GENERIC_TAGS)
        return text


class _Builder:
    def __init__(self, contest: dict, split: str, rng: random.Random):
        self.contest, self.split, self.rng = contest, split, rng
        self.r = Renderer(contest, rng)
        self.items: list[tuple[dict, dict]] = []
        self.fillers = [t for _, t in split_of(FILLERS, split)]
        start = date.fromisoformat(contest["campaign_start"])
        self.days = (date.fromisoformat(contest["voting_day"]) - start).days
        self.start = start

    def cand(self) -> dict:
        return self.rng.choice(self.contest["candidates"])

    def add(self, text, category, template, action="post", target=None):
        rng, n = self.rng, len(self.items)
        platform = rng.choice(PLATFORMS)
        handle = f"{rng.choice(FIRST_NAMES)}{rng.choice(['', '_', '.'])}{rng.randint(1, 999)}"
        ext = f"{self.contest['slug']}-{n:06d}"
        when = datetime.combine(self.start + timedelta(days=rng.randrange(self.days)), time(0))
        when += timedelta(seconds=rng.randrange(86400))
        if target is not None:
            target = {"external_id": f"{ext}-t", "author_handle": target[0], "text": target[1]}
        post = {
            "platform": platform, "external_id": ext,
            "author": {"handle": handle, "display_name": handle.rstrip("0123456789._").title()},
            "action": action, "text": text, "target": target,
            "url": f"https://{platform}.example/{handle}/{ext}",
            "posted_at": when.isoformat() + "+07:00",
        }  # fmt: skip
        label = {"platform": platform, "external_id": ext, "violation": category != "NONE",
                 "category": category, "template": template}  # fmt: skip
        self.items.append((post, label))

    def templates(self):
        for code, bank in VIOLATIONS.items():
            for i, t in split_of(bank, self.split):
                for _ in range(REPEATS[self.split]):
                    body = self.r.render(t, self.cand())
                    self.add(self.r.decorate(body, self.fillers), code, f"{code}/{i:02d}")
        for group, bank in PITFALLS.items():
            for i, t in split_of(bank, self.split):
                for _ in range(REPEATS[self.split]):
                    body = self.r.render(t, self.cand())
                    self.add(
                        self.r.decorate(body, self.fillers), "NONE", f"pitfall.{group}/{i:02d}"
                    )

    def engagements(self):
        rng, r = self.rng, self.r
        content = split_of(CAMPAIGN_CONTENT, self.split)
        captions = split_of(SUPPORT_CAPTIONS, self.split)
        smc = split_of(VIOLATIONS["SOCIAL_MEDIA_CAMPAIGN"], self.split)
        for _ in range(ENGAGEMENTS[self.split]):
            cand = self.cand()
            action = rng.choices(["like", "share", "comment", "follow"], [4, 2.5, 2.5, 1])[0]
            official = rng.random() < 0.6
            if official:
                author = rng.choice(cand["accounts"])["handle"]
                source = content
            else:  # a supporter's post that clearly promotes the candidate
                first = cand["name"].split()[0].lower()
                author = rng.choice([f"sahabat{first}", f"relawan_{first}{rng.randint(1, 99)}",
                                     f"{first}lovers"])  # fmt: skip
                source = rng.choice([content, smc])
            i, t = rng.choice(source)
            target_text = r.render(t, cand)
            if action == "follow" and official and rng.random() < 0.5:
                target_text = None  # following a campaign account: the handle is enough
            own, cap = "", "-"
            if action in ("share", "comment"):
                j, cap_t = rng.choice(captions)
                own, cap = r.render(cap_t, cand), f"{j:02d}"
            tid = f"engagement.{action}/{'c' if source is content else 's'}{i:02d}/{cap}"
            self.add(own, "ENGAGEMENT_WITH_CAMPAIGN", tid, action, (author, target_text))

    def neutral_engagements(self):
        rng, r = self.rng, self.r
        captions = split_of(NEUTRAL_CAPTIONS, self.split)
        region = re.sub(r"\W", "", self.contest["region"]["name"].lower()) or "ri"
        authors = {
            "neutral_news": ["kabarnusantara", "wartadaerah_id", "detakkota"],
            "official_info": [f"kpu_{region}", f"bawaslu_{region}", "infopemilu"],
        }
        for _ in range(NEUTRAL_ENGAGEMENTS[self.split]):
            cand = self.cand()
            group = rng.choice(NEUTRAL_TARGET_GROUPS)
            i, t = rng.choice(split_of(PITFALLS[group], self.split))
            author = rng.choice(
                authors.get(group, [f"{rng.choice(FIRST_NAMES)}{rng.randint(1, 99)}"])
            )
            action = rng.choices(["like", "share", "comment", "follow"], [4, 2.5, 2.5, 1])[0]
            target_text = None if action == "follow" else r.render(t, cand)
            own, cap = "", "-"
            if action in ("share", "comment"):
                j, cap_t = rng.choice(captions)
                own, cap = r.render(cap_t, cand), f"{j:02d}"
            tid = f"pitfall.engagement.{action}/{group}.{i:02d}/{cap}"
            self.add(own, "NONE", tid, action, (author, target_text))


def build(contest: dict, split: str, seed: int = SEED) -> list[tuple[dict, dict]]:
    """(post, label) pairs of one contest, deterministic for a seed."""
    builder = _Builder(contest, split, random.Random(f"{seed}:{contest['slug']}:{split}"))
    builder.templates()
    builder.engagements()
    builder.neutral_engagements()
    builder.rng.shuffle(builder.items)
    return builder.items


def generate(out_dir: Path = CORPUS_DIR, seed: int = SEED) -> dict:
    out_dir = Path(out_dir)
    counts = {}
    for split, group in (("train", contests.TRAIN), ("heldout", contests.HELDOUT)):
        for contest in group:
            slug = contest["slug"]
            _write_json(out_dir / "contests" / f"{slug}.json", contest)
            items = build(contest, split, seed)
            _write_lines(out_dir / split / f"{slug}.posts.jsonl", [p for p, _ in items])
            _write_lines(out_dir / split / f"{slug}.labels.jsonl", [lab for _, lab in items])
            counts[slug] = {"split": split, "posts": len(items),
                            "violations": sum(lab["violation"] for _, lab in items)}  # fmt: skip
    manifest = {"seed": seed, "splits": {"train": [c["slug"] for c in contests.TRAIN],
                                         "heldout": [c["slug"] for c in contests.HELDOUT]},
                "counts": counts}  # fmt: skip
    _write_json(out_dir / "manifest.json", manifest)
    return manifest


def feed(n: int, seed: int = SEED, min_words: int = 25) -> list[tuple[dict, dict]]:
    """n (contest, post) pairs from every contest and template, for benchmarks; fillers make
    the text the detector reads (own text, or the engaged text of a like) min_words long."""
    pool = []
    for split, group in (("train", contests.TRAIN), ("heldout", contests.HELDOUT)):
        for contest in group:
            pool += [(contest, post) for post, _ in build(contest, split, seed)]
    rng = random.Random(seed)
    return [
        (contest, padded(post, rng, min_words))
        for contest, post in (rng.choice(pool) for _ in range(n))
    ]


def padded(post: dict, rng: random.Random, min_words: int = 25) -> dict:
    """A copy of `post` whose text the detector reads (its own, or the engaged text of a like)
    is at least `min_words` long, filled up with filler sentences."""
    post = {**post, "target": dict(post["target"]) if post["target"] else None}
    holder = post if post["text"] or not post["target"] else post["target"]
    while holder["text"] is not None and len(holder["text"].split()) < min_words:
        holder["text"] += " " + rng.choice(FILLERS)
    return post


def _write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_lines(path: Path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    print(json.dumps(generate(), indent=2))
