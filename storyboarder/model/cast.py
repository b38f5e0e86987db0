"""Who is in a scene, and the cast numbers call sheets print.

A cast member's number is stored once (``CastMember.number``) and kept: a
member who leaves takes their number with them, and reordering the cast
renumbers nobody, as on every production's cast list. A member without a
stored number is shown after the highest number in use until one is given
with ``assign_cast_numbers``.

The characters in a scene come from the storyboard itself: the cast marked
on each panel (``Panel.cast_ids``) and the speakers of its dialogue, matched
to the cast by character name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .entities import CastMember

if TYPE_CHECKING:
    from .entities import Project, Scene

# Extensions after a character cue: (V.O.), (O.S.), (O.C.), (CONT'D), (OFF), (PRE-LAP), (cont.)…
_EXTENSION = re.compile(r"\s*\((?:[^()]{0,24})\)\s*")
_INLINE_CUE = re.compile(r"^([^:\n]{1,40}):\s+\S")
_NOT_A_NAME_END = ("!", "?", ",", ";", ":", "…", "...", "—", "-")


def cast_numbers(project: Project) -> dict[str, int]:
    """Return every cast member's call-sheet number by cast id.

    Stored numbers are kept as they are (two members sharing one is reported
    by ``call_sheet_warnings``); members without one follow the highest
    number in use, in cast-list order.
    """
    numbers: dict[str, int] = {}
    highest = max((m.number for m in project.cast if m.number is not None and m.number >= 1), default=0)
    for member in project.cast:
        if member.number is not None and member.number >= 1:
            numbers[member.id] = member.number
        else:
            highest += 1
            numbers[member.id] = highest
    return numbers


def next_cast_number(project: Project) -> int:
    """The number a new cast member gets: one more than any number in use, stored or shown."""
    return max(cast_numbers(project).values(), default=0) + 1


def assign_cast_numbers(project: Project) -> dict[str, int]:
    """Give every cast member without a stored number the number they are shown with.

    Returns ``{cast id: number}`` for the members that changed, so an editor
    can record the change for undo. Members with a number keep it.
    """
    shown = cast_numbers(project)
    given: dict[str, int] = {}
    for member in project.cast:
        if member.number is None or member.number < 1:
            member.number = shown[member.id]
            given[member.id] = member.number
    return given


def character_key(name: str) -> str:
    """Normalise a character name for matching: no extensions such as (V.O.), one case, single spaces."""
    name = _EXTENSION.sub(" ", name.replace("\u2019", "'"))
    return " ".join(name.split()).casefold()


def _clean_cue(line: str) -> str:
    """A cue line without its extensions: ``MARA (V.O.)`` → ``MARA``; empty if it is not a name."""
    name = " ".join(_EXTENSION.sub(" ", line.replace("\u2019", "'")).split())
    if not name or name.endswith(_NOT_A_NAME_END) or name.startswith("("):
        return ""
    if name.upper() != name or name.lower() == name or len(name) > 40:
        return ""
    return name


def dialogue_speakers(dialogue: str) -> list[str]:
    """Return the character names that speak in a panel's dialogue, in order, without repeats.

    A speaker is a line in capitals that starts a block (the first line, or
    after a blank line) and is followed by the speech (``MARA`` then her
    line), or a name in capitals before a colon (``MARA: Drive.``).
    Extensions such as (V.O.), (O.S.) and (CONT'D) are dropped.
    """
    names: list[str] = []
    lines = [line.strip() for line in dialogue.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    block_start = True
    for index, line in enumerate(lines):
        if not line:
            block_start = True
            continue
        name = ""
        inline = _INLINE_CUE.match(line)
        if inline:
            name = _clean_cue(inline.group(1))
        if not name and block_start and index + 1 < len(lines) and lines[index + 1]:
            name = _clean_cue(line)
        if name and name not in names:
            names.append(name)
        block_start = False
    return names


def scene_cast_ids(project: Project, scene: Scene) -> list[str]:
    """Return the ids of the cast in a scene: marked on its panels or speaking in them, in cast-list order."""
    by_key: dict[str, str] = {}
    for member in project.cast:
        key = character_key(member.character)
        if key:
            by_key.setdefault(key, member.id)
    found: set[str] = set()
    for panel in scene.panels:
        found.update(panel.cast_ids)
        for speaker in dialogue_speakers(panel.dialogue):
            cast_id = by_key.get(character_key(speaker))
            if cast_id:
                found.add(cast_id)
    known = [member.id for member in project.cast if member.id in found]
    return known


def unmatched_speakers(project: Project) -> list[str]:
    """Return the speakers in the storyboard's dialogue that no cast member plays, in story order."""
    cast_keys = {character_key(member.character) for member in project.cast}
    names: list[str] = []
    seen: set[str] = set()
    for _scene, panel in project.iter_panels():
        for speaker in dialogue_speakers(panel.dialogue):
            key = character_key(speaker)
            if key and key not in cast_keys and key not in seen:
                seen.add(key)
                names.append(speaker)
    return names


def cast_from_scenes(project: Project) -> list[CastMember]:
    """Make cast members for the characters who speak in the storyboard but are not in the cast yet.

    The new members are returned, not added, each with the next cast number,
    so an editor can add them in one undoable step.
    """
    number = next_cast_number(project)
    made = []
    for offset, name in enumerate(unmatched_speakers(project)):
        made.append(CastMember(character=name, number=number + offset))
    return made
