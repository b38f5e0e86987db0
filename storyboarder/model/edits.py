"""Every way a project changes, as small operations that announce themselves.

Undo commands call these operations and nothing else touches a project's
structure, so views that listen (the Qt item models) always hear about a
change before and after it happens, as Qt's begin/end row calls need. The
events and their signals are declared in ``events``.
"""

from __future__ import annotations

from typing import Any, Iterable

from .entities import Entity, Panel, Project, Scene
from .events import FieldsChanged, RowsInserted, RowsMoved, RowsRemoved, Signal, project_events


class _Announce:
    """Emit an event on the "-ing" signals before a change and on the "-ed" ones after it, even if it fails."""

    __slots__ = ("before", "after", "event")

    def __init__(self, before: tuple[Signal, ...], after: tuple[Signal, ...], event):
        self.before, self.after, self.event = before, after, event

    def __enter__(self):
        for signal in self.before:
            signal.emit(self.event)
        return self.event

    def __exit__(self, *exc):
        # Also after a failed change: a view that began a row change must end it.
        for signal in self.after:
            signal.emit(self.event)
        return False


def _rows(project: Project, event) -> _Announce:
    signals = project_events(project).rows(event.name)
    if isinstance(event, RowsInserted):
        return _Announce((signals.inserting,), (signals.inserted,), event)
    if isinstance(event, RowsRemoved):
        return _Announce((signals.removing,), (signals.removed,), event)
    return _Announce((signals.moving,), (signals.moved,), event)


# Panels ------------------------------------------------------------------------


def insert_panels(project: Project, scene: Scene, index: int, panels: list[Panel]) -> None:
    """Insert panels into a scene at a row."""
    if not panels:
        return
    index = max(0, min(index, len(scene.panels)))
    with _rows(project, RowsInserted(scene, "panels", index, index + len(panels) - 1)):
        scene.panels[index:index] = panels


def remove_panels(project: Project, scene: Scene, index: int, count: int) -> list[Panel]:
    """Remove ``count`` panels from a scene starting at a row; return them."""
    if count <= 0:
        return []
    with _rows(project, RowsRemoved(scene, "panels", index, index + count - 1)):
        removed = scene.panels[index : index + count]
        del scene.panels[index : index + count]
    return removed


def contiguous_runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into ``(first, count)`` runs."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs


def take_panels(project: Project, scene: Scene, rows: Iterable[int]) -> list[Panel]:
    """Remove the panels at any rows of a scene; return them in story order."""
    taken: list[Panel] = []
    for first, count in reversed(contiguous_runs(rows)):
        taken[:0] = remove_panels(project, scene, first, count)
    return taken


def move_panels(project: Project, source: Scene, rows: list[int], target: Scene, row: int) -> int:
    """Move panels to a row of a scene (the same or another); return the row they land at.

    ``row`` is counted before the move, as a drop position is.
    """
    before = sum(1 for r in set(rows) if r < row) if source is target else 0
    moved = take_panels(project, source, rows)
    landing = max(0, min(row - before, len(target.panels)))
    insert_panels(project, target, landing, moved)
    return landing


# Scenes ------------------------------------------------------------------------


def insert_scene(project: Project, index: int, scene: Scene) -> None:
    """Insert a scene at a row."""
    index = max(0, min(index, len(project.scenes)))
    with _rows(project, RowsInserted(project, "scenes", index, index)):
        project.scenes.insert(index, scene)


def remove_scene(project: Project, index: int) -> Scene:
    """Remove the scene at a row and return it."""
    with _rows(project, RowsRemoved(project, "scenes", index, index)):
        return project.scenes.pop(index)


def move_scene(project: Project, source: int, destination: int) -> None:
    """Move a scene so that it lands before the scene now at ``destination``.

    ``destination`` is counted before the move, as Qt's ``beginMoveRows`` wants.
    """
    if destination in (source, source + 1):
        return
    with _rows(project, RowsMoved(project, "scenes", source, source, destination)):
        scene = project.scenes.pop(source)
        project.scenes.insert(destination - 1 if destination > source else destination, scene)


# Production lists: cast, crew, locations, shoot days -----------------------------

#: The project lists that hold production data, edited row by row.
ITEM_LISTS = ("cast", "crew", "locations", "shoot_days")


def _item_list(project: Project, name: str) -> list:
    if name not in ITEM_LISTS:
        raise KeyError(name)
    return getattr(project, name)


def insert_items(project: Project, name: str, index: int, items: list) -> None:
    """Insert entries (cast members, crew, locations or shoot days) into a project list at a row."""
    if not items:
        return
    target = _item_list(project, name)
    index = max(0, min(index, len(target)))
    with _rows(project, RowsInserted(project, name, index, index + len(items) - 1)):
        target[index:index] = items


def remove_items(project: Project, name: str, index: int, count: int) -> list:
    """Remove ``count`` entries of a project list from a row; return them."""
    target = _item_list(project, name)
    if count <= 0:
        return []
    with _rows(project, RowsRemoved(project, name, index, index + count - 1)):
        removed = target[index : index + count]
        del target[index : index + count]
    return removed


def move_item(project: Project, name: str, source: int, destination: int) -> None:
    """Move one entry so it lands before the entry now at ``destination`` (counted before the move)."""
    if destination in (source, source + 1):
        return
    target = _item_list(project, name)
    with _rows(project, RowsMoved(project, name, source, source, destination)):
        item = target.pop(source)
        target.insert(destination - 1 if destination > source else destination, item)


# Fields ------------------------------------------------------------------------


def get_field(obj: Entity, path: str) -> Any:
    """Read a field by dotted path, such as ``camera.lens_mm``."""
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def set_fields(project: Project, objects: list[Entity], path: str, values: list[Any]) -> list[Any]:
    """Set one field on several objects (one value each); return the old values."""
    *parents, name = path.split(".")
    old = [get_field(obj, path) for obj in objects]
    events = project_events(project)
    by_path = events.path_signals(path)
    before, after = (events.fields.changing,), (events.fields.changed,)
    if by_path is not None:
        # Nested: a view that starts over on this path has ended it before anyone repaints.
        before, after = before + (by_path.changing,), (by_path.changed,) + after
    with _Announce(before, after, FieldsChanged(tuple(objects), path)):
        for obj, value in zip(objects, values):
            for parent in parents:
                obj = getattr(obj, parent)
            setattr(obj, name, value)
    return old

