"""Measuring a model against labelled examples: accuracy per field, urgent recall and
precision, confusion matrices, and the deterministic held-back split used by retraining."""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import FIELDS

# One example in five is held back for evaluation when a community's model is retrained.
HOLDOUT_BUCKETS = 5


@dataclass
class Report:
    total: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    confusion: dict[str, Counter[tuple[str, str]]] = field(default_factory=lambda: {f: Counter() for f in FIELDS})
    urgent_true_positive: int = 0
    urgent_predicted: int = 0
    urgent_gold: int = 0
    uncertain_flagged_urgent: int = 0  # gold urgent, predicted otherwise but flagged "uncertain"

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.total if self.total else 0.0

    @property
    def urgent_recall(self) -> float:
        return self.urgent_true_positive / self.urgent_gold if self.urgent_gold else 1.0

    @property
    def urgent_precision(self) -> float:
        return self.urgent_true_positive / self.urgent_predicted if self.urgent_predicted else 1.0

    @property
    def mean_accuracy(self) -> float:
        return sum(self.accuracy(name) for name in FIELDS) / len(FIELDS)

    def as_dict(self) -> dict[str, Any]:
        return {"examples": self.total, "accuracy": {name: round(self.accuracy(name), 4) for name in FIELDS},
                "urgent_recall": round(self.urgent_recall, 4), "urgent_precision": round(self.urgent_precision, 4)}


def evaluate(examples: Iterable[Mapping[str, Any]], predict: Callable[[str], Mapping[str, Any]]) -> Report:
    report = Report()
    for example in examples:
        predicted = predict(example["text"])
        report.total += 1
        for name in FIELDS:
            gold, guess = str(example[name]), str(predicted[name])
            report.correct[name] += gold == guess
            report.confusion[name][(gold, guess)] += 1
        gold_urgent, guessed_urgent = example["urgency"] == "urgent", predicted["urgency"] == "urgent"
        report.urgent_gold += gold_urgent
        report.urgent_predicted += guessed_urgent
        report.urgent_true_positive += gold_urgent and guessed_urgent
        report.uncertain_flagged_urgent += gold_urgent and not guessed_urgent and bool(
            predicted.get("urgency_uncertain"))
    return report


def confusion_table(report: Report, name: str) -> str:
    """A plain-text confusion matrix: rows are the gold codes, columns the predicted ones."""
    cells = report.confusion[name]
    labels = sorted({gold for gold, _ in cells} | {guess for _, guess in cells})
    width = max([len(label) for label in labels] + [10])
    lines = [f"{name} (rows: gold, columns: predicted)",
             " " * width + " " + " ".join(label[:8].rjust(8) for label in labels)]
    for gold in labels:
        row = " ".join(str(cells[(gold, guess)]).rjust(8) for guess in labels)
        lines.append(gold.ljust(width) + " " + row)
    return "\n".join(lines)


def format_report(report: Report) -> str:
    lines = [f"examples: {report.total}"]
    lines += [f"accuracy {name}: {report.accuracy(name):.1%} ({report.correct[name]}/{report.total})"
              for name in FIELDS]
    lines.append(f"urgent recall: {report.urgent_recall:.1%} ({report.urgent_true_positive}/{report.urgent_gold})")
    lines.append(f"urgent precision: {report.urgent_precision:.1%} "
                 f"({report.urgent_true_positive}/{report.urgent_predicted})")
    lines.append(f"urgent missed but flagged uncertain: {report.uncertain_flagged_urgent}")
    for name in FIELDS:
        lines += ["", confusion_table(report, name)]
    return "\n".join(lines)


def is_held_back(text: str) -> bool:
    """Deterministic: the same text is always on the same side, whatever the order of the rows."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return digest[0] % HOLDOUT_BUCKETS == 0
