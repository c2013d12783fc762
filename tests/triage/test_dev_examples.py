"""The measured levels on the development sets whose misses have been read.

dev2 (tests/triage/data/README-dev2.md) and dev3 (README-dev3.md) were each written by an engineer
who never opened the classifier, its training data or the shared sample and never ran the
classifier; each was measured once, blind, before anything was changed because of it. Since then
their errors are read to find missing phenomena, so they are no longer blind, but they are never
learnt from. dev3 keeps its author's labels where they differ from the project's conventions (help
to a person as `other` / `security`, complaints about staff sent to the trade involved), which is
part of why its figures sit lower. The floors sit a little below the levels measured when the
classifier was committed, so a regression fails.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from guanjia.triage.classifier import classify, training_examples
from guanjia.triage.evaluation import evaluate

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Levels:
    floors: dict[str, float]
    urgent_recall: float
    urgent_precision: float
    # "Uncertain" is filed as urgent until a person decides: it must stay rare among ordinary messages.
    false_uncertain_ceiling: float


LEVELS = {
    # Measured at commit: kind 94.2%, category 91.7%, urgency 96.5%, department 92.6%, urgent recall
    # 100% (86/86), precision 98.9% (86/87).
    "dev2.jsonl": Levels({"kind": 0.935, "category": 0.9, "department": 0.91, "urgency": 0.955},
                         urgent_recall=0.97, urgent_precision=0.95, false_uncertain_ceiling=0.06),
    # Measured at commit: kind 89.5%, category 87.8%, urgency 90.8%, department 89.5%, urgent recall
    # 94.3% (50/53), precision 87.7% (50/57).
    "dev3.jsonl": Levels({"kind": 0.88, "category": 0.865, "department": 0.88, "urgency": 0.895},
                         urgent_recall=0.92, urgent_precision=0.84, false_uncertain_ceiling=0.065),
}


def rows(name):
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", LEVELS)
def test_the_measured_levels_hold_on_the_development_sets(name):
    levels = LEVELS[name]
    report = evaluate(rows(name), classify)
    for field, floor in levels.floors.items():
        assert report.accuracy(field) >= floor, (field, report.accuracy(field))
    assert report.urgent_recall >= levels.urgent_recall, report.urgent_recall
    assert report.urgent_precision >= levels.urgent_precision, report.urgent_precision


@pytest.mark.parametrize("name", LEVELS)
def test_few_ordinary_messages_of_the_development_sets_are_flagged_uncertain(name):
    ordinary = [row for row in rows(name) if row["urgency"] != "urgent"]
    flagged = sum(1 for row in ordinary if classify(row["text"])["urgency_uncertain"])
    assert flagged / len(ordinary) <= LEVELS[name].false_uncertain_ceiling, (flagged, len(ordinary))


@pytest.mark.parametrize("name", LEVELS)
def test_the_development_sets_are_not_in_any_training_data(name):
    # A development text learnt from would make its figure a memory test.
    trained = {row["text"].strip() for row in training_examples()}
    assert not [row["id"] for row in rows(name) if row["text"].strip() in trained]
