"""Every way a project changes, as small operations that announce themselves.

Undo commands call these operations and nothing else touches a project's
structure, so views that listen (the Qt item models) always hear about a
change before and after it happens, as Qt's begin/end row calls need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from .entities import Entity, Panel, Project, Scene


@dataclass(frozen=True)
class Change:
    """What is about to change, or just changed, in a project.

    ``kind`` is one of: ``panels_inserted``, ``panels_removed``,
    ``scenes_inserted``, ``scenes_removed``, ``scenes_moved``,
    ``items_inserted``, ``items_removed``, ``items_moved``, ``fields``,
    ``reset``. Row changes name the scene (for panels) and the rows
    ``first..last``; item changes name their project list (``cast``,
    ``crew``, ``locations``, ``shoot_days``) in ``extra["list"]``;
    ``fields`` names the changed objects and field path.
    """

    kind: str
    scene: Scene | None = None
    first: int = 0
    last: int = -1
    destination: int = 0
    objects: tuple = ()
    field_path: str = ""
    extra: dict = field(default_factory=dict)


class Listener(Protocol):
    """Something that mirrors a project, such as an item model."""

    def before_change(self, change: Change) -> None: ...

    def after_change(self, change: Change) -> None: ...


def listeners(project: Project) -> list[Listener]:
    """Return the listeners attached to a project (kept outside the file format)."""
    return project.__dict__.setdefault("_listeners", [])


def subscribe(project: Project, listener: Listener) -> None:
    """Start telling a listener about changes to a project."""
    found = listeners(project)
    if listener not in found:
        found.append(listener)


def unsubscribe(project: Project, listener: Listener) -> None:
    """Stop telling a listener about changes."""
    found = listeners(project)
    if listener in found:
        found.remove(listener)


class _Announce:
    def __init__(self, project: Project, change: Change):
        self.project, self.change = project, change

    def __enter__(self):
        for listener in list(listeners(self.project)):
            listener.before_change(self.change)
        return self.change

    def __exit__(self, *exc):
        for listener in list(listeners(self.project)):
            listener.after_change(self.change)
        return False


# Panels ------------------------------------------------------------------------


def insert_panels(project: Project, scene: Scene, index: int, panels: list[Panel]) -> None:
    """Insert panels into a scene at a row."""
    if not panels:
        return
    index = max(0, min(index, len(scene.panels)))
    with _Announce(project, Change("panels_inserted", scene, index, index + len(panels) - 1)):
        scene.panels[index:index] = panels


def remove_panels(project: Project, scene: Scene, index: int, count: int) -> list[Panel]:
    """Remove ``count`` panels from a scene starting at a row; return them."""
    if count <= 0:
        return []
    with _Announce(project, Change("panels_removed", scene, index, index + count - 1)):
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
    with _Announce(project, Change("scenes_inserted", None, index, index)):
        project.scenes.insert(index, scene)


def remove_scene(project: Project, index: int) -> Scene:
    """Remove the scene at a row and return it."""
    with _Announce(project, Change("scenes_removed", None, index, index)):
        return project.scenes.pop(index)


def move_scene(project: Project, source: int, destination: int) -> None:
    """Move a scene so that it lands before the scene now at ``destination``.

    ``destination`` is counted before the move, as Qt's ``beginMoveRows`` wants.
    """
    if destination in (source, source + 1):
        return
    with _Announce(project, Change("scenes_moved", None, source, source, destination)):
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
    with _Announce(project, Change("items_inserted", None, index, index + len(items) - 1, extra={"list": name})):
        target[index:index] = items


def remove_items(project: Project, name: str, index: int, count: int) -> list:
    """Remove ``count`` entries of a project list from a row; return them."""
    target = _item_list(project, name)
    if count <= 0:
        return []
    with _Announce(project, Change("items_removed", None, index, index + count - 1, extra={"list": name})):
        removed = target[index : index + count]
        del target[index : index + count]
    return removed


def move_item(project: Project, name: str, source: int, destination: int) -> None:
    """Move one entry so it lands before the entry now at ``destination`` (counted before the move)."""
    if destination in (source, source + 1):
        return
    target = _item_list(project, name)
    with _Announce(project, Change("items_moved", None, source, source, destination, extra={"list": name})):
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
    with _Announce(project, Change("fields", objects=tuple(objects), field_path=path)):
        for obj, value in zip(objects, values):
            for parent in parents:
                obj = getattr(obj, parent)
            setattr(obj, name, value)
    return old


def replace_all(project: Project, apply: Callable[[], None]) -> None:
    """Make a change too broad to describe row by row; listeners start over."""
    with _Announce(project, Change("reset")):
        apply()
