"""The hit rates on our own test questions, asserted at the level measured when calibrating.

tests/answers/data/questions.jsonl: 189 questions written for this test (147 covered) — paraphrases,
Traditional Chinese / Cantonese, typos and homophones, dialect, English, synonyms — and 42
questions the library does not cover (``expect`` null). The synonym table and the
threshold were tuned on it, so it flatters. Two more sets were written later and measured
on first sight, before anything was changed because of them — those first-sight figures are
the honest estimate of a question nobody has seen:

    set (questions)              top-1   top-3   false declines   correct declines
    questions.jsonl (189)        90.5 %  91.8 %   7.5 %           71.4 %  (tuning set)
    heldout.jsonl (60), 1st      71.1 %  75.6 %  22.2 %           40.0 %
    heldout2.jsonl (59), 1st     59.6 %  66.0 %  21.3 %           75.0 %

After its first measurement, heldout.jsonl's misses went into the word tables (as the
monthly review would do): it now scores 88.9 % / 95.6 % / 4.4 % / 40.0 %. heldout2.jsonl
has not been used for tuning. The tests below hold every set at its current level.
"""

import json
from pathlib import Path

import pytest

from guanjia.answers.retrieval import AnswerIndex, Entry

HERE = Path(__file__).resolve().parent
DEMO = HERE.parents[1] / "guanjia" / "answers" / "data" / "demo_answers.jsonl"


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def index():
    return AnswerIndex([Entry(code=r["id"], question=r["question"], answer=r["answer"],
                              tags=tuple(r["tags"])) for r in _load(DEMO)])


def _measure(index: AnswerIndex, name: str) -> dict:
    questions = _load(HERE / "data" / name)
    covered = [q for q in questions if q["expect"]]
    uncovered = [q for q in questions if not q["expect"]]
    top1 = top3 = false_declines = correct_declines = 0
    for q in covered:
        result = index.search(q["text"])
        codes = [m.code for m in result.matches]
        false_declines += not result.answered
        top1 += bool(codes) and codes[0] == q["expect"]
        top3 += q["expect"] in codes
    for q in uncovered:
        correct_declines += not index.search(q["text"]).answered
    return {"covered": len(covered), "uncovered": len(uncovered),
            "top1": top1 / len(covered), "top3": top3 / len(covered),
            "false_declines": false_declines / len(covered),
            "correct_declines": correct_declines / len(uncovered),
            "styles": {q["style"] for q in questions}}


@pytest.fixture(scope="module")
def measured(index):
    return _measure(index, "questions.jsonl")


def test_the_question_set_is_large_and_varied(measured):
    assert measured["covered"] + measured["uncovered"] >= 150
    assert measured["uncovered"] >= 40
    assert {"paraphrase", "traditional", "typo", "dialect", "english", "synonym"} <= measured["styles"]


def test_hit_rates_hold_at_the_measured_level(measured):
    assert measured["top1"] >= 0.90
    assert measured["top3"] >= 0.91


def test_decline_rates_hold_at_the_measured_level(measured):
    assert measured["correct_declines"] >= 0.71
    assert measured["false_declines"] <= 0.076


@pytest.mark.parametrize(("name", "size", "top1", "top3", "false_declines", "correct_declines"), [
    ("heldout.jsonl", 60, 0.88, 0.95, 0.045, 0.40),
    ("heldout2.jsonl", 59, 0.59, 0.65, 0.22, 0.75),
])
def test_later_question_sets_hold_at_the_measured_level(index, name, size, top1, top3, false_declines,
                                                         correct_declines):
    held_out = _measure(index, name)
    assert held_out["covered"] + held_out["uncovered"] == size
    assert held_out["top1"] >= top1 and held_out["top3"] >= top3
    assert held_out["false_declines"] <= false_declines
    assert held_out["correct_declines"] >= correct_declines


def test_a_question_costs_well_under_10_ms_on_a_library_of_2000_answers():
    import random
    import time

    from bench.answers_search import synthesise

    index = AnswerIndex(synthesise(_load(DEMO), 2000, random.Random(7)))
    questions = [q["text"] for q in _load(HERE / "data" / "questions.jsonl")]
    index.search("预热")
    # CPU time of this thread: the wall clock on a busy CI machine also counts waiting for a core.
    started = time.thread_time()
    for text in questions:
        index.search(text)
    per_query_ms = (time.thread_time() - started) * 1000 / len(questions)
    assert per_query_ms < 10
