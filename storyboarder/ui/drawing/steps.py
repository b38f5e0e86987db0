"""Where Next Panel and Previous Panel go from the panel being drawn, and how the drawing view names it.

PageDown on a scene's last panel does not silently do nothing, nor leap into
another scene unannounced: the first press says the scene ends there, and a
second press goes on to the first panel of the next scene (PageUp on a first
panel likewise, to the last panel of the scene before).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from storyboarder.model import Panel, Project, Scene, scene_numbers, shot_labels


def neighbours(scene: Scene | None, panel: Panel) -> tuple[Panel | None, Panel | None]:
    """The panels before and after ``panel`` in its scene."""
    panels = scene.panels if scene is not None else []
    for row, candidate in enumerate(panels):
        if candidate is panel:
            return (panels[row - 1] if row > 0 else None, panels[row + 1] if row + 1 < len(panels) else None)
    return None, None


def drawing_title(project: Project, scene: Scene | None, panel: Panel) -> str:
    """Which shot is being drawn: ``Drawing 3B · Scene 3 EXT. LIGHTHOUSE CLIFF - DAWN``."""
    label = shot_labels(project).get(panel.id)
    parts = [f"Drawing {label.label}" if label is not None else "Drawing"]
    if scene is not None:
        number = scene_numbers(project).get(scene.id, "?")
        parts.append(" ".join(f"Scene {number} {scene.heading.strip()}".split()))
    if scene is not None and len(scene.panels) > 1:
        row = next((i for i, p in enumerate(scene.panels) if p is panel), 0)
        parts.append(f"panel {row + 1} of {len(scene.panels)}")
    return " · ".join(parts)


class Step(NamedTuple):
    """Where a step goes: a scene and a row in it; or, when ``notice`` is set, nowhere yet."""

    scene: Scene | None
    row: int
    notice: str = ""


class PanelSteps:
    """Works out Next and Previous Panel, stopping once at each end of a scene to say so."""

    def __init__(self) -> None:
        #: The (panel, direction) whose scene edge was announced: a second press there crosses it.
        self._announced: tuple[int, int] | None = None

    def step(self, project: Project, scene: Scene | None, panel: Panel | None, offset: int) -> Step:
        """The panel ``offset`` (+1 or -1) from ``panel``, or a notice at the scene's edge."""
        if scene is None or panel is None:
            return Step(None, -1, "")
        row = next((i for i, p in enumerate(scene.panels) if p is panel), None)
        if row is None:
            return Step(None, -1, "")
        target = row + offset
        if 0 <= target < len(scene.panels):
            self._announced = None
            return Step(scene, target)
        number = scene_numbers(project)
        here = number.get(scene.id, "?")
        scenes = project.scenes
        index = next((i for i, s in enumerate(scenes) if s is scene), -1)
        # The next scene that has panels to draw, that way.
        others = scenes[index + 1:] if offset > 0 else reversed(scenes[:max(0, index)])
        beyond = next((s for s in others if s.panels), None)
        edge = "End" if offset > 0 else "Start"
        key = "PageDown" if offset > 0 else "PageUp"
        if beyond is None:
            self._announced = None
            last = "last" if offset > 0 else "first"
            return Step(None, -1, f"{edge} of scene {here}: the {last} scene of the storyboard")
        announced = (id(panel), offset)
        if self._announced == announced:
            self._announced = None
            return Step(beyond, 0 if offset > 0 else len(beyond.panels) - 1)
        self._announced = announced
        return Step(None, -1, f"{edge} of scene {here} — {key} again for scene {number.get(beyond.id, '?')}")

    def forget(self) -> None:
        """Drawing moved on by other means: a later press at an edge announces it afresh."""
        self._announced = None


class DrawingHeader(QLabel):
    """A line over the canvas naming the shot being drawn, and saying when a step reached a scene's edge."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("drawingHeader")
        self.setMargin(6)
        # A long heading is cut short, never holding the window wide.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title = ""
        self.notice = ""
        font = self.font()
        font.setBold(True)
        self.setFont(font)

    def set_title(self, title: str) -> None:
        """Name the shot being drawn (and drop any notice)."""
        self.title, self.notice = title, ""
        self._show()

    def set_notice(self, notice: str) -> None:
        """Add a notice after the shot's name, until the next panel."""
        self.notice = notice
        self._show()

    def _show(self) -> None:
        text = self.title + (f"   —   {self.notice}" if self.notice else "")
        self.setToolTip(text)
        room = max(0, self.contentsRect().width() - 2 * self.margin())
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room) if room else text)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._show()
