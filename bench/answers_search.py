"""Latency of the standard-answer search on a library of 2,000 answers.

    .venv/bin/python -m bench.answers_search [--size 2000] [--rounds 5]

Synthesises a library of ``--size`` answers from the 120 demo answers (each copy gets a
different scene, tags borrowed from other answers and sentences mixed from two answers, so
the vocabulary and posting lists grow as a real library would), builds the index once and
times every question of tests/answers/data/questions.jsonl ``--rounds`` times. The 120
originals stay in the library under their own codes, so the hit rates show how much a
library 16 times larger crowds the right answer out.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guanjia.answers.retrieval import AnswerIndex, Entry  # noqa: E402

DEMO = ROOT / "guanjia" / "answers" / "data" / "demo_answers.jsonl"
QUESTIONS = ROOT / "tests" / "answers" / "data" / "questions.jsonl"
SCENES = ["地下车库", "商铺", "写字楼", "别墅区", "老旧小区", "新交付楼盘", "公寓", "人才房", "安置房", "学校宿舍",
          "养老社区", "会所", "幼儿园旁", "沿街", "高层", "洋房", "北区", "南区", "东区", "西区"]


def synthesise(base: list[dict], size: int, rng: random.Random) -> list[Entry]:
    entries = [Entry(code=r["id"], question=r["question"], answer=r["answer"], tags=tuple(r["tags"])) for r in base]
    n = len(entries)
    while len(entries) < size:
        a, b = rng.choice(base), rng.choice(base)
        sentences = (a["answer"] + b["answer"]).split("。")
        rng.shuffle(sentences)
        tags = tuple(a["tags"][:2]) + tuple(rng.sample(b["tags"], k=min(2, len(b["tags"]))))
        entries.append(Entry(code=f"syn{n:05d}", question=f"{rng.choice(SCENES)}{a['question']}",
                             answer="。".join(sentences[:4]), tags=tags))
        n += 1
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    base = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    entries = synthesise(base, args.size, random.Random(args.seed))

    started = time.perf_counter()
    index = AnswerIndex(entries)
    build = time.perf_counter() - started
    edited = list(entries)
    edited[0] = Entry(code=edited[0].code, question=edited[0].question + "?", answer=edited[0].answer,
                      tags=edited[0].tags)
    started = time.perf_counter()
    AnswerIndex(edited)  # what the first search after an edit pays: only the edited answer is re-cut
    rebuild = time.perf_counter() - started
    index.search("预热")  # loads pypinyin once, as the first query in a process would

    # Wall time, and this thread's CPU time: on a shared, busy machine the wall clock also
    # counts time spent waiting for a core, which is not the search's cost.
    timings, cpu = [], []
    for _ in range(args.rounds):
        for q in questions:
            t0, c0 = time.perf_counter(), time.thread_time()
            index.search(q["text"])
            cpu.append((time.thread_time() - c0) * 1000)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    cpu.sort()
    covered = [q for q in questions if q["expect"]]
    top1 = sum(1 for q in covered if (m := index.search(q["text"]).matches) and m[0].code == q["expect"])
    declined = sum(1 for q in questions if not q["expect"] and not index.search(q["text"]).answered)
    print(json.dumps({
        "library_size": len(entries), "vocabulary": len(index.postings), "index_build_s": round(build, 2),
        "rebuild_after_one_edit_s": round(rebuild, 2),
        "queries": len(timings), "mean_ms": round(statistics.mean(timings), 3),
        "p50_ms": round(timings[len(timings) // 2], 3), "p95_ms": round(timings[int(len(timings) * 0.95)], 3),
        "max_ms": round(timings[-1], 3), "cpu_mean_ms": round(statistics.mean(cpu), 3),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95)], 3), "cpu_max_ms": round(cpu[-1], 3),
        "top1_on_originals": round(top1 / len(covered), 3),
        "correct_declines": round(declined / (len(questions) - len(covered)), 3),
    }, indent=1))


if __name__ == "__main__":
    main()
