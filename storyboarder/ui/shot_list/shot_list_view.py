"""The Shot List tab: every shot as a spreadsheet row, grouped by scene, filtered, sorted and edited in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from storyboarder.model import Panel, edits
from storyboarder.model.shot_columns import ShotListError, parse_cell
from storyboarder.model.shot_list import ShotFilter, filter_choices
from storyboarder.model.shots import whole_shots

from .. import settings as opts
from ..editors.cell_delegate import ShotListDelegate, title_width
from ..flow_layout import FlowLayout
from .frozen_columns import FrozenColumns
from .shot_list_model import THUMB_SIZE, ShotListModel, column_width, owner_of
from .shot_list_proxy import ShotListProxy


class ShotTree(QTreeView):
    """The table itself: scene rows span the width, shot rows are cells you can select and edit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("shotListTable")
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        self.setItemsExpandable(True)
        self.setAllColumnsShowFocus(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setIconSize(THUMB_SIZE)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.header()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        #: The scene and shot columns held over the left edge (set by the Shot List view).
        self.frozen = None

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802 - Qt API
        frozen = self.frozen
        if frozen is not None and index.column() in frozen.columns:
            # A frozen cell is always in view sideways: scroll up or down to it, never back left.
            across = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(across)
        else:
            super().scrollTo(index, hint)

    def drawRow(self, painter, option, index) -> None:  # noqa: N802 - Qt API
        scrolled = self.horizontalScrollBar().value()
        if scrolled and not index.parent().isValid():
            # A scene row's heading starts at the table's visible left edge, however far right it is scrolled,
            # where the frozen columns (frozen_columns.py) paint the same heading over it.
            painter.save()
            painter.translate(scrolled, 0)
            super().drawRow(painter, option, index)
            painter.restore()
        else:
            super().drawRow(painter, option, index)

    def span_scene_rows(self, *_args) -> None:
        """Let every scene row's heading run across the whole table, and open every scene."""
        model = self.model()
        if model is None:
            return
        root = QModelIndex()
        # Only scene rows open; expandAll would also ask each of thousands of shots whether it has children.
        for row in range(model.rowCount(root)):
            self.setFirstColumnSpanned(row, root, True)
            index = model.index(row, 0, root)
            if not self.isExpanded(index):
                self.expand(index)


class ShotListView(QWidget):
    """A filter bar over the shot table; it reads and writes the shared selection."""

    #: Something the user typed could not be used (a message for the status bar).
    problem = Signal(str)

    def __init__(self, context, model: ShotListModel, parent=None):
        super().__init__(parent)
        self.setObjectName("shotList")
        self.document = context.document
        self.model = model
        self.settings = context.settings
        self.selection = context.selection
        self.proxy = ShotListProxy(model, self)
        self.tree = ShotTree()
        self.tree.setModel(self.proxy)
        self.delegate = ShotListDelegate(model, self)
        self.tree.setItemDelegate(self.delegate)
        self.delegate.closeEditor.connect(self._editor_closed)
        self._build_filter_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.facet_bar)
        layout.addWidget(self.tree)

        header = self.tree.header()
        for number, column in enumerate(model.columns):
            header.resizeSection(number, max(column_width(column), title_width(header, column.title)))
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setSortingEnabled(True)
        state = self.settings.get(opts.SHOT_LIST_HEADER)
        if not state.isEmpty():
            header.restoreState(state)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # Settings from before the columns option kept the choice only in the header state.
        if state.isEmpty() or self.settings.has(opts.SHOT_LIST_COLUMNS):
            self._show_columns(self.settings.shot_list_columns())
        self.settings.set_shot_list_columns(self.visible_columns())
        header.customContextMenuRequested.connect(self._header_menu)
        self._fit_rows()
        # The header remembers order, widths and hidden columns; save them once a drag settles.
        self._save_timer = QTimer(self, singleShot=True, interval=300)
        self._save_timer.timeout.connect(self.save_header)
        header.sectionMoved.connect(self._save_timer.start)
        header.sectionResized.connect(self._save_timer.start)

        # Rows come and go in many small batches (a filter cleared, a sort); lay out once they settle.
        self._layout_timer = QTimer(self, singleShot=True, interval=0)
        self._layout_timer.timeout.connect(self._settle)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._scenes_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._rows_changed)
        #: What waits for the tab to be shown: hidden, the table neither lays out nor follows the selection.
        self._stale: set[str] = set()
        self.proxy.modelReset.connect(self._refresh_facets)
        self.tree.span_scene_rows()
        # The scene and shot columns stay in view when the table scrolls right.
        self.frozen = self.tree.frozen = FrozenColumns(self.tree, tuple(column.key for column in model.columns))
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.selection.changed.connect(self._show_selection)
        self._make_actions()
        self._refresh_facets()

    # Filter bar ------------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        """Two rows over the table: search, sorting and the count; then the menus that narrow the shots.

        One row cannot hold them at the default window size (the menus read
        "All scen", "All cam"), so the menus have a row of their own, each
        never narrower than its "All …" entry, wrapping when even that row
        is too narrow.
        """
        self.filter_bar = _bar("shotListFilters", (6, 4, 6, 2))
        bar = self.filter_bar.layout()
        self.search = QLineEdit()
        self.search.setObjectName("shotListSearch")
        self.search.setPlaceholderText("Filter shots…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        # Filtering thousands of rows on every keystroke would lag typing; wait for a pause.
        self._filter_timer = QTimer(self, singleShot=True, interval=180)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        bar.addWidget(self.search, 1)
        self.story_order = QPushButton("Story order")
        self.story_order.setObjectName("shotListStoryOrder")
        self.story_order.setToolTip("Undo any sorting: shots in the order the story tells them")
        self.story_order.clicked.connect(self.sort_story_order)
        bar.addWidget(self.story_order)
        self.count = QLabel()
        self.count.setObjectName("shotListCount")
        bar.addWidget(self.count)

        # The menus wrap onto another line in a narrow window rather than squeeze or overlap.
        self.facet_bar = QWidget()
        self.facet_bar.setObjectName("shotListFacets")
        self.facet_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.facet_bar.setMinimumWidth(0)
        facets = FlowLayout(self.facet_bar)
        facets.setContentsMargins(6, 2, 6, 4)
        self.facets: dict[str, QComboBox] = {}
        for key, title in (("scene_ids", "All scenes"), ("location_ids", "All locations"), ("camera_setups", "All camera setups"),
                           ("lighting_setups", "All lighting setups"), ("cast_ids", "All cast")):
            combo = QComboBox()
            combo.setObjectName(f"shotListFacet:{key}")
            combo.setToolTip(f"Show only the shots of one of {title[4:]}")
            combo.addItem(title, None)
            # Wide enough for its longest entry when there is room, never narrower than "All …".
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(combo.sizeHint().width())
            combo.setMaximumWidth(max(combo.minimumWidth(), 240))
            combo.currentIndexChanged.connect(self._apply_filter)
            self.facets[key] = combo
            facets.addWidget(combo)

    def _refresh_facets(self) -> None:
        found = filter_choices(self.document.project, self.model.context)
        choices = {
            "scene_ids": found.scenes,
            "location_ids": found.locations,
            "camera_setups": found.camera_setups,
            "lighting_setups": found.lighting_setups,
            "cast_ids": found.cast,
        }
        for key, combo in self.facets.items():
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in choices[key]:
                combo.addItem(label, value)
            found_at = combo.findData(current) if current is not None else -1
            combo.setCurrentIndex(max(0, found_at))
            combo.blockSignals(False)
        self._apply_filter()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Setups and scenes change while the tab is hidden; refresh the menus when it shows.
        self._refresh_facets()
        stale, self._stale = self._stale, set()
        self._catch_up(stale)
        if "selection" in stale:
            self._show_selection()
        super().showEvent(event)

    def _scenes_changed(self, *_args) -> None:
        self._stale.add("layout")
        if self.isVisible():
            self._layout_timer.start()

    def _rows_changed(self, parent: QModelIndex, *_args) -> None:
        # Shots coming and going leave the scene rows as they were: only the count changes.
        self._stale.add("count" if parent.isValid() else "layout")
        if self.isVisible():
            self._layout_timer.start()

    def current_filter(self) -> ShotFilter:
        """The filter the bar describes."""
        # The first entry of each menu ("All …") carries no value.
        values = {key: frozenset() if combo.currentIndex() <= 0 else frozenset([combo.currentData()])
                  for key, combo in self.facets.items()}
        return ShotFilter(text=self.search.text(), **values)

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.current_filter())
        self.tree.span_scene_rows()
        self._update_count()

    def _settle(self) -> None:
        stale, self._stale = self._stale, self._stale & {"selection"}
        self._catch_up(stale | {"count"})

    def _catch_up(self, stale: set[str]) -> None:
        """Lay out the scene rows and count the shots, as far as ``stale`` says they went out of date."""
        if "layout" in stale:
            self.tree.span_scene_rows()
        if stale & {"layout", "count"}:
            self._update_count()

    def _update_count(self, *_args) -> None:
        shown = sum(self.proxy.rowCount(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount()))
        total = sum(len(scene.panels) for scene in self.document.project.scenes)
        self.count.setText(f"{shown} of {total} shots" if shown != total else f"{total} shots")

    def sort_story_order(self) -> None:
        """Show shots in story order again."""
        self.tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.tree.span_scene_rows()

    # Columns ----------------------------------------------------------------------------------

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        header = self.tree.header()
        for number, column in enumerate(self.model.columns):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            action.setEnabled(number != 0)  # the first column carries the scene headings
            action.toggled.connect(lambda on, n=number: self.set_column_visible(n, on))
        menu.exec(header.mapToGlobal(pos))

    def visible_columns(self) -> tuple[str, ...]:
        """The keys of the columns shown, left to right."""
        header = self.tree.header()
        shown = [(header.visualIndex(n), column.key) for n, column in enumerate(self.model.columns) if not header.isSectionHidden(n)]
        return tuple(key for _, key in sorted(shown))

    def _show_columns(self, keys: tuple[str, ...]) -> None:
        header = self.tree.header()
        numbers = [n for n in (self.model.column_of(key) for key in keys) if n > 0]
        numbers = [0, *dict.fromkeys(numbers)]  # the first column carries the scene headings
        for number in range(len(self.model.columns)):
            header.setSectionHidden(number, number not in numbers)
        if [self.model.column_of(key) for key in self.visible_columns()] != numbers:
            for position, number in enumerate(numbers):
                header.moveSection(header.visualIndex(number), position)

    def set_column_visible(self, number: int, visible: bool) -> None:
        """Show or hide a column; the choice is remembered."""
        self.tree.header().setSectionHidden(number, not visible)
        self._fit_rows()
        self.save_header()

    def _fit_rows(self) -> None:
        # Rows are as tall as a thumbnail only while the frame column shows.
        frame = self.model.column_of("thumbnail")
        showing = frame >= 0 and not self.tree.header().isSectionHidden(frame)
        height = THUMB_SIZE.height() + 4 if showing else 0
        if height != self.delegate.row_height:
            self.delegate.row_height = height
            self.tree.doItemsLayout()

    def save_header(self) -> None:
        """Remember column order, widths and visibility."""
        self.settings.set(opts.SHOT_LIST_HEADER, self.tree.header().saveState())
        self.settings.set_shot_list_columns(self.visible_columns())

    def sort_by(self, key: str) -> None:
        """Show a column and sort the table by it, smallest first."""
        column = self.model.column_of(key)
        self.set_column_visible(column, True)
        self.tree.sortByColumn(column, Qt.SortOrder.AscendingOrder)

    # Selection ---------------------------------------------------------------------------------

    def selected_panels(self) -> list[Panel]:
        """The panels with a selected cell, in table order."""
        if "selection" in self._stale:
            # Hidden since the selection changed: the table will select just these when it shows.
            return self._shown_in_table_order(self.selection.panels)
        seen: dict[int, Panel] = {}
        indexes = sorted(self.tree.selectionModel().selectedIndexes(), key=self._table_position)
        for index in indexes:
            panel = self.model.panel_of(self.proxy.mapToSource(index))
            if panel is not None:
                seen.setdefault(id(panel), panel)
        return list(seen.values())

    def _shown_in_table_order(self, panels) -> list[Panel]:
        rows = [(self.proxy.mapFromSource(self.model.panel_index(panel)), panel) for panel in panels]
        rows = [(self._table_position(index), panel) for index, panel in rows if index.isValid()]
        return [panel for _position, panel in sorted(rows, key=lambda row: row[0])]

    def _table_position(self, index: QModelIndex) -> tuple:
        parent = index.parent()
        return (parent.row() if parent.isValid() else index.row(), index.row() if parent.isValid() else -1, index.column())

    def _show_selection(self) -> None:
        """Select the rows of the selected panels (whole rows), without announcing it back."""
        if not self.isVisible():
            self._stale.add("selection")  # shown when the tab is
            return
        wanted = self.selection.panels
        # Rows already selected here (a click in this table) stay as they are, cells and all.
        if {id(p) for p in self.selected_panels()} == {id(p) for p in wanted}:
            return
        selection = QItemSelection()
        current = None
        for panel in wanted:
            index = self.proxy.mapFromSource(self.model.panel_index(panel))
            if index.isValid():
                selection.select(index, index)
                if current is None or panel is self.selection.anchor:
                    current = index
        model = self.tree.selectionModel()
        model.blockSignals(True)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        model.select(selection, flags)
        if current is not None:
            model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        model.blockSignals(False)
        self.tree.viewport().update()
        if current is not None:
            self.tree.scrollTo(current)

    def _selection_changed(self, *_args) -> None:
        panels = self.selected_panels()
        indexes = self.tree.selectionModel().selectedIndexes()
        found = (self.model.scene_of(self.proxy.mapToSource(index)) for index in indexes if index.parent().isValid())
        scenes = {id(scene): scene for scene in found if scene is not None}
        # Panels of one scene take the board to that scene; panels of several leave it where it is.
        scene = next(iter(scenes.values())) if len(scenes) == 1 and panels else None
        self.selection.select(panels, scene)

    def _editor_closed(self, *_args) -> None:
        if self.delegate.rejected:
            self.problem.emit(self.delegate.rejected)
            self.delegate.rejected = ""

    # Copy, paste and fill ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def add(text: str, keys, slot) -> QAction:
            action = QAction(text, self.tree)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
            return action

        self.copy_action = add("Copy cells", QKeySequence.StandardKey.Copy, self.copy_cells)
        self.paste_action = add("Paste into cells", QKeySequence.StandardKey.Paste, self.paste_cells)
        self.fill_action = add("Fill down", QKeySequence("Ctrl+D"), self.fill_down)
        self.clear_action = add("Clear cells", QKeySequence.StandardKey.Delete, self.clear_cells)
        separator = QAction(self.tree)
        separator.setSeparator(True)
        self.tree.addAction(separator)
        # On set, a director ticks shots off as they are shot.
        self.shot_action = add("Mark as shot", QKeySequence("Ctrl+Shift+K"), lambda: self.mark("shot"))
        self.not_shot_action = add("Mark as not shot", QKeySequence(), lambda: self.mark(""))
        self.cut_action = add("Mark as cut…", QKeySequence(), self.mark_cut)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _editable_cells(self) -> dict[int, list[tuple[QModelIndex, object]]]:
        """Selected editable cells by source column, each with the object its field belongs to, in table order."""
        cells: dict[int, list[tuple[QModelIndex, object]]] = {}
        for index in sorted(self.tree.selectionModel().selectedIndexes(), key=self._table_position):
            source = self.proxy.mapToSource(index)
            panel = self.model.panel_of(source)
            column = self.model.columns[source.column()]
            if panel is not None and column.editable:
                owner = owner_of(column, self.model.scene_of(source), panel)
                found = cells.setdefault(source.column(), [])
                if all(other is not owner for _index, other in found):  # a scene's cell appears on each of its rows
                    found.append((source, owner))
        return cells

    def mark(self, status: str, reason: str | None = None) -> None:
        """Set the status of every selected shot (all its panels) as one undo step."""
        panels = self._whole_shots(self.selected_panels())
        if not panels:
            return
        stack = self.document.undo_stack
        stack.beginMacro("Mark shots " + (status or "not shot"))
        try:
            self.document.set_field(panels, "status", status, "status")
            if reason is not None:
                self.document.set_field(panels, "cut_reason", reason, "cut reason")
        finally:
            stack.endMacro()
        status_column = self.model.column_of("status")
        if self.tree.header().isSectionHidden(status_column):
            self.set_column_visible(status_column, True)

    def mark_cut(self) -> None:
        """Ask why, then mark the selected shots cut."""
        from PySide6.QtWidgets import QInputDialog

        reason, ok = QInputDialog.getText(self, "Cut shots", "Why are they cut?")
        if ok:
            self.mark("cut", reason.strip())

    def _whole_shots(self, panels: list[Panel]) -> list[Panel]:
        # A shot's status is its first panel's; marking one panel marks its whole shot (by scene and label).
        return whole_shots(self.document.project, panels)

    def copy_cells(self) -> None:
        """Copy the selected cells as tab-separated text, one line per row, as spreadsheets do."""
        rows: dict[tuple, dict[int, str]] = {}
        for index in sorted(self.tree.selectionModel().selectedIndexes(), key=self._table_position):
            if index.parent().isValid():
                key = (index.parent().row(), index.row())
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                rows.setdefault(key, {})[self.tree.header().visualIndex(index.column())] = text.replace("\t", " ")
        lines = ["\t".join(cells[c] for c in sorted(cells)) for cells in rows.values()]
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))

    def paste_cells(self) -> None:
        """Paste clipboard text down the selected column(s): one value into every cell, or one line per cell."""
        lines = QGuiApplication.clipboard().text().replace("\r\n", "\n").rstrip("\n").split("\n")
        self._set_cells(lambda col, position, count: lines[0] if len(lines) == 1 else lines[position % len(lines)], "Paste")

    def fill_down(self) -> None:
        """Copy each selected column's first cell into the rest of its selected cells."""
        firsts = {col: str(found[0][0].data(Qt.ItemDataRole.EditRole) or "") for col, found in self._editable_cells().items()}
        self._set_cells(lambda col, position, count: firsts[col], "Fill down")

    def clear_cells(self) -> None:
        """Empty the selected cells (numbers become unset)."""
        self._set_cells(lambda col, position, count: "", "Clear", skip=("duration", "status"))

    def _set_cells(self, text_for, verb: str, skip: tuple[str, ...] = ()) -> None:
        values: dict[int, list] = {}
        context = self.model.context
        for col, found in self._editable_cells().items():
            column = self.model.columns[col]
            if column.key in skip:
                continue  # a duration or a status has no "empty"
            try:
                values[col] = [parse_cell(column, text_for(col, i, len(found)), context) for i in range(len(found))]
            except ShotListError as exc:
                self.problem.emit(str(exc))  # the message names the field
                return
        self._set_values(values, verb)

    def _set_values(self, values: dict[int, list], verb: str) -> None:
        cells = self._editable_cells()
        changes = []
        for col, column_values in values.items():
            path = self.model.columns[col].path
            pairs = [(owner, value) for (_index, owner), value in zip(cells[col], column_values)]
            if any(edits.get_field(owner, path) != value for owner, value in pairs):
                changes.append((self.model.columns[col], pairs))
        if not changes:
            return
        stack = self.document.undo_stack
        # Several columns at once are still one step on the undo stack.
        if len(changes) > 1:
            stack.beginMacro(f"{verb} cells")
        try:
            for column, pairs in changes:
                self.document.set_field_values(
                    [panel for panel, _ in pairs], column.path, [value for _, value in pairs], column.title.lower()
                )
        finally:
            if len(changes) > 1:
                stack.endMacro()


def _bar(name: str, margins: tuple[int, int, int, int]) -> QWidget:
    """A row of the filter bar; it squeezes in a narrow window rather than hold the whole window wide."""
    bar = QWidget()
    bar.setObjectName(name)
    bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    bar.setMinimumWidth(0)
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(*margins)
    return bar
