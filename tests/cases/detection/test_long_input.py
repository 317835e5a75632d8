"""Any input: the work per post grows linearly with its length, and detection reads a bounded
prefix of a text (the post itself is stored whole) and says so."""

import sys
from pathlib import Path

from cases.detection.analysis import MAX_TEXT_CHARS

from .support import classify

PACKAGE = str(Path(__file__).resolve().parents[3] / "cases" / "detection")
# Dense with hits (names, stance words, numbers, emoji) so every step of the rules runs often.
PIECE = "Ayo dukung Mas Fajar #FajarSiti coblos no 2 ✌️ jangan pilih Teguh Wibowo, janji palsu! "


def _lines_run(text: str) -> int:
    """Python lines the detector's package executes to classify and explain one post: a count
    of work that does not depend on the machine's speed."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.startswith(PACKAGE):
            count += event == "line"
            return tracer
        return None

    classify(text[: len(PIECE)])  # warm the caches the first post fills
    sys.settrace(tracer)
    try:
        verdict = classify(text)
        verdict.explanation  # noqa: B018 (spans are worked out on first read)
    finally:
        sys.settrace(None)
    return count


def test_work_grows_linearly_with_length():
    small, large = (_lines_run(PIECE * n) for n in (40, 160))
    assert 3.5 <= large / small <= 4.5, (small, large)


def test_a_text_longer_than_the_limit_is_read_up_to_it_and_flagged():
    text = PIECE * (MAX_TEXT_CHARS // len(PIECE) + 10)
    verdict = classify(text)
    assert verdict.violation and verdict.truncated
    assert "input.truncated" in verdict.rules
    assert all(e["span"][1] <= MAX_TEXT_CHARS for e in verdict.explanation)
    assert not classify(PIECE).truncated


def test_a_megabyte_post_reads_as_much_as_the_limit():
    assert _lines_run(PIECE * (1_000_000 // len(PIECE))) == _lines_run(
        PIECE * (2_000_000 // len(PIECE))
    )
