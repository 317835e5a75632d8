"""The synthetic corpus: templates written for this project, generated into `data/`. It is a
regression test of the rules (every violation form and pitfall of DESIGN.md, on contests no code
knows) and the benchmarks' feed; detection is measured on real posts, not on it."""

import json
from pathlib import Path

from cases.detection.corpus_io import read_lines

CORPUS_DIR = Path(__file__).parent / "data"


def load_split(split: str, corpus_dir: Path = CORPUS_DIR) -> list[tuple[dict, list, list]]:
    """[(contest, posts, labels)] of a split as written by `generate`."""
    corpus_dir = Path(corpus_dir)
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for slug in manifest["splits"][split]:
        contest = json.loads((corpus_dir / "contests" / f"{slug}.json").read_text(encoding="utf-8"))
        posts = read_lines(corpus_dir / split / f"{slug}.posts.jsonl")
        labels = read_lines(corpus_dir / split / f"{slug}.labels.jsonl")
        out.append((contest, posts, labels))
    return out
