"""The one selection of an open project: which scene the board shows and which panels are selected.

The panel grid, the shot list, the scene list and the inspector each read it
and write it, and none of them knows the others: a click in one view changes
the selection, the selection announces ``changed``, and every view shows it.
A view that is told what to show checks whether it already shows it, so the
announcement never echoes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from storyboarder.model import Panel, Scene


class Selection(QObject):
    """The scene shown on the board and the selected panels (possibly from several scenes, picked in the shot list)."""

    #: The scene, the panels or the anchor changed.
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._scene: Scene | None = None
        self._panels: tuple[Panel, ...] = ()
        self._anchor: Panel | None = None

    # Reading -------------------------------------------------------------------------------

    @property
    def scene(self) -> Scene | None:
        """The scene the board shows (the current scene), or None."""
        return self._scene

    @property
    def panels(self) -> tuple[Panel, ...]:
        """The selected panels, in the order the view that chose them lists them."""
        return self._panels

    @property
    def anchor(self) -> Panel | None:
        """The panel a Shift range extends from: the one a view names, else the first selected panel."""
        return self._anchor

    def rows(self) -> list[int]:
        """The rows, in the shown scene, of the selected panels that lie in it, in story order."""
        if self._scene is None or not self._panels:
            return []
        wanted = {id(panel) for panel in self._panels}
        return [row for row, panel in enumerate(self._scene.panels) if id(panel) in wanted]

    def panels_in_scene(self) -> list[Panel]:
        """The selected panels of the shown scene, in story order (what board actions such as Copy act on)."""
        scene = self._scene
        return [scene.panels[row] for row in self.rows()] if scene is not None else []

    # Writing -------------------------------------------------------------------------------

    def select(self, panels: Iterable[Panel], scene: Scene | None = None, anchor: Panel | None = None) -> None:
        """Select these panels.

        ``scene`` is the scene they all lie in, when the view knows it and there
        is one; the board then shows that scene. With None (panels from several
        scenes, or none) the board keeps the scene it shows.
        """
        panels = _unique(panels)
        self._set(scene if scene is not None else self._scene, panels, anchor)

    def select_rows(self, scene: Scene | None, rows: Iterable[int]) -> None:
        """Show a scene and select the panels at these rows of it (rows out of range are left out)."""
        panels = [scene.panels[row] for row in rows if 0 <= row < len(scene.panels)] if scene is not None else []
        self._set(scene, _unique(panels), None)

    def show_scene(self, scene: Scene | None) -> None:
        """Show another scene on the board, with nothing selected; showing the shown scene changes nothing."""
        if scene is not self._scene:
            self._set(scene, (), None)

    def discard(self, panels: Iterable[Panel]) -> None:
        """Leave panels out of the selection (they were deleted or moved away)."""
        gone = {id(panel) for panel in panels}
        if any(id(panel) in gone for panel in self._panels):
            kept = tuple(panel for panel in self._panels if id(panel) not in gone)
            anchor = self._anchor if self._anchor is not None and id(self._anchor) not in gone else None
            self._set(self._scene, kept, anchor)

    def reset(self, scene: Scene | None) -> None:
        """Start over on a scene with nothing selected, and announce it even when nothing seems to change.

        Used when the whole project was replaced: every view has just reset its
        rows and must show the selection again.
        """
        self._scene, self._panels, self._anchor = scene, (), None
        self.changed.emit()

    def _set(self, scene: Scene | None, panels: tuple[Panel, ...], anchor: Panel | None) -> None:
        if anchor is None or all(panel is not anchor for panel in panels):
            anchor = panels[0] if panels else None
        same = (
            scene is self._scene
            and anchor is self._anchor
            and len(panels) == len(self._panels)
            and {id(p) for p in panels} == {id(p) for p in self._panels}
        )
        if same:
            return
        self._scene, self._panels, self._anchor = scene, panels, anchor
        self.changed.emit()


def _unique(panels: Iterable[Panel]) -> tuple[Panel, ...]:
    seen: dict[int, Panel] = {}
    for panel in panels:
        seen.setdefault(id(panel), panel)
    return tuple(seen.values())
