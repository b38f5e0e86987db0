"""The Shot List's scene and shot columns, held in view while the table scrolls right.

Qt's "frozen column" pattern: a second tree view lies over the left edge of the
table, showing only the frozen columns. It shares the table's model, selection
model and delegate, so a click, a selection or an edit in either is the same
thing, and the two views' vertical scroll bars, open scenes and column widths
follow each other. Scene rows span the frozen part too, so a scene's heading
stays readable (cut short to fit) however far right the table is scrolled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QTreeView, QWidget

#: How wide the line at the frozen edge is, in pixels.
EDGE_WIDTH = 3


class FrozenEdge(QWidget):
    """The line at the right of the frozen columns, as spreadsheets draw it: columns scroll under it.

    Without it a column scrolled half under the frozen ones reads as if its cut-off text
    belonged to the shot column.
    """

    def __init__(self, view: QTreeView, parent: QWidget):
        super().__init__(parent)
        self.view = view

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        colour = self.palette().color(QPalette.ColorRole.Dark)
        # Broken where a scene row's heading runs across, so that the heading reads on unbroken.
        viewport, model, top = self.view.viewport(), self.view.model(), 0
        offset = viewport.mapTo(self.parentWidget(), viewport.rect().topLeft()).y() - self.y()
        for row in range(model.rowCount() if model is not None else 0):
            band = self.view.visualRect(model.index(row, 0))
            if band.top() > viewport.height():
                break  # scene rows come in order: the rest are below the view
            if band.bottom() < 0:
                continue
            painter.fillRect(0, top, self.width(), band.top() + offset - top, colour)
            top = band.bottom() + 1 + offset
        painter.fillRect(0, top, self.width(), self.height() - top, colour)


class FrozenColumns(QObject):
    """Lays a view of the leading ``keys`` columns over ``tree``'s left edge and keeps the two in step."""

    def __init__(self, tree: QTreeView, column_keys: tuple[str, ...], keys: tuple[str, ...] = ("scene", "shot")):
        super().__init__(tree)
        self.tree = tree
        #: The model's columns, by number, as keys.
        self.column_keys = column_keys
        self.keys = keys
        self.columns: list[int] = []
        view = self.view = QTreeView(tree)
        view.setObjectName("shotListFrozen")
        self.edge = FrozenEdge(view, tree)
        self.edge.setObjectName("shotListFrozenEdge")
        self.edge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # column resizing goes on beneath
        view.setModel(tree.model())
        view.setSelectionModel(tree.selectionModel())
        view.setItemDelegate(tree.itemDelegate())
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the table, which shares the current cell
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(tree.verticalScrollMode())
        for setting in ("UniformRowHeights", "AlternatingRowColors", "RootIsDecorated", "ItemsExpandable"):
            getattr(view, f"set{setting}")(getattr(tree, f"{setting[0].lower()}{setting[1:]}")())
        view.setSelectionMode(tree.selectionMode())
        view.setSelectionBehavior(tree.selectionBehavior())
        view.setEditTriggers(tree.editTriggers())
        view.setIconSize(tree.iconSize())
        # A scene heading is cut at the frozen edge, not shortened with "…": the table paints the rest of
        # it on from there (``ShotTree.drawRow``), so the heading reads on across the line.
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        table_header = tree.header()
        header.sectionClicked.connect(self._sort_clicked)
        header.sectionResized.connect(self._frozen_resized)
        header.customContextMenuRequested.connect(table_header.customContextMenuRequested)
        table_header.sortIndicatorChanged.connect(lambda column, order: header.setSortIndicator(column, order))
        table_header.sectionResized.connect(self._table_resized)
        table_header.sectionMoved.connect(self.refresh)
        table_header.geometriesChanged.connect(self._place)
        tree.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        tree.verticalScrollBar().valueChanged.connect(lambda _value: self.edge.update())
        view.verticalScrollBar().valueChanged.connect(tree.verticalScrollBar().setValue)
        tree.horizontalScrollBar().valueChanged.connect(self._place)
        for one, other in ((tree, view), (view, tree)):
            one.expanded.connect(lambda index, other=other: self._open(other, index, True))
            one.collapsed.connect(lambda index, other=other: self._open(other, index, False))
        tree.selectionModel().currentChanged.connect(self._keep_current_clear)
        # Rows come in batches (a filter, a sort); span and open the scene rows once they settle.
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.follow_rows)
        #: Scene rows changed while the table was hidden: followed when it shows.
        self._stale = False
        model = tree.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._rows_changed)
        tree.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self.refresh()
        self.follow_rows()

    # Columns --------------------------------------------------------------------------------

    def frozen_columns(self) -> list[int]:
        """The model columns frozen: the table's leading visible columns that are scene or shot."""
        header = self.tree.header()
        frozen = []
        for visual in range(header.count()):
            number = header.logicalIndex(visual)
            if header.isSectionHidden(number):
                continue
            if self.column_keys[number] not in self.keys:
                break
            frozen.append(number)
        return frozen

    def refresh(self, *_args) -> None:
        """Show the frozen columns in the table's order and widths."""
        self.columns = self.frozen_columns()
        header, table_header = self.view.header(), self.tree.header()
        for number in range(table_header.count()):
            header.setSectionHidden(number, number not in self.columns)
        for position, number in enumerate(self.columns):
            if header.visualIndex(number) != position:
                header.moveSection(header.visualIndex(number), position)
            header.resizeSection(number, table_header.sectionSize(number))
        header.setSortIndicator(table_header.sortIndicatorSection(), table_header.sortIndicatorOrder())
        self._place()

    def width(self) -> int:
        """How much of the table's left edge the frozen columns cover."""
        return sum(self.tree.header().sectionSize(number) for number in self.columns)

    def _place(self, *_args) -> None:
        tree, view = self.tree, self.view
        width = self.width()
        view.setVisible(bool(self.columns))
        frame = tree.frameWidth()
        view.header().setFixedHeight(tree.header().height())
        view.setGeometry(frame, frame, width, tree.header().height() + tree.viewport().height())
        # The line shows once something has scrolled under the frozen columns.
        self.edge.setGeometry(frame + width - EDGE_WIDTH + 1, frame, EDGE_WIDTH, view.height())
        self.edge.setVisible(bool(self.columns) and tree.horizontalScrollBar().value() > 0)
        self.edge.raise_()
        view.verticalScrollBar().setValue(tree.verticalScrollBar().value())

    def _table_resized(self, number: int, _old: int, size: int) -> None:
        if number in self.columns and self.view.header().sectionSize(number) != size:
            self.view.header().resizeSection(number, size)
        self._place()

    def _frozen_resized(self, number: int, _old: int, size: int) -> None:
        # Hiding the columns that are not frozen resizes them to nothing here, never in the table.
        if number in self.columns and size > 0 and self.tree.header().sectionSize(number) != size:
            self.tree.header().resizeSection(number, size)

    def _sort_clicked(self, number: int) -> None:
        table_header = self.tree.header()
        same = table_header.sortIndicatorSection() == number
        ascending = Qt.SortOrder.AscendingOrder
        order = Qt.SortOrder.DescendingOrder if same and table_header.sortIndicatorOrder() == ascending else ascending
        table_header.setSortIndicator(number, order)  # the table sorts, as if its own header were clicked

    # Rows -----------------------------------------------------------------------------------

    def _rows_changed(self, *_args) -> None:
        # A hidden table waits to be shown.
        self._stale = True
        if self.tree.isVisible():
            self._timer.start()

    def follow_rows(self) -> None:
        """Span and open the scene rows as the table does."""
        self._stale = False
        model, tree, view = self.tree.model(), self.tree, self.view
        if model is None:
            return
        root = QModelIndex()
        for row in range(model.rowCount(root)):
            view.setFirstColumnSpanned(row, root, True)  # scene rows: their heading runs across
            index = model.index(row, 0, root)
            if tree.isExpanded(index) != view.isExpanded(index):
                view.setExpanded(index, tree.isExpanded(index))
        view.verticalScrollBar().setValue(tree.verticalScrollBar().value())

    @staticmethod
    def _open(view: QTreeView, index: QModelIndex, expanded: bool) -> None:
        if view.isExpanded(index) != expanded:
            view.setExpanded(index, expanded)

    def _keep_current_clear(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Scroll the table so that the current cell is not hidden under the frozen columns."""
        if not current.isValid() or current.column() in self.columns:
            return
        rect = self.tree.visualRect(current)
        covered = self.width() - rect.left()
        if covered > 0 and rect.width() > 0:
            bar = self.tree.horizontalScrollBar()
            bar.setValue(bar.value() - covered)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if watched is self.tree and kind in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            if kind == QEvent.Type.Show and self._stale:
                self._timer.start()
            self._place()
        elif watched is self.view.viewport() and kind == QEvent.Type.Wheel:
            # A wheel over the frozen columns scrolls the table, both ways.
            QApplication.sendEvent(self.tree.viewport(), event)
            return True
        return False
