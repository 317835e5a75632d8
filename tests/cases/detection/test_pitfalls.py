"""The DESIGN.md detection pitfalls must come out NONE."""

import pytest

from .support import classify

PITFALLS = {
    "neutral news": [
        "KPU Surabaya menetapkan Teguh Wibowo dan Fajar Nugraha sebagai calon wali kota",
        "Dilansir media lokal, elektabilitas Mas Fajar dan Cak Teguh bersaing ketat",
    ],
    "official information": [
        "Jadwal pencoblosan pilwalkot tanggal 27 November, TPS buka jam 07.00",
        "Debat capres malam ini jam 19.00 di TV nasional",
        "Bawaslu mengingatkan ASN dilarang ikut kampanye",
        "Info resmi KPU: pengundian nomor urut paslon digelar Senin",
    ],
    "call to vote naming nobody": [
        "Ayo gunakan hak pilihmu, jangan golput!",
        "Siapapun pilihannya, tetap rukun ya warga Surabaya",
    ],
    "own neutrality": [
        "ASN harus netral, saya netral di pilwalkot ini",
        "Diundang ke deklarasi Fajar Nugraha tapi saya tidak hadir, ASN harus netral",
        "Saya bukan tim sukses siapa pun, jangan fitnah",
    ],
    "policy criticism": [
        "Kebijakan subsidi ini kurang tepat, banyak yang tidak tepat sasaran",
        "Tarif parkir naik lagi, perlu dievaluasi",
    ],
    "everyday numbers and fingers": [
        "Pilih menu nomor 2 untuk cek saldo",
        "Foto keluarga di pantai ✌️✌️",
        "Antrean nomor 02 dipanggil ke loket 3",
        "Rapat jam 2 di lantai 1, TPS 2 pindah ke balai RW",
        "Juara 1 lomba mewarnai ☝️",
    ],
    "everyday words": [
        "Dukung timnas Indonesia!",
        "Akhirnya lanjutkan kuliah S2 tahun depan",
        "Perubahan jadwal kereta mulai besok",
        "Pilih nomor 2 aja, warnanya lebih bagus",
    ],
    "a candidate's common first name": [
        "Pak Teguh tetangga saya tadi pagi ke pasar",
        "Selamat ulang tahun Fajar, teman sekantor paling rajin",
        "Resep sambal dari Bu Rina memang juara",
    ],
}


@pytest.mark.parametrize(
    ("pitfall", "text"), [(p, t) for p, texts in PITFALLS.items() for t in texts]
)
def test_pitfall_is_not_a_violation(pitfall, text):
    verdict = classify(text)
    assert (verdict.violation, verdict.category) == (False, "NONE"), (pitfall, verdict)
    assert verdict.score < 0.5
    assert verdict.candidate_ballot_number is None
