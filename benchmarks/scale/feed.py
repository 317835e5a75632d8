"""The contests of a national season and their posts, written as the import files.

A pilpres and the pilkada serentak: a governor in every province but DI Yogyakarta (whose
governor is not elected) and a regent or mayor in every regency and city with a regional
government: 37 + 508 = 545 regional contests. Each copies the candidates of the synthetic
corpus contest of its kind (benchmarks/corpus/contests.py), so that the corpus generator's
posts of that kind are about its candidates. Posts go 40% to the pilpres and the rest evenly to
the regional contests; one in LINKED_POST_RATE is written by a civil servant's linked account
(those are what open cases)."""

import copy
import json
import random
from pathlib import Path

from benchmarks.corpus import contests as corpus
from benchmarks.corpus.generator import SEED, build, padded

from .registry import handle, read_regions

PILPRES_SHARE = 0.4
LINKED_POST_RATE = 10_000
NOT_ELECTED = {"34"}  # DI Yogyakarta: the Sultan is governor


def contests() -> list[dict]:
    """The pilpres first, then the 545 regional contests, in the contest import format."""
    season = [copy.deepcopy(corpus.PILPRES)]
    upper, _ = read_regions()
    for code, name, level in upper:
        if level == "province" and code not in NOT_ELECTED:
            base, slug = corpus.PILGUB_JATENG, f"pilgub-{code}-2024"
            title = f"Pemilihan Gubernur {name} 2024 (fiktif)"
        elif level == "regency" and "Administrasi" not in name:
            base, slug = corpus.PILBUP_BANYUMAS, f"pilkada-{code.replace('.', '-')}-2024"
            office = "Wali Kota" if name.startswith("Kota ") else "Bupati"
            title = f"Pemilihan {office} {name.split(' ', 1)[1]} 2024 (fiktif)"
        else:
            continue
        contest = copy.deepcopy(base)
        contest.update(slug=slug, name=title, region={"code": code, "name": name})
        season.append(contest)
    return season


def write_contests(directory: Path, season: list[dict]) -> list[Path]:
    paths = []
    for contest in season:
        path = directory / f"{contest['slug']}.json"
        path.write_text(json.dumps(contest, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def shares(posts: int, contest_count: int) -> list[int]:
    """Posts per contest, the pilpres first: they add up to `posts`."""
    pilpres = round(posts * PILPRES_SHARE)
    each, extra = divmod(posts - pilpres, contest_count - 1)
    return [pilpres] + [each + (i < extra) for i in range(contest_count - 1)]


def write_posts(directory: Path, season: list[dict], posts: int, asn: int) -> list[Path]:
    """One JSON-lines file per contest; posts are streamed to disk, never held."""
    pools = {
        base["slug"]: [post for post, _ in build(base, split)]
        for base, split in (
            (corpus.PILPRES, "train"),
            (corpus.PILGUB_JATENG, "train"),
            (corpus.PILBUP_BANYUMAS, "heldout"),
        )
    }
    rng, paths = random.Random(SEED), []
    for contest, count in zip(season, shares(posts, len(season)), strict=True):
        pool = pools[_base_slug(contest)]
        path = directory / f"{contest['slug']}.jsonl"
        with open(path, "w", encoding="utf-8") as file:
            for n in range(count):
                post = padded(pool[rng.randrange(len(pool))], rng)
                post["external_id"] = f"{contest['slug']}-{n:08d}"
                if asn and rng.randrange(LINKED_POST_RATE) == 0:
                    post["platform"], author = _linked_account(rng, asn)
                    post["author"] = {"handle": author, "display_name": author}
                file.write(json.dumps(post, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _base_slug(contest: dict) -> str:
    """The corpus contest whose candidates it has: the pilpres, a governor's or a regent's."""
    if contest["kind"] == "pilpres":
        return corpus.PILPRES["slug"]
    regional = "." in contest["region"]["code"]
    return (corpus.PILBUP_BANYUMAS if regional else corpus.PILGUB_JATENG)["slug"]


def _linked_account(rng: random.Random, asn: int) -> tuple[str, str]:
    while (account := handle(rng.randrange(asn))) is None:
        pass
    return account
