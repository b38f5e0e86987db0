"""The scenes a shoot day shoots, in shooting order: drop scenes from the scene list, drag to reorder."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from storyboarder.model import scene_numbers
from storyboarder.model.pages import format_eighths

from ..adapters import ProjectModel
from ..board.item_models import SCENE_ROW_MIME, rows_from_mime

_Index = QModelIndex | QPersistentModelIndex

#: A drag inside the day's list carries its rows.
DAY_SCENE_ROWS_MIME = "application/x-storyboarder-day-scene-rows"


class DayScenesModel(ProjectModel, QAbstractListModel):
    """One row per scene of a shoot day; every change sets the day's ``scene_ids`` as one undo step."""

    #: Rows name scenes: a scene added, removed or moved may rename or renumber one.
    LISTS = ("scenes",)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.day = None
        # The day form picks a replaced project's day and hands it over.
        self.watch_project(document)

    def set_day(self, day) -> None:
        """Show another day's scenes."""
        self.beginResetModel()
        self.day = day
        self.endResetModel()

    @property
    def scene_ids(self) -> list[str]:
        """The ids shown, in shooting order."""
        return list(self.day.scene_ids) if self.day is not None else []

    # Listening: the list is small, so any change that could rename a row redraws it all.

    def whole_list_field(self):
        return self.day, "scene_ids"

    def rows_changed(self, event) -> None:
        """Redraw every row: scene numbers may have changed."""
        self.repaint_all()

    def fields_changed(self, event) -> None:
        """Redraw every row: a heading, number or page count may have changed."""
        self.repaint_all()

    # Editing --------------------------------------------------------------------------

    def set_scene_ids(self, ids: list[str], label: str = "shooting order") -> None:
        """Replace the day's scenes as one undo step."""
        if self.day is not None:
            self.document.set_field([self.day], "scene_ids", ids, label)

    def add_scene(self, scene_id: str, row: int | None = None) -> None:
        """Add a scene to the day (a scene is shot once a day: adding it again moves it)."""
        ids = [i for i in self.scene_ids if i != scene_id]
        ids.insert(len(ids) if row is None else max(0, min(row, len(ids))), scene_id)
        self.set_scene_ids(ids, "day's scenes")

    def remove_rows(self, rows: list[int]) -> None:
        """Take scenes off the day."""
        ids = [i for r, i in enumerate(self.scene_ids) if r not in set(rows)]
        self.set_scene_ids(ids, "day's scenes")

    def move_rows(self, rows: list[int], row: int) -> None:
        """Move scenes to a row (counted before the move)."""
        ids = self.scene_ids
        moving = [ids[r] for r in sorted(set(rows)) if 0 <= r < len(ids)]
        before = sum(1 for r in set(rows) if r < row)
        rest = [i for i in ids if i not in moving]
        at = max(0, min(row - before, len(rest)))
        self.set_scene_ids(rest[:at] + moving + rest[at:])

    # Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or self.day is None else len(self.day.scene_ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.day is None or index.row() >= len(self.day.scene_ids):
            return None
        scene_id = self.day.scene_ids[index.row()]
        scene = next((s for s in self._project.scenes if s.id == scene_id), None)
        if role == Qt.ItemDataRole.DisplayRole:
            if scene is None:
                return f"(deleted scene {scene_id})"
            number = scene_numbers(self._project).get(scene.id, "?")
            pages = format_eighths(scene.pages_eighths)
            return f"{number}  {scene.heading.strip() or '(no heading)'}" + (f"  ·  {pages} pg" if pages else "")
        if role == Qt.ItemDataRole.UserRole:
            return scene_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.day is not None else Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [DAY_SCENE_ROWS_MIME, SCENE_ROW_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt API
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(DAY_SCENE_ROWS_MIME, json.dumps({"document": id(self.document), "rows": rows}).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        return self.day is not None and (data.hasFormat(DAY_SCENE_ROWS_MIME) or data.hasFormat(SCENE_ROW_MIME))

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        mime = DAY_SCENE_ROWS_MIME if data.hasFormat(DAY_SCENE_ROWS_MIME) else SCENE_ROW_MIME
        payload = rows_from_mime(data, mime)
        if payload is None or payload.get("document") != id(self.document):
            return False
        rows = [r for r in payload.get("rows", []) if isinstance(r, int)]
        if mime == DAY_SCENE_ROWS_MIME:
            self.move_rows(rows, row)
        else:
            scenes = self._project.scenes
            for offset, scene_row in enumerate(r for r in rows if 0 <= r < len(scenes)):
                self.add_scene(scenes[scene_row].id, row + offset)
        # Done through the undo stack; False keeps the view from removing dragged rows itself.
        return False
