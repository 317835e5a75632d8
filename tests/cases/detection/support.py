"""Shared helpers (plain functions, no fixtures or database): a contest the corpus never saw and
its detector. Not a conftest, so the folder also runs alone with `-p no:django --noconftest`."""

from functools import cache

from cases.detection import ContestLexicon, Detector, PostInput, Verdict

# A fourth contest, written only for the tests: no code knows these names.
PILWALKOT = {
    "slug": "pilwalkot-test",
    "name": "Pemilihan Wali Kota (uji)",
    "kind": "pilkada",
    "region": {"code": "35.78", "name": "Surabaya"},
    "campaign_start": "2024-09-25",
    "campaign_end": "2024-11-23",
    "voting_day": "2024-11-27",
    "candidates": [
        {"ballot_number": 1, "name": "Teguh Wibowo", "running_mate": "Rina Marlina",
         "aliases": ["Cak Teguh"], "parties": ["Partai Kota Baru"],
         "hashtags": ["#TeguhRina", "#SuroboyoMaju"], "slogans": ["Suroboyo Maju Terus"],
         "accounts": [{"platform": "instagram", "handle": "teguhrina.official"}]},
        {"ballot_number": 2, "name": "Fajar Nugraha", "running_mate": "Siti Aminah",
         "aliases": ["Mas Fajar"], "parties": ["Partai Arek Mandiri", "Partai Pelangi"],
         "hashtags": ["#FajarSiti"], "slogans": ["Kota untuk Semua"],
         "accounts": [{"platform": "x", "handle": "FajarSiti02"}]},
    ],
    "exclusions": ["lomba foto bareng maskot pilwalkot"],
}  # fmt: skip


@cache
def detector() -> Detector:
    return Detector(ContestLexicon.from_contest(PILWALKOT))


def classify(text, action="post", target_text=None, target_author=None) -> Verdict:
    return detector().classify(PostInput("x", action, text, "asn.test", target_text, target_author))
