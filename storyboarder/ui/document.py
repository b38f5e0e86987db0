"""One open project with its undo stack: the single place views ask to change it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from storyboarder.io.fingerprint import Fingerprint
from storyboarder.model import CameraSpec, LightingSpec, Location, Panel, Project, Scene, new_id
from storyboarder.model import edits, headings, references

from . import commands


def clone_panel(panel: Panel) -> Panel:
    """Copy a panel with a new id; its image file is shared, which is safe as saves never overwrite."""
    twin = copy.deepcopy(panel)
    twin.id = new_id("p")
    return twin


class Document(QObject):
    """A project, where it lives on disk, and the undo stack every change goes through."""

    #: Ask views to show a scene and select rows of it (after undo, redo, insert…).
    selectRequested = Signal(object, list)
    #: The whole project was replaced (open, new).
    projectReplaced = Signal()

    def __init__(self, project: Project | None = None, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project or Project()
        self.folder = folder
        #: ``project.json`` as last read or written here, to notice before a save that someone else changed it.
        self.on_disk: Fingerprint | None = None
        self.undo_stack = QUndoStack(self)

    def replace(self, project: Project, folder: Path | None) -> None:
        """Show another project; its history starts empty."""
        self.project = project
        self.folder = folder
        self.on_disk = None  # whoever replaces the project from disk records what it read
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.projectReplaced.emit()

    def display_name(self) -> str:
        """What the project is called to the user (window title, questions): its title, else its folder's name."""
        title = self.project.title.strip()
        if title:
            return title
        return self.folder.name if self.folder is not None and self.folder.name else "Untitled"

    def _select(self, scene: Scene | None, rows: list[int]) -> None:
        self.selectRequested.emit(scene, rows)

    def push(self, command) -> None:
        """Run a command and put it on the undo stack."""
        self.undo_stack.push(command)

    # Fields ------------------------------------------------------------------

    def set_field(self, objects: list, path: str, value: Any, label: str, session: object | None = None) -> None:
        """Set one field to one value on every given object, as one undo step.

        Outside a typing session, objects that already hold the value are left
        out; inside one, all stay in so that every keystroke merges.
        """
        if session is None:
            objects = [o for o in objects if edits.get_field(o, path) != value]
        elif all(edits.get_field(o, path) == value for o in objects):
            return
        if not objects:
            return
        what = label if len(objects) == 1 else f"{label} on {len(objects)} panels"
        # Each object gets its own copy of a list, so panels never share one.
        values = [copy.copy(value) if isinstance(value, (list, dict)) else value for _ in objects]
        self.push(commands.SetFieldCommand(self.project, objects, path, values, f"Set {what}", session))

    def set_field_values(self, objects: list, path: str, values: list, label: str) -> None:
        """Set one field to a value per object (a pasted column), as one undo step."""
        pairs = [(o, v) for o, v in zip(objects, values) if edits.get_field(o, path) != v]
        if not pairs:
            return
        what = label if len(pairs) == 1 else f"{label} on {len(pairs)} panels"
        objects = [o for o, _ in pairs]
        values = [copy.copy(v) if isinstance(v, (list, dict)) else v for _, v in pairs]
        self.push(commands.SetFieldCommand(self.project, objects, path, values, f"Set {what}", None))

    def set_scene_heading(self, scene: Scene, heading: str, before: Scene, session: object | None, finished: bool = False) -> None:
        """Type a scene heading: it sets the INT/EXT, time of day and location it names, in the same undo step.

        ``before`` is the scene as it was when typing began (``model.headings``
        decides which fields follow the heading). A place no location has yet
        becomes a new location only when typing is ``finished`` (Enter or
        leaving the field), not at every keystroke.
        """
        values: dict[str, Any] = headings.heading_changes(before, heading)
        new_locations = []
        found = headings.heading_location(self.project, before, heading)
        if found is not None:
            location, place = found
            if location is not None:
                values["location_id"] = location.id
            elif place and finished and heading != before.heading:
                new_locations.append(Location(name=place))
                values["location_id"] = new_locations[0].id
            else:
                values["location_id"] = before.location_id
        values = {path: value for path, value in values.items() if edits.get_field(scene, path) != value}
        if values or new_locations:
            self.push(commands.SetSceneHeadingCommand(self.project, scene, values, session, new_locations))

    def set_project_fields(self, values: dict[str, Any]) -> None:
        """Change project settings as one undo step."""
        changed = {k: v for k, v in values.items() if getattr(self.project, k) != v}
        if changed:
            self.push(commands.SetProjectFieldsCommand(self.project, changed))

    # Panels ------------------------------------------------------------------

    def new_panel(self) -> Panel:
        """Make a blank panel."""
        return Panel(camera=CameraSpec(), lighting=LightingSpec())

    def insert_panels(self, scene: Scene, row: int, panels: list[Panel], text: str = "Insert panel") -> None:
        """Add panels to a scene at a row."""
        if panels:
            self.push(commands.InsertPanelsCommand(self.project, scene, row, panels, text, self._select))

    def duplicate_panels(self, scene: Scene, rows: list[int]) -> None:
        """Copy panels and put the copies right after the last of them."""
        rows = sorted(set(rows))
        if rows:
            copies = [clone_panel(scene.panels[r]) for r in rows]
            self.insert_panels(scene, rows[-1] + 1, copies, "Duplicate panels" if len(rows) > 1 else "Duplicate panel")

    def remove_panels(self, scene: Scene, rows: list[int]) -> None:
        """Delete panels, and every reference to them, as one undo step."""
        rows = sorted({r for r in rows if 0 <= r < len(scene.panels)})
        if rows:
            text = "Delete panels" if len(rows) > 1 else "Delete panel"
            gone = references.deleted_ids(references.PANEL, [scene.panels[r] for r in rows])
            self._delete(text, gone, commands.RemovePanelsCommand(self.project, scene, rows, text, self._select))

    def move_panels(self, source: Scene, rows: list[int], target: Scene, row: int) -> None:
        """Move panels within a scene or to another one."""
        rows = sorted(set(rows))
        if not rows:
            return
        contiguous = rows == list(range(rows[0], rows[-1] + 1))
        if source is target and contiguous and rows[0] <= row <= rows[-1] + 1:
            return  # dropped onto itself
        text = "Move panels" if len(rows) > 1 else "Move panel"
        if source is not target:
            text += " to another scene"
        self.push(commands.MovePanelsCommand(self.project, source, rows, target, row, text, self._select))

    # Scenes ------------------------------------------------------------------

    def add_scene(self, row: int | None = None, heading: str = "") -> Scene:
        """Add a scene with one blank panel at a row (the end by default)."""
        scene = Scene(heading=heading, panels=[self.new_panel()])
        row = len(self.project.scenes) if row is None else row
        self.push(commands.InsertSceneCommand(self.project, row, scene, "Add scene", self._select))
        return scene

    def duplicate_scene(self, scene: Scene) -> Scene:
        """Copy a scene and its panels right after it."""
        twin = copy.deepcopy(scene)
        twin.id = new_id("s")
        twin.number = None
        twin.panels = [clone_panel(p) for p in scene.panels]
        row = self.project.scenes.index(scene) + 1
        self.push(commands.InsertSceneCommand(self.project, row, twin, "Duplicate scene", self._select))
        return twin

    def remove_scene(self, scene: Scene) -> None:
        """Delete a scene and its panels, and every reference to them, as one undo step."""
        gone = references.deleted_ids(references.SCENE, [scene])
        self._delete("Delete scene", gone, commands.RemoveSceneCommand(self.project, scene, "Delete scene", self._select))

    def move_scene(self, source: int, destination: int) -> None:
        """Reorder a scene; ``destination`` is the row it lands before."""
        if destination in (source, source + 1):
            return
        self.push(commands.MoveSceneCommand(self.project, source, destination, "Move scene", self._select))

    # Production lists ---------------------------------------------------------

    def add_item(self, name: str, item, row: int | None = None, text: str = "") -> None:
        """Add a cast member, crew member, location or shoot day (at the end by default)."""
        self.add_items(name, [item], row, text)

    def add_items(self, name: str, items: list, row: int | None = None, text: str = "") -> None:
        """Add entries to a production list as one undo step."""
        if not items:
            return
        row = len(getattr(self.project, name)) if row is None else row
        noun = _ITEM_NAMES[name] if len(items) == 1 else f"{len(items)} {_ITEM_NAMES[name]}s"
        self.push(commands.InsertItemsCommand(self.project, name, row, items, text or f"Add {noun}"))

    def remove_items(self, name: str, rows: list[int]) -> None:
        """Delete entries of a production list, and every reference to them, as one undo step."""
        items = getattr(self.project, name)
        rows = sorted({r for r in rows if 0 <= r < len(items)})
        if not rows:
            return
        gone = references.deleted_ids(references.LIST_KINDS[name], [items[r] for r in rows])
        noun = _ITEM_NAMES[name] if len(rows) == 1 else f"{len(rows)} {_ITEM_NAMES[name]}s"
        self._delete(f"Delete {noun}", gone, commands.RemoveItemsCommand(self.project, name, rows, f"Delete {noun}"))

    def _delete(self, text: str, gone: dict[str, set[str]], remove) -> None:
        """Push a delete command after the field changes that drop every reference to what it deletes.

        Both go in one undo step, as orange-canvas-core's ``remove_node``
        removes a node's links with it; ``model.references`` says what they are.
        """
        changes = references.dropping_references(self.project, gone)
        if not changes:
            self.push(remove)
            return
        self.undo_stack.beginMacro(text)
        try:
            for objects, path, values in changes:
                self.push(commands.SetFieldCommand(self.project, objects, path, values, f"Clear {path}"))
            self.push(remove)
        finally:
            self.undo_stack.endMacro()

    def merge_screenplay(self, plan) -> None:
        """Append an imported screenplay (an ``ImportPlan``): its cast, locations, title and scenes, as one undo step."""
        if not plan.scenes:
            return
        self.undo_stack.beginMacro(_plan_text(plan))
        try:
            self.add_items("cast", list(plan.new_cast))
            self.add_items("locations", list(plan.new_locations))
            self.set_project_fields(dict(plan.project_fields))
            for scene in plan.scenes:
                self.push(commands.InsertSceneCommand(self.project, len(self.project.scenes), scene, "Import scene", self._select))
        finally:
            self.undo_stack.endMacro()

    def move_item(self, name: str, source: int, destination: int) -> None:
        """Reorder an entry of a production list; ``destination`` is the row it lands before."""
        if destination not in (source, source + 1):
            self.push(commands.MoveItemCommand(self.project, name, source, destination, f"Move {_ITEM_NAMES[name]}"))


_ITEM_NAMES = {"cast": "cast member", "crew": "crew member", "locations": "location", "shoot_days": "shoot day"}


def _plan_text(plan) -> str:
    scenes = len(plan.scenes)
    return f"Import screenplay ({scenes} scene{'s' if scenes != 1 else ''})"
