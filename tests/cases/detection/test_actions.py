"""Likes, shares, comments and follows."""

import pytest

from .support import classify, detector

CAMPAIGN_POST = "Terima kasih warga Surabaya! Bersama Teguh-Rina, Suroboyo Maju Terus #TeguhRina"
NEWS = "KPU Surabaya menetapkan dua pasangan calon wali kota dalam rapat pleno"


@pytest.mark.parametrize("action", ["like", "share", "comment", "follow"])
def test_engaging_with_a_campaign_account(action):
    own = "Mantap!" if action == "comment" else ""
    verdict = classify(own, action, "Program kerja kami untuk warga", "@teguhrina.official")
    assert (verdict.violation, verdict.category) == (True, "ENGAGEMENT_WITH_CAMPAIGN")
    assert verdict.candidate_ballot_number == 1
    account = [e for e in verdict.explanation if e["field"] == "target_author"]
    assert account == [{"rule": "campaign.account_target", "span": [0, 19],
                        "text": "@teguhrina.official", "field": "target_author"}]  # fmt: skip


def test_account_handles_match_without_at_and_case():
    assert classify("", "follow", None, "fajarsiti02").category == "ENGAGEMENT_WITH_CAMPAIGN"


def test_liking_content_that_promotes_a_candidate():
    verdict = classify("", "like", CAMPAIGN_POST, "warga_biasa_123")
    assert verdict.category == "ENGAGEMENT_WITH_CAMPAIGN"
    assert any(e["field"] == "target_text" for e in verdict.explanation)


def test_only_sharing_information_is_still_engagement():
    verdict = classify("Sekadar info ya", "share", CAMPAIGN_POST, "warga_biasa_123")
    assert verdict.category == "ENGAGEMENT_WITH_CAMPAIGN"


@pytest.mark.parametrize("action", ["like", "share", "comment"])
def test_engaging_with_neutral_news_is_fine(action):
    own = "Info penting" if action != "like" else ""
    verdict = classify(own, action, NEWS, "kabar_kota")
    assert (verdict.violation, verdict.category) == (False, "NONE")


def test_following_an_ordinary_account_is_fine():
    assert not classify("", "follow", None, "kabar_kota").violation


def test_a_post_ignores_any_target_fields():
    verdict = classify("Selamat pagi", "post", CAMPAIGN_POST, "@teguhrina.official")
    assert not verdict.violation


def test_own_words_decide_the_code_of_a_share():
    verdict = classify(
        "Saya resmi jadi koordinator relawan Cak Teguh!", "share", NEWS, "kabar_kota"
    )
    assert verdict.category == "WINNING_TEAM"


def test_batch_matches_single_classification():
    from cases.detection import PostInput

    posts = [
        PostInput("x", "post", "Ikut kampanye akbar Teguh Wibowo", "a"),
        PostInput("x", "like", "", "b", CAMPAIGN_POST, "warga"),
        PostInput("x", "post", "Dukung timnas!", "c"),
    ]
    assert detector().classify_batch(posts) == [detector().classify(p) for p in posts]
    assert detector().classify_batch([]) == []
