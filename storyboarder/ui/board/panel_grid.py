"""The panel grid: a wrapping list view over the current scene's panels."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView

from ..selection import Selection
from .item_models import PanelListModel
from .panel_delegate import PanelDelegate


class PanelGrid(QListView):
    """Panels in story order, left to right and wrapping, like a printed board.

    List mode with wrapping rather than icon mode: icon mode moves items
    around visually on a drag instead of asking the model to move them.
    It shows the shared selection's scene, and reads and writes which of
    its panels are selected.
    """

    #: Double-click or Enter on a panel.
    panelActivated = Signal(int)

    def __init__(self, model: PanelListModel, delegate: PanelDelegate, selection: Selection, parent=None):
        super().__init__(parent)
        self.selection = selection
        self._leaving: list = []
        # The panel a selection being made in this grid extends from, handed to the shared selection.
        self._picked_anchor = None
        self.setObjectName("panelGrid")
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setItemDelegate(delegate)
        self.setModel(model)
        self.activated.connect(lambda index: self.panelActivated.emit(index.row()))
        self.selectionModel().selectionChanged.connect(self._selection_made)
        # Qt drops removed rows from its selection without saying so; the shared selection must hear it.
        model.rowsAboutToBeRemoved.connect(self._rows_leaving)
        model.rowsRemoved.connect(self._rows_left)
        selection.changed.connect(self._show_selection)

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802 - Qt API
        # Items have one uniform size, so a changed field never moves anything:
        # repaint the changed cells instead of letting QListView lay out the grid.
        viewport = self.viewport().rect()
        for row in range(top_left.row(), bottom_right.row() + 1):
            rect = self.visualRect(self.model().index(row, 0))
            if rect.intersects(viewport):
                self.viewport().update(rect)

    def selected_rows(self) -> list[int]:
        """Rows of the selected panels, in story order."""
        return sorted({index.row() for index in self.selectionModel().selectedIndexes()})

    def current_row(self) -> int:
        """Row of the current panel, or -1."""
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows and make the first one current."""
        model = self.model()
        selection = QItemSelection()
        for row in rows:
            if 0 <= row < model.rowCount():
                index = model.index(row, 0)
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags)
        valid = [r for r in rows if 0 <= r < model.rowCount()]
        if valid:
            self.selectionModel().setCurrentIndex(model.index(valid[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(model.index(valid[0], 0))

    def setSelection(self, rect, command) -> None:  # noqa: N802 - Qt API
        """Select what a click, a Shift+click, a Shift+arrow or a rubber band picked.

        Qt hands a Shift range over as the rectangle from the anchor's centre to
        the pointer, and QListView selects every panel that rectangle touches:
        on a wrapping board that takes in panels of the row above that the user
        never chose. A range is the panels in story order from the anchor (the
        last plain click, which the shared selection holds) to the panel
        reached, as in every file manager.
        """
        model = self.model()
        start, end = self.indexAt(rect.topLeft()), self.indexAt(rect.bottomRight())
        if rect.width() == 1 and rect.height() == 1:
            self._picked_anchor = self._panel(start.row()) if start.isValid() else None
            super().setSelection(rect, command)
            return
        if not (start.isValid() and end.isValid()):
            super().setSelection(rect, command)  # a rubber band from or to the empty board
            return
        anchor_row = model.row_of(self.selection.anchor)
        first = anchor_row if anchor_row >= 0 else start.row()
        low, high = sorted((first, end.row()))
        self._picked_anchor = self._panel(first)
        self.selectionModel().select(QItemSelection(model.index(low, 0), model.index(high, 0)), command)

    def _panel(self, row: int):
        scene = self.model().scene
        return scene.panels[row] if scene is not None and 0 <= row < len(scene.panels) else None

    def _selection_made(self, *_args) -> None:
        scene = self.model().scene
        anchor, self._picked_anchor = self._picked_anchor, None
        if scene is not None:
            self.selection.select([scene.panels[row] for row in self.selected_rows()], scene, anchor)

    def _show_selection(self) -> None:
        model = self.model()
        if model.scene is not self.selection.scene:
            model.set_scene(self.selection.scene)
        rows = self.selection.rows()
        if rows == self.selected_rows():
            return  # already shown (the click was made here)
        selection = QItemSelection()
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, 0))
        anchor = model.row_of(self.selection.anchor)
        current = anchor if anchor in rows else (rows[0] if rows else -1)
        # Shown without announcing it: the shared selection may hold panels of other scenes too.
        selection_model = self.selectionModel()
        selection_model.blockSignals(True)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current >= 0:
            selection_model.setCurrentIndex(model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.blockSignals(False)
        self.viewport().update()
        if current >= 0:
            self.scrollTo(model.index(current, 0))

    def _rows_leaving(self, _parent, first: int, last: int) -> None:
        scene = self.model().scene
        self._leaving = list(scene.panels[first:last + 1]) if scene is not None else []

    def _rows_left(self, *_args) -> None:
        leaving, self._leaving = self._leaving, []
        self.selection.discard(leaving)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Files from a file manager are copied in; our own panels are moved.
        if event.mimeData().hasUrls() and event.source() is None:
            event.setDropAction(Qt.DropAction.CopyAction)
        super().dragEnterEvent(event)
