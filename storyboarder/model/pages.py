"""Script page counts in eighths of a page, as schedules and call sheets write them.

A scene's length is stored as a whole number of eighths (``Scene.pages_eighths``):
19 is written ``2 3/8``. Eighths are never reduced (``4/8``, not ``1/2``),
because that is how breakdowns and call sheets count.
"""

from __future__ import annotations

import re

EIGHTHS_PER_PAGE = 8
#: Longest scene a page count may describe; more is a typing slip, not a scene.
MAX_EIGHTHS = 8 * 10_000
_MOST_DIGITS = len(str(MAX_EIGHTHS))

_COUNT = re.compile(
    r"""^\s*
    (?:(?P<whole>\d+)(?:\s+|\s*-\s*|\s*\+\s*)(?=\d+\s*/))?   # "2 " or "2-" before a fraction
    (?:(?P<num>\d+)\s*/\s*(?P<den>\d+)|(?P<only>\d+(?:\.\d+)?))
    \s*(?:pages?|pp?\.?|pgs?\.?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_eighths(text: str) -> int | None:
    """Read a page count such as ``2 3/8``, ``3/8``, ``2``, ``1 1/2`` or ``2.5`` as eighths.

    Empty text is None (not counted). Raises ValueError, with a message a
    user can act on, for text that is not a page count or not in eighths.
    """
    if not text or not text.strip():
        return None
    match = _COUNT.match(text)
    if not match:
        raise ValueError(f"{text.strip()[:40]!r} is not a page count; write it like 2 3/8, 3/8 or 2")
    # Checked before int(), which refuses text of over 4,300 digits.
    if any(len(group.lstrip("0")) > _MOST_DIGITS for group in match.group("whole", "num", "den") if group):
        raise ValueError(f"{text.strip()[:40]!r} is more pages than a scene can have")
    whole = int(match.group("whole") or 0)
    if match.group("only") is not None:
        pages = float(match.group("only"))
        if not pages * EIGHTHS_PER_PAGE <= MAX_EIGHTHS:  # also infinity, from hundreds of digits
            raise ValueError(f"{text.strip()[:40]!r} is more pages than a scene can have")
        eighths = pages * EIGHTHS_PER_PAGE
        if abs(eighths - round(eighths)) > 1e-9:
            raise ValueError(f"{text.strip()[:40]!r} is not a whole number of eighths of a page")
        total = round(eighths)
    else:
        num, den = int(match.group("num")), int(match.group("den"))
        if den == 0 or EIGHTHS_PER_PAGE % den:
            raise ValueError(f"{text.strip()[:40]!r}: page counts are in eighths (x/8, x/4 or x/2)")
        fraction = num * (EIGHTHS_PER_PAGE // den)
        if whole and fraction >= EIGHTHS_PER_PAGE:
            raise ValueError(f"{text.strip()[:40]!r}: the fraction after the whole pages must be less than one page")
        total = whole * EIGHTHS_PER_PAGE + fraction
    if total > MAX_EIGHTHS:
        raise ValueError(f"{text.strip()[:40]!r} is more pages than a scene can have")
    return total


def format_eighths(eighths: int | None) -> str:
    """Write eighths as a page count: 19 → ``2 3/8``, 3 → ``3/8``, 16 → ``2``; None → empty."""
    if eighths is None:
        return ""
    if eighths < 0:
        return ""
    pages, rest = divmod(int(eighths), EIGHTHS_PER_PAGE)
    if not rest:
        return str(pages)
    if not pages:
        return f"{rest}/8"
    return f"{pages} {rest}/8"


def total_eighths(counts) -> int:
    """Add up page counts, leaving out scenes that are not counted."""
    return sum(count for count in counts if count is not None and count >= 0)
