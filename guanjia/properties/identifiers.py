"""Phone numbers, plate numbers and ID numbers as the register stores them.

Pure functions: the same cleaning runs in services, the import and the search box, so a
number typed at the desk matches the one imported from Excel.
"""

import re
import unicodedata

_NON_DIGITS = re.compile(r"\D")
# Mainland mobiles: 11 digits starting 13–19. Landlines: area code + 7–8 digits (10–12 digits).
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{9,11}$")
# A plate: province character, city letter, then 5 (petrol) or 6 (new-energy) letters/digits.
_PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")


def clean_phone(value: object) -> str | None:
    """Digits only, without +86; None when it is neither a mobile nor a landline number."""
    digits = _NON_DIGITS.sub("", unicodedata.normalize("NFKC", str(value or "")))
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    return None


def digits_of(value: object) -> str:
    return _NON_DIGITS.sub("", unicodedata.normalize("NFKC", str(value or "")))


def clean_plate(value: object) -> str:
    """``浙a·12345`` → ``浙A12345`` (upper case, no dots, dashes or spaces)."""
    text = unicodedata.normalize("NFKC", str(value or "")).upper()
    return re.sub(r"[\s·.\-]", "", text)


def is_plate(value: str) -> bool:
    return bool(_PLATE.match(clean_plate(value)))


def clean_id_number(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value or "")).strip().upper().replace(" ", "")


def id_number_valid(value: str) -> bool:
    """A resident ID card number (18 characters) with a correct check character (GB 11643)."""
    return bool(_ID_NUMBER.match(value)) and id_check_character(value[:17]) == value[17]


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_character(first17: str) -> str:
    """The 18th character of a resident ID, computed from the first 17 digits."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]
