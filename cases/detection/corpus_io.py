"""Reading the shipped corpus (kept apart from the generator, which the detector never needs)."""

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent / "corpus"


def load_split(split: str, corpus_dir: Path = CORPUS_DIR) -> list[tuple[dict, list, list]]:
    """[(contest, posts, labels)] of a split as written by `generate`."""
    corpus_dir = Path(corpus_dir)
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for slug in manifest["splits"][split]:
        contest = json.loads((corpus_dir / "contests" / f"{slug}.json").read_text(encoding="utf-8"))
        posts = _read_lines(corpus_dir / split / f"{slug}.posts.jsonl")
        labels = _read_lines(corpus_dir / split / f"{slug}.labels.jsonl")
        out.append((contest, posts, labels))
    return out


def _read_lines(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
