from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.detection import train_model
from cases.detection.corpus_io import CORPUS_DIR
from cases.detection.model import DEFAULT_PATH
from cases.services.training import describe, retrain_from_reviews
from core.actors import system_user
from core.errors import ServiceError

from ..importing import contest_arg


class Command(BaseCommand):
    help = (
        "Train the detector's model on the labelled corpus' train split and report its "
        "scores on the train and held-out splits. A new model is a new detector version. "
        "With --from-reviews: retrain on the shipped data plus the analysts' reviews, "
        "cross-validate against the active model and activate the new one only if it is better."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
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
        metrics = train_model(options["corpus"], options["out"])
        self.stdout.write(
            f"model {metrics['model']} (sha {metrics['sha8']}): "
            f"{metrics['rows']} rows, {metrics['features']} features"
        )
        for split in ("train", "heldout"):
            for slug, report in metrics[split].items():
                binary = report["binary"]
                self.stdout.write(
                    f"{split:8} {slug:28} precision {binary['precision']:.4f} "
                    f"recall {binary['recall']:.4f} F1 {binary['f1']:.4f}"
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
