"""Sorting and filtering for the shot list, without touching story order in the project."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from storyboarder.model.shot_list import ShotFilter, ShotRow, row_matches

from .shot_list_model import ShotListModel


class ShotListProxy(QSortFilterProxyModel):
    """Shows the rows a :class:`ShotFilter` accepts; sorts shots within their scene.

    Scenes always stay in story order: a shot list sorted by lens is still
    read scene by scene. With no sort column, shots are in story order too.
    """

    def __init__(self, source: ShotListModel, parent=None):
        super().__init__(parent)
        self.shot_filter = ShotFilter()
        self._facets = ShotFilter()
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)
        self.setSourceModel(source)

    def source(self) -> ShotListModel:
        """The shot-list model this proxy reads."""
        return self.sourceModel()  # type: ignore[return-value]

    def set_filter(self, shot_filter: ShotFilter) -> None:
        """Narrow the list to the rows a filter accepts."""
        if shot_filter != self.shot_filter:
            self.beginFilterChange()
            self.shot_filter = shot_filter
            # Facets are checked field by field; the words against each row's cached text.
            self._facets = replace(shot_filter, text="")
            self._words = shot_filter.text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 - Qt API
        source = self.source()
        if not source_parent.isValid():
            # A scene shows when one of its shots does (recursive filtering), or always when nothing is filtered.
            return self.shot_filter.is_empty
        index = source.index(source_row, 0, source_parent)
        panel, scene = source.panel_of(index), source.scene_of(index)
        if panel is None or scene is None:
            return False
        if not self._facets.is_empty and not row_matches(ShotRow(scene, panel, source_row), self._facets, source.context):
            return False
        if self._words:
            haystack = source.search_text(scene, panel)
            return all(word in haystack for word in self._words)
        return True

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 - Qt API
        if not left.parent().isValid():
            # Keep scenes in story order whichever way the shots are sorted.
            before = left.row() < right.row()
            return before if self.sortOrder() == Qt.SortOrder.AscendingOrder else not before
        # Straight to the model's key cache: going through data() costs more than the comparison.
        source = self.source()
        left_key, right_key = source.sort_key_at(left), source.sort_key_at(right)
        if left_key == right_key:
            before = left.row() < right.row()
            return before if self.sortOrder() == Qt.SortOrder.AscendingOrder else not before
        return left_key < right_key
