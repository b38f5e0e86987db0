"""Every undoable change to a project. Each command only calls ``storyboarder.model.edits``."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from storyboarder.model import Panel, Project, Scene
from storyboarder.model import edits

#: Called after redo or undo with the scene and rows to select.
Selector = Callable[[Scene | None, list[int]], None]

_FIELD_COMMAND_ID = 1001
_HEADING_COMMAND_ID = 1002


def _noop(_scene, _rows):
    return None


class SetFieldCommand(QUndoCommand):
    """Set one field on one or more objects; typing in one editing session merges into one step."""

    def __init__(
        self,
        project: Project,
        objects: list,
        path: str,
        values: list[Any],
        text: str,
        session: object | None = None,
        select: Selector = _noop,
    ):
        super().__init__(text)
        self.project, self.objects, self.path = project, list(objects), path
        self.new = list(values)
        self.old: list[Any] | None = None
        self.session = session
        self.select = select

    def redo(self) -> None:
        old = edits.set_fields(self.project, self.objects, self.path, self.new)
        if self.old is None:
            self.old = old

    def undo(self) -> None:
        edits.set_fields(self.project, self.objects, self.path, self.old)

    def id(self) -> int:
        return _FIELD_COMMAND_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, SetFieldCommand) or other.session is None or other.session is not self.session:
            return False
        if other.path != self.path or len(other.objects) != len(self.objects):
            return False
        if any(a is not b for a, b in zip(other.objects, self.objects)):
            return False
        self.new = other.new
        # Typing back to where it started leaves nothing to undo.
        self.setObsolete(self.new == self.old)
        return True


class SetSceneHeadingCommand(QUndoCommand):
    """Set a scene's heading and the fields it names (INT/EXT, time of day, location), adding a new location if needed.

    Typing in one session merges into one step, as ``SetFieldCommand`` does.
    """

    def __init__(self, project: Project, scene: Scene, values: dict[str, Any], session: object | None, new_locations: list):
        super().__init__("Set scene heading")
        self.project, self.scene, self.session = project, scene, session
        self.values = dict(values)
        self.old: dict[str, Any] = {}
        self.new_locations = list(new_locations)

    def redo(self) -> None:
        for location in self.new_locations:
            edits.insert_items(self.project, "locations", len(self.project.locations), [location])
        for path, value in self.values.items():
            old = edits.set_fields(self.project, [self.scene], path, [value])
            self.old.setdefault(path, old[0])

    def undo(self) -> None:
        for path in reversed(list(self.values)):
            edits.set_fields(self.project, [self.scene], path, [self.old[path]])
        for location in reversed(self.new_locations):
            edits.remove_items(self.project, "locations", self.project.locations.index(location), 1)

    def id(self) -> int:
        return _HEADING_COMMAND_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, SetSceneHeadingCommand) or other.session is None or other.session is not self.session:
            return False
        if other.scene is not self.scene:
            return False
        for path, value in other.values.items():
            self.old.setdefault(path, other.old[path])
            self.values[path] = value
        self.new_locations += other.new_locations
        self.setObsolete(not self.new_locations and all(self.values[p] == self.old[p] for p in self.values))
        return True


class InsertPanelsCommand(QUndoCommand):
    """Add panels to a scene at a row."""

    def __init__(self, project: Project, scene: Scene, row: int, panels: list[Panel], text: str, select: Selector = _noop):
        super().__init__(text)
        self.project, self.scene, self.row, self.panels, self.select = project, scene, row, list(panels), select

    def redo(self) -> None:
        self.row = max(0, min(self.row, len(self.scene.panels)))
        edits.insert_panels(self.project, self.scene, self.row, self.panels)
        self.select(self.scene, list(range(self.row, self.row + len(self.panels))))

    def undo(self) -> None:
        edits.remove_panels(self.project, self.scene, self.row, len(self.panels))
        self.select(self.scene, [min(self.row, len(self.scene.panels) - 1)] if self.scene.panels else [])


class RemovePanelsCommand(QUndoCommand):
    """Delete panels at any rows of a scene."""

    def __init__(self, project: Project, scene: Scene, rows: list[int], text: str, select: Selector = _noop):
        super().__init__(text)
        self.project, self.scene, self.rows, self.select = project, scene, sorted(set(rows)), select
        self.removed: list[Panel] = []

    def redo(self) -> None:
        self.removed = edits.take_panels(self.project, self.scene, self.rows)
        if self.scene.panels:
            self.select(self.scene, [min(self.rows[0], len(self.scene.panels) - 1)])
        else:
            self.select(self.scene, [])

    def undo(self) -> None:
        for row, panel in zip(self.rows, self.removed):
            edits.insert_panels(self.project, self.scene, row, [panel])
        self.select(self.scene, self.rows)


class MovePanelsCommand(QUndoCommand):
    """Move panels within a scene or to another scene."""

    def __init__(
        self, project: Project, source: Scene, rows: list[int], target: Scene, row: int, text: str, select: Selector = _noop
    ):
        super().__init__(text)
        self.project, self.source, self.rows = project, source, sorted(set(rows))
        self.target, self.row, self.select = target, row, select
        self.landing = 0

    def redo(self) -> None:
        self.landing = edits.move_panels(self.project, self.source, self.rows, self.target, self.row)
        self.select(self.target, list(range(self.landing, self.landing + len(self.rows))))

    def undo(self) -> None:
        moved = edits.take_panels(self.project, self.target, range(self.landing, self.landing + len(self.rows)))
        for row, panel in zip(self.rows, moved):
            edits.insert_panels(self.project, self.source, row, [panel])
        self.select(self.source, self.rows)


class InsertSceneCommand(QUndoCommand):
    """Add a scene at a row."""

    def __init__(self, project: Project, row: int, scene: Scene, text: str, select: Selector = _noop):
        super().__init__(text)
        self.project, self.row, self.scene, self.select = project, row, scene, select

    def redo(self) -> None:
        edits.insert_scene(self.project, self.row, self.scene)
        self.select(self.scene, [])

    def undo(self) -> None:
        edits.remove_scene(self.project, self.project.scenes.index(self.scene))
        scenes = self.project.scenes
        self.select(scenes[min(self.row, len(scenes) - 1)] if scenes else None, [])


class RemoveSceneCommand(QUndoCommand):
    """Delete a scene with its panels (``Document.remove_scene`` drops the references to them first)."""

    def __init__(self, project: Project, scene: Scene, text: str, select: Selector = _noop):
        super().__init__(text)
        self.project, self.scene, self.select = project, scene, select
        self.row = project.scenes.index(scene)

    def redo(self) -> None:
        self.row = self.project.scenes.index(self.scene)
        edits.remove_scene(self.project, self.row)
        scenes = self.project.scenes
        self.select(scenes[min(self.row, len(scenes) - 1)] if scenes else None, [])

    def undo(self) -> None:
        edits.insert_scene(self.project, self.row, self.scene)
        self.select(self.scene, [])


class MoveSceneCommand(QUndoCommand):
    """Reorder a scene; ``destination`` is the row it lands before, counted before the move."""

    def __init__(self, project: Project, source: int, destination: int, text: str, select: Selector = _noop):
        super().__init__(text)
        self.project, self.source, self.destination, self.select = project, source, destination, select

    def _final(self) -> int:
        return self.destination - 1 if self.destination > self.source else self.destination

    def redo(self) -> None:
        scene = self.project.scenes[self.source]
        edits.move_scene(self.project, self.source, self.destination)
        self.select(scene, [])

    def undo(self) -> None:
        final = self._final()
        scene = self.project.scenes[final]
        back = self.source + 1 if self.source > final else self.source
        edits.move_scene(self.project, final, back)
        self.select(scene, [])


class SetProjectFieldsCommand(QUndoCommand):
    """Change several project settings at once (the settings dialog)."""

    def __init__(self, project: Project, values: dict[str, Any], text: str = "Change project settings"):
        super().__init__(text)
        self.project, self.values = project, dict(values)
        self.old: dict[str, Any] = {}

    def redo(self) -> None:
        for key, value in self.values.items():
            self.old[key] = edits.set_fields(self.project, [self.project], key, [value])[0]

    def undo(self) -> None:
        for key, value in self.old.items():
            edits.set_fields(self.project, [self.project], key, [value])


# Drawing -------------------------------------------------------------------------
#
# Strokes live in the drawing view's layers until it commits them: leaving the
# panel, saving, or going to the next one pushes an UpdateDrawingCommand that
# points the panel at new layer files and a new composite. The pixel and
# opacity commands act on the view's live layers (``drawing.live_stack(panel)``)
# and only when a layer holds exactly the content they were recorded on (its
# tag); if it does not (the view shows another panel), they do nothing and
# drop out of the history, because the commit after them already restored the
# panel's files.

_OPACITY_COMMAND_ID = 1002


class DrawingPixelsCommand(QUndoCommand):
    """A stroke, clear or reference import on one layer: the changed pixels before and after.

    ``patches`` are ``(rect, before, after)``: a rectangle of the layer with
    its pixels before and after (a stroke keeps only the tiles it touched),
    or ``(None, before, after)`` for the whole layer. When pushed right after
    a stroke the layer already holds ``after``, so the first redo changes
    nothing, and an ``after`` of None is copied from the layer on the first undo.
    """

    def __init__(self, drawing, panel: Panel, layer: str, patches: list, old_tag: str, new_tag: str, text: str):
        super().__init__(text)
        self.drawing, self.panel, self.layer, self.patches = drawing, panel, layer, list(patches)
        self.old_tag, self.new_tag = old_tag, new_tag

    def pixel_bytes(self) -> int:
        """The memory this step's pixels take (pixels shared with a layer counted in full)."""
        # An "after" not copied yet will be, on the first undo: counted already.
        return sum(before.sizeInBytes() + (after if after is not None else before).sizeInBytes()
                   for _rect, before, after in self.patches)

    def forget_pixels(self) -> None:
        """Let go of the pixels, to bound the history's memory: the step can no longer be undone.

        It is made obsolete, so the undo stack drops it when undo reaches it;
        the steps before it on the same layer then find the layer's tag is not
        theirs and drop out too, as they do when their panel is gone.
        """
        self.patches = []
        self.setText(f"{self.text()} (too old to undo)")
        self.setObsolete(True)

    def redo(self) -> None:
        self._apply(self.old_tag, self.new_tag, 2)

    def undo(self) -> None:
        self._apply(self.new_tag, self.old_tag, 1)

    def _apply(self, source: str, target: str, side: int) -> None:
        if not self.patches:
            self.setObsolete(True)
            return
        stack = self.drawing.live_stack(self.panel)
        tag = stack.tags.get(self.layer) if stack is not None else None
        if tag == target:
            return
        if tag == source:
            if side == 1 and any(patch[2] is None for patch in self.patches):
                layer = stack.images[self.layer]
                self.patches = [(r, before, layer.copy(r) if after is None else after) for r, before, after in self.patches]
            stack.blit(self.layer, [(patch[0], patch[side]) for patch in self.patches], target)
        else:
            self.setObsolete(True)


class DrawingOpacityCommand(QUndoCommand):
    """Change a layer's opacity in the drawing view; one slider drag (``session``) merges into one step."""

    def __init__(self, drawing, panel: Panel, layer: str, old: float, new: float, text: str, session: object | None = None):
        super().__init__(text)
        self.drawing, self.panel, self.layer = drawing, panel, layer
        self.old, self.new, self.session = old, new, session

    def redo(self) -> None:
        self._apply(self.old, self.new)

    def undo(self) -> None:
        self._apply(self.new, self.old)

    def _apply(self, source: float, target: float) -> None:
        stack = self.drawing.live_stack(self.panel)
        current = stack.opacity.get(self.layer) if stack is not None else None
        if current == target:
            return
        if current == source:
            stack.set_opacity(self.layer, target)
        else:
            self.setObsolete(True)

    def id(self) -> int:
        return _OPACITY_COMMAND_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, DrawingOpacityCommand) or other.session is None or other.session is not self.session:
            return False
        if other.panel is not self.panel or other.layer != self.layer or other.drawing is not self.drawing:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class UpdateDrawingCommand(QUndoCommand):
    """Point a panel at new layer files, layer opacities and composite: the drawing view's commit."""

    FIELDS = ("layers", "layer_opacity", "image")

    def __init__(self, project: Project, panel: Panel, drawing, old: dict[str, Any], new: dict[str, Any], tags: dict[str, str], text: str):
        super().__init__(text)
        self.project, self.panel, self.drawing = project, panel, drawing
        self.old, self.new, self.tags = dict(old), dict(new), dict(tags)

    def _set(self, values: dict[str, Any]) -> None:
        # The composite goes last, so that views refresh the thumbnail with every field in place.
        for path in self.FIELDS:
            value = values[path]
            edits.set_fields(self.project, [self.panel], path, [dict(value) if isinstance(value, dict) else value])

    def redo(self) -> None:
        self._set(self.new)
        self.drawing.drawing_committed(self.panel, self.tags)

    def undo(self) -> None:
        self._set(self.old)
        self.drawing.drawing_uncommitted(self.panel, self.tags, self.new)


class InsertItemsCommand(QUndoCommand):
    """Add entries to a production list (cast, crew, locations, shoot days)."""

    def __init__(self, project: Project, name: str, row: int, items: list, text: str):
        super().__init__(text)
        self.project, self.name, self.row, self.items = project, name, row, list(items)

    def redo(self) -> None:
        self.row = max(0, min(self.row, len(getattr(self.project, self.name))))
        edits.insert_items(self.project, self.name, self.row, self.items)

    def undo(self) -> None:
        edits.remove_items(self.project, self.name, self.row, len(self.items))


class RemoveItemsCommand(QUndoCommand):
    """Delete entries at any rows of a production list."""

    def __init__(self, project: Project, name: str, rows: list[int], text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.project, self.name, self.rows = project, name, sorted(set(rows))
        self.removed: list = []

    def redo(self) -> None:
        self.removed = []
        for first, count in reversed(edits.contiguous_runs(self.rows)):
            self.removed[:0] = edits.remove_items(self.project, self.name, first, count)

    def undo(self) -> None:
        for row, item in zip(self.rows, self.removed):
            edits.insert_items(self.project, self.name, row, [item])


class MoveItemCommand(QUndoCommand):
    """Reorder one entry of a production list."""

    def __init__(self, project: Project, name: str, source: int, destination: int, text: str):
        super().__init__(text)
        self.project, self.name, self.source, self.destination = project, name, source, destination

    def redo(self) -> None:
        edits.move_item(self.project, self.name, self.source, self.destination)

    def undo(self) -> None:
        landed = self.destination - 1 if self.destination > self.source else self.destination
        edits.move_item(self.project, self.name, landed, self.source if self.source < landed else self.source + 1)
