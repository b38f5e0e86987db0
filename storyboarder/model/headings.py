"""The one scene-heading parser: ``EXT. LIGHTHOUSE CLIFF - DAWN`` is EXT, LIGHTHOUSE CLIFF, DAWN.

Every road in reads headings here: the Fountain import (``io.fountain``,
after it removes the file's own marks such as ``#12A#``), the call sheet
(``model.scene_facts``) and a heading typed into the scene form
(``heading_changes``).

The rule, as crews write headings: an INT, EXT, EST, INT./EXT., I/E (or
INTERIOR, EXTERIOR) prefix; then the place; then the time of day after the
last spaced dash (``-``, ``--``, en or em dash). ``LOCATION - TIME`` is the
convention, so with one dash the tail is the time whatever it says
(``CAR - MOVING``); with more dashes only a tail holding a known time word
is split off, so ``HOUSE - KITCHEN - BY THE SINK`` stays the place. A
heading without the prefix (a forced ``.FLASHBACK``) names no place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .entities import Location, Project, Scene

# One pass, no nested repeats: the prefix alternatives are fixed words.
_PREFIX = re.compile(
    r"\s*(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|E\s*/\s*I|INT\.?\s*-\s*EXT|INT(?:ERIOR)?|EXT(?:ERIOR)?|EST)(?:\.\s*|\s+|$)",
    re.IGNORECASE,
)
_TIME_SEPARATOR = re.compile(r"\s+(?:-{1,2}|–|—)\s+")
#: Words that make a heading's tail a time of day: English, then the words French, Spanish, Italian,
#: German, Portuguese and Russian scripts use.
TIME_WORDS = frozenset({
    "DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DAWN", "DUSK", "SUNRISE", "SUNSET", "NOON",
    "MIDNIGHT", "MIDDAY", "DAYTIME", "NIGHTTIME", "DAYBREAK", "SUNDOWN", "LATER", "CONTINUOUS", "SAME",
    "MOMENTS", "SIMULTANEOUS", "MAGIC", "TWILIGHT", "FLASHBACK",
    "JOUR", "NUIT", "MATIN", "SOIR", "DÍA", "NOCHE", "TARDE", "MAÑANA", "GIORNO", "NOTTE", "SERA",
    "TAG", "NACHT", "ABEND", "MORGEN", "DIA", "NOITE", "ДЕНЬ", "НОЧЬ", "УТРО", "ВЕЧЕР",
})  # fmt: skip


class HeadingParts(NamedTuple):
    """What a heading says: ``INT``, ``EXT`` or ``INT/EXT`` (or empty), the place, the time of day as written."""

    int_ext: str
    place: str
    time_of_day: str


def parse_heading(text: str) -> HeadingParts:
    """Split a scene heading into INT/EXT, place and time of day (see the module docstring)."""
    text = " ".join(text.split())
    prefix = _PREFIX.match(text)
    if not prefix:
        return HeadingParts("", "", "")
    word = re.sub(r"[\s.]", "", prefix.group(1)).upper()
    int_ext = {"INT": "INT", "INTERIOR": "INT", "EXT": "EXT", "EXTERIOR": "EXT", "EST": "EXT"}.get(word, "INT/EXT")
    rest = text[prefix.end() :].strip(" .-–—")
    time = ""
    separators = list(_TIME_SEPARATOR.finditer(rest))
    if separators:
        last = separators[-1]
        tail = rest[last.end() :].strip()
        words = {w.strip("().,").upper() for w in tail.split()}
        if len(separators) == 1 or words & TIME_WORDS:
            time = tail
            rest = rest[: last.start()].strip()
    return HeadingParts(int_ext, rest, time)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def heading_changes(before: Scene, heading: str) -> dict[str, str]:
    """The scene fields a newly typed heading sets: the heading, and the INT/EXT and time of day it names.

    ``before`` is the scene as it was when the user started typing. INT/EXT
    and time of day follow the heading only while they were empty or what
    the old heading said: a value the user chose in its own box (``INT``
    for a car shot on a stage although the heading says EXT) is theirs, and
    retyping the heading never overwrites it.
    """
    old, new = parse_heading(before.heading), parse_heading(heading)
    changes = {"heading": heading}
    for name in ("int_ext", "time_of_day"):
        current = getattr(before, name)
        if not current.strip() or _folded(current) == _folded(getattr(old, name)):
            changes[name] = getattr(new, name)
    return changes


def heading_location(project: Project, before: Scene, heading: str) -> tuple[Location | None, str] | None:
    """The location a newly typed heading names, when the scene's location follows its heading.

    ``before`` is the scene as it was when the user started typing. Returns
    None when its location was chosen apart from its heading (neither empty
    nor the old heading's place), which the heading then leaves alone;
    otherwise ``(location, place)``: the project's location of that name
    (case and spacing ignored), or None and the place when the project has
    no such location yet (``place`` is empty when the heading names none).
    """
    by_id = {location.id: location for location in project.locations}
    current = by_id.get(before.location_id) if before.location_id else None
    if current is not None and _folded(current.name) != _folded(parse_heading(before.heading).place):
        return None
    place = parse_heading(heading).place
    found = next((loc for loc in project.locations if place and _folded(loc.name) == _folded(place)), None)
    return found, place
