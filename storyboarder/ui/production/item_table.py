"""A production list as an editable table page: the table, its cell editors and its buttons."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storyboarder.vocabulary import Term

from ..editors.cell_delegate import CellDelegate, title_width
from .production_models import Field, ItemTableModel
from ..help_text import HelpLabel


def item_table(model: ItemTableModel, delegate: CellDelegate, name: str) -> QTableView:
    """A table of production entries: one line per entry, cells edited by double-click or typing."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(delegate)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)  # one line per entry; the tooltip shows a long cell whole
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    # A list with its own # column (the cast's numbers) would be numbered twice by the row header.
    table.verticalHeader().setVisible(not any(field.title == "#" for field in model.fields))
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    for number, field in enumerate(model.fields):
        header.resizeSection(number, max(field.width, title_width(header, field.title)))
    return table



def grow_with_rows(table: QTableView, minimum: int) -> None:
    """Keep a table inside a scrolling form as tall as its rows (plus one spare), so that only the form scrolls.

    A table with scroll bars of its own inside a scroll area makes two scroll areas nest:
    the wheel and the eye have to find which one moves.
    """
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(*_args) -> None:
        rows = table.model().rowCount()
        row = table.verticalHeader().defaultSectionSize()
        needed = table.horizontalHeader().height() + (rows + 1) * row + 2 * table.frameWidth()
        if table.horizontalScrollBar().isVisible():
            needed += table.horizontalScrollBar().height()
        table.setFixedHeight(max(minimum, needed))

    model = table.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
        signal.connect(fit)
    fit()


class ItemDelegate(CellDelegate):
    """Editors for a production table, from its fields."""

    def __init__(self, model: ItemTableModel, parent=None):
        super().__init__(parent)
        self.model = model

    def kind(self, index: QModelIndex) -> str:
        return self.model.fields[index.column()].kind

    def terms(self, index: QModelIndex) -> tuple[Term, ...]:
        return self.model.field_terms(index.column())

    def parse(self, index: QModelIndex, text: str):
        return self.model.fields[index.column()].parse(text)

    def edit_text(self, index: QModelIndex) -> str:
        return self.model.fields[index.column()].text(index.data(Qt.ItemDataRole.EditRole))

    def placeholder(self, index: QModelIndex) -> str:
        return self.model.fields[index.column()].hint


class ItemTablePage(QWidget):
    """One production list as a table with Add, Delete and reorder buttons."""

    #: Something typed could not be used (a message for the status bar).
    problem = Signal(str)

    def __init__(self, document, name: str, fields: tuple[Field, ...], make_item, noun: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"production:{name}")
        self.document = document
        self.name = name
        self.make_item = make_item
        self.model = ItemTableModel(document, name, fields, self)
        self.delegate = ItemDelegate(self.model, self)
        self.delegate.closeEditor.connect(self._editor_closed)
        self.table = item_table(self.model, self.delegate, f"productionTable:{name}")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setObjectName(f"add:{name}")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName(f"delete:{name}")
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button = QPushButton("Move up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        bar = QWidget()
        # The bar squeezes in a narrow window rather than hold the whole window wide.
        bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons = QHBoxLayout(bar)
        self.buttons.setContentsMargins(6, 4, 6, 4)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.hint = HelpLabel("Double-click a cell, or start typing, to edit it.")
        # The hint gives way in a narrow window rather than hold it wide.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.buttons.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.table)

    def selected_rows(self) -> list[int]:
        """Rows with a selected cell."""
        return sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})

    def add(self) -> None:
        """Add an entry after the selection and start typing its first field."""
        rows = self.selected_rows()
        row = rows[-1] + 1 if rows else self.model.rowCount()
        self.document.add_item(self.name, self.make_item(), row)
        first_text = next((n for n, f in enumerate(self.model.fields) if f.kind == "text" and f.editable), 0)
        index = self.model.index(row, first_text)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def delete_selected(self) -> None:
        """Delete the selected entries (and every reference to them), as one undo step."""
        self.document.remove_items(self.name, self.selected_rows())

    def move_selected(self, offset: int) -> None:
        """Move the selected entry up or down one row."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        target = row + offset
        if not 0 <= target < self.model.rowCount():
            return
        self.document.move_item(self.name, row, target + 1 if offset > 0 else target)
        column = max(0, self.table.currentIndex().column())
        self.table.setCurrentIndex(self.model.index(target, column))

    def _editor_closed(self, *_args) -> None:
        if self.delegate.rejected:
            self.problem.emit(self.delegate.rejected)
            self.delegate.rejected = ""
