"""The contest as the detector sees it, read back from the database, and the detector built on it.

The detector version stored on verdicts and findings is the library's (rules + the active
model's sha) plus a fingerprint of the contest's data: re-importing a contest with other
aliases, adding an exclusion or activating a retrained model gives a new version, so re-running
detection re-evaluates its posts.

The active model is the deployment's: the one active DetectorModel row (trained on its
analysts' reviews, services/training.py), else the shipped model file. Every chunk reads the
active sha (one small query), so an activation takes effect at the next chunk in every worker.
"""

import hashlib
import json
from collections import OrderedDict

from .detection import ContestLexicon, Detector
from .detection.detector import RULES_SHA
from .detection.model import Model
from .models import CampaignAccount, Contest, DetectorModel

DATES = ("campaign_start", "campaign_end", "voting_day")
LISTS = ("aliases", "parties", "hashtags", "slogans")

# Per worker process: {contest id: (fingerprint, detector, version)}, the most recently used
# last. Building a detector compiles its automaton (tens of milliseconds); a chunk reuses it as
# long as the contest's data and the active model are unchanged. A season of pilkada runs
# hundreds of contests at once and each detector holds a megabyte or two, so only the
# MAX_DETECTORS most recently used are kept: a worker's memory stays flat however many run.
MAX_DETECTORS = 64
_DETECTORS: OrderedDict[int, tuple[tuple, Detector, str]] = OrderedDict()
_MODELS: dict[str, Model] = {}  # the active model's sha -> the model, one entry


def contest_data(contest: Contest) -> dict:
    """The contest in the import format (exclusions included)."""
    accounts: dict[int, list] = {}
    for platform, handle, candidate_id in (
        CampaignAccount.objects.filter(contest=contest)
        .order_by("account__platform", "account__handle")
        .values_list("account__platform", "account__handle", "candidate_id")
    ):
        accounts.setdefault(candidate_id, []).append({"platform": platform, "handle": handle})
    return {
        "slug": contest.slug,
        "name": contest.name,
        "kind": contest.kind,
        "region": {"code": contest.region.code, "name": contest.region.name}
        if contest.region_id
        else {"code": "", "name": "Indonesia"},
        **{
            key: getattr(contest, key).isoformat() if getattr(contest, key) else None
            for key in DATES
        },
        "exclusions": list(contest.exclusions),
        "epithets": list(contest.epithets),
        "candidates": [
            {
                "ballot_number": c.ballot_number,
                "name": c.name,
                "running_mate": c.running_mate,
                **{key: list(getattr(c, key)) for key in LISTS},
                "accounts": accounts.get(c.pk, []),
            }
            for c in contest.candidates.order_by("ballot_number")
        ],
    }


def lexicon_of(contest: Contest) -> ContestLexicon:
    return ContestLexicon.from_contest(contest_data(contest))


def active_model() -> Model | None:
    """The deployment's active trained model, None for the shipped one. A model trained under
    other rules (before an upgrade) is not used: its features may mean something else now."""
    sha = (
        DetectorModel.objects.filter(active=True, rules=RULES_SHA)
        .values_list("sha", flat=True)
        .first()
    )
    if sha is None:
        return None
    if sha not in _MODELS:
        data = DetectorModel.objects.filter(sha=sha).values_list("data", flat=True).get()
        _MODELS.clear()
        _MODELS[sha] = Model.from_bytes(bytes(data), f"detector model {sha}")
    return _MODELS[sha]


def detector_for(contest: Contest) -> tuple[Detector, str]:
    """(detector, detector version) for the contest's current data and the active model."""
    data, model = contest_data(contest), active_model()
    key = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:8]
    cached = _DETECTORS.get(contest.pk)
    if cached is None or cached[0] != (key, model and model.sha):
        detector = Detector(ContestLexicon.from_contest(data), model)
        version = f"{detector.version}+contest-{key}"
        cached = _DETECTORS[contest.pk] = ((key, model and model.sha), detector, version)
        while len(_DETECTORS) > MAX_DETECTORS:
            _DETECTORS.popitem(last=False)
    _DETECTORS.move_to_end(contest.pk)
    return cached[1], cached[2]
