"""Every user preference, declared once with its type and default, stored in QSettings.

Tests point the store at a temporary folder with STORYBOARDER_SETTINGS_DIR.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from storyboarder.io.paths import PROJECT_FILE
from storyboarder.model.shot_columns import COLUMN_BY_KEY, DEFAULT_COLUMNS


@dataclass(frozen=True)
class Option:
    """One preference: its key, type and default."""

    key: str
    type: type
    default: object


WINDOW_GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option("window/state", QByteArray, QByteArray())
#: The window's frame when it closed, ``x,y,width,height``: its geometry is restored only where that fits a screen.
WINDOW_FRAME = Option("window/frame", str, "")
THUMBNAIL_WIDTH = Option("grid/thumbnail_width", int, 208)
RECENT_PROJECTS = Option("files/recent", list, [])
LAST_FOLDER = Option("files/last_folder", str, "")
#: The folders new projects were last created in, latest first (Save As's "Create in" list).
PROJECT_PARENTS = Option("files/project_parents", list, [])
AUTOSAVE_SECONDS = Option("files/autosave_seconds", int, 60)
#: The Shot List tab's header: column widths and where hidden columns come back.
SHOT_LIST_HEADER = Option("shotlist/header", QByteArray, QByteArray())
#: The Shot List tab's visible columns, in their order, as comma-separated keys; the shot
#: list export ticks the same columns. The on-set columns wait until a crew asks for them.
SHOT_LIST_COLUMNS = Option("shotlist/columns", str, ",".join(DEFAULT_COLUMNS))
WORKING_WIDTH = Option("images/working_width", int, 1920)
#: The colours: "system" (what the desktop gives), "light" or "dark" (Edit › Preferences).
PALETTE = Option("view/palette", str, "system")
#: Where every export is offered first, until one goes somewhere else; empty: beside the project.
EXPORT_FOLDER = Option("export/folder", str, "")

# The storyboard PDF dialog's choices. Scenes and "selected panels only" belong to
# one project and one selection, so they start fresh each time.
BOARD_LAYOUT = Option("export/storyboard/layout", str, "3x2")
BOARD_PAPER = Option("export/storyboard/paper", str, "letter")
BOARD_ORIENTATION = Option("export/storyboard/orientation", str, "landscape")
BOARD_FIELDS = Option("export/storyboard/fields", str, "shot,duration,action,dialogue,notes,camera,lighting,sound")
BOARD_TEXT_POSITION = Option("export/storyboard/text_position", str, "below")
BOARD_TITLE_PAGE = Option("export/storyboard/title_page", bool, True)
BOARD_NEW_PAGE_PER_SCENE = Option("export/storyboard/new_page_per_scene", bool, False)
BOARD_DPI = Option("export/storyboard/dpi", int, 200)
BOARD_CONFIDENTIAL = Option("export/storyboard/confidential", str, "")
BOARD_FONT = Option("export/storyboard/font", str, "")
BOARD_FOLDER = Option("export/storyboard/folder", str, "")


class Settings:
    """Typed access to the preferences store."""

    def __init__(self, store: QSettings | None = None):
        if store is None:
            folder = os.environ.get("STORYBOARDER_SETTINGS_DIR")
            if folder:
                store = QSettings(str(Path(folder) / "storyboarder.ini"), QSettings.Format.IniFormat)
            else:
                store = QSettings("Storyboarder", "Storyboarder")
        self.store = store

    def get(self, option: Option):
        """Return the stored value of an option, or its default."""
        value = self.store.value(option.key, option.default)
        if option.type is list:
            if value is None:
                return []
            return [value] if isinstance(value, str) else list(value)
        if option.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        if option.type is bool:
            # INI files hand back "true" and "false" as text, and bool("false") is True.
            if isinstance(value, str):
                return {"true": True, "false": False}.get(value.strip().lower(), option.default)
            return bool(value)
        try:
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value) -> None:
        """Store an option's value."""
        self.store.setValue(option.key, value)

    def has(self, option: Option) -> bool:
        """Whether an option was ever stored (a newer option is missing from older settings)."""
        return self.store.contains(option.key)

    def shot_list_columns(self) -> tuple[str, ...]:
        """The keys of the Shot List tab's visible columns, in their order."""
        keys = [key.strip() for key in self.get(SHOT_LIST_COLUMNS).split(",")]
        known = tuple(dict.fromkeys(key for key in keys if key in COLUMN_BY_KEY))
        return known or DEFAULT_COLUMNS

    def set_shot_list_columns(self, keys) -> None:
        """Remember the Shot List tab's visible columns, in their order."""
        self.set(SHOT_LIST_COLUMNS, ",".join(keys))

    def remember_project(self, path: str | os.PathLike, keep: int = 10) -> None:
        """Put a project at the top of the recent list, by its absolute path (the next start may be elsewhere)."""
        path = os.path.abspath(path)
        recent = [p for p in self.recent_projects() if p != path]
        self.set(RECENT_PROJECTS, [path, *recent][:keep])

    def recent_projects(self) -> list[str]:
        """The recent projects' folders, newest first, each an absolute path.

        Older releases stored a project opened as ``storyboarder examples/x``
        as typed. Such an entry is made absolute from the current folder when
        that finds a project there, and dropped otherwise (what it was relative
        to is not known); the list is stored again when that changed anything.
        """
        stored = [p for p in self.get(RECENT_PROJECTS) if isinstance(p, str) and p]
        recent: list[str] = []
        for path in stored:
            if not os.path.isabs(path):
                if not (Path(path) / PROJECT_FILE).is_file():
                    continue
                path = os.path.abspath(path)
            if path not in recent:
                recent.append(path)
        if recent != stored:
            self.set(RECENT_PROJECTS, recent)
        return recent
