"""Every menu and toolbar action: one id each, with its text, shortcut and icon, declared once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence

from .icons import icon

Role = QAction.MenuRole
Key = QKeySequence.StandardKey


class ActionId(Enum):
    """Names of the window's actions."""

    NEW = auto()
    OPEN = auto()
    SAVE = auto()
    SAVE_AS = auto()
    IMPORT_IMAGES = auto()
    EXPORT_STORYBOARD = auto()
    EXPORT_SHOTLIST = auto()
    EXPORT_CALLSHEETS = auto()
    EXPORT_ANIMATIC = auto()
    EXPORT_EDIT = auto()
    IMPORT_SCREENPLAY = auto()
    PLAN_SHOOTING = auto()
    PROJECT_SETTINGS = auto()
    CLEAN_UP_IMAGES = auto()
    PREFERENCES = auto()
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
    NEXT_SCENE = auto()
    PREVIOUS_SCENE = auto()
    MOVE_PANEL_LEFT = auto()
    MOVE_PANEL_RIGHT = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    PLAY = auto()
    FOCUS_DRAWING = auto()
    FULL_SCREEN = auto()
    KEYBOARD_SHORTCUTS = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    """How an action looks and which keys trigger it."""

    text: str
    shortcut: Key | str | None = None
    icon: str | None = None
    tip: str = ""
    #: Where macOS puts it: Preferences, About and Quit go to the application menu. Qt would guess
    #: from the text, and a guess would take "Project Settings…" for the preferences.
    role: QAction.MenuRole = Role.NoRole


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW: ActionSpec("&New Project", Key.New, "new"),
    ActionId.OPEN: ActionSpec("&Open…", Key.Open, "open"),
    ActionId.SAVE: ActionSpec("&Save", Key.Save, "save"),
    ActionId.SAVE_AS: ActionSpec("Save &As…", Key.SaveAs),
    ActionId.IMPORT_IMAGES: ActionSpec("&Import Images…", "Ctrl+Shift+I", "import", "One new panel per image"),
    ActionId.EXPORT_SHOTLIST: ActionSpec("&Shot List…", "Ctrl+Shift+L", None, "The shot list as a PDF table or a CSV for spreadsheets"),
    ActionId.EXPORT_CALLSHEETS: ActionSpec("&Call Sheets…", None, None, "One call sheet per shoot day, as a PDF"),
    ActionId.EXPORT_ANIMATIC: ActionSpec("&Animatic…", None, None, "The boards at their durations as a GIF or PNG sequence"),
    ActionId.EXPORT_EDIT: ActionSpec("&Edit Timeline…", None, None, "FCP 7 XML, Final Cut Pro X, EDL or OpenTimelineIO"),
    ActionId.IMPORT_SCREENPLAY: ActionSpec("Import Screen&play…", None, None, "Scenes, cast and locations from a Fountain screenplay"),
    ActionId.PLAN_SHOOTING: ActionSpec("Plan Shooting &Order…", None, None, "Group shots by camera and lighting setup"),
    ActionId.EXPORT_STORYBOARD: ActionSpec("Storyboard &PDF…", Key.Print, None, "Print-ready storyboard pages as a PDF"),
    ActionId.PROJECT_SETTINGS: ActionSpec("Project &Settings…", "Ctrl+Shift+,", "settings"),
    ActionId.CLEAN_UP_IMAGES: ActionSpec(
        "Clean &Up Images…", None, None, "Move the image files nothing uses any more to the trash"
    ),
    # Ctrl+, is the preferences key on macOS and in most Linux and Windows apps alike.
    ActionId.PREFERENCES: ActionSpec("&Preferences…", "Ctrl+,", None, "Autosave, export folder and colours", Role.PreferencesRole),
    ActionId.QUIT: ActionSpec("&Quit", Key.Quit, role=Role.QuitRole),
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
    ActionId.DELETE_SCENE: ActionSpec("Delete Scene", "Ctrl+Shift+Del", None, "Delete the current scene and its panels"),
    ActionId.RENAME_SCENE: ActionSpec("Edit Scene &Heading", "F2"),
    # Ctrl+PgDown/PgUp step through tabs in browsers and editors; here the scenes are the pages.
    ActionId.NEXT_SCENE: ActionSpec("&Next Scene", "Ctrl+PgDown", None, "Show the next scene"),
    ActionId.PREVIOUS_SCENE: ActionSpec("Pre&vious Scene", "Ctrl+PgUp", None, "Show the previous scene"),
    # Ctrl+Shift+arrows select words in a text field: text fields claim them first (ShortcutOverride).
    ActionId.MOVE_PANEL_LEFT: ActionSpec("Move Panel &Left", "Ctrl+Shift+Left", None, "Move the selected panels one place earlier"),
    ActionId.MOVE_PANEL_RIGHT: ActionSpec("Move Panel &Right", "Ctrl+Shift+Right", None, "Move the selected panels one place later"),
    ActionId.ZOOM_IN: ActionSpec("Zoom &In", Key.ZoomIn),
    ActionId.ZOOM_OUT: ActionSpec("Zoom &Out", Key.ZoomOut),
    ActionId.PLAY: ActionSpec("&Play Boards", "F5", "play", "Play the boards as an animatic from the selected panel"),
    ActionId.FOCUS_DRAWING: ActionSpec("&Focus Drawing", "Ctrl+Shift+F", None, "Hide the docks while drawing, so the canvas has the window"),
    ActionId.FULL_SCREEN: ActionSpec("F&ull Screen", "F11", None, "Show the window on the whole screen"),
    ActionId.KEYBOARD_SHORTCUTS: ActionSpec("&Keyboard Shortcuts", "Ctrl+/", None, "Every action and its keys"),
    ActionId.ABOUT: ActionSpec("&About Storyboarder", None, role=Role.AboutRole),
}


def make_action(action_id: ActionId, parent) -> QAction:
    """Build the QAction for an id."""
    spec = SPECS[action_id]
    action = QAction(spec.text, parent)
    action.setObjectName(action_id.name.lower())
    action.setMenuRole(spec.role)
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


# Drawing -------------------------------------------------------------------------


class DrawingActionId(Enum):
    """Names of the drawing view's actions (their shortcuts work while it has focus)."""

    DRAW = auto()
    PENCIL = auto()
    PEN = auto()
    TONE = auto()
    ERASER = auto()
    LINE = auto()
    BRUSH_SMALLER = auto()
    BRUSH_LARGER = auto()
    PREVIOUS_PANEL = auto()
    NEXT_PANEL = auto()
    FIT = auto()
    FLIP = auto()
    ONION_SKIN = auto()
    GUIDE_FRAME = auto()
    GUIDE_THIRDS = auto()
    GUIDE_CENTRE = auto()
    GUIDE_ACTION_SAFE = auto()
    GUIDE_TITLE_SAFE = auto()
    CLEAR_LAYER = auto()
    IMPORT_REFERENCE = auto()
    PASTE_REFERENCE = auto()
    CLOSE_DRAWING = auto()


SPECS.update(
    {
        # The window's own action: open the selected panel in the drawing view.
        DrawingActionId.DRAW: ActionSpec("&Draw Panel", "Ctrl+Shift+D", "draw", "Open the panel in the drawing view"),
        DrawingActionId.PENCIL: ActionSpec("Pencil", "B", None, "Soft, light lines on the sketch layer"),
        DrawingActionId.PEN: ActionSpec("Pen", "P", None, "Solid ink on the ink layer"),
        DrawingActionId.TONE: ActionSpec("Tone", "T", None, "A wide translucent marker for shading"),
        DrawingActionId.ERASER: ActionSpec("Eraser", "E", None, "Erase on the current layer"),
        DrawingActionId.LINE: ActionSpec("Line", "L", None, "Straight lines (or hold Shift with any tool)"),
        DrawingActionId.BRUSH_SMALLER: ActionSpec("Smaller Brush", "[", None),
        DrawingActionId.BRUSH_LARGER: ActionSpec("Larger Brush", "]", None),
        DrawingActionId.PREVIOUS_PANEL: ActionSpec("Previous Panel", "PgUp", None, "Draw the previous panel"),
        DrawingActionId.NEXT_PANEL: ActionSpec("Next Panel", "PgDown", None, "Draw the next panel"),
        DrawingActionId.FIT: ActionSpec("Fit to Window", "Ctrl+0", None),
        DrawingActionId.FLIP: ActionSpec("Flip Horizontally", "H", None, "Mirror the view to check the composition"),
        DrawingActionId.ONION_SKIN: ActionSpec("Onion Skin", "O", None, "Show the previous and next panels faintly"),
        DrawingActionId.GUIDE_FRAME: ActionSpec("Frame Border", None),
        DrawingActionId.GUIDE_THIRDS: ActionSpec("Rule of Thirds", None),
        DrawingActionId.GUIDE_CENTRE: ActionSpec("Centre Cross", None),
        DrawingActionId.GUIDE_ACTION_SAFE: ActionSpec("Action Safe (90%)", None),
        DrawingActionId.GUIDE_TITLE_SAFE: ActionSpec("Title Safe (80%)", None),
        DrawingActionId.CLEAR_LAYER: ActionSpec("Clear Layer", "Shift+Del", None, "Erase everything on the current layer"),
        DrawingActionId.IMPORT_REFERENCE: ActionSpec("Import Reference…", None, None, "Put an image file on the reference layer"),
        DrawingActionId.PASTE_REFERENCE: ActionSpec("Paste Reference", "Ctrl+Shift+V", None, "Put the clipboard's image on the reference layer"),
        DrawingActionId.CLOSE_DRAWING: ActionSpec("Done", "Esc", None, "Keep the drawing and go back to the board"),
    }
)

#: Further keys for drawing actions, beside their main shortcut.
DRAWING_ALTERNATE_SHORTCUTS = {
    DrawingActionId.PREVIOUS_PANEL: ("Ctrl+Left",),
    DrawingActionId.NEXT_PANEL: ("Ctrl+Right",),
}
