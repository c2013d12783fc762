"""``guanjia triage_weights``: train the built-in model and write its weights.

``make install`` runs it, and it is worth running again after changing the training examples or
the code that learns from them (shipped.py lists which): until then the classifier notices the
weights are stale and trains at start-up, with a warning.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guanjia.triage import classifier, shipped


class Command(BaseCommand):
    help = "Train the built-in triage model and write guanjia/triage/data/builtin_weights.json."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None,
                            help="write here instead of guanjia/triage/data/builtin_weights.json")

    def handle(self, *args: Any, **options: Any) -> None:
        examples = classifier.training_examples()
        path = shipped.write(classifier.train(examples), classifier.training_files(), path=options["output"])
        self.stdout.write(f"{path}: trained on {len(examples)} examples")
