from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.detection.corpus_io import load_labelled
from cases.detection.model import DEFAULT_PATH


class Command(BaseCommand):
    help = (
        "Train the detector's model on a labelled set of real posts (posts.jsonl, labels.jsonl "
        "and contests/<slug>.json in DIR) and report its in-sample and leave-one-contest-out "
        "scores. A new model is a new detector version. Train a model you ship only on posts "
        "whose licence allows shipping what is derived from them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, required=True, help="the labelled set, DIR")
        parser.add_argument(
            "--contests", default="", help="comma-separated slugs to train on (default: all)"
        )
        parser.add_argument("--out", type=Path, default=DEFAULT_PATH)

    def handle(self, *args, **options):
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
