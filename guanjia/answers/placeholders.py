"""Filling ``{占位符}`` with a community's own figures.

An answer with a missing figure is never shown to a resident unfilled: for residents it is
withheld; agents see it with the missing placeholders marked and a warning.
"""

import re
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: list[str] = field(default_factory=list)
    # (text, is_missing) pieces, for templates that mark the missing ones.
    segments: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def placeholders_in(text: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def fill(text: str, values: dict[str, str]) -> Rendered:
    segments: list[tuple[str, bool]] = []
    missing: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        segments.append((text[position:match.start()], False))
        key = match.group(1)
        value = (values.get(key) or "").strip()
        if value:
            segments.append((value, False))
        else:
            segments.append((match.group(0), True))
            if key not in missing:
                missing.append(key)
        position = match.end()
    segments.append((text[position:], False))
    segments = [(piece, flag) for piece, flag in segments if piece]
    return Rendered(text="".join(piece for piece, _flag in segments), missing=missing, segments=segments)
