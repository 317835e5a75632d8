from pathlib import Path

from django.core.management.base import BaseCommand

from cases.detection import train_model
from cases.detection.corpus_io import CORPUS_DIR
from cases.detection.model import DEFAULT_PATH


class Command(BaseCommand):
    help = (
        "Train the detector's model on the labelled corpus' train split and report its "
        "scores on the train and held-out splits. A new model is a new detector version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
        parser.add_argument("--out", type=Path, default=DEFAULT_PATH)

    def handle(self, *args, **options):
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
