"""The measured levels on the held-out development set (tests/triage/data/dev4.jsonl).

dev4 was written blind on 2026-11-23 (tests/triage/data/README-dev4.md), to the mix of traffic the
shared sample's README states, by an author given only the documented conventions (not the
project's own decisions). It is never learnt from nor read by anyone working on the classifier:
only its aggregate figures are looked at. Unlike dev2 and dev3, whose misses were read, its figures
say how the classifier does on a stranger's wording. The floors sit a little below the levels
measured when the classifier was committed, so a regression fails; they are floors, not targets
(the issue's targets are ≥ 90% and urgent recall ≥ 98%; see guanjia/triage/README.md).
"""

import json
from pathlib import Path

import pytest

from guanjia.triage.classifier import classify, training_examples
from guanjia.triage.evaluation import evaluate

HELD_OUT = Path(__file__).resolve().parent / "data" / "dev4.jsonl"

# Measured at commit: see MEASURED below; the floors sit one to three messages under them.
MEASURED = {"kind": 0.96, "category": 0.94, "department": 0.945, "urgency": 0.928}
FLOORS = {name: round(value - 0.008, 3) for name, value in MEASURED.items()}
# Measured at commit: urgent recall 97.9% (46/47, the other flagged uncertain), precision
# 83.6% (46/55; 82.1% after the fifteenth round's sets were learnt, back after the sixteenth and
# unchanged by the seventeenth to nineteenth);
# blind first (README-dev4.md) 45/47 at 86.5%.
URGENT_RECALL_FLOOR = 0.93
URGENT_PRECISION_FLOOR = 0.81


@pytest.fixture(scope="module")
def held_out_rows():
    return [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_measured_levels_hold_on_the_held_out_set(held_out_rows):
    report = evaluate(held_out_rows, classify)
    for name, floor in FLOORS.items():
        assert report.accuracy(name) >= floor, (name, report.accuracy(name))
    assert report.urgent_recall >= URGENT_RECALL_FLOOR, report.urgent_recall
    assert report.urgent_precision >= URGENT_PRECISION_FLOOR, report.urgent_precision


def test_the_held_out_set_is_not_in_any_training_data(held_out_rows):
    trained = {row["text"].strip() for row in training_examples()}
    assert not [row["id"] for row in held_out_rows if row["text"].strip() in trained]
