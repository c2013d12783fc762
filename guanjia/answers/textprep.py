"""Bringing a resident's wording to the library's wording, then cutting it into terms.

Pure Python, offline. Steps: full-width → half-width and lower case; Traditional →
Simplified (opencc, only when a Traditional character is present because conversion is
the slowest step); English phrases → Chinese words; dialect → Mandarin; synonyms add the
library's word; filler words are cut out. Terms are Chinese character pairs, single
characters, toneless pinyin pairs (so a homophone typo such as 物业废 still meets 物业费)
and English words.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from .lexicon import DIALECT, ENGLISH, ENGLISH_STOPWORDS, FILLERS, GENERIC_PATTERNS, SYNONYMS

_T2S = opencc.OpenCC("t2s")


def _traditional_chars() -> frozenset[str]:
    table = Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        trad, _, simplified = line.partition("\t")
        if len(trad) == 1 and trad not in simplified.split():
            chars.add(trad)
    return frozenset(chars)


_TRADITIONAL = _traditional_chars()


def _alternation(words: list[str]) -> re.Pattern[str]:
    # Longest first, so 咋回事 wins over 咋 at the same position.
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_DIALECT_RE = _alternation(list(DIALECT))
_FILLER_RE = re.compile("|".join([*GENERIC_PATTERNS, _alternation(list(FILLERS)).pattern]))
# Plurals ("parcels", "boxes") are looked up by their singular.
_ENGLISH_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True)) + r")(?:e?s)?\b")
_ENGLISH_STOP_RE = re.compile(r"\b(?:" + "|".join(sorted(ENGLISH_STOPWORDS)) + r")\b")
_VARIANTS: list[tuple[str, str]] = sorted(
    ((variant, canonical) for canonical, variants in SYNONYMS.items() for variant in variants),
    key=lambda pair: len(pair[0]), reverse=True)
_HAN_OR_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
_ASCII_LETTER = re.compile(r"[a-z]")


@dataclass
class Prepared:
    """A text brought to the library's wording, with what was done to it (for the reason)."""

    text: str
    traditional: bool = False
    dialect: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, str]] = field(default_factory=list)  # (what was said, library word)

    @property
    def canonicals(self) -> list[str]:
        return [canonical for _said, canonical in self.synonyms]


def prepare(text: str) -> Prepared:
    text = unicodedata.normalize("NFKC", text or "").lower()
    result = Prepared(text="")
    if any(ch in _TRADITIONAL for ch in text):
        converted = _T2S.convert(text)
        result.traditional = converted != text
        text = converted
    if _ASCII_LETTER.search(text):
        def english(match: re.Match[str]) -> str:
            result.english.append(match.group())
            return f" {ENGLISH[match.group(1)]} "
        text = _ENGLISH_STOP_RE.sub(" ", _ENGLISH_RE.sub(english, text))

    def dialect(match: re.Match[str]) -> str:
        result.dialect.append(match.group())
        return DIALECT[match.group()]
    text = _DIALECT_RE.sub(dialect, text)
    seen: set[str] = set()
    for variant, canonical in _VARIANTS:
        if variant in text and canonical not in seen and canonical not in text:
            seen.add(canonical)
            result.synonyms.append((variant, canonical))
    text = _FILLER_RE.sub(" ", text)
    # The library's words go after a separator so they never join the resident's characters.
    result.text = text + " | " + " ".join(result.canonicals) if result.synonyms else text
    return result


@functools.lru_cache(maxsize=20000)
def pinyin_of(ch: str) -> str:
    # One reading per character, the same for the library and the query, so they always agree.
    # Imported here: pypinyin loads its phrase dictionary on import (a second or more), which
    # every process would otherwise pay at start-up whether it searches or not.
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


def terms(text: str) -> list[str]:
    """Character pairs ``b:``, single characters ``u:``, pinyin pairs ``p:``, words ``w:``."""
    out: list[str] = []
    for run in _HAN_OR_WORD.findall(text):
        if run[0] < "\u4e00":
            out.append("w:" + run)
            continue
        sounds = [pinyin_of(ch) for ch in run]
        out.extend("u:" + ch for ch in run)
        for i in range(len(run) - 1):
            out.append("b:" + run[i:i + 2])
            out.append("p:" + sounds[i] + sounds[i + 1])
    return out


def han_runs(text: str) -> list[str]:
    return [run for run in _HAN_OR_WORD.findall(text) if run[0] >= "\u4e00"]
