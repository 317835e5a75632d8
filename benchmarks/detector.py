"""Throughput of `Detector.classify_batch` against a bare Aho-Corasick scan of the same texts.

python -m benchmarks.detector [n]
"""

import gc
import json
import sys
import time

import ahocorasick

from benchmarks.corpus.generator import feed
from cases.detection import keywords
from cases.detection.analysis import PostInput
from cases.detection.detector import Detector
from cases.detection.evaluation import post_input_from_ingest
from cases.detection.lexicon import ContestLexicon

CHUNK = 2000


def bench(n: int = 100_000, chunk: int = CHUNK) -> dict:
    """Posts per second of `classify_batch` (in chunks, after one warm-up chunk per contest) and
    of a bare Aho-Corasick scan over the same texts, on one core. CPU time is reported beside
    wall time because other processes on a shared machine slow the wall clock."""
    by_contest: dict[str, tuple[dict, list]] = {}
    for contest, post in feed(n):
        by_contest.setdefault(contest["slug"], (contest, []))[1].append(
            post_input_from_ingest(post)
        )
    detectors = {s: Detector(ContestLexicon.from_contest(c)) for s, (c, _) in by_contest.items()}
    texts = [t for _, posts in by_contest.values() for p in posts for t in (p.text, p.target_text)]
    texts = [t for t in texts if t]

    for slug, (_, posts) in by_contest.items():  # warm-up: load the model, fill chunk caches
        detectors[slug].classify_batch(posts[:chunk])

    def classify_all():
        return sum(
            v.violation
            for slug, (_, posts) in by_contest.items()
            for i in range(0, len(posts), chunk)
            for v in detectors[slug].classify_batch(posts[i : i + chunk])
        )

    automaton = bare_automaton([c for c, _ in by_contest.values()])
    violations, detector_wall, detector_cpu = _timed(classify_all)
    hits, scan_wall, scan_cpu = _timed(
        lambda: sum(1 for t in texts for _ in automaton.iter(t.lower()))
    )
    return {
        "posts": n,
        "mean_words_per_post": round(sum(len(t.split()) for t in texts) / n, 1),
        "chunk": chunk,
        "violations": violations,
        "classify_batch_posts_per_s": round(n / detector_wall),
        "classify_batch_posts_per_cpu_s": round(n / detector_cpu),
        "bare_scan_posts_per_s": round(n / scan_wall),
        "bare_scan_posts_per_cpu_s": round(n / scan_cpu),
        "bare_scan_hits": hits,
        "one_megabyte_post_s": round(_megabyte_post(detectors, by_contest), 4),
    }


def _megabyte_post(detectors, by_contest) -> float:
    """Seconds to classify and explain one post of a megabyte of the feed's own text (detection
    reads the documented prefix of it, `analysis.MAX_TEXT_CHARS`)."""
    slug, (_, posts) = next(iter(by_contest.items()))
    text = " ".join(p.text for p in posts if p.text)
    text = (text * (1_000_000 // max(len(text), 1) + 1))[:1_000_000]
    post = PostInput("x", "post", text, "bench")
    wall = time.perf_counter()
    detectors[slug].classify(post).explanation  # noqa: B018 (spans are worked out on read)
    return time.perf_counter() - wall


def _timed(run):
    # A worker holds one batch, not this 100,000-post feed: keep the feed out of the cyclic
    # collector's scans while timing.
    gc.collect()
    gc.freeze()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        return result, time.perf_counter() - wall, time.process_time() - cpu
    finally:
        gc.unfreeze()


def bare_automaton(contest_dicts) -> ahocorasick.Automaton:
    """The phrase banks and every contest string, matched as raw lower-case substrings."""
    words = {p for phrases in keywords.PHRASES.values() for p in phrases}
    for contest in contest_dicts:
        for c in contest["candidates"]:
            words.update([c["name"], c["running_mate"], *c["aliases"], *c["parties"]])
            words.update([*c["hashtags"], *c["slogans"]])
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w.lower(), w)
    automaton.make_automaton()
    return automaton


if __name__ == "__main__":
    print(json.dumps(bench(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), indent=2))
