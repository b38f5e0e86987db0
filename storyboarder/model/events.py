"""Typed change events of a project, announced to weakly held listeners.

In the manner of napari's evented containers, each project list (scenes,
the panels of any scene, cast, crew, locations, shoot days) has its own
``inserting``/``inserted``, ``removing``/``removed`` and ``moving``/``moved``
signals, and field edits have ``changing``/``changed`` signals for every
field and for each field path. The "-ing" signal fires before the list
changes and the "-ed" one after, as Qt's begin/end row calls need.

Signals hold bound methods through weak references only: a view that is
gone is never called, and forgetting to disconnect leaks nothing.
"""

from __future__ import annotations

import types
import weakref
from dataclasses import dataclass
from typing import Any, Callable, Literal

#: The lists whose rows are inserted, removed and moved one by one.
ListName = Literal["scenes", "panels", "cast", "crew", "locations", "shoot_days"]
LIST_NAMES: tuple[ListName, ...] = ("scenes", "panels", "cast", "crew", "locations", "shoot_days")


@dataclass(frozen=True, slots=True)
class RowsInserted:
    """Rows ``first..last`` of ``owner``'s list ``name`` are being (or were just) inserted.

    ``owner`` is the project, or the scene for ``panels``.
    """

    owner: Any
    name: ListName
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class RowsRemoved:
    """Rows ``first..last`` of ``owner``'s list ``name`` are being (or were just) removed."""

    owner: Any
    name: ListName
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class RowsMoved:
    """Rows ``first..last`` move to land before the row now at ``destination`` (counted before the move)."""

    owner: Any
    name: ListName
    first: int
    last: int
    destination: int


@dataclass(frozen=True, slots=True)
class FieldsChanged:
    """The field at dotted ``path`` is being (or was just) set on each of ``objects``."""

    objects: tuple
    path: str


RowsEvent = RowsInserted | RowsRemoved | RowsMoved
Event = RowsInserted | RowsRemoved | RowsMoved | FieldsChanged


class Signal:
    """One kind of change: calls the bound methods connected to it, held weakly, in connection order."""

    __slots__ = ("_slots", "__weakref__")

    def __init__(self) -> None:
        self._slots: dict[tuple[int, int], weakref.WeakMethod] = {}

    def connect(self, method: Callable[[Any], None]) -> None:
        """Call ``method(event)`` on every emit for as long as its object lives."""
        if not isinstance(method, types.MethodType):
            # A lambda or closure held weakly would vanish at once, and held
            # strongly it would keep its view alive: only methods are allowed.
            raise TypeError(f"connect a bound method, not {method!r}")
        key = _key(method)
        slots = self._slots

        def forget(ref: weakref.WeakMethod, key=key, slots=slots) -> None:
            if slots.get(key) is ref:
                del slots[key]

        slots[key] = weakref.WeakMethod(method, forget)

    def disconnect(self, method: Callable[[Any], None]) -> None:
        """Stop calling ``method`` (no error if it was not connected)."""
        if isinstance(method, types.MethodType):
            self._slots.pop(_key(method), None)

    def disconnect_object(self, obj: object) -> None:
        """Stop calling every method of ``obj``."""
        for key in [key for key in self._slots if key[0] == id(obj)]:
            del self._slots[key]

    def receivers(self) -> list[Callable[[Any], None]]:
        """The live methods connected, in the order they are called."""
        return [method for method in (ref() for ref in self._slots.values()) if method is not None]

    def emit(self, event: Event) -> None:
        """Call every live connected method with ``event``."""
        if not self._slots:
            return  # the common case for most signals on most edits
        for ref in list(self._slots.values()):
            method = ref()
            if method is not None:
                method(event)


def _key(method: types.MethodType) -> tuple[int, int]:
    return id(method.__self__), id(method.__func__)


class ListSignals:
    """The six signals of one project list."""

    __slots__ = ("inserting", "inserted", "removing", "removed", "moving", "moved")

    def __init__(self) -> None:
        self.inserting, self.inserted = Signal(), Signal()
        self.removing, self.removed = Signal(), Signal()
        self.moving, self.moved = Signal(), Signal()

    def all(self) -> tuple[Signal, ...]:
        """Every signal of the list."""
        return (self.inserting, self.inserted, self.removing, self.removed, self.moving, self.moved)


class FieldSignals:
    """Before and after a field is set on some objects."""

    __slots__ = ("changing", "changed")

    def __init__(self) -> None:
        self.changing, self.changed = Signal(), Signal()

    def all(self) -> tuple[Signal, ...]:
        """Both signals."""
        return (self.changing, self.changed)


class ProjectEvents:
    """Every signal of one project: one set per list, one for any field, one per field path."""

    __slots__ = ("scenes", "panels", "cast", "crew", "locations", "shoot_days", "fields", "_paths")

    def __init__(self) -> None:
        #: ``panels`` covers the panels of every scene; its events name the scene as ``owner``.
        self.scenes, self.panels = ListSignals(), ListSignals()
        self.cast, self.crew = ListSignals(), ListSignals()
        self.locations, self.shoot_days = ListSignals(), ListSignals()
        #: Any field of any object.
        self.fields = FieldSignals()
        self._paths: dict[str, FieldSignals] = {}

    def rows(self, name: ListName) -> ListSignals:
        """The signals of one project list, by name."""
        if name not in LIST_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def field(self, path: str) -> FieldSignals:
        """The signals of one field path, such as ``scene_ids`` or ``camera.lens_mm``, on any object."""
        found = self._paths.get(path)
        if found is None:
            found = self._paths[path] = FieldSignals()
        return found

    def path_signals(self, path: str) -> FieldSignals | None:
        """The signals of a field path if anyone asked for them yet (emitting skips the rest)."""
        return self._paths.get(path)

    def signals(self) -> list[Signal]:
        """Every signal there is so far."""
        found = [signal for name in LIST_NAMES for signal in self.rows(name).all()]
        found += self.fields.all()
        found += [signal for group in self._paths.values() for signal in group.all()]
        return found

    def disconnect_object(self, obj: object) -> None:
        """Stop calling any method of ``obj`` from any signal of the project."""
        for signal in self.signals():
            signal.disconnect_object(obj)


def project_events(project) -> ProjectEvents:
    """The signals of a project (kept beside it, outside the file format)."""
    found = project.__dict__.get("_events")
    if found is None:
        found = project.__dict__["_events"] = ProjectEvents()
    return found
