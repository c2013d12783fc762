"""Turning normalised text into the sparse features the learnt model reads."""

import re
from collections import Counter

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z]{2,}")
# Concepts and safety codes generalise across scripts and languages, so they count more than
# one character n-gram: a handful of examples per concept then teaches the model the link.
CONCEPT_WEIGHT = 3
SAFETY_WEIGHT = 3
# Features that say where a message came from (hotline wording, patrol notes) but not what it is.
_ENGLISH_STOPWORDS = frozenset({"the", "is", "in", "at", "of", "and", "to", "it", "on", "my", "we", "a", "an",
                                "for", "this", "that", "there", "are", "be", "has", "have", "our"})


def extract(text: str, *, concepts: dict[str, str], safety_codes: list[str]) -> Counter[str]:
    """Character 1–3 grams of each Chinese run, English words, concepts and safety codes."""
    features: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        for size in (1, 2, 3):
            for start in range(len(run) - size + 1):
                features[run[start:start + size]] += 1
    for word in _WORD.findall(text):
        if word not in _ENGLISH_STOPWORDS:
            features["w:" + word] += 1
    for name in concepts:
        features["c:" + name] += CONCEPT_WEIGHT
    for code in safety_codes:
        features["s:" + code] += SAFETY_WEIGHT
    return features
