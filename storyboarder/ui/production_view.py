"""The Production tab: cast, crew and locations as editable tables (shoot days have their own page)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storyboarder.model import CastMember, CrewMember, Location
from storyboarder.model.cast import cast_from_scenes, next_cast_number
from storyboarder.model.departments import DEPARTMENTS
from storyboarder.vocabulary import Term

from .cell_delegate import CellDelegate
from .production_models import Field, ItemTableModel


CAST_FIELDS = (
    Field("number", "#", "integer", width=40),
    Field("character", "Character", width=150),
    Field("actor", "Actor", width=150),
    Field("phone", "Phone", width=120),
    Field("email", "Email", width=180),
    Field("notes", "Notes", "block", width=240),
)

CREW_FIELDS = (
    Field("name", "Name", width=150),
    Field("department", "Department", "term:", width=140, choices=DEPARTMENTS),
    Field("role", "Role", width=150),
    Field("phone", "Phone", width=120),
    Field("email", "Email", width=180),
)

LOCATION_FIELDS = (
    Field("name", "Name", width=160),
    Field("address", "Address", "block", width=200),
    Field("latitude", "Latitude", "number", width=80),
    Field("longitude", "Longitude", "number", width=80),
    Field("parking", "Parking", "block", width=150),
    Field("nearest_hospital", "Nearest hospital (name, address, phone)", "block", width=240),
    Field("time_zone", "Time zone (blank: from coordinates)", "time_zone", width=150),
    Field("contact", "On-site contact", width=150),
    Field("notes", "Notes", "block", width=200),
)


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
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    for number, field in enumerate(model.fields):
        header.resizeSection(number, field.width)
    return table


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
        self.hint = QLabel("Double-click a cell, or start typing, to edit it.")
        self.hint.setEnabled(False)
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


class ProductionView(QTabWidget):
    """Cast, crew and locations: the production data call sheets are made from."""

    problem = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("production")
        self.setDocumentMode(True)
        self.setTabPosition(QTabWidget.TabPosition.West)
        # A new cast member takes the next free number; numbers never move once given.
        new_cast = lambda: CastMember(number=next_cast_number(document.project))  # noqa: E731
        self.cast = ItemTablePage(document, "cast", CAST_FIELDS, new_cast, "cast member")
        self.crew = ItemTablePage(document, "crew", CREW_FIELDS, CrewMember, "crew member")
        self.locations = ItemTablePage(document, "locations", LOCATION_FIELDS, Location, "location")
        self.cast_from_scenes_button = QPushButton("Add cast from scenes")
        self.cast_from_scenes_button.setObjectName("castFromScenes")
        self.cast_from_scenes_button.setToolTip("Add every character who speaks in the storyboard but is not in the cast yet")
        self.cast_from_scenes_button.clicked.connect(self.add_cast_from_scenes)
        self.cast.buttons.insertWidget(1, self.cast_from_scenes_button)
        self.document = document
        for page, title in ((self.cast, "Cast"), (self.crew, "Crew"), (self.locations, "Locations")):
            self.addTab(page, title)
            page.problem.connect(self.problem)
        from .shoot_day_view import ShootDayPage  # it builds on this module's table page

        self.shoot_days = ShootDayPage(document)
        self.addTab(self.shoot_days, "Shoot Days")

    def add_cast_from_scenes(self) -> None:
        """Create cast entries for the speaking characters the cast list lacks, as one undo step."""
        found = cast_from_scenes(self.document.project)
        if found:
            self.document.add_items("cast", found, text=f"Add {len(found)} cast from scenes")
        else:
            self.problem.emit("Everyone who speaks in the storyboard is in the cast already")
        self.setCurrentIndex(0)
