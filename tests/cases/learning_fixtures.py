"""A synthetic contest the shipped model gets wrong, for the learning tests (imported by name).
Invented candidates; no real post is copied.

Every post quotes the ballot draw as official news ("nomor urut 1 ... sudah diundi KPU"). The
partisan ones then take a side in local idioms no phrase bank has ("warga gang kami bulat ke
sana"); the neutral ones add election logistics. A candidate's ballot number reads as
campaigning to the shipped detector, so it raises false alarms on the neutral half; the
analysts' reviews teach a model which endings take a side.
"""

import json
import random

import pytest
from django.utils import timezone

from cases.importers import import_contest, import_posts, record_sha256

CONTEST = {
    "slug": "pilbup-learning-2024",
    "name": "Pilbup Lembah Hijau 2024 (fiktif)",
    "kind": "pilkada",
    "region": {"code": "", "name": "Indonesia"},
    "campaign_start": "2024-09-25",
    "campaign_end": "2024-11-23",
    "voting_day": "2024-11-27",
    "candidates": [
        {
            "ballot_number": 1,
            "name": "Hasan Basri",
            "running_mate": "Rina Marlina",
            "aliases": ["Pak Hasan"],
            "parties": ["Partai Lumbung Desa"],
            "hashtags": ["#HasanRina"],
            "slogans": ["Desa Bangkit"],
            "accounts": [{"platform": "x", "handle": "hasanrina_official"}],
        },
        {
            "ballot_number": 2,
            "name": "Yudi Pratama",
            "running_mate": "Sari Dewi",
            "aliases": ["Pak Yudi"],
            "parties": ["Partai Tenun Bangsa"],
            "hashtags": ["#YudiSari"],
            "slogans": ["Kota Teduh"],
            "accounts": [],
        },
    ],
}
FRAMES = [
    "Nomor urut {n} {name} sudah diundi KPU",
    "KPU tetapkan {name} nomor urut {n}",
    "Info KPU: {name} dapat nomor urut {n}",
    "Hasil pengundian KPU, {name} nomor urut {n}",
]
IDIOMS = [
    "warga gang kami bulat ke sana",
    "sekampung kami satu suara untuk beliau",
    "harga mati buat keluarga kami",
    "sudah tidak bisa ditawar lagi",
    "kami sekeluarga sudah bulat",
    "satu rumah satu suara buat beliau",
    "RT kami kompak ke sana semua",
    "pokoknya beliau, titik",
]
LOGISTICS = [
    "debat pertama pekan depan",
    "jadwal kampanye diumumkan besok",
    "cek DPT di laman KPU",
    "masa tenang mulai 24 November",
    "pemungutan suara 27 November",
    "logistik mulai didistribusikan",
    "simak visi misi di laman KPU",
    "tahapan berikutnya penetapan DPT",
]
CODE = "SOCIAL_MEDIA_CAMPAIGN"


def synthetic_posts(prefix: str, partisan: int, neutral: int, seed: int) -> list[dict]:
    """Posts in the ingest format; external ids say which kind they are ("...-partisan-3")."""
    rng, posts = random.Random(seed), []
    for kind, count, endings in (("partisan", partisan, IDIOMS), ("neutral", neutral, LOGISTICS)):
        for i in range(count):
            candidate = rng.choice(CONTEST["candidates"])
            frame = rng.choice(FRAMES).format(n=candidate["ballot_number"], name=candidate["name"])
            external_id = f"{prefix}-{kind}-{i}"
            posts.append(
                {
                    "platform": "x",
                    "external_id": external_id,
                    "author": {"handle": f"asn_{prefix}_{kind}_{i}"},
                    "action": "post",
                    "text": f"{frame}, {rng.choice(endings)}",
                    "target": None,
                    "url": f"https://x.example/{external_id}",
                    "posted_at": "2024-10-01T08:00:00+07:00",
                }
            )
    return posts


def captured(contest, external_id: str, text: str = "", handle: str = "asn_learning"):
    """A Post row written directly (no detection run), captured by BSSN's feed."""
    from agencies.models import Agency
    from cases.models import Post, SocialAccount

    author, _ = SocialAccount.objects.get_or_create(platform="x", handle=handle)
    record = {"platform": "x", "external_id": external_id, "action": "post", "text": text,
              "author": {"handle": handle}, "target": None}  # fmt: skip
    return Post.objects.create(
        platform="x",
        external_id=external_id,
        author=author,
        text=text,
        captured_at=timezone.now(),
        record=record,
        record_sha256=record_sha256(record),
        contest=contest,
        source_agency=Agency.objects.get(code="BSSN"),
    )


def is_partisan(external_id: str) -> bool:
    return "-partisan-" in external_id


@pytest.fixture
def learning_contest(system):
    return import_contest(system, json.dumps(CONTEST)).job.contest


@pytest.fixture
def ingest_into(system, in_process_tasks, django_capture_on_commit_callbacks):
    """ingest_into(contest, posts): imported and detected at once (tasks in-process)."""

    def run(contest, posts):
        with django_capture_on_commit_callbacks(execute=True):
            return import_posts(system, [json.dumps(p) + "\n" for p in posts], contest)

    return run
