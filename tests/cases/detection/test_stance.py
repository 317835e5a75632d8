"""Stance toward a contest's candidates, in the ways real posts take a side (hand-written here):
surnames and nicknames alone, camp epithets, derision, replies to a campaign account; and the
ways they do not: headlines, questions, everyday swears, jabs at both camps."""

import pytest

from cases.detection import ContestLexicon, Detector, PostInput

# A two-sided presidential contest of two well-known figures (public facts only).
PILPRES = {
    "slug": "pilpres-uji",
    "name": "Pemilihan Presiden (uji)",
    "kind": "pilpres",
    "voting_day": "2019-04-17",
    "candidates": [
        {"ballot_number": 1, "name": "Joko Widodo", "running_mate": "Ma'ruf Amin",
         "aliases": ["Jokowi"], "parties": ["PDI-P"], "hashtags": ["#2019TetapJokowi"],
         "accounts": [{"platform": "x", "handle": "jokowi"}]},
        {"ballot_number": 2, "name": "Prabowo Subianto", "running_mate": "Sandiaga Uno",
         "aliases": ["Prabowo"], "parties": ["Gerindra", "PKS"], "hashtags": [],
         "accounts": [{"platform": "x", "handle": "prabowo"}]},
    ],
    # What one camp calls the other's candidate, in the contest file itself.
    "epithets": [{"phrase": "si raja janji", "ballot_number": 2, "direction": "anti"}],
}  # fmt: skip


@pytest.fixture(scope="module")
def detector():
    return Detector(ContestLexicon.from_contest(PILPRES))


def verdict(detector, text, action="post", target_text=None, target_author=None):
    return detector.classify(PostInput("x", action, text, "asn", target_text, target_author))


@pytest.mark.parametrize(
    ("text", "ballot", "direction"),
    [
        ("Prabowo paling tegas, pemimpin idaman", 2, "pro"),  # a surname alone is a name
        ("Dasar cebong, kerjaannya cuma nyinyir", 1, "anti"),  # camp epithet, shipped knowledge
        ("Kampret kelojotan lagi liat survei pilpres", 2, "anti"),
        ("Si raja janji lagi kampanye, kasian rakyat", 2, "anti"),  # the contest's own epithet
        ("Jokowi goblok, tiap hari pencitraan wkwk", 1, "anti"),  # derision is campaigning
        ("#2019GantiPresiden harga mati!", 1, "anti"),
    ],
)
def test_takes_a_side(detector, text, ballot, direction):
    v = verdict(detector, text)
    assert v.violation and v.category == "SOCIAL_MEDIA_CAMPAIGN", v
    assert v.direction == direction
    # Two sides: against one candidate is for the other.
    assert v.candidate_ballot_number == (ballot if direction == "pro" else 3 - ballot)


@pytest.mark.parametrize(
    "text",
    [
        "Jokowi Resmikan Tol Trans Jawa Seksi Terakhir URL",  # a headline
        "Kata Prabowo, Debat Kedua Digelar Bulan Depan",
        "Jam berapa debat Jokowi sama Prabowo malam ini?",  # a question
        "YA ALLAH INI PROVIDER GAK KURANG KAMPRET APA KONEKSINYA",  # an everyday swear
        "KPU menetapkan Jokowi dan Prabowo sebagai pasangan calon",  # official information
        "Saya bukan tim sukses siapa pun, ASN harus netral",
    ],
)
def test_takes_no_side(detector, text):
    v = verdict(detector, text)
    assert not v.violation, v
    assert v.score < 0.5


def test_a_reply_to_the_campaign_account_engages_with_it(detector):
    v = verdict(detector, "@prabowo Mantap pak, lanjutkan perjuangan!")
    assert (v.category, v.candidate_ballot_number) == ("ENGAGEMENT_WITH_CAMPAIGN", 2)
    assert "campaign.account_target" in v.rules


def test_handles_a_reply_opens_with_are_the_thread_not_its_subject(detector):
    v = verdict(detector, "@USER @USER @jokowi @prabowo jam segini masih pada bangun aja")
    assert not v.violation, v


def test_a_like_of_a_campaign_post(detector):
    v = verdict(detector, "", "like", "Bersama kita menangkan Prabowo-Sandi!", "gerindra_fan")
    assert (v.category, v.candidate_ballot_number) == ("ENGAGEMENT_WITH_CAMPAIGN", 2)


def test_epithets_bind_to_the_candidate_and_the_time():
    """ "Kadrun" was aimed at Prabowo's camp in 2019 and at Anies's by 2024."""
    contest = {
        **PILPRES, "voting_day": "2024-02-14", "epithets": [],
        "candidates": [
            {"ballot_number": 1, "name": "Anies Baswedan", "aliases": ["Anies"]},
            {"ballot_number": 2, "name": "Prabowo Subianto", "aliases": ["Prabowo"]},
        ],
    }  # fmt: skip
    later = Detector(ContestLexicon.from_contest(contest))
    v = later.classify(PostInput("x", "post", "Dasar kadrun, bisanya cuma demo", "a"))
    assert (v.violation, v.direction, v.candidate_ballot_number) == (True, "anti", 2)
    v = verdict(Detector(ContestLexicon.from_contest(PILPRES)), "Dasar kadrun, bisanya demo")
    assert (v.violation, v.candidate_ballot_number) == (True, 1)  # 2019: against 02


def test_explanation_names_the_epithet(detector):
    text = "Dasar cebong, kerjaannya cuma nyinyir"
    v = verdict(detector, text)
    fired = {(e["rule"], e["text"]) for e in v.explanation}
    assert ("candidate.epithet", "cebong") in fired
    for e in v.explanation:
        assert text[e["span"][0] : e["span"][1]] == e["text"]
