"""``guanjia triage_weights``: train the built-in model and write the weights the package ships.

Run it after changing the training examples or the code that learns from them (shipped.py lists
which); tests/triage/test_builtin_weights.py fails until the shipped weights are current again.
"""

from django.core.management.base import BaseCommand

from guanjia.triage import classifier, shipped


class Command(BaseCommand):
    help = "Train the built-in triage model and write guanjia/triage/data/builtin_weights.json."
    requires_system_checks = []

    def handle(self, *args, **options):
        examples = classifier.training_examples()
        path = shipped.write(classifier.train(examples), classifier.training_files())
        self.stdout.write(f"{path}: trained on {len(examples)} examples")
