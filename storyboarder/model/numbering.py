"""Scene numbers, shot letters and running times, computed from story order.

Numbers are never stored for panels unless a user overrides one; they are
derived here, once, for every view and export. Which panels form a shot and
what each shot is called live in ``model.shots``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from string import ascii_uppercase
from typing import TYPE_CHECKING

from .digits import add_one

if TYPE_CHECKING:
    from .entities import Project, Scene

_LEADING_INT = re.compile(r"\s*(\d+)")


def shot_letters(index: int, skip: str = "IO") -> str:
    """Return the letters of the shot at ``index`` (0 → A … Z, then AA, AB …).

    Letters in ``skip`` are left out because on a slate they read like digits.
    """
    if index < 0:
        raise ValueError("shot index must not be negative")
    alphabet = _alphabet(skip)
    base = len(alphabet)
    letters = []
    n = index + 1
    # Bijective base-N, like spreadsheet columns: there is no "zero" letter.
    while n > 0:
        n, rem = divmod(n - 1, base)
        letters.append(alphabet[rem])
    return "".join(reversed(letters))


def shot_index(letters: str, skip: str = "IO") -> int | None:
    """The index whose ``shot_letters`` are ``letters`` (``"A"`` → 0, ``"AA"`` → the alphabet's length), or None."""
    alphabet = _alphabet(skip)
    base = len(alphabet)
    number = 0
    for ch in letters:
        digit = alphabet.find(ch)
        if digit < 0:
            return None
        number = number * base + digit + 1
    return number - 1 if letters else None


@lru_cache(maxsize=32)
def _alphabet(skip: str) -> str:
    # Worked out once per skip list: every shot label of every view asks for it.
    skipped = {ch.upper() for ch in skip}
    return "".join(ch for ch in ascii_uppercase if ch not in skipped) or ascii_uppercase


def scene_numbers(project: Project) -> dict[str, str]:
    """Return each scene's number by scene id.

    Unlocked scenes count up from the last number seen, so that after a
    locked ``12A`` the next scene is 13.
    """
    numbers: dict[str, str] = {}
    # A digit string, not an int: a locked number may have more digits than int() reads.
    last = "0"
    for scene in project.scenes:
        if scene.number:
            numbers[scene.id] = scene.number
            match = _LEADING_INT.match(scene.number)
            if match:
                last = match.group(1)
        else:
            last = add_one(last)
            numbers[scene.id] = last
    return numbers


def scene_duration_ms(scene: Scene) -> int:
    """Return the running time of a scene's boards."""
    return sum(panel.duration_ms for panel in scene.panels)


def total_duration_ms(project: Project) -> int:
    """Return the running time of the whole board."""
    return sum(scene_duration_ms(scene) for scene in project.scenes)


def format_duration(ms: int) -> str:
    """Format milliseconds as ``M:SS.s`` (or ``H:MM:SS`` past an hour) for crews."""
    ms = max(0, int(ms))
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}.{millis // 100}"


_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d+(?:[.,]\d*)?)$")


def parse_duration_ms(text: str) -> int:
    """Read a duration typed as seconds (``2.5``, ``2.5s``, ``2,5``) or as ``M:SS.s`` / ``H:MM:SS`` into milliseconds.

    Raises ValueError for text that is no duration; the range is the field's
    (``model.fields``), so a negative or huge number is read and refused there.
    """
    value = text.strip().lower().removesuffix("s").strip().replace(",", ".")
    match = _CLOCK.match(value)
    if match and max(len(match.group(1) or ""), len(match.group(2))) > 9:
        # int() refuses over 4,300 digits, and a float cannot hold what hundreds make.
        raise ValueError(f"{text[:40]!r} is not a duration such as 2.5 or 0:02.5")
    if match:
        hours, minutes, seconds = int(match.group(1) or 0), int(match.group(2)), float(match.group(3))
        total = (hours * 60 + minutes) * 60 + seconds
    elif re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", value):
        total = float(value)
    else:
        raise ValueError(f"{text!r} is not a duration such as 2.5 or 0:02.5")
    if not math.isfinite(total * 1000):
        raise ValueError(f"{text!r} is not a duration such as 2.5 or 0:02.5")
    return round(total * 1000)
