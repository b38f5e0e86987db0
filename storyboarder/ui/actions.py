"""Every menu and toolbar action: one id each, with its text, shortcut and icon, declared once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence

from .icons import icon

Key = QKeySequence.StandardKey


class ActionId(Enum):
    """Names of the window's actions."""

    NEW = auto()
    OPEN = auto()
    SAVE = auto()
    SAVE_AS = auto()
    IMPORT_IMAGES = auto()
    PROJECT_SETTINGS = auto()
    QUIT = auto()
    CUT = auto()
    COPY = auto()
    PASTE = auto()
    DELETE = auto()
    DUPLICATE = auto()
    SELECT_ALL = auto()
    INSERT_BEFORE = auto()
    INSERT_AFTER = auto()
    ADD_SCENE = auto()
    DUPLICATE_SCENE = auto()
    DELETE_SCENE = auto()
    RENAME_SCENE = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    """How an action looks and which keys trigger it."""

    text: str
    shortcut: Key | str | None = None
    icon: str | None = None
    tip: str = ""


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW: ActionSpec("&New Project", Key.New, "new"),
    ActionId.OPEN: ActionSpec("&Open…", Key.Open, "open"),
    ActionId.SAVE: ActionSpec("&Save", Key.Save, "save"),
    ActionId.SAVE_AS: ActionSpec("Save &As…", Key.SaveAs),
    ActionId.IMPORT_IMAGES: ActionSpec("&Import Images…", "Ctrl+Shift+I", "import", "One new panel per image"),
    ActionId.PROJECT_SETTINGS: ActionSpec("Project &Settings…", "Ctrl+Shift+,", "settings"),
    ActionId.QUIT: ActionSpec("&Quit", Key.Quit),
    ActionId.CUT: ActionSpec("Cu&t", Key.Cut),
    ActionId.COPY: ActionSpec("&Copy", Key.Copy),
    ActionId.PASTE: ActionSpec("&Paste", Key.Paste),
    ActionId.DELETE: ActionSpec("&Delete Panels", Key.Delete, "delete"),
    ActionId.DUPLICATE: ActionSpec("D&uplicate Panels", "Ctrl+D", "duplicate"),
    ActionId.SELECT_ALL: ActionSpec("Select &All Panels", Key.SelectAll),
    ActionId.INSERT_BEFORE: ActionSpec("Insert Panel &Before", "Ctrl+Shift+Return", None),
    ActionId.INSERT_AFTER: ActionSpec("Insert Panel &After", "Ctrl+Return", "add-panel"),
    ActionId.ADD_SCENE: ActionSpec("Add &Scene", "Ctrl+Shift+N", "add-scene"),
    ActionId.DUPLICATE_SCENE: ActionSpec("Duplicate Scene", None),
    ActionId.DELETE_SCENE: ActionSpec("Delete Scene", None),
    ActionId.RENAME_SCENE: ActionSpec("Edit Scene &Heading", "F2"),
    ActionId.ZOOM_IN: ActionSpec("Zoom &In", Key.ZoomIn),
    ActionId.ZOOM_OUT: ActionSpec("Zoom &Out", Key.ZoomOut),
    ActionId.ABOUT: ActionSpec("&About Storyboarder", None),
}


def make_action(action_id: ActionId, parent) -> QAction:
    """Build the QAction for an id."""
    spec = SPECS[action_id]
    action = QAction(spec.text, parent)
    action.setObjectName(action_id.name.lower())
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    if spec.icon:
        action.setIcon(icon(spec.icon))
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    if not action.shortcut().isEmpty():
        tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(spec.tip)
    return action
