"""Indonesian text normalisation for the detector.

A post is cut at whitespace into chunks ("Budi-Sari,", "#Coblos02", "✌️"); each chunk becomes
normalised words: lower case, elongation collapsed ("dukuuung" -> "dukung"), slang expanded ("yg"
-> "yang"), number words as digits ("dua" -> "2"), zero-padded numbers and keycaps as ballot
forms ("02", "2️⃣" -> "nomor 2"), finger emoji as gestures ("✌️" -> "2 jari"), hashtags split
into words after a "#" word ("#Coblos02" -> "# coblos nomor 2"). The words are joined into one
space-padded string that the multi-pattern matcher scans; `NormalizedText.spans` maps a match
back to the original characters.

Speed matters (tens of thousands of posts a second): each distinct chunk is normalised once and
cached, so the per-post work is one `str.split` and one dict lookup per chunk; original spans
are computed only when an explanation needs them.

Glossary: paslon = candidate pair (pasangan calon); coblos = punch the ballot, i.e. vote.
"""

import json
import re
from bisect import bisect_left
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from . import keywords

TOKEN_RE = re.compile(
    r"\d\ufe0f?\u20e3"  # keycap digit, 2️⃣
    r"|#\w+"
    r"|@[\w.]*\w"
    r"|\d+(?:[.,:/]\d+)+"  # times, dates, amounts: never ballot numbers
    r"|[^\W_]+"
    r"|[\u2600-\u27bf\U0001f300-\U0001faff]"  # one emoji code point (FE0F and ZWJ are skipped)
)
_RUNS_RE = re.compile(r"\d+|[^\W\d_]+")  # letter and digit runs inside "coblos02"
_HASHTAG_PART_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")
_MARK_RE = re.compile("\x01")
_CAMEL_RE = re.compile(r"[a-z][A-Z][a-z]")
_ELONG_RE = re.compile(r"([^\W\d_])\1{2,}")
_SPLIT_RE = re.compile(r"[^\W_]+")

EMOJI = {
    "☝": "1 jari", "👆": "1 jari", "✌": "2 jari", "🤟": "3 jari", "🖐": "5 jari", "✋": "5 jari",
    "👍": "jempol", "👌": "oke", "💪": "semangat", "🔥": "mantap", "❤": "cinta", "😍": "cinta",
    "🥰": "cinta", "📸": "foto", "🤳": "selfie", "🗳": "pemilu", "😂": "wkwk", "🤣": "wkwk",
    "😆": "wkwk", "😅": "wkwk", "😹": "wkwk", "🙏": "aamiin", "👏": "bravo", "🤮": "muak",
    "💩": "taik", "🤬": "marah", "😡": "marah", "😭": "nangis", "🐸": "kodok", "🐷": "babi",
    "🐒": "monyet", "🐵": "monyet", "🐪": "onta", "🐫": "onta", "🦇": "kampret",
}  # fmt: skip
# Clitics and particles written onto a word: "jokowinya", "kampretlah", "ahokpun".
CLITICS = ("nya", "lah", "kah", "pun", "mu", "ku")
NUMBER_WORDS = {
    "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5", "enam": "6", "tujuh": "7",
    "delapan": "8", "sembilan": "9", "sepuluh": "10",
}  # fmt: skip
# Domain slang missing from the dictionary (written for this project). "dpt" stays: in elections
# it is the voter list (daftar pemilih tetap), not "dapat".
EXTRA_SLANG = {
    "ga": "tidak", "gak": "tidak", "gk": "tidak", "engga": "tidak", "enggak": "tidak",
    "ngga": "tidak", "tak": "tidak", "gausah": "tidak usah", "bkn": "bukan", "dr": "dari",
    "sdh": "sudah", "udh": "sudah", "dah": "sudah", "org": "orang", "tmn": "teman",
    "skrg": "sekarang", "emg": "memang", "gmn": "bagaimana", "dlm": "dalam", "sm": "sama",
    "dg": "dengan", "sbg": "sebagai", "kmrn": "kemarin", "bsk": "besok", "tgl": "tanggal",
    "jd": "jadi", "jdi": "jadi", "bnyk": "banyak", "kt": "kita", "pk": "pak", "bp": "bapak",
    "yuk": "ayo", "yok": "ayo", "kuy": "ayo", "hayuk": "ayo", "nmr": "nomor", "nomer": "nomor",
    "nmor": "nomor", "nomr": "nomor", "timses": "tim sukses", "poto": "foto", "selfi": "selfie",
    "mantul": "mantap betul", "pemkot": "pemerintah kota", "pemkab": "pemerintah kabupaten",
    "dpt": "dpt", "fc": "fotokopi", "fotocopy": "fotokopi",
}  # fmt: skip


def words_of(text: str) -> list[str]:
    """The lower-case letter and digit runs of a text, before any normalisation."""
    return _SPLIT_RE.findall(text.lower())


def _load_slang() -> dict[str, str]:
    path = Path(__file__).parent / "data" / "slang-id.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.update(EXTRA_SLANG)
    # Single-word keys only: tokens never contain spaces. Values are re-tokenised ("laki-laki").
    return {k: " ".join(words_of(v)) for k, v in raw.items() if _SPLIT_RE.fullmatch(k)}


SLANG = _load_slang()
BASE_VOCAB = frozenset(
    {w for v in SLANG.values() for w in v.split()}
    | {w for phrases in keywords.PHRASES.values() for p in phrases for w in words_of(p)}
)


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Normalizer:
    """Normalises texts, caching each distinct whitespace chunk.

    `vocab` helps two guesses: which elongated letter was a real double ("maaaf" -> "maaf"), and
    how to cut an all-lowercase hashtag into words ("#coblosbudi" -> "coblos budi"). The detector
    passes the contest's names so hashtags that concatenate them are split too.
    """

    MAX_CACHE = 100_000  # distinct chunks kept per normaliser (a few tens of MB at most)

    def __init__(self, vocab=()):
        self.vocab = BASE_VOCAB | {w for v in vocab for w in words_of(v)}
        self._norms: dict[str, str] = {}  # chunk -> normalised words
        self._parts: dict[str, tuple] = {}  # chunk -> ((words, start, end), ...) for spans

    def __call__(self, text: str) -> "NormalizedText":
        chunks = text.split()
        norm = list(map(self._norms.get, chunks))
        if None in norm:
            norm = [n if n is not None else self._miss(c) for c, n in zip(chunks, norm)]
        return NormalizedText(text, chunks, norm, self)

    def _miss(self, chunk: str) -> str:
        if len(self._norms) > self.MAX_CACHE:
            self._norms.clear()
            self._parts.clear()
        parts = self.parts(chunk)
        value = self._norms[chunk] = " ".join(p[0] for p in parts)
        return value

    def parts(self, chunk: str) -> tuple[tuple[str, int, int], ...]:
        """(normalised words, start, end) of each token of a chunk, offsets within the chunk;
        tokens that normalise to nothing (an unknown emoji) are left out."""
        if (cached := self._parts.get(chunk)) is not None:
            return cached
        parts = []
        for m in TOKEN_RE.finditer(chunk):
            raw, start = m.group(), m.start()
            if raw[0] == "#":
                parts += [(w, start + a, start + b) for w, a, b in self.hashtag_parts(raw) if w]
            elif words := self._token(raw):
                parts.append((words, start, m.end()))
        self._parts[chunk] = parts = tuple(parts)
        return parts

    def _token(self, raw: str) -> str:
        if raw[0] == "@":
            return raw.lower()
        if raw[-1] == "\u20e3":
            return "nomor " + raw[0]
        if raw in EMOJI or not raw[0].isalnum():
            return EMOJI.get(raw, "")
        if not _SPLIT_RE.fullmatch(raw):  # "07.00", "14/02/2024"
            return raw
        low = raw.lower()
        if low in SLANG:
            return SLANG[low]
        if _CAMEL_RE.search(raw):  # a hashtag written without "#": "GaduhKarenaAhok"
            return " ".join(self.word(m.group().lower()) for m in _HASHTAG_PART_RE.finditer(raw))
        return " ".join(self.word(run) for run in _RUNS_RE.findall(low))

    def word(self, w: str) -> str:
        """Normalise one lower-case letter run or digit run."""
        if w.isdigit():
            if len(w) == 2 and w[0] == "0" and w != "00":
                return "nomor " + w[1]  # "02" is how ballot numbers are written
            return (w.lstrip("0") or "0") if len(w) <= 3 else w
        if _ELONG_RE.search(w):
            w = self._collapse(w)
        if w in SLANG:
            return SLANG[w]
        if w not in self.vocab and w.endswith(CLITICS):  # "cebongnya" -> "cebong nya"
            for clitic in CLITICS:
                stem = w[: -len(clitic)]
                if w.endswith(clitic) and len(stem) > 3 and stem in self.vocab:
                    return f"{stem} {clitic}"
        return NUMBER_WORDS.get(w, w)

    def _collapse(self, w: str) -> str:
        single = _ELONG_RE.sub(r"\1", w)
        if single in self.vocab or single in SLANG:
            return single
        double = _ELONG_RE.sub(r"\1\1", w)
        return double if double in self.vocab or double in SLANG else single

    def hashtag_parts(self, raw: str) -> list[tuple[str, int, int]]:
        """(normalised words, start, end) of each part of a hashtag, offsets within `raw`."""
        parts = [("#", 0, 1)]  # kept as a word: a campaign hashtag must be written as one
        for m in _HASHTAG_PART_RE.finditer(raw, 1):
            if m.group().isalpha() and m.group().islower():
                parts.extend(self._segment(m.group(), m.start()))
            else:
                parts.append((self.word(m.group().lower()), m.start(), m.end()))
        return parts

    def _segment(self, low: str, offset: int) -> list[tuple[str, int, int]]:
        """Cut an all-lowercase run into known words (fewest pieces), or keep it whole."""
        if len(low) < 6 or len(low) > 40 or low in self.vocab or low in SLANG:
            return [(self.word(low), offset, offset + len(low))]
        best: list = [[]] + [None] * len(low)  # best[i]: fewest pieces covering low[:i]
        for end in range(2, len(low) + 1):
            for start in range(max(0, end - 20), end - 1):
                if (
                    best[start] is not None
                    and low[start:end] in self.vocab
                    and (best[end] is None or len(best[start]) + 1 < len(best[end]))
                ):
                    best[end] = best[start] + [(start, end)]
        if best[-1] is None:
            return [(self.word(low), offset, offset + len(low))]
        return [(self.word(low[a:b]), offset + a, offset + b) for a, b in best[-1]]


class NormalizedText:
    """A text's whitespace chunks, their normalised forms and the padded string the matcher
    scans: " " + the normalised words joined by single spaces + " " (chunks that normalise to
    nothing, like "-" or an unknown emoji, are skipped)."""

    __slots__ = (
        "source",
        "chunks",
        "norm",
        "padded",
        "_normalizer",
        "_marked",
        "_offsets",
        "_kept",
    )

    def __init__(self, source: str, chunks: list[str], norm: list[str], normalizer: Normalizer):
        self.source = source
        self.chunks = chunks
        self.norm = norm
        # A mark between chunks lets `spans` find the chunk a match falls in.
        self._marked = marked = "\x01" + "\x01".join(filter(None, norm)) + "\x01"
        self.padded = marked.replace("\x01", " ")
        self._normalizer = normalizer
        self._offsets = self._kept = None

    @property
    def words(self) -> list[str]:
        return self.padded.split()

    @property
    def tokens(self) -> list[Token]:
        """Every normalised word with the span of original text it came from."""
        offsets = self._layout()[0]
        return [
            Token(w, offsets[k] + a, offsets[k] + b)
            for k, chunk in enumerate(self.chunks)
            for words, a, b in self._normalizer.parts(chunk)
            for w in words.split()
        ]

    def spans(self, ranges) -> list[tuple[int, int]]:
        """Original [start, end) of each padded-string range (start, end, ...) (matcher hits
        work as they are)."""
        offsets, kept = self._layout()
        marked, chunks = self._marked, self.chunks
        # Where each mark is: a hit's chunk is found by bisection, so explaining every hit of a
        # long text stays linear in its length.
        marks = [m.start() for m in _MARK_RE.finditer(marked)]
        cache, parts_of = self._normalizer._parts, self._normalizer.parts
        out = []
        for r in ranges:
            cstart, cend = r[0], r[1]
            # Marks before a position = 1 + index of its chunk among the chunks with words.
            first = bisect_left(marks, cstart) - 1
            last = bisect_left(marks, cend - 1) - 1
            if kept:
                first, last = kept[first], kept[last]
            parts = cache.get(chunks[first]) or parts_of(chunks[first])
            a = parts[0][1] if len(parts) == 1 else _part_at(parts, marked, cstart)[1]
            if last != first:
                parts = cache.get(chunks[last]) or parts_of(chunks[last])
            b = parts[0][2] if len(parts) == 1 else _part_at(parts, marked, cend - 1)[2]
            out.append((offsets[first] + a, offsets[last] + b))
        return out

    def _layout(self):
        """Where each chunk starts in the source, and the indices of the chunks that have words
        (None: all of them)."""
        if self._offsets is None:
            chunks, src, norm = self.chunks, self.source, self.norm
            offsets = list(accumulate(map((1).__add__, map(len, chunks)), initial=0))
            if offsets[-1] - 1 != len(src):  # not a single whitespace character between chunks
                offsets, pos = [], 0
                for chunk in chunks:
                    pos = src.find(chunk, pos)
                    offsets.append(pos)
                    pos += len(chunk)
            self._offsets = offsets
            self._kept = [i for i, n in enumerate(norm) if n] if "" in norm else None
        return self._offsets, self._kept


def _part_at(parts, marked: str, position: int) -> tuple[str, int, int]:
    """The part of a chunk whose normalised words cover `position` of the padded string."""
    at = position - marked.rfind("\x01", 0, position) - 1  # offset within the chunk's words
    pos = 0
    for part in parts:
        pos += len(part[0]) + 1
        if at < pos:
            return part
    return parts[-1]


DEFAULT = Normalizer()


def normalize(text: str) -> NormalizedText:
    """Normalise with the contest-independent default normaliser."""
    return DEFAULT(text)
