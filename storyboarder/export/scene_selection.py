"""Choose scenes the way crews name them: ``1,3-5``, ``12A``, ``12A-14``.

Selections match scene *numbers* as printed (locked numbers such as ``12A``
included), never positions, so a selection means the same scenes on paper
and on screen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyboarder.model import scene_numbers
from storyboarder.model.digits import number_key

from .storyboard_options import StoryboardExportError

if TYPE_CHECKING:
    from storyboarder.model import Project, Scene

_LEADING_INT = re.compile(r"^\s*(\d+)")
_PLAIN_INT = re.compile(r"^\d+$")


def _leading_number(number: str) -> tuple[int, str] | None:
    match = _LEADING_INT.match(number)
    return number_key(match.group(1)) if match else None


def select_scenes(project: Project, selection: str) -> list[Scene]:
    """Return the scenes a selection such as ``"1,3-5"`` names, in story order.

    ``3-5`` takes every scene whose number starts with 3, 4 or 5 (so a locked
    ``4A`` is in it); a range with a lettered end (``12A-14``) runs in story
    order from the scene numbered ``12A`` to the one numbered ``14``. An empty
    selection or ``all`` takes every scene. A part that matches no scene is an
    error, so a typo never prints the wrong board.
    """
    scenes = list(project.scenes)
    text = (selection or "").strip()
    if not text or text.lower() == "all":
        return scenes
    numbers = scene_numbers(project)
    labels = [numbers[scene.id].strip().upper() for scene in scenes]
    chosen: set[int] = set()
    problems = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        matched = _match_part(part.upper(), labels)
        if matched is None:
            problems.append(f"scenes: {part!r} is not a scene number or a range such as 3-5")
        elif not matched:
            problems.append(f"scenes: {part!r} matches no scene in this project ({_describe(labels)})")
        else:
            chosen.update(matched)
    if problems:
        raise StoryboardExportError(problems)
    if not chosen:
        raise StoryboardExportError(f"scenes: {selection!r} names no scene")
    return [scene for index, scene in enumerate(scenes) if index in chosen]


def _match_part(part: str, labels: list[str]) -> list[int] | None:
    """Return the positions one part of a selection matches, or None when it is malformed."""
    if "-" not in part:
        return [i for i, label in enumerate(labels) if label == part]
    start, _, end = (piece.strip() for piece in part.partition("-"))
    if not start or not end or "-" in end:
        return None
    if _PLAIN_INT.match(start) and _PLAIN_INT.match(end):
        low, high = sorted((number_key(start), number_key(end)))
        return [i for i, label in enumerate(labels) if (n := _leading_number(label)) is not None and low <= n <= high]
    try:
        first = labels.index(start)
        last = len(labels) - 1 - labels[::-1].index(end)
    except ValueError:
        return []
    if first > last:
        first, last = last, first
    return list(range(first, last + 1))


def _describe(labels: list[str]) -> str:
    if not labels:
        return "it has no scenes"
    if len(labels) <= 8:
        return "scenes are " + ", ".join(labels)
    return f"scenes are {labels[0]} to {labels[-1]}"
