"""What a call sheet says about a scene: INT/EXT, day or night, and the set.

Read from the scene's own fields, and from its heading (``model.headings``)
when a field is empty, so an imported script needs no retyping: ``EXT. ROOFTOP - NIGHT`` is
EXT, N, set ``ROOFTOP``. A scene's shots are ``model.shots``'s, its setups
counted by ``model.setups`` and its minutes by ``model.shooting_time``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .headings import parse_heading

if TYPE_CHECKING:
    from .entities import Project, Scene

_DAY = {"DAY", "MORNING", "AFTERNOON", "NOON", "MIDDAY", "LATE MORNING", "LATE AFTERNOON", "EARLY MORNING", "DAYTIME"}
_NIGHT = {"NIGHT", "EVENING", "LATE NIGHT", "MIDNIGHT", "NIGHTTIME", "LATE EVENING", "EARLY EVENING"}
_DAWN = {"DAWN", "SUNRISE", "FIRST LIGHT", "DAYBREAK"}
_DUSK = {"DUSK", "SUNSET", "MAGIC HOUR", "GOLDEN HOUR", "TWILIGHT", "SUNDOWN"}
#: Times of day that mean "as the scene before": they take its day or night.
_SAME = {"CONTINUOUS", "CONT", "CONT'D", "SAME", "SAME TIME", "LATER", "MOMENTS LATER", "SIMULTANEOUS", "A MOMENT LATER"}


def _words(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).upper().rstrip(".")


def int_ext(scene: Scene) -> str:
    """Return INT, EXT or I/E for a scene, from its field or its heading; empty when neither says."""
    text = scene.int_ext.strip() or parse_heading(scene.heading).int_ext
    key = re.sub(r"[\s.]", "", text.upper())
    if not key:
        return ""
    if "/" in key or key in {"INT-EXT", "IE", "EI"}:
        return "I/E"
    if key.startswith("INT"):
        return "INT"
    if key.startswith(("EXT", "EST")):
        return "EXT"
    return " ".join(text.split()).upper()


def time_of_day(scene: Scene) -> str:
    """Return a scene's time of day in capitals, from its field or the end of its heading."""
    return _words(scene.time_of_day.strip() or parse_heading(scene.heading).time_of_day)


def set_name(scene: Scene) -> str:
    """Return the set a heading names, without INT/EXT and time of day: ``EXT. ROOFTOP - NIGHT`` → ``ROOFTOP``."""
    parts = parse_heading(scene.heading)
    # A heading without INT/EXT (``Kitchen``, a forced ``.FLASHBACK``) is all set name.
    return parts.place if parts.int_ext else " ".join(scene.heading.split())


def day_or_night(time: str) -> str:
    """Abbreviate a time of day as call sheets do: D, N, Dawn, Dusk; other times as written; empty for "same"."""
    time = _words(time)
    if time in _DAY:
        return "D"
    if time in _NIGHT:
        return "N"
    if time in _DAWN:
        return "Dawn"
    if time in _DUSK:
        return "Dusk"
    if time in _SAME:
        return ""
    return time.title() if time else ""


def scene_day_night(project: Project) -> dict[str, str]:
    """Return every scene's D/N by scene id; CONTINUOUS and LATER take the scene before's."""
    result: dict[str, str] = {}
    previous = ""
    for scene in project.scenes:
        time = time_of_day(scene)
        value = day_or_night(time)
        if not value and time in _SAME:
            value = previous
        result[scene.id] = value
        previous = value or previous
    return result
