"""Masking of personal data (PRV-1): phone numbers and ID numbers in lists and exports."""

import re

_DIGITS = re.compile(r"\D")


def mask_phone(number: str | None) -> str:
    """``13812345678`` → ``138****5678``; short or odd numbers keep only their last 4 digits."""
    if not number:
        return ""
    digits = _DIGITS.sub("", number)
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_id_number(number: str | None) -> str:
    """A resident ID keeps its first 3 and last 4 characters: ``110***********1234``."""
    if not number:
        return ""
    number = number.strip()
    if len(number) <= 7:
        return "*" * len(number)
    return f"{number[:3]}{'*' * (len(number) - 7)}{number[-4:]}"


def mask_name(name: str | None) -> str:
    """``张伟明`` → ``张**``: used where even a name is more than the reader needs."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
