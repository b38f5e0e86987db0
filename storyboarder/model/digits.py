"""Numbers written in text (scene numbers, shot labels, days and counts a user types), read at any length.

Python's ``int()`` refuses text of more than 4,300 digits, and a project may
hold any text, so numbers people write are compared and counted here as
digit strings, by length and then digit by digit, and converted to ``int``
only once they are known to be short.
"""

from __future__ import annotations

import re
import unicodedata

_RUNS = re.compile(r"(\d+)")

#: Digit strings this short always convert with ``int()``, and quickly.
_SHORT = 18


def ascii_digits(run: str) -> str:
    """A run of decimal digits (of any script: ``\\d`` matches them all) as ASCII digits without leading zeros."""
    if not run.isascii():
        run = "".join(str(unicodedata.decimal(ch)) for ch in run)
    return run.lstrip("0") or "0"


def number_key(run: str) -> tuple[int, str]:
    """A key that sorts runs of digits by their value, at any length: ``"9"`` before ``"10"``."""
    digits = ascii_digits(run)
    return (len(digits), digits)


def natural_key(text: str) -> tuple:
    """Sort text the way people count: ``2A`` before ``10A``, case ignored, digit runs of any length."""
    # Split with a group: odd places hold the digit runs.
    return tuple(number_key(part) if i % 2 else part.casefold() for i, part in enumerate(_RUNS.split(text)))


def add_one(run: str) -> str:
    """The number after a run of digits, in ASCII digits: ``"12"`` → ``"13"``, ``"0099"`` → ``"100"``."""
    digits = ascii_digits(run)
    if len(digits) <= _SHORT:
        return str(int(digits) + 1)
    head = digits.rstrip("9")
    tail = "0" * (len(digits) - len(head))
    if not head:
        return "1" + tail
    return head[:-1] + chr(ord(head[-1]) + 1) + tail


def whole_number(text: str, most: int) -> int | None:
    """Read text of decimal digits only as a number; one over ``most`` reads as ``most + 1``; None if not digits.

    A caller's range check then refuses a number of any length in its own words.
    """
    if not text or not text.isdecimal():
        return None
    digits = ascii_digits(text)
    if len(digits) > len(str(most)):
        return most + 1
    return min(int(digits), most + 1)
