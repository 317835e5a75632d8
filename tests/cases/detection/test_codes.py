"""One hand-written post per violation code, on a contest the corpus never saw."""

import pytest

from benchmarks.corpus.contests import PILBUP_BANYUMAS
from cases.detection import ContestLexicon, Detector, PostInput

from .support import classify

CASES = {
    "SOCIAL_MEDIA_CAMPAIGN": [
        "Warga Surabaya, tgl 27 jangan lupa coblos nomor urut 2! Fajar Nugraha paling layak",
        "Jangan pilih Teguh Wibowo, janji palsu semua. Pilwalkot ini ganti!",
        "Pokoknya #FajarSiti, Suroboyo butuh Mas Fajar 🔥",
    ],
    "PHOTO_WITH_CANDIDATE": [
        "Alhamdulillah foto bareng Mas Fajar di acara warga tadi ✌️",
        "Selfie dulu sama Cak Teguh, salam satu jari ☝️",
    ],
    "CAMPAIGN_PROPS": [
        "Malam ini pasang baliho Teguh-Rina di depan rumah, biar tetangga tahu",
        "Stiker paslon 2 sudah nempel di kaca mobil dinas wkwk",
    ],
    "ATTENDING_DECLARATION": [
        "Hadir di deklarasi dukungan untuk Fajar Nugraha di GOR pagi ini",
    ],
    "CAMPAIGN_PARTICIPATION": [
        "Ikut kampanye akbar Teguh Wibowo di lapangan, rame bangeeet",
        "Tadi malam hadir sosialisasi program Mas Fajar di balai RW",
    ],
    "PARTISAN_ACTIVITY": [
        "Saya ajak seluruh staf kelurahan untuk mendukung Fajar-Siti di pilwalkot",
        "Bagi sembako dari Cak Teguh ke warga RW kami",
    ],
    "WINNING_TEAM": [
        "Resmi ditunjuk jadi koordinator relawan Teguh Wibowo di kecamatan kami",
    ],
    "APPROACHING_PARTY": [
        "Hari ini ambil formulir pendaftaran bakal calon wali kota di Partai Kota Baru",
    ],
    "PARTY_MEMBERSHIP": [
        "Alhamdulillah resmi jadi kader Partai Arek Mandiri, KTA sudah di tangan",
    ],
    "KTP_SUPPORT": [
        "Sudah serahkan fotokopi KTP untuk dukungan Fajar Nugraha jalur perseorangan",
    ],
    "BIASED_DECISION": [
        "Bantuan bedah rumah tahun ini hanya untuk warga pendukung Teguh Wibowo",
    ],
}


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, texts in CASES.items() for t in texts])
def test_each_violation_code(code, text):
    verdict = classify(text)
    assert (verdict.violation, verdict.category) == (True, code), verdict
    assert 0.5 <= verdict.score <= 1


def test_verdict_names_the_favoured_candidate():
    assert classify("Ayo coblos nomor urut 2, Mas Fajar pasti menang").candidate_ballot_number == 2
    assert classify("Pasang spanduk #TeguhRina di gang").candidate_ballot_number == 1


def test_campaigning_against_favours_the_rival_of_two_only():
    verdict = classify("Jangan pilih Teguh Wibowo, janji palsu semua")
    assert (verdict.category, verdict.direction) == ("SOCIAL_MEDIA_CAMPAIGN", "anti")
    assert verdict.candidate_ballot_number == 2  # two candidates: against one is for the other
    three = Detector(ContestLexicon.from_contest(PILBUP_BANYUMAS))
    verdict = three.classify(PostInput("x", "post", "Jangan pilih Kang Dedi, janji palsu", "a"))
    assert (verdict.violation, verdict.direction) == (True, "anti")
    assert verdict.candidate_ballot_number is None


def test_explanation_points_at_the_original_text():
    text = "Dukuuung #FajarSiti, coblos no. 2 ✌️"
    verdict = classify(text)
    assert verdict.violation
    for item in verdict.explanation:
        start, end = item["span"]
        assert item["field"] == "text" and text[start:end] == item["text"]
    fired = {(item["rule"], item["text"]) for item in verdict.explanation}
    assert {("candidate.hashtag", "#FajarSiti"), ("stance.pro.support", "Dukuuung")} <= fired
    assert set(verdict.rules) == {item["rule"] for item in verdict.explanation}
