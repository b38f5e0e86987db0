"""The drawing view: tools, palette and layers around a canvas, for one panel at a time.

Strokes stay in the view's layers, each one an undo step on the document's
stack, until ``commit()`` (leaving the panel, saving, going to the next one,
closing) pushes one more step, "Update drawing", that points the panel at
new layer files and a new composite. Undoing that step puts the panel's old
files back; if the view still shows the panel its strokes stay on screen, so
that the undo steps before it take them away one by one. When the view has
moved on to another panel, those earlier steps have nothing to act on and
drop out of the history (the panel is already back as it was).

An autosave pushes nothing: it asks ``draft()`` for the fields a commit
would set and writes them into the recovery copy only; the files encoded
for it are the ones the commit then uses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QColor, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storyboarder.io.image_import import ImageImportError, import_image
from storyboarder.io.images import ImageProblem
from storyboarder.model import Panel, Scene
from storyboarder.model.events import ProjectEvents

from .. import commands
from ..adapters import ProjectWatch
from ..actions import DRAWING_ALTERNATE_SHORTCUTS, DrawingActionId, make_action
from ..settings import WORKING_WIDTH, Option, Settings
from .brushes import DEFAULT_BRUSHES, HOME_LAYER, SIZE_STEPS, Tool, step_size
from .layer_list import LayerList
from .layers import (
    LAYER_NAMES,
    LayerStack,
    blank_image,
    decode_image,
    file_tag,
    fit_to,
    new_tag,
    panel_tags,
    working_size,
)
from . import store
from .overlays import Guides
from .palette import ACCENT, Palette
from .steps import DrawingHeader, drawing_title, neighbours
from .tool_bar import GUIDE_ACTIONS, TOOL_ACTIONS, build_tool_bars
from .view import CanvasView

__all__ = ["DrawingPanel", "neighbours"]

#: Guides and onion skin that are on, remembered between sessions.
OVERLAYS = Option("drawing/overlays", list, ["frame", "onion"])

#: The default ``DrawingPanel.undo_pixel_limit``: 256 MiB, some thirty whole 1920×1080 layers
#: (a clear or an import keeps one before and one after) or several hundred long strokes.
UNDO_PIXEL_LIMIT = 256 * 1024 * 1024

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif);;All files (*)"

A = DrawingActionId
STROKE_NAMES = {Tool.PENCIL: "Pencil stroke", Tool.PEN: "Pen stroke", Tool.TONE: "Tone", Tool.ERASER: "Erase", Tool.LINE: "Line"}


class DrawingPanel(QWidget):
    """Draw on one panel at a time; ``show_panel`` switches panels, committing the last one."""

    nextPanelRequested = Signal()
    previousPanelRequested = Signal()
    #: The user is done drawing (the drawing was committed).
    closed = Signal()
    #: The panel being drawn is no longer in the project (deleted, or its scene was).
    panelRemoved = Signal()

    def __init__(self, document, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("drawingPanel")
        self.document, self.settings = document, settings
        self.scene: Scene | None = None
        self.panel: Panel | None = None
        self.folder: Path | None = None
        self.stack: LayerStack | None = None
        self.brushes = dict(DEFAULT_BRUSHES)
        self.tool = Tool.PENCIL
        #: Every tool draws in this colour on the notes layer: marks for the crew stand out.
        self.notes_color = QColor(ACCENT)
        self._message = ""
        #: Most memory the pixels kept for undoing strokes, clears and imports may take; past it,
        #: the oldest such steps are forgotten (they can no longer be undone).
        self.undo_pixel_limit = UNDO_PIXEL_LIMIT
        self._undo_pixels = 0
        #: The pixels of the files the last commit made, by path: shown again (as the onion skin,
        #: or when coming back to that panel) without waiting for their encoding or decoding them.
        self._recent: dict[str, QImage] = {}
        #: The change a commit would make, kept between autosaves (see ``draft``).
        self._drafts = store.Drafts()

        self.view = CanvasView()
        self.header = DrawingHeader()
        self.layer_list = LayerList()
        self.palette = Palette()
        self.status = QLabel()
        self.status.setObjectName("drawingStatus")
        self.size_box = QSpinBox()
        self.size_box.setObjectName("brushSize")
        self.size_box.setRange(SIZE_STEPS[0], SIZE_STEPS[-1])
        self.size_box.setSuffix(" px")
        self.size_box.setToolTip("Brush size ([ and ])")
        self.size_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.actions_by_id = {}
        for action_id in DrawingActionId:
            if action_id is A.DRAW:
                continue
            action = make_action(action_id, self)
            extra = DRAWING_ALTERNATE_SHORTCUTS.get(action_id, ())
            if extra:
                action.setShortcuts([action.shortcut(), *(QKeySequence(k) for k in extra)])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            self.actions_by_id[action_id] = action
        self._tool_group = QActionGroup(self)
        for action_id in TOOL_ACTIONS:
            self.action(action_id).setCheckable(True)
            self._tool_group.addAction(self.action(action_id))
        for action_id in (*GUIDE_ACTIONS, A.ONION_SKIN, A.FLIP):
            self.action(action_id).setCheckable(True)

        self._build_layout()
        self._connect()
        self._restore_overlays()
        self.select_tool(Tool.PENCIL)
        self.layer_list.set_current("sketch")
        self.document.projectReplaced.connect(self._project_replaced)
        self._watch = ProjectWatch(self, self.document, self._connect_events)

    def action(self, action_id: DrawingActionId):
        """The view's QAction for an id."""
        return self.actions_by_id[action_id]

    # Layout -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.brush_bar, self.toolbar = build_tool_bars(self.actions_by_id, self.size_box, self.palette)
        self.layer_list.set_actions(self.action(A.CLEAR_LAYER), self.action(A.IMPORT_REFERENCE), self.action(A.PASTE_REFERENCE))
        self.layer_list.setFixedWidth(200)
        middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        middle.addWidget(self.view, 1)
        middle.addWidget(self.layer_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.brush_bar)
        layout.addWidget(self.toolbar)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        for action_id, tool in TOOL_ACTIONS.items():
            self.action(action_id).triggered.connect(lambda _checked=False, t=tool: self.select_tool(t))
        self.action(A.BRUSH_SMALLER).triggered.connect(lambda: self.step_brush(-1))
        self.action(A.BRUSH_LARGER).triggered.connect(lambda: self.step_brush(1))
        self.action(A.PREVIOUS_PANEL).triggered.connect(self.previousPanelRequested)
        self.action(A.NEXT_PANEL).triggered.connect(self.nextPanelRequested)
        self.action(A.FIT).triggered.connect(self.view.fit_to_window)
        self.action(A.FLIP).toggled.connect(self.view.set_flipped)
        self.action(A.ONION_SKIN).toggled.connect(self._onion_toggled)
        for action_id, name in GUIDE_ACTIONS.items():
            self.action(action_id).toggled.connect(lambda on, n=name: self._guide_toggled(n, on))
        self.action(A.CLEAR_LAYER).triggered.connect(lambda: self.clear_layer())
        self.action(A.IMPORT_REFERENCE).triggered.connect(lambda: self.import_reference())
        self.action(A.PASTE_REFERENCE).triggered.connect(self.paste_reference)
        self.action(A.CLOSE_DRAWING).triggered.connect(self.close_drawing)
        self.size_box.valueChanged.connect(self.set_brush_size)
        self.palette.colorChosen.connect(self.set_color)
        self.layer_list.currentLayerChanged.connect(self._layer_chosen)
        self.layer_list.visibilityChanged.connect(self.set_layer_visible)
        self.layer_list.opacityEdited.connect(self.set_layer_opacity)
        self.view.strokeFinished.connect(self._stroke_finished)
        self.view.zoomChanged.connect(lambda _zoom: self._update_status())
        self.view.message.connect(self.show_message)

    def _restore_overlays(self) -> None:
        on = set(self.settings.get(OVERLAYS))
        for action_id, name in GUIDE_ACTIONS.items():
            self.action(action_id).setChecked(name in on)
            self.view.set_guide(name, name in on)
        self.action(A.ONION_SKIN).setChecked("onion" in on)
        self.view.set_onion_visible("onion" in on)

    def _save_overlays(self) -> None:
        on = [name for name in Guides.NAMES if getattr(self.view.guides, name)]
        if self.view.onion_visible:
            on.append("onion")
        self.settings.set(OVERLAYS, on)

    def _guide_toggled(self, name: str, on: bool) -> None:
        self.view.set_guide(name, on)
        self._save_overlays()

    def _onion_toggled(self, on: bool) -> None:
        self.view.set_onion_visible(on)
        self._save_overlays()

    # Tools ------------------------------------------------------------------------------

    @property
    def current_layer(self) -> str:
        """The layer strokes go to."""
        return self.view.layer

    def select_tool(self, tool: Tool) -> None:
        """Choose a tool; pencil and tone move to the sketch layer and the pen to ink, from either of those."""
        self.tool = tool
        for action_id, candidate in TOOL_ACTIONS.items():
            if candidate is tool:
                self.action(action_id).setChecked(True)
        home = HOME_LAYER.get(tool)
        if home and self.view.layer in ("sketch", "ink") and home != self.view.layer:
            self.layer_list.set_current(home)
        self._use_brush()

    def _use_brush(self) -> None:
        brush = self.brushes[self.tool]
        if self.view.layer == "notes" and self.tool is not Tool.ERASER:
            brush = brush.recoloured(self.notes_color)
        self.view.brush = brush
        self.view.eraser_brush = self.brushes[Tool.ERASER]
        self.size_box.blockSignals(True)
        self.size_box.setValue(round(brush.size))
        self.size_box.blockSignals(False)
        self.palette.set_current(brush.color)
        self.palette.setEnabled(self.tool is not Tool.ERASER)
        self.view.update()
        self._update_status()

    def step_brush(self, steps: int) -> None:
        """Make the brush a notch larger (positive) or smaller."""
        self.set_brush_size(step_size(self.brushes[self.tool].size, steps))

    def set_brush_size(self, size: float) -> None:
        """Set the current tool's size in canvas pixels."""
        self.brushes[self.tool] = self.brushes[self.tool].resized(size)
        self._use_brush()

    def set_color(self, color: QColor) -> None:
        """Set the current tool's colour (on the notes layer: the colour of every note)."""
        if self.tool is Tool.ERASER:
            return
        if self.view.layer == "notes":
            self.notes_color = QColor(color)
        else:
            self.brushes[self.tool] = self.brushes[self.tool].recoloured(color)
        self._use_brush()

    def set_layer(self, name: str) -> None:
        """Make a layer current."""
        self.layer_list.set_current(name)

    def _layer_chosen(self, name: str) -> None:
        self.view.layer = name
        self._use_brush()

    # Panels -------------------------------------------------------------------------------

    def show_panel(self, scene: Scene | None, panel: Panel, previous_panel: Panel | None = None,
                   next_panel: Panel | None = None, folder: Path | None = None) -> None:
        """Draw on ``panel``, committing the panel shown before; the neighbours give the onion skin."""
        project = self.document.project
        folder = folder if folder is not None else self.document.folder
        if panel is not self.panel or self.stack is None:
            self.commit()
            size = working_size(self.settings.get(WORKING_WIDTH), project.aspect_ratio)
            stack = LayerStack(size)
            if self.stack is not None:
                stack.visible = dict(self.stack.visible)  # visibility is a view setting: it carries over
            stack.load(project, panel, folder, self._recent)
            self.scene, self.panel, self.folder, self.stack = scene, panel, folder, stack
            self.view.set_stack(stack)
            self.layer_list.sync(stack)
            stack.changed.connect(self._stack_changed)
            problems = "; ".join(stack.problems.values())
            self.show_message(problems)
        self.scene = scene
        self.header.set_title(drawing_title(project, scene, panel))
        self.view.set_onion(self._composite_of(previous_panel), self._composite_of(next_panel))
        self.view.setFocus()
        self._update_status()

    def _composite_of(self, panel: Panel | None) -> QImage | None:
        if panel is None or not panel.image:
            return None
        if panel.image in self._recent:
            return self._recent[panel.image]
        try:
            return decode_image(self.document.project, self.folder, panel.image)
        except ImageProblem:
            return None

    def live_stack(self, panel: Panel) -> LayerStack | None:
        """The layers being drawn for ``panel``, if the view shows it."""
        return self.stack if panel is self.panel and self.stack is not None else None

    def is_dirty(self) -> bool:
        """Whether the view holds drawing the panel does not have yet."""
        stack, panel = self.stack, self.panel
        if stack is None or panel is None:
            return False
        if stack.tags != panel_tags(panel, stack.size):
            return True
        return any(stack.opacity[name] != float(panel.layer_opacity.get(name, 1.0)) for name in LAYER_NAMES)

    def commit(self) -> bool:
        """Store the drawing in the panel as one undo step ("Update drawing"); return whether anything changed."""
        if self.view.drawing:
            self.view.end_stroke()
        change = self._change()
        if change is None:
            return False
        self._drafts.taken()
        old, new, self._recent = change
        project, panel, stack = self.document.project, self.panel, self.stack
        self.document.push(commands.UpdateDrawingCommand(project, panel, self, old, new, stack.tags, "Update drawing"))
        return True

    def draft(self) -> dict[str, dict] | None:
        """The panel fields a commit would set now, by panel id, for the recovery copy; nothing is pushed.

        Empty when there is nothing to commit; None while a stroke is being
        drawn (ask again once it is on the undo stack).
        """
        if self.view.drawing:
            return None
        change = self._change()
        if change is None:
            return {}
        return {self.panel.id: dict(change[1])}

    def _change(self) -> tuple | None:
        """What a commit would store (``store.panel_fields``), encoded once however often it is asked for."""
        if not self.is_dirty():
            return None
        return self._drafts.change(self.document.project, self.panel, self.stack)

    def drawing_committed(self, panel: Panel, tags: dict[str, str]) -> None:
        """The panel now has the drawing that had ``tags`` (a commit, or its redo)."""
        stack = self.live_stack(panel)
        if stack is None:
            return
        model = panel_tags(panel, stack.size)
        if stack.tags in (tags, model):
            stack.tags.update(model)
        else:
            self._reload()

    def drawing_uncommitted(self, panel: Panel, tags: dict[str, str], committed: dict) -> None:
        """A commit was undone: keep its drawing on screen, as the strokes before it are still done."""
        stack = self.live_stack(panel)
        if stack is None:
            return
        shown = Panel(layers=committed["layers"], image=committed["image"])
        if stack.tags == panel_tags(shown, stack.size):
            stack.tags.update(tags)
        else:
            self._reload()

    def _reload(self) -> None:
        self.stack.load(self.document.project, self.panel, self.folder, self._recent)
        self.layer_list.sync(self.stack)

    def _project_replaced(self) -> None:
        self.discard()

    def _connect_events(self, events: ProjectEvents) -> None:
        events.panels.removed.connect(self._rows_removed)
        events.scenes.removed.connect(self._rows_removed)

    def _rows_removed(self, _event) -> None:
        """Notice when the panel being drawn leaves the project."""
        if self.panel is not None:
            # Checked once the edit is over: a move removes panels and puts them back.
            QTimer.singleShot(0, self._check_panel)

    def _check_panel(self) -> None:
        if self.panel is not None and not any(p is self.panel for _s, p in self.document.project.iter_panels()):
            self.panelRemoved.emit()

    def discard(self) -> None:
        """Stop showing a panel without committing (the project was replaced)."""
        if self.view.drawing:
            self.view.end_stroke()
        self._recent = {}
        self._drafts.taken()  # nothing is drawn here any more
        self.view.set_stack(None)
        self.scene = self.panel = self.stack = None
        self.header.set_title("")
        self._update_status()

    def close_drawing(self) -> None:
        """Commit, stop drawing and say so."""
        self.commit()
        self.discard()
        self.closed.emit()

    # Layer edits (each one undo step) ---------------------------------------------------------

    def _stroke_finished(self, result) -> None:
        tool, layer, patches, old, new = result
        text = f"{STROKE_NAMES[tool]} on {layer}"
        self._push_pixels(commands.DrawingPixelsCommand(self, self.panel, layer, patches, old, new, text))

    def _push_pixels(self, command: commands.DrawingPixelsCommand) -> None:
        """Push a step that keeps pixels, keeping the history's pixels within ``undo_pixel_limit``."""
        self.document.push(command)
        # An upper bound (steps the stack has since deleted are still in it): recounted only past the limit.
        self._undo_pixels += command.pixel_bytes()
        if self._undo_pixels > self.undo_pixel_limit:
            self._undo_pixels = self._bound_undo_pixels()

    def _bound_undo_pixels(self) -> int:
        """Forget the pixels of the oldest done steps until the history holds no more than the limit; return what it holds."""
        undo_stack = self.document.undo_stack
        held = [(i, step) for i, step in enumerate(undo_stack.command(i) for i in range(undo_stack.count()))
                if isinstance(step, commands.DrawingPixelsCommand) and step.patches]
        total = sum(step.pixel_bytes() for _i, step in held)
        done = [step for i, step in held if i < undo_stack.index()]
        # The latest step stays undoable whatever its size.
        for step in done[:-1]:
            if total <= self.undo_pixel_limit:
                break
            total -= step.pixel_bytes()
            step.forget_pixels()
        return total

    def _stack_changed(self, _rect: QRect) -> None:
        self.layer_list.sync(self.stack)

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer while drawing (not stored, not an undo step)."""
        if self.stack is not None:
            self.stack.set_visible(name, visible)

    def set_layer_opacity(self, name: str, value: float, session: object | None = None) -> None:
        """Change a layer's opacity as an undo step; changes within one ``session`` (a slider drag) merge."""
        stack = self.stack
        if stack is None or stack.opacity[name] == value:
            return
        self.document.push(commands.DrawingOpacityCommand(
            self, self.panel, name, stack.opacity[name], max(0.0, min(1.0, value)), f"{name.capitalize()} opacity", session
        ))

    def clear_layer(self, name: str | None = None) -> None:
        """Erase a whole layer (the current one by default) as one undo step."""
        name = name or self.current_layer
        stack = self.stack
        if stack is None or stack.is_blank(name):
            return
        self._replace_layer(name, blank_image(stack.size), file_tag(stack.size, None), f"Clear {name} layer")

    def _replace_layer(self, name: str, image: QImage, tag: str, text: str) -> None:
        stack = self.stack
        before = QImage(stack.images[name])
        patches = [(None, before, image)]
        self._push_pixels(commands.DrawingPixelsCommand(self, self.panel, name, patches, stack.tags[name], tag, text))

    def set_reference(self, image: QImage, text: str = "Import reference image") -> None:
        """Put an image on the reference layer, fitted to the canvas, as one undo step."""
        if self.stack is None or image.isNull():
            return
        self._replace_layer("reference", fit_to(image, self.stack.size), new_tag(), text)
        if not self.stack.visible["reference"]:
            self.stack.set_visible("reference", True)
            self.layer_list.sync(self.stack)

    def import_reference(self, path: str | None = None) -> bool:
        """Bring an image file in as the reference (asks for one when no path is given)."""
        if self.stack is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import reference image", "", IMAGE_FILTER)
            if not path:
                return False
        try:
            imported = import_image(path, working_width=self.stack.size.width())
        except (ImageImportError, ValueError) as exc:
            self.show_message(str(exc))
            return False
        self.set_reference(QImage.fromData(imported.data))
        return True

    def paste_reference(self) -> bool:
        """Use the clipboard's image as the reference."""
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.show_message("The clipboard has no image")
            return False
        self.set_reference(image, "Paste reference image")
        return True

    # Status ---------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """Show a note under the canvas (empty: just the status)."""
        self._message = text
        self._update_status()

    def _update_status(self) -> None:
        parts = []
        if self.stack is not None:
            size = self.stack.size
            parts.append(f"{size.width()}×{size.height()}")
            parts.append(f"{round(self.view.zoom * 100)}%")
            parts.append(f"{self.tool.value} on {self.current_layer}")
        if self._message:
            parts.append(self._message)
        self.status.setText("  ·  ".join(parts))
