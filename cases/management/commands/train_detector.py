from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.detection.corpus_io import load_labelled
from cases.detection.model import DEFAULT_PATH
from cases.services.training import describe, retrain_from_reviews
from core.actors import system_user
from core.errors import ServiceError

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "Train the detector's model on a labelled set of real posts (posts.jsonl, labels.jsonl "
        "and contests/<slug>.json in DIR) and report its in-sample and leave-one-contest-out "
        "scores. A new model is a new detector version. Train a model you ship only on posts "
        "whose licence allows shipping what is derived from them. With --from-reviews: retrain "
        "on the shipped data plus the analysts' reviews, cross-validate against the active "
        "model and activate the new one only if it is better."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, help="the labelled set, DIR")
        parser.add_argument(
            "--contests", default="", help="comma-separated slugs to train on (default: all)"
        )
        parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
        parser.add_argument(
            "--from-reviews",
            action="store_true",
            help="train on the reviews stored in the database; the model is kept there",
        )
        parser.add_argument("--contest", help="with --from-reviews: only this contest's reviews")
        parser.add_argument(
            "--folds", type=int, default=5, help="cross-validation folds over the reviews"
        )

    def handle(self, *args, **options):
        if options["from_reviews"]:
            self.from_reviews(options)
            return
        if options["contest"]:
            raise CommandError("--contest needs --from-reviews")
        if not options["corpus"]:
            raise CommandError("name the labelled set with --corpus DIR, or use --from-reviews")
        from cases.detection.training import train_model  # scikit-learn, only for training

        contests = [s for s in options["contests"].split(",") if s]
        try:
            items = load_labelled(options["corpus"], contests or None)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        if not items:
            raise CommandError(f"no labelled posts in {options['corpus']}")
        metrics = train_model(items, options["out"])
        self.stdout.write(
            f"model {metrics['model']} (sha {metrics['sha8']}): "
            f"{metrics['rows']} rows, {metrics['features']} features"
        )
        for kind in ("in_sample", "cross_validation"):
            for slug, report in metrics[kind].items():
                b = report["binary"]
                self.stdout.write(
                    f"{kind:16} {slug:24} precision {b['precision']:.4f} recall {b['recall']:.4f} "
                    f"F1 {b['f1']:.4f} MCC {b['mcc']:.4f}"
                )

    def from_reviews(self, options):
        contest = contest_arg(options["contest"]) if options["contest"] else None
        try:
            row = retrain_from_reviews(system_user(), contest, folds=options["folds"])
        except ServiceError as error:
            raise CommandError(error.message) from None
        for number, fold in enumerate(row.cv_report["folds"], start=1):
            self.stdout.write(
                f"fold {number}: {fold['size']} posts ({fold['violations']} violations) "
                f"F1 new {fold['candidate_f1']:.4f} current {fold['current_f1']:.4f}"
            )
        self.stdout.write(describe(row))
