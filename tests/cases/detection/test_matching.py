"""Patterns come from the contest data: another contest needs no code change."""

from benchmarks.corpus.contests import PILBUP_BANYUMAS, PILGUB_JATENG
from cases.detection import ContestLexicon, Detector, PostInput

from .support import PILWALKOT, classify, detector


def rules_of(verdict):
    return {(e["rule"], e["text"]) for e in verdict.explanation}


def test_names_aliases_pairs_parties_hashtags_slogans_accounts():
    cases = {
        "Dukung Teguh Wibowo": ("candidate.name", "Teguh Wibowo"),
        "Dukung Cak Teguh": ("candidate.name", "Cak Teguh"),
        "Dukung Mas Fajar": ("candidate.name", "Mas Fajar"),
        "Dukung Teguh-Rina": ("candidate.name", "Teguh-Rina"),
        # A common given name, with an honorific or not, only beside election talk.
        "Dukung Bu Rina di pilwalkot": ("candidate.alias", "Bu Rina"),
        "Dukung Partai Kota Baru": ("party.name", "Partai Kota Baru"),
        "Dukung PKB di pilwalkot": ("party.name", "PKB"),  # acronym of Partai Kota Baru
        "Mantap #suroboyomaju": ("candidate.hashtag", "#suroboyomaju"),
        "Suroboyo maju terus!": ("candidate.slogan", "Suroboyo maju terus"),
        "Mantap @FajarSiti02 pilwalkot": ("campaign.account_mention", "@FajarSiti02"),
        "Dukung paslon nomor 2": ("candidate.ballot_number", "paslon nomor 2"),
    }
    for text, hit in cases.items():
        assert hit in rules_of(classify(text)), text


def test_weak_references_need_election_context():
    assert ("candidate.alias", "Teguh") not in rules_of(classify("Teguh teman saya"))
    assert ("candidate.alias", "Teguh") in rules_of(classify("Teguh maju pilwalkot"))
    assert ("ballot.gesture_emoji", "✌") not in rules_of(classify("Liburan ✌️"))
    assert ("ballot.gesture_emoji", "✌") in rules_of(classify("Coblos ✌️ di pilwalkot"))
    assert ("candidate.ballot_number", "no. 2") in rules_of(classify("Pilwalkot: no. 2!"))
    assert "candidate.ballot_number" not in classify("Pilih no. 2 saja").rules


def test_numbers_of_other_things_are_not_ballot_numbers():
    assert "candidate.ballot_number" not in classify("Coblos di TPS nomor 2 ya, pilwalkot").rules


def test_longest_phrase_wins():
    verdict = classify("Saya bukan tim sukses Teguh Wibowo")
    assert "negation.self" in verdict.rules and "team.winning" not in verdict.rules


def test_another_contest_works_without_code_change():
    jateng = Detector(ContestLexicon.from_contest(PILGUB_JATENG))
    banyumas = Detector(ContestLexicon.from_contest(PILBUP_BANYUMAS))
    text = "Ayo coblos Joko Santoso nomor urut 4!"
    assert banyumas.classify(PostInput("x", "post", text, "a")).candidate_ballot_number == 4
    assert not jateng.classify(PostInput("x", "post", text, "a")).violation
    text = "Ayo coblos Bambang Wicaksono!"
    assert jateng.classify(PostInput("x", "post", text, "a")).candidate_ballot_number == 1
    assert not banyumas.classify(PostInput("x", "post", text, "a")).violation


def test_exclusions_dismiss_a_post():
    text = "Ikut lomba foto bareng maskot pilwalkot bersama Teguh Wibowo ✌️"
    verdict = classify(text)
    assert (verdict.violation, verdict.score) == (False, 0.0)
    assert ("exclusion", "lomba foto bareng maskot pilwalkot") in rules_of(verdict)
    # Without the exclusion the same post is a violation; analysts can add exclusions later.
    bare = Detector(ContestLexicon.from_contest({**PILWALKOT, "exclusions": []}))
    assert bare.classify(PostInput("x", "post", text, "a")).violation
    more = Detector(detector().analyzer.lexicon.with_exclusions(["ikut kampanye akbar"]))
    assert not more.classify(
        PostInput("x", "post", "Ikut kampanye akbar Teguh Wibowo", "a")
    ).violation


def test_exclusion_in_the_engaged_text():
    text = "Lomba foto bareng maskot pilwalkot, hadiah dari Teguh-Rina #TeguhRina"
    assert not classify("", "like", text, "warga").violation
