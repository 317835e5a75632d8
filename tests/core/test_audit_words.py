"""The audit trail reads in words: actions, field names and values in the active language, an
action or value nobody lent words for as itself."""

from django.utils import translation

from core.audit_words import action_words, changes_words, model_words


def test_actions_are_words_and_unknown_ones_show_as_themselves():
    with translation.override("id"):
        assert action_words("case.open") == "Kasus dibuka"
        assert (
            action_words("case.transition.recommend") == "Langkah: Rekomendasikan sanksi kepada PPK"
        )
        assert action_words("member.add") == "Anggota ditambahkan"
        assert action_words("something.new") == "something.new"
        assert model_words("cases.case") == "Kasus"
    with translation.override("en"):
        assert action_words("case.open") == "Case opened"


def test_changes_name_their_fields_and_say_their_values_in_words(db):
    changes = {
        "status": ["assessment", "recommended"],
        "due_at": ["2023-12-15", None],
        "violation_codes": ["ATTENDING_DECLARATION"],
        "reason": [None, "Sesuai rekomendasi"],
        "BAWASLU": ["manage", "read"],
    }
    with translation.override("id"):
        lines = changes_words("cases.case", changes)
    assert lines == [
        "Status: Penilaian oleh pengawas netralitas → Rekomendasi kepada PPK",
        "Batas waktu: 15 Des. 2023 → —",
        "Jenis pelanggaran: Menghadiri deklarasi calon",
        "Alasan: — → Sesuai rekomendasi",
        "BAWASLU: Kelola (tahap, berbagi, eskalasi) → Baca",
    ]
