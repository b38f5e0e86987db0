"""Scene numbers, shot numbers and durations, computed from story order.

Numbers are never stored for panels unless a user overrides one; they are
derived here, once, for every view and export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_uppercase
from typing import TYPE_CHECKING

from .digits import add_one

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene

_LEADING_INT = re.compile(r"\s*(\d+)")


def shot_letters(index: int, skip: str = "IO") -> str:
    """Return the letters of the shot at ``index`` (0 → A … Z, then AA, AB …).

    Letters in ``skip`` are left out because on a slate they read like digits.
    """
    if index < 0:
        raise ValueError("shot index must not be negative")
    skipped = {ch.upper() for ch in skip}
    alphabet = [ch for ch in ascii_uppercase if ch not in skipped] or list(ascii_uppercase)
    base = len(alphabet)
    letters = []
    n = index + 1
    # Bijective base-N, like spreadsheet columns: there is no "zero" letter.
    while n > 0:
        n, rem = divmod(n - 1, base)
        letters.append(alphabet[rem])
    return "".join(reversed(letters))


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


@dataclass(frozen=True)
class ShotLabel:
    """The shot a panel belongs to and where it sits within that shot."""

    shot: str
    index: int  # 1-based panel index within its shot
    count: int  # panels in the shot

    @property
    def label(self) -> str:
        """The text printed on a board: ``1A``, or ``1A-2`` for a shot of several panels."""
        return self.shot if self.count == 1 else f"{self.shot}-{self.index}"


def scene_shot_labels(scene: Scene, scene_number: str, skip: str = "IO") -> dict[str, ShotLabel]:
    """Return the shot label of every panel of one scene, by panel id.

    A panel with ``new_shot`` false continues the previous panel's shot. An
    override in ``panel.shot`` names its shot but still takes a letter, so
    that overriding one shot never renumbers the others.
    """
    groups: list[list[Panel]] = []
    for panel in scene.panels:
        if panel.new_shot or not groups:
            groups.append([panel])
        else:
            groups[-1].append(panel)
    labels: dict[str, ShotLabel] = {}
    for shot_index, group in enumerate(groups):
        override = group[0].shot.strip()
        name = override or f"{scene_number}{shot_letters(shot_index, skip)}"
        for panel_index, panel in enumerate(group, start=1):
            labels[panel.id] = ShotLabel(name, panel_index, len(group))
    return labels


def shot_labels(project: Project) -> dict[str, ShotLabel]:
    """Return the shot label of every panel in the project, by panel id."""
    numbers = scene_numbers(project)
    labels: dict[str, ShotLabel] = {}
    for scene in project.scenes:
        labels.update(scene_shot_labels(scene, numbers[scene.id], project.skip_letters))
    return labels


def shot_count(scene: Scene) -> int:
    """Return how many shots a scene has (panels that start a new shot)."""
    return sum(1 for i, panel in enumerate(scene.panels) if panel.new_shot or i == 0)


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
