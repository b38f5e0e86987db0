"""Call times as crews type them ("06:30", "6:30", "0630", "6:30 pm"), read as minutes after midnight.

Call sheets print times exactly as typed; these helpers only read them, to
compare calls and to spot a time that is not one.
"""

from __future__ import annotations

import re

MINUTES_PER_DAY = 24 * 60

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2})|(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> int | None:
    """Return a typed time as minutes after midnight, or None when it is empty or not a time.

    ``24:00`` and later are allowed up to ``29:59``, as night shoots write
    times past midnight.
    """
    match = _TIME.match(text or "")
    if not match:
        return None
    hours = int(match.group(1))
    minutes = int(match.group(2) or match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if minutes > 59:
        return None
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem == "p" else 0)
    elif hours > 29:
        return None
    return hours * 60 + minutes


def is_time(text: str) -> bool:
    """Say whether text is empty or a time ``parse_time`` reads."""
    return not (text or "").strip() or parse_time(text) is not None


def minutes_after(later: int, earlier: int) -> int:
    """How many minutes ``later`` comes after ``earlier`` on a clock, going forward across midnight."""
    return (later - earlier) % MINUTES_PER_DAY


def is_before(first: int, second: int) -> bool:
    """Say whether ``first`` comes before ``second`` on one working day.

    Shoot days cross midnight, so a call is read as the nearer way round the
    clock: 23:30 is before 00:15, and 06:00 before 07:00.
    """
    gap = minutes_after(second, first)
    return 0 < gap < MINUTES_PER_DAY // 2
