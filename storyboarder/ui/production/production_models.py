"""Table models over the production lists (cast, crew, locations), edited in place through the undo stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storyboarder.model import Panel, edits
from storyboarder.model.events import LIST_NAMES, FieldsChanged
from storyboarder.model.sun import known_time_zone
from storyboarder.vocabulary import Term

from ..adapters import ProjectModel
from ..board.item_models import Role

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    """One column of a production table: the entity field it shows and edits."""

    path: str
    title: str
    kind: str = "text"  # text, block, number, integer, time_zone, term:<choices>
    width: int = 120
    choices: tuple = ()  # values, or (value, full name) pairs
    #: Shows a read-only cell worked out from the entry (a cast member's name on a call).
    display: Callable[[Any], str] | None = None

    @property
    def editable(self) -> bool:
        """Whether the cell is typed into (computed cells are not)."""
        return self.display is None

    def parse(self, text: str):
        """The value typed text stands for."""
        text = text.strip() if self.kind != "block" else text
        if self.kind == "integer":
            if not text:
                return None
            if not text.isdigit() or int(text) < 1:
                raise ValueError(f"{self.title}: {text!r} is not a whole number from 1 up")
            return int(text)
        if self.kind == "time_zone":
            if text and not known_time_zone(text):
                raise ValueError(f"{self.title}: {text!r} is not a time zone name such as Europe/Paris")
            return text
        if self.kind == "number":
            if not text:
                return None
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                raise ValueError(f"{self.title}: {text!r} is not a number") from None
            if value != value or abs(value) == float("inf"):
                raise ValueError(f"{self.title}: {text!r} is not a number")
            return value
        return text


class ItemTableModel(ProjectModel, QAbstractTableModel):
    """One production list of the project (``cast``, ``crew``, ``locations``), one row per entry."""

    def __init__(self, document, name: str, fields: tuple[Field, ...], parent=None):
        super().__init__(parent)
        self.name = name
        self.fields = fields
        #: Worked-out cells by (entry, column), kept until a change is announced, so that
        #: a "Day 2 of 3" changes when views are told, not while rows are being inserted.
        self._worked_out: dict[tuple[int, int], str] = {}
        self.watch_project(document)

    @property
    def items(self) -> list:
        """The entries shown."""
        return getattr(self._project, self.name)

    def item(self, row: int):
        """The entry at a row."""
        return self.items[row]

    # Listening -------------------------------------------------------------------------

    def watched_lists(self):
        if any(field.display is not None for field in self.fields):
            return LIST_NAMES  # a worked-out cell may name any entry (a cast member, a scene number)
        return (self.name,) if self.name in LIST_NAMES else ()

    def rows_parent(self, owner, name):
        return QModelIndex() if owner is self._project and name == self.name else None

    def project_replaced(self) -> None:
        self._worked_out.clear()

    def rows_changed(self, event) -> None:
        """Repaint every row if it has worked-out cells (numbers and names may have moved)."""
        if self._worked_out:
            self._worked_out.clear()
            self.repaint_all()

    def fields_changed(self, event: FieldsChanged) -> None:
        """Repaint the rows whose fields changed, or every row with worked-out cells."""
        # Worked-out cells name days, scenes, cast and crew, never a panel's own fields (typed on every keystroke).
        if self._worked_out and not all(isinstance(obj, Panel) for obj in event.objects):
            self._worked_out.clear()
            self.repaint_all()
            return
        wanted = {id(obj) for obj in event.objects}
        for row, item in enumerate(self.items):
            if id(item) in wanted:
                self.repaint_rows(row, row)

    # Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.fields[section].title if 0 <= section < len(self.fields) else None
        return section + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.fields[index.column()].editable else flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        field = self.fields[index.column()]
        if role == Role.OBJECT:
            return item
        if field.display is not None:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            key = (id(item), index.column())
            found = self._worked_out.get(key)
            if found is None:
                found = self._worked_out[key] = field.display(item)
            return found
        value = edits.get_field(item, field.path)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if isinstance(value, float):
                return f"{value:.6g}"
            text = str(value)
            lines = [line for line in text.splitlines() if line.strip()]
            return lines[0] + (" …" if len(lines) > 1 else "") if lines else ""
        if role == Qt.ItemDataRole.ToolTipRole and field.kind == "block":
            return str(value) or None
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.fields[index.column()]
        if not field.editable:
            return False
        self.document.set_field([self.items[index.row()]], field.path, value, field.title.lower())
        return True

    def field_terms(self, column: int) -> tuple[Term, ...]:
        """The choices of a column as terms for a combo box."""
        return tuple(
            Term(*choice) if isinstance(choice, tuple) else Term(choice) for choice in self.fields[column].choices
        )


class NestedTableModel(ItemTableModel):
    """A list held inside one entity, such as a shoot day's cast calls, one row per entry.

    Rows are added and removed by setting the whole list on its owner (one
    undo step), so the model starts over whenever that list is replaced.
    """

    def __init__(self, document, list_path: str, fields: tuple[Field, ...], parent=None):
        self.owner = None
        self.list_path = list_path
        super().__init__(document, list_path, fields, parent)

    @property
    def items(self) -> list:
        return edits.get_field(self.owner, self.list_path) if self.owner is not None else []

    def set_owner(self, owner) -> None:
        """Show the list of another entity (or none)."""
        self.beginResetModel()
        self.owner = owner
        self.endResetModel()

    # The form showing the owner picks the new project's owner; the model only follows.

    def whole_list_field(self):
        return self.owner, self.list_path
