"""Violation detection: classifies one social-media action of a civil servant (ASN) into a
DESIGN.md violation code or NONE, with a score and the rules that fired on which spans.

Framework-free (no Django) so it can be unit-tested and benchmarked alone. See detector.py for
how the rules and the model combine, corpus/README.md for the data and the held-out figures.
"""

from .analysis import PostInput
from .detector import DETECTOR_VERSION, Detector, Verdict
from .evaluation import evaluate, post_input_from_ingest
from .lexicon import ContestLexicon
from .normalize import NormalizedText, normalize


def __getattr__(name):
    # Imported on first use: training pulls in scikit-learn, which classifying never needs.
    if name == "train_model":
        from .training import train_model

        return train_model
    raise AttributeError(name)


__all__ = [
    "DETECTOR_VERSION", "ContestLexicon", "Detector", "NormalizedText", "PostInput", "Verdict",
    "evaluate", "normalize", "post_input_from_ingest", "train_model",
]  # fmt: skip
