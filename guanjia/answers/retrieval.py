"""Finding the standard answers that fit a question: BM25 over character and pinyin terms.

Pure Python and offline (no model, nothing downloaded). Build an :class:`AnswerIndex` once
per library and ask it many questions; a question costs a few dictionary look-ups per term
because each posting's BM25 term weight is computed when the index is built.

Scores are normalised to 0…1 as the share of the question's information (its terms'
weights × IDF) the answer covers, damped by how strongly it covers it. A question whose
best answer scores under ``ANSWER_THRESHOLD`` is declined: it is better to say "no
standard answer" (and open an inquiry) than to offer the nearest wrong one.
"""

import functools
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .textprep import Prepared, han_runs, prepare, terms

_WORD = re.compile(r"[a-z]{2,}")

# Field weights: the question says what an answer is about; tags are chosen keywords; the
# answer text is long and mentions many side topics, so it counts least.
FIELD_WEIGHTS = {"question": 3.0, "tags": 2.0, "answer": 0.6}
# Term-type weights: a character pair is strong evidence; a pinyin pair alone (a homophone
# typo) somewhat less; single characters only break ties.
TERM_WEIGHTS = {"b": 1.0, "p": 0.5, "u": 0.12, "w": 0.8}
K1, B = 1.2, 0.75
# Terms in more than about a fifth of the library (idf below this) still count towards the
# question's total but are not walked: they would touch most answers and decide nothing.
MIN_SCORED_IDF = 1.5
# Function characters (modal verbs, particles, measure words) say nothing about the topic;
# the coverage neither rewards nor punishes them.
FUNCTION_CHARS = frozenset("能要在去想会都就还又把被给让和跟与及是有个一这那些么吗呢啊吧了的得着过谁哪")
# How many of the best BM25 candidates are re-ordered by confidence.
RERANK_DEPTH = 8
# Calibrated on tests/answers/data/questions.jsonl (see tests/answers/test_quality.py):
# at 0.40 about 7 in 10 questions the library does not cover are declined while about 1 in
# 13 covered ones is (wrongly) declined; lower lets through wrong answers, higher loses
# right ones quickly.
ANSWER_THRESHOLD = 0.40
# The second and third suggestions need less: the agent sees them next to the best one.
RELATED_THRESHOLD = 0.32


@dataclass(frozen=True)
class Entry:
    code: str
    question: str
    answer: str
    tags: tuple[str, ...] = ()


@dataclass
class Match:
    code: str
    score: float
    reasons: list[dict[str, str]] = field(default_factory=list)


@dataclass
class SearchResult:
    answered: bool
    matches: list[Match]
    prepared: Prepared


def _field_texts(entry: Entry) -> dict[str, str]:
    answer = entry.answer.replace("{", " ").replace("}", " ")
    return {"question": entry.question, "tags": " | ".join(entry.tags), "answer": answer}


@functools.lru_cache(maxsize=50000)
def _entry_counts(entry: Entry) -> tuple[dict[str, float], float]:
    """Field-weighted term counts and length of one answer.

    Cached by content: after one answer is edited, rebuilding the company's index cuts up
    only that answer again, not the whole library (the costly part of a build).
    """
    counts: dict[str, float] = defaultdict(float)
    length = 0.0
    for name, text in _field_texts(entry).items():
        found = terms(prepare(text).text)
        for term in found:
            counts[term] += FIELD_WEIGHTS[name]
        length += FIELD_WEIGHTS[name] * len(found)
    return dict(counts), length


class AnswerIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = list(entries)
        weighted: list[dict[str, float]] = []
        lengths: list[float] = []
        for entry in self.entries:
            counts, length = _entry_counts(entry)
            weighted.append(counts)
            lengths.append(length)
        n = len(self.entries)
        average = (sum(lengths) / n) if n else 1.0
        document_frequency: dict[str, int] = defaultdict(int)
        for counts in weighted:
            for term in counts:
                document_frequency[term] += 1
        self.idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in document_frequency.items()}
        # A term no answer contains is as informative as the rarest one: it is what the
        # question is about and the library does not cover it.
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5) if n else 1.0
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        self.doc_terms: list[frozenset[str]] = []
        for doc, counts in enumerate(weighted):
            norm = K1 * (1 - B + B * lengths[doc] / average)
            for term, tf in counts.items():
                docs, weights = postings[term]
                docs.append(doc)
                weights.append(tf * (K1 + 1) / (tf + norm))
            self.doc_terms.append(frozenset(counts))
        # Parallel lists: a query walks them with zip, much faster than dict items.
        self.postings = dict(postings)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, text: str, *, limit: int = 3) -> SearchResult:
        prepared = prepare(text)
        query = set(terms(prepared.text))
        scores = [0.0] * len(self.entries)
        touched = False
        total = 0.0
        for term in query:
            weight = TERM_WEIGHTS[term[0]]
            posting = self.postings.get(term)
            if posting is None:
                total += weight * self.unknown_idf
                continue
            idf = self.idf[term]
            total += weight * idf
            if idf < MIN_SCORED_IDF:
                continue
            qw = weight * idf
            docs, weights = posting
            for doc, tfn in zip(docs, weights, strict=True):
                scores[doc] += qw * tfn
            touched = True
        if not touched or total <= 0:
            return SearchResult(answered=False, matches=[], prepared=prepared)
        # tfn ≤ K1 + 1, so raw / (total × (K1 + 1)) is in 0…1: how much of the question's
        # information the answer holds. The confidence is its geometric mean with the share
        # of the question's characters the answer accounts for, so one strong shared word
        # in an otherwise unknown question (小区里有没有银行ATM) is not enough.
        ceiling = total * (K1 + 1)
        # (score, doc) tuples compare in C; a key function would be called 2,000 times. The
        # best few by BM25 are then ordered by confidence, which also weighs how much of the
        # question each one accounts for.
        ranked = heapq.nlargest(RERANK_DEPTH, zip(scores, range(len(scores)), strict=True))
        confident = sorted(((self._confidence(doc, raw / ceiling, prepared), doc) for raw, doc in ranked
                            if raw > 0), reverse=True)[:limit]
        matches = []
        for rank, (score, doc) in enumerate(confident):
            if score < (ANSWER_THRESHOLD if rank == 0 else RELATED_THRESHOLD):
                if rank == 0:
                    break
                continue
            matches.append(Match(code=self.entries[doc].code, score=score,
                                 reasons=self._reasons(doc, prepared)))
        return SearchResult(answered=bool(matches), matches=matches, prepared=prepared)

    def _confidence(self, doc: int, share: float, prepared: Prepared) -> float:
        """Geometric mean of the share of the question's information the answer holds (after
        a square root that spreads the useful range) and the share of its characters it covers."""
        return round(math.sqrt(math.sqrt(share) * self.coverage(doc, prepared)), 3)

    def _has_word(self, word: str, doc: int) -> bool:
        """Every character pair of ``word`` is in the answer (the whole word, not a part)."""
        return all(self._has("b:" + word[i:i + 2], doc) for i in range(len(word) - 1))

    def _has(self, term: str, doc: int) -> bool:
        return term in self.doc_terms[doc]

    def _reasons(self, doc: int, prepared: Prepared) -> list[dict[str, str]]:
        """Why this answer matched: shared words, words that sound alike, synonyms used."""
        reasons: list[dict[str, str]] = []
        own_text = prepared.text.split(" | ")[0]
        for kind, spans in zip(("words", "sound"), self._matched_spans(doc, own_text), strict=True):
            reasons.extend({"kind": kind, "text": span} for span in spans[:4])
        for said, canonical in prepared.synonyms:
            if self._has_word(canonical, doc):
                reasons.append({"kind": "synonym", "text": f"{said}→{canonical}"})
        if prepared.traditional:
            reasons.append({"kind": "traditional", "text": ""})
        for word in prepared.dialect[:2]:
            reasons.append({"kind": "dialect", "text": word})
        for word in prepared.english[:3]:
            reasons.append({"kind": "english", "text": word})
        return reasons

    def coverage(self, doc: int, prepared: Prepared) -> float:
        """Share of the question's own characters this answer accounts for (0…1).

        A character counts when a pair it belongs to (or its sound) is in the answer, or when
        it is part of a synonym whose library word is. Words nobody in the library uses
        (游泳池, 幼儿园) stay uncovered, which is what tells an unknown topic apart.
        """
        own_text = prepared.text.split(" | ")[0]
        covered = total = 0
        matched_synonyms = [said for said, canonical in prepared.synonyms if self._has_word(canonical, doc)]
        for run in han_runs(own_text):
            marks = [False] * len(run)
            for i in range(len(run) - 1):
                if self._has("b:" + run[i:i + 2], doc) or self._has(terms(run[i:i + 2])[-1], doc):
                    marks[i] = marks[i + 1] = True
            # Fillers may have cut a synonym apart (可疑的人 → 可疑 人), so mark by character.
            said_chars = set("".join(matched_synonyms))
            marks = [mark or ch in said_chars for mark, ch in zip(marks, run, strict=True)]
            counted = [ch not in FUNCTION_CHARS for ch in run]
            covered += sum(1 for mark, count in zip(marks, counted, strict=True) if mark and count)
            total += sum(counted)
        # Leftover English words are what the English table did not know: uncovered.
        total += 2 * sum(1 for word in _WORD.findall(own_text))
        return covered / total if total else 0.0

    def _matched_spans(self, doc: int, text: str) -> tuple[list[str], list[str]]:
        words: list[str] = []
        sounds: list[str] = []
        for run in han_runs(text):
            marks = []
            for i in range(len(run) - 1):
                if self._has("b:" + run[i:i + 2], doc):
                    marks.append("b")
                elif self._has(terms(run[i:i + 2])[-1], doc):
                    marks.append("p")
                else:
                    marks.append("")
            words.extend(_spans(run, marks, "b"))
            sounds.extend(_spans(run, marks, "p"))
        return _unique(words), _unique(sounds)


def _spans(run: str, marks: list[str], kind: str) -> list[str]:
    """Maximal stretches of ``run`` whose consecutive pairs carry ``kind``."""
    spans, start = [], None
    for i, mark in enumerate([*marks, ""]):
        if mark == kind and start is None:
            start = i
        elif mark != kind and start is not None:
            spans.append(run[start:i + 1])
            start = None
    return spans


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(sorted(items, key=len, reverse=True)))
