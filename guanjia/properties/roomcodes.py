"""Room codes: what people type (``3栋2单元1502室``, ``3#2-1502``, ``３－２－１５０２``) → ``3-2-1502``.

Pure functions, no database: the register stores every room's canonical code, and the desk's
search box parses whatever the caller says into the same shape. A code without a unit
(``3栋1502``, ``3-1502``) is only complete once the register says the building has one unit;
``guanjia.properties.selectors.room_lookup`` does that resolution.
"""

import re
import unicodedata
from dataclasses import dataclass

# Traditional characters and variants people type for the same markers.
_VARIANTS = str.maketrans({"棟": "栋", "單": "单", "號": "号", "樓": "楼", "門": "门", "區": "区"})
# Markers after a unit number: "2单元", "2门" (northern usage).
_UNIT_MARKER = re.compile(r"(?<=[0-9A-Z])(单元|门)")
# Chinese numerals are accepted for the short building and unit numbers (三栋二单元).
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十]+(?=栋|幢|号楼|楼|座|单元|门|#)")
# Anything that is not a letter or digit separates the parts: 栋, 幢, 号楼, 座, #, 单元, 室, -, spaces…
_SEPARATORS = re.compile(r"[^0-9A-Z]+")
# Longest plausible parts; they keep a phone number (138-1234-5678) from reading as a room.
MAX_BUILDING = 4
MAX_UNIT = 3
MAX_ROOM = 6


@dataclass(frozen=True)
class RoomCode:
    """The parts of a typed room code; ``building`` or ``unit`` is None when not said."""

    building: str | None
    unit: str | None
    number: str

    @property
    def is_complete(self) -> bool:
        return self.building is not None and self.unit is not None

    @property
    def canonical(self) -> str | None:
        """``3-2-1502`` when all three parts are known, else None."""
        if not self.is_complete:
            return None
        return room_code(building=self.building or "", unit=self.unit or "", number=self.number)


def normalize_part(value: object) -> str:
    """One part as stored in the register: half-width, upper-case, no spaces, no leading zeros.

    ``"０３"`` → ``"3"``, ``" a "`` → ``"A"``, ``"1502室"`` → ``"1502"``.
    """
    text = unicodedata.normalize("NFKC", str(value)).upper().translate(_VARIANTS).strip()
    text = re.sub(r"(室|房|户|号|栋|幢|号楼|楼|座|单元|门|#)$", "", text)
    text = _SEPARATORS.sub("", text)
    if text.isdigit():
        text = text.lstrip("0") or "0"
    return text


def room_code(*, building: str, unit: str, number: str) -> str:
    """The canonical display code of a room: ``3-2-1502``."""
    return f"{normalize_part(building)}-{normalize_part(unit)}-{normalize_part(number)}"


def _chinese_number(match: re.Match[str]) -> str:
    text = match.group(0)
    if "十" not in text:
        return "".join(str(_CN_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper().translate(_VARIANTS)
    return _CN_NUMBER.sub(_chinese_number, text)


def parse_room_code(text: str | None) -> RoomCode | None:
    """Parse a typed room code; None when it cannot be one.

    Three parts are building, unit, room. Two parts are building and room (``3栋1502``,
    ``3-1502``) unless the first is marked as a unit (``2单元1502``). One part is a room number.
    """
    if not text:
        return None
    cleaned = _clean(text)
    unit_marked = bool(_UNIT_MARKER.search(cleaned))
    parts = [p for p in _SEPARATORS.split(cleaned) if p]
    parts = [p.lstrip("0") or "0" if p.isdigit() else p for p in parts]
    if not parts or len(parts) > 3 or not any(ch.isdigit() for ch in parts[-1]):
        return None
    if len(parts) == 3:
        code = RoomCode(building=parts[0], unit=parts[1], number=parts[2])
    elif len(parts) == 2 and unit_marked:
        code = RoomCode(building=None, unit=parts[0], number=parts[1])
    elif len(parts) == 2:
        code = RoomCode(building=parts[0], unit=None, number=parts[1])
    else:
        code = RoomCode(building=None, unit=None, number=parts[0])
    return code if _plausible(code) else None


def _plausible(code: RoomCode) -> bool:
    return (len(code.number) <= MAX_ROOM
            and (code.building is None or len(code.building) <= MAX_BUILDING)
            and (code.unit is None or len(code.unit) <= MAX_UNIT))


def normalize_room_code(text: str | None, *, single_unit: str | None = None) -> str | None:
    """``3栋2单元1502`` → ``3-2-1502``; None when the text is not a complete room code.

    ``single_unit`` is the unit number to assume when the code names none (the building's
    only unit, as the register knows it): ``normalize_room_code("3-1502", single_unit="1")``
    → ``3-1-1502``.
    """
    code = parse_room_code(text)
    if code is None or code.building is None:
        return None
    if code.unit is None:
        if single_unit is None:
            return None
        return room_code(building=code.building, unit=single_unit, number=code.number)
    return code.canonical
