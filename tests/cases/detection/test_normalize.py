import pytest

from cases.detection import normalize


def words(text):
    return normalize(text).words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bangeeet", ["banget"]),
        ("dukuuuung", ["dukung"]),
        ("maaaf", ["maaf"]),  # the double letter is kept where the word has one
        ("tinggi", ["tinggi"]),  # a real double letter is not an elongation
    ],
)
def test_elongation(text, expected):
    assert words(text) == expected


def test_slang_from_dictionary_and_project_additions():
    assert words("yg gw tdk bs") == ["yang", "saya", "tidak", "bisa"]
    assert words("gak ikut timses") == ["tidak", "ikut", "tim", "sukses"]


def test_number_words_and_zero_padded_numbers():
    assert words("dua tiga") == ["2", "3"]
    assert words("01") == ["nomor", "1"]
    assert words("jam 07.00 tgl 14/02/2024") == ["jam", "07.00", "tanggal", "14/02/2024"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no 2", ["no", "2"]),
        ("no. 2", ["no", "2"]),
        ("nomer 1", ["nomor", "1"]),
        ("nomor urut 02", ["nomor", "urut", "nomor", "2"]),
        ("paslon 3", ["paslon", "3"]),
        ("#02", ["#", "nomor", "2"]),
        ("2\ufe0f\u20e3", ["nomor", "2"]),
    ],
)
def test_ballot_forms(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☝️", ["1", "jari"]),
        ("✌️", ["2", "jari"]),
        ("✌🏽", ["2", "jari"]),  # skin tone ignored
        ("🤟", ["3", "jari"]),
        ("salam dua jari", ["salam", "2", "jari"]),
        ("👍", ["jempol"]),
        ("🙂", []),  # other emoji are dropped
    ],
)
def test_finger_emoji(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#AniesMuhaimin", ["#", "anies", "muhaimin"]),
        ("#Coblos02", ["#", "coblos", "nomor", "2"]),
        ("#lanjutkan_pembangunan", ["#", "lanjutkan", "pembangunan"]),
        ("#AMIN", ["#", "amin"]),
        ("#dukungpaslon", ["#", "dukung", "paslon"]),  # lower case: cut into known words
    ],
)
def test_hashtag_splitting(text, expected):
    assert words(text) == expected


def test_tokens_point_at_original_characters():
    text = "Dukuuung Pak Budi!! #BudiSariMenang ✌️ no. 2"
    tokens = normalize(text).tokens
    assert [(t.text, text[t.start : t.end]) for t in tokens] == [
        ("dukung", "Dukuuung"), ("pak", "Pak"), ("budi", "Budi"), ("#", "#"), ("budi", "Budi"),
        ("sari", "Sari"), ("menang", "Menang"), ("2", "✌"), ("jari", "✌"), ("no", "no"),
        ("2", "2"),
    ]  # fmt: skip


def test_spans_of_phrases_cover_the_original_text():
    text = "Ayo  coblos\n\nBudi - Sari,  #Coblos02 🙏"
    nt = normalize(text)
    for phrase, original in [
        ("coblos budi sari", "coblos\n\nBudi - Sari"),
        ("coblos nomor 2", "Coblos02"),
    ]:
        start = nt.padded.index(phrase)
        ((a, b),) = nt.spans([(start, start + len(phrase))])
        assert text[a:b] == original
