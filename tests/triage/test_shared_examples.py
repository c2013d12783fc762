"""The issue's targets, measured on the shared labelled sample (never trained on).

These read ../shared/data/triage_examples.jsonl at test time only, and skip when it is not
there (a clone without the shared folder). The floors are the levels measured when the
classifier was committed, so a regression fails; the issue's targets are noted beside them.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from guanjia.triage.classifier import classify, training_examples
from guanjia.triage.evaluation import evaluate

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "triage_examples.jsonl"
pytestmark = pytest.mark.skipif(not SHARED.exists(), reason=f"shared sample not found at {SHARED}")

# Measured floors (issue targets: urgent recall ≥ 0.98 with precision ≥ 0.85; accuracy ≥ 0.90).
# Measured at commit: kind 91.7%, category 91.9%, urgency 91.9%, department 90.0%, urgent recall
# 97.9% (47/48), precision 88.7% (47/53); the floors sit one or two messages below. Category and department rose 3 points when emergency help to a person
# went back to `order`/`security` (guanjia/triage/README.md, "Sixth and seventh passes"). This sample's aggregate
# figures had shown it reads those messages that way, so the rise is not independent evidence for
# the decision; the floor follows the measure, it was not chosen on it.
FLOORS = {"kind": 0.905, "category": 0.91, "department": 0.89, "urgency": 0.915}
URGENT_RECALL_FLOOR = 0.95
URGENT_PRECISION_FLOOR = 0.87
# Counting the "uncertain" flags the intake treats as urgent (measured 47/48).
URGENT_OR_UNCERTAIN_RECALL_FLOOR = 0.975


@pytest.fixture(scope="module")
def shared_rows():
    return [json.loads(line) for line in SHARED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_measured_levels_hold_on_the_shared_sample(shared_rows):
    report = evaluate(shared_rows, classify)
    for name, floor in FLOORS.items():
        assert report.accuracy(name) >= floor, (name, report.accuracy(name))
    assert report.urgent_recall >= URGENT_RECALL_FLOOR
    assert report.urgent_precision >= URGENT_PRECISION_FLOOR
    flagged = report.urgent_true_positive + report.uncertain_flagged_urgent
    assert flagged / report.urgent_gold >= URGENT_OR_UNCERTAIN_RECALL_FLOOR


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def test_the_training_data_holds_no_shared_text_nor_a_near_copy(shared_rows):
    # The starter examples and the first development set, now learnt from too.
    trained = [(row["text"], _bigrams(row["text"])) for row in training_examples()]
    # Only texts sharing a bigram can overlap: count the shared bigrams through an index instead of
    # comparing every pair (the same Jaccard figure, for 24,000 examples in a second, not forty).
    holding: dict[str, list[int]] = {}
    for index, (_, grams) in enumerate(trained):
        for gram in grams:
            holding.setdefault(gram, []).append(index)
    for row in shared_rows:
        grams = _bigrams(row["text"])
        common = Counter(index for gram in grams for index in holding.get(gram, ()))
        for index, inter in common.items():
            text, other = trained[index]
            overlap = inter / max(len(grams) + len(other) - inter, 1)
            assert overlap < 0.6, (row["id"], text)
