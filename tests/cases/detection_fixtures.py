"""Fixtures and builders shared by the import and detection tests (imported by name)."""

import copy
import json

import pytest

from benchmarks.corpus import CORPUS_DIR
from cases.importers import import_accounts, import_asn, import_contest, import_posts
from config.celery import app as celery_app

CONTEST = json.loads((CORPUS_DIR / "contests" / "pilbup-banyumas-2024.json").read_text())
SLUG = CONTEST["slug"]
ASN_HEADER = "nip,name,institution,position,region_code,employment_type\n"
# Texts the shipped detector scores far above the default case threshold, and far below.
CAMPAIGN = "Ayo coblos nomor urut 2 Ani Suryani - Yusuf Maulana! #AniYusuf #BanyumasBerkah"
NEUTRAL = "Saya ASN netral, tidak memihak. Selamat pagi Banyumas"


def nip(serial: int, gender: int = 1) -> str:
    """A valid NIP: born 1985-03-12, appointed 2010-01."""
    return f"19850312201001{gender}{serial:03d}"


def pppk_nip(serial: int, gender: int = 1) -> str:
    """A valid NI PPPK: born 1985-03-12, appointed 2021, code 21."""
    return f"19850312202121{gender}{serial:03d}"


def post(
    external_id, text=CAMPAIGN, handle="budi_bms", action="post", target=None, platform="instagram"
) -> dict:
    return {
        "platform": platform,
        "external_id": external_id,
        "author": {"handle": handle, "display_name": handle.title()},
        "action": action,
        "text": text,
        "target": target,
        "url": f"https://{platform}.example/{external_id}",
        "posted_at": "2024-10-01T08:00:00+07:00",
    }


def lines(*records) -> list[str]:
    return [json.dumps(r) + "\n" for r in records]


def contest_json(**changes) -> str:
    data = copy.deepcopy(CONTEST)
    data.update(changes)
    return json.dumps(data)


@pytest.fixture
def in_process_tasks():
    """Tasks run in the test's process, whatever broker the environment configures."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def contest(system):
    return import_contest(system, contest_json()).job.contest


@pytest.fixture
def banyumas_asn(system):
    """Two civil servants of the Banyumas regency government; the first runs @budi_bms."""
    import_asn(
        system,
        [
            ASN_HEADER,
            f"{nip(1)},Budi Santoso,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS\n",
            f"{pppk_nip(2, 2)},Sri Lestari,Pemerintah Kabupaten Banyumas,Guru,33.02,PPPK\n",
        ],
    )
    import_accounts(system, ["nip,platform,handle\n", f"{nip(1)},instagram,budi_bms\n"])
    from cases.models import CivilServant

    return list(CivilServant.objects.order_by("nip"))


@pytest.fixture
def ingest(system, contest, in_process_tasks, django_capture_on_commit_callbacks):
    """ingest(*records or raw lines, **kwargs) -> ImportResult, detection run as batches commit."""

    def run(*records, actor=None, **kwargs):
        feed = [r if isinstance(r, str) else json.dumps(r) + "\n" for r in records]
        with django_capture_on_commit_callbacks(execute=True):
            return import_posts(actor or system, feed, contest, **kwargs)

    return run


class ScriptedDetector:
    """Verdicts read from the post's text, "[0.7 PHOTO_WITH_CANDIDATE 2] ...": routing tests
    choose scores exactly, whatever the shipped model would say."""

    def classify_batch(self, posts):
        from cases.detection import Verdict

        verdicts = []
        for p in posts:
            if not p.text.startswith("["):
                verdicts.append(Verdict(False, "NONE", 0.0, []))
                continue
            score, code, *ballot = p.text[1 : p.text.index("]")].split()
            verdicts.append(
                Verdict(
                    True,
                    code,
                    float(score),
                    ["scripted"],
                    int(ballot[0]) if ballot else None,
                    explained=[{"rule": "scripted", "span": [0, 1], "text": "[", "field": "text"}],
                )
            )
        return verdicts


@pytest.fixture
def scripted(monkeypatch):
    monkeypatch.setattr(
        "cases.services.detection.detector_for", lambda contest: (ScriptedDetector(), "scripted-1")
    )
