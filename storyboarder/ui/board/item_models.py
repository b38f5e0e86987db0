"""Qt item models over the project: the scene list and the panels of one scene.

They hold no copies of panel data: every role is read from the model
objects when a view asks, so all views show the same truth.
"""

from __future__ import annotations

from enum import IntEnum

import json

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from storyboarder.model import (
    Scene,
    camera_line,
    card_line,
    frame_speech,
    format_duration,
    scene_duration_ms,
    scene_numbers,
    scene_shot_labels,
    scene_title,
)
from storyboarder.model.events import FieldsChanged

from ..adapters import ProjectModel


class Role(IntEnum):
    """Data roles our views ask for, beyond Qt's own."""

    OBJECT = Qt.ItemDataRole.UserRole
    SHOT = Qt.ItemDataRole.UserRole + 1
    DURATION = Qt.ItemDataRole.UserRole + 2
    CAMERA_LINE = Qt.ItemDataRole.UserRole + 3
    ACTION_LINE = Qt.ItemDataRole.UserRole + 4
    IMAGE = Qt.ItemDataRole.UserRole + 5
    SCENE_NUMBER = Qt.ItemDataRole.UserRole + 6
    PANEL_COUNT = Qt.ItemDataRole.UserRole + 7
    HEADING = Qt.ItemDataRole.UserRole + 8
    #: A key that sorts a cell the way a crew expects (numbers as numbers, empty last).
    SORT = Qt.ItemDataRole.UserRole + 9
    #: The speeches a card with no drawing writes in its frame (``MARA: Drive.`` per line).
    SPEECH = Qt.ItemDataRole.UserRole + 10


_Index = QModelIndex | QPersistentModelIndex

#: Internal drags carry row numbers, not data: the drop asks the document to move.
PANEL_ROWS_MIME = "application/x-storyboarder-panel-rows"
SCENE_ROW_MIME = "application/x-storyboarder-scene-row"


def rows_from_mime(data: QMimeData, mime: str) -> dict | None:
    """Decode one of our internal drags: ``{"document": id, "rows": [...], …}``, or None if it isn't one."""
    if not data.hasFormat(mime):
        return None
    try:
        payload = json.loads(bytes(data.data(mime)).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def panel_rows_from_mime(data: QMimeData) -> dict | None:
    """Decode an internal panel drag: ``{"document": id, "scene": id, "rows": [...]}``."""
    return rows_from_mime(data, PANEL_ROWS_MIME)


class SceneListModel(ProjectModel, QAbstractListModel):
    """The scenes of a project, in story order; drags reorder them, panel drops move panels."""

    LISTS = ("scenes", "panels")

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._numbers = scene_numbers(document.project)
        self.watch_project(document)

    # Listening to the project ------------------------------------------------

    def project_replaced(self) -> None:
        self._numbers = scene_numbers(self._project)

    def rows_parent(self, owner, name):
        return QModelIndex() if name == "scenes" else None

    def rows_changed(self, event) -> None:
        """Repaint what a row change touched: every scene's number, or one scene's panel count."""
        if event.name == "scenes":
            self.refresh()
        elif event.owner in self._project.scenes:
            row = self._project.scenes.index(event.owner)
            self.dataChanged.emit(self.index(row), self.index(row))

    def fields_changed(self, event: FieldsChanged) -> None:
        """Repaint after a scene's field or a panel's duration changed."""
        first = event.objects[0] if event.objects else None
        if isinstance(first, Scene) or event.path == "duration_ms":
            self.refresh()

    # Drag and drop -------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [SCENE_ROW_MIME, PANEL_ROWS_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt API
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(SCENE_ROW_MIME, json.dumps({"document": id(self.document), "rows": rows}).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        if data.hasFormat(PANEL_ROWS_MIME):
            payload = panel_rows_from_mime(data)
            return bool(payload) and payload.get("document") == id(self.document) and parent.isValid()
        return data.hasFormat(SCENE_ROW_MIME) and not parent.isValid()

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if data.hasFormat(PANEL_ROWS_MIME):
            payload = panel_rows_from_mime(data)
            source = next((s for s in self._project.scenes if s.id == payload.get("scene")), None)
            target = self._project.scenes[parent.row()]
            if source is not None and source is not target:
                self.document.move_panels(source, payload.get("rows", []), target, len(target.panels))
        else:
            payload = rows_from_mime(data, SCENE_ROW_MIME) or {}
            rows = payload.get("rows") or []
            if payload.get("document") == id(self.document) and len(rows) == 1:
                self.document.move_scene(rows[0], len(self._project.scenes) if row < 0 else row)
        # The move already happened through the undo stack; returning False
        # keeps the view from also deleting the dragged rows.
        return False

    def scene(self, row: int) -> Scene:
        """Return the scene at a row."""
        return self._project.scenes[row]

    def refresh(self) -> None:
        """Recompute numbers and repaint every row after an edit."""
        self._numbers = scene_numbers(self._project)
        if self._project.scenes:
            self.dataChanged.emit(self.index(0), self.index(len(self._project.scenes) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._project.scenes)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._project.scenes):
            return None
        scene = self._project.scenes[index.row()]
        number = self._numbers.get(scene.id, "?")
        if role == Qt.ItemDataRole.DisplayRole:
            return scene_title(scene, number)
        if role == Qt.ItemDataRole.ToolTipRole:
            panels = len(scene.panels)
            return f"{scene_title(scene, number)}\n{panels} panels · {format_duration(scene_duration_ms(scene))}"
        if role == Role.OBJECT:
            return scene
        if role == Role.SCENE_NUMBER:
            return number
        if role == Role.PANEL_COUNT:
            return len(scene.panels)
        if role == Role.HEADING:
            return scene.heading.strip() or "(no heading)"
        if role == Role.DURATION:
            return format_duration(scene_duration_ms(scene))
        return None


class PanelListModel(ProjectModel, QAbstractListModel):
    """The panels of one scene, in story order; drags move them, file drops import images."""

    LISTS = ("scenes", "panels")
    #: Local image files were dropped on the grid: their paths, and the row they land at.
    filesDropped = Signal(list, int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._scene: Scene | None = None
        self._labels: dict = {}
        self._rows: dict[str, int] = {}
        self.watch_project(document)

    def project_replaced(self) -> None:
        self._scene = None
        self._relabel()

    def set_scene(self, scene: Scene | None) -> None:
        """Show the panels of another scene."""
        self.beginResetModel()
        self._scene = scene
        self._relabel()
        self.endResetModel()

    def row_of(self, panel) -> int:
        """Return a panel's row, or -1 if it is not in the shown scene."""
        return self._rows.get(panel.id, -1) if panel is not None else -1

    # Listening to the project ------------------------------------------------

    def rows_parent(self, owner, name):
        return QModelIndex() if name == "panels" and owner is self._scene else None

    def rows_changed(self, event) -> None:
        """Renumber after panels of the shown scene or scenes changed; let go of a deleted scene."""
        if event.name == "panels":
            if event.owner is self._scene:
                self.refresh()
        elif self._scene is not None and self._scene not in self._project.scenes:
            self.set_scene(None)
        else:
            self.refresh()  # scene numbers are part of shot numbers

    def fields_changed(self, event: FieldsChanged) -> None:
        """Renumber after a numbering field changed, else repaint the panels edited."""
        if event.path in ("shot", "new_shot", "number", "skip_letters"):
            self.refresh()
            return
        for obj in event.objects:
            row = self._rows.get(getattr(obj, "id", None), -1)
            if row >= 0 and self._scene is not None and row < len(self._scene.panels) and self._scene.panels[row] is obj:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    @property
    def scene(self) -> Scene | None:
        """The scene shown, if any."""
        return self._scene

    def _relabel(self) -> None:
        if self._scene is None:
            self._labels = {}
            self._rows = {}
            return
        self._rows = {panel.id: row for row, panel in enumerate(self._scene.panels)}
        number = scene_numbers(self._project).get(self._scene.id, "?")
        self._labels = scene_shot_labels(self._scene, number, self._project.skip_letters)

    def refresh(self) -> None:
        """Recompute shot numbers and repaint every panel after an edit."""
        self._relabel()
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        if parent.isValid() or self._scene is None:
            return 0
        return len(self._scene.panels)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._scene is None or not 0 <= index.row() < len(self._scene.panels):
            return None
        panel = self._scene.panels[index.row()]
        label = self._labels.get(panel.id)
        shot = label.label if label else "?"
        if role in (Qt.ItemDataRole.DisplayRole, Role.SHOT):
            return shot
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [shot, camera_line(panel.camera), card_line(panel)]
            return "\n".join(line for line in lines if line)
        if role == Role.OBJECT:
            return panel
        if role == Role.DURATION:
            return format_duration(panel.duration_ms)
        if role == Role.CAMERA_LINE:
            return camera_line(panel.camera)
        if role == Role.ACTION_LINE:
            return card_line(panel)
        if role == Role.IMAGE:
            return panel.image
        if role == Role.SPEECH:
            return frame_speech(panel)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._scene is not None else Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # Drag and drop -------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [PANEL_ROWS_MIME, "text/uri-list"]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt API
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        scene_id = self._scene.id if self._scene else None
        data.setData(PANEL_ROWS_MIME, json.dumps({"document": id(self.document), "scene": scene_id, "rows": rows}).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        if self._scene is None:
            return False
        if data.hasFormat(PANEL_ROWS_MIME):
            payload = panel_rows_from_mime(data)
            return bool(payload) and payload.get("document") == id(self.document)
        return data.hasUrls() and any(url.isLocalFile() for url in data.urls())

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt API
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._scene.panels)
        payload = panel_rows_from_mime(data)
        if payload is not None:
            source = next((s for s in self._project.scenes if s.id == payload.get("scene")), None)
            if source is not None:
                self.document.move_panels(source, payload.get("rows", []), self._scene, row)
            # Moved through the undo stack already; False keeps the view from deleting rows too.
            return False
        self.filesDropped.emit([url.toLocalFile() for url in data.urls() if url.isLocalFile()], row)
        return True
