"""Retraining the detector's model on the analysts' reviews (PostLabel rows), and activating it
only when it does better on them than the model in use.

The candidate is fitted on the shipped training data plus every reviewed post. It is compared
with the active model (a DetectorModel, or the shipped file) by stratified k-fold
cross-validation on the reviews: for each fold, a model fitted on the shipped data and the other
folds is scored on the fold, beside the active model on the same fold; the candidate wins on a
strictly higher mean binary F1. An active model trained on earlier reviews may have seen a
fold's posts, so the comparison leans toward keeping it. Folds are dealt per class after a
seeded shuffle, so a run can be repeated. Fitting runs scikit-learn in the calling process (a
few seconds per fit).
"""

import random
from statistics import mean

from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import PermissionDenied, ServiceError

from ..detection import ContestLexicon, Detector
from ..detection.detector import RULES_SHA
from ..detection.evaluation import outcomes, scores
from ..detection.model import NONE, Model
from ..lexicons import active_model, contest_data
from ..models import Contest, DetectorModel, DetectorTraining, PostLabel
from ..policy import can_train_detector
from ..workflow import active_regime

MIN_PER_CLASS = 2  # a fold needs violations and non-violations to score an F1
SEED = 14


def may_train(actor) -> bool:
    """The rule book's can_train_detector under the active regime."""
    return can_train_detector(actor, active_regime())


def require_trainer(actor, message: str) -> None:
    if not may_train(actor):
        raise PermissionDenied(message, field="detector")


def check_folds(folds: int) -> None:
    if not 2 <= folds <= 10:
        raise ServiceError(
            gettext("folds must be 2 to 10, not %(folds)s") % {"folds": folds}, field="folds"
        )


def review_examples(contest: Contest | None = None) -> list[tuple[dict, dict, dict]]:
    """(contest dict, post in the ingest format, label dict) per reviewed post, oldest first."""
    labels = PostLabel.objects.select_related("post").order_by("labelled_at", "pk")
    if contest is not None:
        labels = labels.filter(contest=contest)
    contests = {
        c.pk: contest_data(c)
        for c in Contest.objects.filter(pk__in=labels.values("contest_id")).select_related("region")
    }
    out = []
    for label in labels:
        post = label.post
        record = {**post.record, "platform": post.platform, "external_id": post.external_id}
        out.append(
            (
                contests[label.contest_id],
                record,
                {
                    "platform": post.platform,
                    "external_id": post.external_id,
                    "violation": label.violation,
                    "category": label.category or NONE,
                },
            )
        )
    return out


def as_items(examples) -> list[tuple[dict, list, list]]:
    """[(contest dict, posts, labels)], one item per contest, as `fit` takes them."""
    grouped: dict[str, tuple[dict, list, list]] = {}
    for contest, post, label in examples:
        item = grouped.setdefault(contest["slug"], (contest, [], []))
        item[1].append(post)
        item[2].append(label)
    return list(grouped.values())


def stratified_folds(examples, k: int) -> list[list[int]]:
    """Indices of `examples` in k folds, violations and non-violations dealt evenly."""
    folds: list[list[int]] = [[] for _ in range(k)]
    for violation in (True, False):
        indices = [i for i, (_, _, label) in enumerate(examples) if label["violation"] == violation]
        random.Random(SEED).shuffle(indices)
        for n, i in enumerate(indices):
            folds[n % k].append(i)
    return [sorted(fold) for fold in folds]


def binary_f1(model: Model | None, examples) -> float:
    """Binary F1 of the detector with `model` (None: the shipped one) on labelled examples."""
    rows = []
    for contest, posts, labels in as_items(examples):
        rows += outcomes(posts, labels, Detector(ContestLexicon.from_contest(contest), model))
    return scores(rows)["binary"]["f1"]


def cross_validate(shipped, examples, current: Model | None, k: int) -> dict:
    """Per fold, F1 of a model fitted on shipped + the other folds, and of `current`."""
    from ..detection.training import fit  # scikit-learn: only when training

    report = {"folds": []}
    for fold in stratified_folds(examples, k):
        inside = set(fold)
        held = [examples[i] for i in fold]
        rest = [e for i, e in enumerate(examples) if i not in inside]
        candidate = fit(shipped + as_items(rest))
        report["folds"].append(
            {
                "size": len(held),
                "violations": sum(label["violation"] for _, _, label in held),
                "candidate_f1": binary_f1(candidate, held),
                "current_f1": binary_f1(current, held),
            }
        )
    report["candidate_f1"] = round(mean(f["candidate_f1"] for f in report["folds"]), 4)
    report["current_f1"] = round(mean(f["current_f1"] for f in report["folds"]), 4)
    return report


def retrain_from_reviews(
    actor, contest: Contest | None = None, folds: int = 5, min_reviews: int = 0
) -> DetectorModel:
    """Fit a model on the shipped data plus the reviews (of `contest`, or all), cross-validate
    it against the active model and activate it only when its mean F1 is strictly higher. The
    returned row says which (`active`) and by how much (`cv_f1`, `baseline_cv_f1`)."""
    from ..detection.training import fit, shipped_training_items

    require_trainer(
        actor,
        gettext("only agency admins of the examining or detecting agency retrain the detector"),
    )
    check_folds(folds)
    examples = review_examples(contest)
    violations = sum(label["violation"] for _, _, label in examples)
    others = len(examples) - violations
    if len(examples) < min_reviews or min(violations, others) < MIN_PER_CLASS:
        raise ServiceError(
            gettext(
                "%(reviews)s reviewed posts (%(violations)s violations, %(others)s not): "
                "retraining needs at least %(needed)s, with %(per_class)s of each"
            )
            % {
                "reviews": len(examples),
                "violations": violations,
                "others": others,
                "needed": max(min_reviews, 2 * MIN_PER_CLASS),
                "per_class": MIN_PER_CLASS,
            },
            field="reviews",
            code="too_few",
        )
    k = min(folds, violations, others)
    shipped = shipped_training_items()
    current = active_model()
    report = cross_validate(shipped, examples, current, k)
    model = fit(shipped + as_items(examples))
    data = model.to_bytes()
    model = Model.from_bytes(data)
    return _record(actor, model, data, contest, examples, shipped, current, report, k)


@audit.atomic
def _record(actor, model, data, contest, examples, shipped, current, report, k) -> DetectorModel:
    better = report["candidate_f1"] > report["current_f1"]
    row, _ = DetectorModel.objects.update_or_create(
        sha=model.sha,
        defaults={
            "data": data,
            "rules": RULES_SHA,
            "contest": contest,
            "trained_on": {
                "shipped_posts": sum(len(labels) for _, _, labels in shipped),
                "reviewed_posts": len(examples),
                "reviewed_violations": sum(label["violation"] for _, _, label in examples),
                "contests": sorted({c["slug"] for c, _, _ in examples}),
            },
            "cv_folds": k,
            "cv_f1": report["candidate_f1"],
            "baseline_sha": current.sha if current else shipped_sha(),
            "baseline_cv_f1": report["current_f1"],
            "cv_report": report,
            "trained_by": actor,
        },
    )
    changes = {"cv_f1": [report["current_f1"], report["candidate_f1"]]}
    if better and not row.active:
        DetectorModel.objects.filter(active=True).update(active=False)
        row.active, row.activated_at = True, timezone.now()
        row.save(update_fields=["active", "activated_at", "updated_at"])
        changes["active"] = [current.sha if current else shipped_sha(), row.sha]
    audit.record(actor, "detector.retrain", row, changes)
    return row


@audit.atomic
def activate_model(actor, row: DetectorModel | None) -> DetectorModel | None:
    """Make a stored model the active one by hand, or go back to the shipped model (None)."""
    require_trainer(
        actor,
        gettext(
            "only agency admins of the examining or detecting agency choose the detector model"
        ),
    )
    if row is not None and row.rules != RULES_SHA:
        raise ServiceError(
            gettext(
                "model %(model)s was trained under other rules (rules-%(rules)s, now "
                "rules-%(current)s): retrain it"
            )
            % {"model": row.sha, "rules": row.rules, "current": RULES_SHA},
            field="model",
            code="stale",
        )
    before = DetectorModel.objects.filter(active=True).values_list("sha", flat=True).first()
    DetectorModel.objects.filter(active=True).update(active=False)
    if row is not None:
        DetectorModel.objects.filter(pk=row.pk).update(active=True, activated_at=timezone.now())
        row.refresh_from_db()
    anchor = row or DetectorModel.objects.filter(sha=before).first()
    if anchor is not None:
        audit.record(
            actor,
            "detector.activate",
            anchor,
            {"active": [before or shipped_sha(), row.sha if row else shipped_sha()]},
        )
    return row


TRAINING_FIELDS = ("enabled", "contest", "folds", "min_reviews")


@audit.atomic
def update_training(actor, **changes) -> DetectorTraining:
    """Switch the weekly retraining on or off, or change its contest, folds or minimum."""
    require_trainer(
        actor,
        gettext("only agency admins of the examining or detecting agency switch the retraining"),
    )
    unknown = set(changes) - set(TRAINING_FIELDS)
    if unknown:
        raise ServiceError(
            gettext("unknown setting '%(setting)s'") % {"setting": sorted(unknown)[0]},
            field=sorted(unknown)[0],
        )
    if "folds" in changes:
        check_folds(changes["folds"])
    setting = DetectorTraining.current()
    if setting.pk is None:
        setting.save()
    setting = DetectorTraining.objects.select_for_update().get(pk=setting.pk)
    diff = {}
    for name, value in changes.items():
        before = getattr(setting, name)
        if before != value:
            # A contest is recorded by its slug, as partners name it.
            diff[name] = [getattr(before, "slug", before), getattr(value, "slug", value)]
            setattr(setting, name, value)
    if diff:
        setting.updated_by = actor
        setting.save()
        audit.record(actor, "detector.training", setting, diff)
    return setting


def shipped_sha() -> str:
    from ..detection.detector import default_model

    return default_model().sha


def weekly_retraining(actor) -> str:
    """The beat task's work: retrain when the deployment's switch is on; says what happened."""
    setting = DetectorTraining.current()
    if not setting.enabled:
        return "off"
    try:
        row = retrain_from_reviews(
            actor, setting.contest, folds=setting.folds, min_reviews=setting.min_reviews
        )
    except ServiceError as error:
        outcome = f"not retrained: {error.message}"
    else:
        outcome = describe(row)
    DetectorTraining.objects.filter(pk=setting.pk).update(
        last_run=timezone.now(), last_result=outcome
    )
    return outcome


def describe(row: DetectorModel) -> str:
    gain = row.cv_f1 - row.baseline_cv_f1
    verdict = "activated" if row.active else "kept the current model"
    return (
        f"model {row.sha}: mean F1 {row.cv_f1:.4f} against {row.baseline_cv_f1:.4f} for "
        f"{row.baseline_sha} over {row.cv_folds} folds of {row.trained_on['reviewed_posts']} "
        f"reviewed posts ({gain:+.4f}): {verdict}"
    )
