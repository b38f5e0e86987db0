"""Who is in a scene, and the cast numbers call sheets print.

A cast member's number is stored once (``CastMember.number``) and kept: a
member who leaves takes their number with them, and reordering the cast
renumbers nobody, as on every production's cast list. A member without a
stored number is shown after the highest number in use until one is given
with ``assign_cast_numbers``.

The characters in a scene come from the storyboard itself: the cast marked
on each panel (``Panel.cast_ids``) and the speakers of its dialogue (read by
``model.dialogue``, as the boards read their bold cues), matched to the cast
by character name. ``cast_name`` and ``cast_label`` are how every list,
cell and message names a member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dialogue import dialogue_speakers, without_extensions
from .entities import CastMember

if TYPE_CHECKING:
    from .entities import Project, Scene


def cast_name(member: CastMember) -> str:
    """How lists and cells name a cast member: the character, else the actor, else ``(unnamed)``."""
    return " ".join(member.character.split()) or " ".join(member.actor.split()) or "(unnamed)"


def cast_label(member: CastMember, number: int | None = None) -> str:
    """How messages and pickers name a cast member: ``MARA (Ana Lima)``, with ``#3`` before it when numbered."""
    character, actor = " ".join(member.character.split()), " ".join(member.actor.split())
    text = f"{character} ({actor})" if character and actor else character or actor or "(unnamed)"
    return f"#{number} {text}" if number is not None else text


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
    return without_extensions(name).casefold()


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
