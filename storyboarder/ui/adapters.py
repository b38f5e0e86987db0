"""Qt adapters over a project's typed change events (``storyboarder.model.events``).

``ProjectModel`` is the one base of every item model over the project: it
turns row events into ``beginInsertRows``/``endInsertRows``,
``beginRemoveRows``/``endRemoveRows`` and ``beginMoveRows``/``endMoveRows``,
a replaced list field into a reset, and hands field edits to the model to
repaint. ``ProjectWatch`` keeps any Qt object's methods connected to the
current project of its document and lets go of them when Qt deletes the
object, which can happen while Python still holds it.
"""

from __future__ import annotations

import weakref
from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject

from storyboarder.model.events import (
    FieldsChanged,
    ListName,
    ProjectEvents,
    RowsInserted,
    RowsMoved,
    RowsEvent,
    RowsRemoved,
    project_events,
)


class ProjectWatch:
    """Connects an object's methods to its document's project, again after every replace, until Qt deletes it.

    ``connect(events)`` makes the connections; the owner keeps the watch
    (``self._watch = ProjectWatch(self, document, self._connect_events)``).
    """

    def __init__(self, owner: QObject, document, connect: Callable[[ProjectEvents], None]):
        self._owner = weakref.ref(owner)
        self._connect = weakref.WeakMethod(connect)
        self.document = document
        self.events = project_events(document.project)
        connect(self.events)
        # Qt may delete the object (a closed dock, deleteLater) while Python still holds it:
        # its methods must not be called then. Both connections hold this watch weakly.
        owner.destroyed.connect(self._let_go)
        document.projectReplaced.connect(self._follow)

    def _let_go(self, *_args) -> None:
        owner = self._owner()
        if owner is not None:
            self.events.disconnect_object(owner)

    def _follow(self) -> None:
        owner, connect = self._owner(), self._connect()
        if owner is None or connect is None:
            return
        self.events.disconnect_object(owner)
        self.events = project_events(self.document.project)
        connect(self.events)


class ProjectModel:
    """The base of every item model over a project, put before the Qt model class it adapts.

    A subclass calls ``watch_project(document)`` from ``__init__`` and says
    where each list's rows sit (``rows_parent``); the base opens and closes
    Qt's row changes around every insert, remove and move of those rows.
    Its hooks: ``forget`` (drop caches a change made stale, before Qt hears
    the end), ``rows_changed`` (repaint after a change of a listened list),
    ``fields_changed`` (repaint after a field edit), ``whole_list_field``
    (a list field shown whole: setting it starts the model over) and
    ``project_replaced``. None of them reads event kinds from strings.
    """

    #: The project lists whose changes this model hears.
    LISTS: tuple[ListName, ...] = ()

    def watch_project(self, document) -> None:
        """Start mirroring the document's project, and follow it when it is replaced."""
        self.document = document
        self._project = document.project
        #: What to call when the change Qt heard the start of is over: a stack, as changes may nest.
        self._ends: list[Callable[[], None] | None] = []
        self._reset_by: FieldsChanged | None = None
        document.projectReplaced.connect(self._replace_project)
        self._watch = ProjectWatch(self, document, self._connect_events)

    def watched_lists(self) -> tuple[ListName, ...]:
        """The project lists this model hears (``LISTS`` unless an instance says otherwise)."""
        return self.LISTS

    def _connect_events(self, events: ProjectEvents) -> None:
        for name in self.watched_lists():
            signals = events.rows(name)
            signals.inserting.connect(self._rows_inserting)
            signals.inserted.connect(self._rows_done)
            signals.removing.connect(self._rows_removing)
            signals.removed.connect(self._rows_done)
            signals.moving.connect(self._rows_moving)
            signals.moved.connect(self._rows_done)
        whole = self.whole_list_field()
        if whole is not None:
            by_path = events.field(whole[1])
            by_path.changing.connect(self._list_field_changing)
            by_path.changed.connect(self._list_field_changed)
        events.fields.changed.connect(self._fields_changed)

    # Hooks for the models --------------------------------------------------------------------

    def rows_parent(self, owner, name: ListName) -> QModelIndex | None:
        """Where the rows of ``owner``'s list ``name`` sit in this model, or None if it does not show them."""
        return None

    def forget(self, event: RowsEvent) -> None:
        """Drop caches of where rows are; called before Qt hears the end of the row change.

        What rows show (numbers, names) should keep its old value until
        ``rows_changed`` repaints it: views and Qt's model tester read the
        moved rows as soon as the row change ends.
        """

    def rows_changed(self, event: RowsEvent) -> None:
        """Repaint after a change of a listened list, once Qt's row change is over."""

    def fields_changed(self, event: FieldsChanged) -> None:
        """Repaint the rows a field edit touched."""

    def whole_list_field(self) -> tuple[object | None, str] | None:
        """``(owner, path)`` of a list field the model shows whole; setting it on the owner starts the model over."""
        return None

    def project_replaced(self) -> None:
        """Forget the old project (called between Qt's begin and end of a reset, after ``_project`` changed)."""

    # Row changes -----------------------------------------------------------------------------

    def _rows_inserting(self, event: RowsInserted) -> None:
        self._begin_rows(event, self.beginInsertRows, self.endInsertRows)

    def _rows_removing(self, event: RowsRemoved) -> None:
        self._begin_rows(event, self.beginRemoveRows, self.endRemoveRows)

    def _begin_rows(self, event: RowsInserted | RowsRemoved, begin, end) -> None:
        parent = self.rows_parent(event.owner, event.name)
        if parent is None:
            self._ends.append(None)
        else:
            begin(parent, event.first, event.last)
            self._ends.append(end)

    def _rows_moving(self, event: RowsMoved) -> None:
        parent = self.rows_parent(event.owner, event.name)
        if parent is None:
            self._ends.append(None)
        elif self.beginMoveRows(parent, event.first, event.last, parent, event.destination):
            self._ends.append(self.endMoveRows)
        else:  # Qt refuses a move onto itself; starting over is always right
            self.beginResetModel()
            self._ends.append(self.endResetModel)

    def _rows_done(self, event: RowsEvent) -> None:
        end = self._ends.pop()
        self.forget(event)
        if end is not None:
            end()
        self.rows_changed(event)

    # Field changes ---------------------------------------------------------------------------

    def _shows_whole(self, event: FieldsChanged) -> bool:
        whole = self.whole_list_field()
        return whole is not None and whole[0] is not None and any(o is whole[0] for o in event.objects)

    def _list_field_changing(self, event: FieldsChanged) -> None:
        if self._shows_whole(event):
            self.beginResetModel()
            self._ends.append(self.endResetModel)
        else:
            self._ends.append(None)

    def _list_field_changed(self, event: FieldsChanged) -> None:
        end = self._ends.pop()
        if end is not None:
            end()
            self._reset_by = event

    def _fields_changed(self, event: FieldsChanged) -> None:
        if self._reset_by is event:
            self._reset_by = None  # started over already: every row is new
            return
        self.fields_changed(event)

    # A replaced project ----------------------------------------------------------------------

    def _replace_project(self) -> None:
        self.beginResetModel()
        self._project = self.document.project
        self._ends.clear()
        self.project_replaced()
        self.endResetModel()

    # Helpers -------------------------------------------------------------------------------

    def repaint_rows(self, first: int, last: int, parent: QModelIndex = QModelIndex()) -> None:
        """Tell views that every column of rows ``first..last`` under ``parent`` changed."""
        if first <= last:
            # A list model has one column (Qt keeps its columnCount private).
            column = 0 if isinstance(self, QAbstractListModel) else self.columnCount(parent) - 1
            self.dataChanged.emit(self.index(first, 0, parent), self.index(last, column, parent))

    def repaint_all(self) -> None:
        """Tell views that every top-level row changed."""
        self.repaint_rows(0, self.rowCount() - 1)
