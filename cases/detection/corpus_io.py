"""Reading labelled sets of real posts in the layout `posts.jsonl` (ingest lines with a
"contest" slug), `labels.jsonl` and `contests/<slug>.json`."""

import json
from pathlib import Path


def read_lines(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_labelled(corpus_dir: Path, contests=None) -> list[tuple[dict, list, list]]:
    """[(contest, posts, labels)] of a labelled set of real posts, per contest (all, or the slugs
    in `contests`)."""
    corpus_dir = Path(corpus_dir)
    posts, labels = {}, {}
    for post in read_lines(corpus_dir / "posts.jsonl"):
        posts.setdefault(post["contest"], []).append(post)
    for label in read_lines(corpus_dir / "labels.jsonl"):
        labels.setdefault(label["contest"], []).append(label)
    out = []
    for slug in sorted(posts):
        if contests and slug not in contests:
            continue
        path = corpus_dir / "contests" / f"{slug}.json"
        out.append(
            (json.loads(path.read_text(encoding="utf-8")), posts[slug], labels.get(slug, []))
        )
    if contests and len(out) != len(set(contests)):
        missing = sorted(set(contests) - {contest["slug"] for contest, _, _ in out})
        raise ValueError(f"no posts of contest(s) {', '.join(missing)} in {corpus_dir}")
    return out
