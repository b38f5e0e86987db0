"""Qt item models over the project: the scene list and the panels of one scene.

They hold no copies of panel data: every role is read from the model
objects when a view asks, so all views show the same truth.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from storyboarder.model import (
    Project,
    Scene,
    camera_line,
    first_line,
    format_duration,
    scene_duration_ms,
    scene_numbers,
    scene_shot_labels,
    scene_title,
)


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


_Index = QModelIndex | QPersistentModelIndex


class SceneListModel(QAbstractListModel):
    """The scenes of a project, in story order."""

    def __init__(self, project: Project | None = None, parent=None):
        super().__init__(parent)
        self._project = project or Project()
        self._numbers = scene_numbers(self._project)

    def set_project(self, project: Project) -> None:
        """Show another project."""
        self.beginResetModel()
        self._project = project
        self._numbers = scene_numbers(project)
        self.endResetModel()

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
        if role == Role.DURATION:
            return format_duration(scene_duration_ms(scene))
        return None


class PanelListModel(QAbstractListModel):
    """The panels of one scene, in story order."""

    def __init__(self, project: Project | None = None, parent=None):
        super().__init__(parent)
        self._project = project or Project()
        self._scene: Scene | None = None
        self._labels: dict = {}

    def set_scene(self, project: Project, scene: Scene | None) -> None:
        """Show the panels of another scene."""
        self.beginResetModel()
        self._project = project
        self._scene = scene
        self._relabel()
        self.endResetModel()

    @property
    def scene(self) -> Scene | None:
        """The scene shown, if any."""
        return self._scene

    def _relabel(self) -> None:
        if self._scene is None:
            self._labels = {}
            return
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
            lines = [shot, camera_line(panel.camera), first_line(panel.action)]
            return "\n".join(line for line in lines if line)
        if role == Role.OBJECT:
            return panel
        if role == Role.DURATION:
            return format_duration(panel.duration_ms)
        if role == Role.CAMERA_LINE:
            return camera_line(panel.camera)
        if role == Role.ACTION_LINE:
            return first_line(panel.action)
        if role == Role.IMAGE:
            return panel.image
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
