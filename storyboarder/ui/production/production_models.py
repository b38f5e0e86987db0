"""Table models over the production lists (cast, crew, locations), edited in place through the undo stack."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import msgspec.inspect as mi

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storyboarder.model import Panel, Project, ShootDay, edits
from storyboarder.model.events import LIST_NAMES, FieldsChanged
from storyboarder.model.fields import FieldError, FieldSpec, specs
from storyboarder.model.sun import known_time_zone
from storyboarder.vocabulary import Term

from ..adapters import ProjectModel
from ..board.item_models import Role

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    """One column of a production table: the entity field it shows and edits.

    What the field holds, its range and its text form come from its
    declaration (``model.fields``), which the table binds when it is made;
    ``editor`` only names editors that declaration does not imply.
    """

    path: str
    title: str
    #: "" for the editor the declaration implies; ``time_zone`` or ``term:`` (with ``choices``).
    editor: str = ""
    width: int = 120
    choices: tuple = ()  # values, or (value, full name) pairs
    #: Shows a read-only cell worked out from the entry (a cast member's name on a call).
    display: Callable[[Any], str] | None = None
    #: The field's declaration, bound by the table for the entity it lists.
    spec: FieldSpec | None = None
    #: How to type the field (``YYYY-MM-DD``): the column's tooltip and its empty editor's placeholder,
    #: so that the header stays as short as its title.
    hint: str = ""

    @property
    def editable(self) -> bool:
        """Whether the cell is typed into (computed cells are not)."""
        return self.display is None

    @property
    def kind(self) -> str:
        """The cell editor it wants: text, block, number, time_zone or term:<choices>."""
        if self.editor or self.spec is None:
            return self.editor or "text"
        return "number" if self.spec.numeric else "block" if self.spec.kind == "block" else "text"

    def bound(self, entity: type) -> Field:
        """This column with the declaration of its field on ``entity``."""
        return replace(self, spec=specs(entity).get(self.path)) if self.editable else self

    def parse(self, text: str):
        """The value typed text stands for; raises ValueError (a FieldError) naming the field."""
        value = self.spec.parse(text) if self.spec is not None else text
        if self.editor == "time_zone" and value and not known_time_zone(value):
            raise FieldError(f"time zone: {value!r} is not a time zone name such as Europe/Paris")
        return value

    def text(self, value) -> str:
        """The exact text an editor starts from."""
        if self.spec is not None:
            return self.spec.edit_text(value)
        return "" if value is None else str(value)


def list_entity(owner: type, name: str) -> type:
    """The entity a list field holds: ``list_entity(Project, "cast")`` is ``CastMember``."""
    info = next(field for field in mi.type_info(owner).fields if field.name == name)
    return info.type.item_type.cls


class ItemTableModel(ProjectModel, QAbstractTableModel):
    """One production list of the project (``cast``, ``crew``, ``locations``), one row per entry."""

    #: The entity whose list the table shows.
    owner_class: type = Project

    def __init__(self, document, name: str, fields: tuple[Field, ...], parent=None):
        super().__init__(parent)
        self.name = name
        entity = list_entity(self.owner_class, name)
        self.fields = tuple(field.bound(entity) for field in fields)
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
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            field = self.fields[section]
            return f"{field.title}: {field.hint}" if field.hint else None
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
            if field.spec is not None and field.spec.numeric:
                return field.spec.format(value)
            if value is None:
                return ""
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

    owner_class = ShootDay

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
