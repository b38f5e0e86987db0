"""Every user preference, declared once with its type and default, stored in QSettings.

Tests point the store at a temporary folder with STORYBOARDER_SETTINGS_DIR.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Option:
    """One preference: its key, type and default."""

    key: str
    type: type
    default: object


WINDOW_GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option("window/state", QByteArray, QByteArray())
THUMBNAIL_WIDTH = Option("grid/thumbnail_width", int, 208)
RECENT_PROJECTS = Option("files/recent", list, [])
LAST_FOLDER = Option("files/last_folder", str, "")
AUTOSAVE_SECONDS = Option("files/autosave_seconds", int, 60)
SHOT_LIST_HEADER = Option("shotlist/header", QByteArray, QByteArray())
WORKING_WIDTH = Option("images/working_width", int, 1920)


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
        try:
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value) -> None:
        """Store an option's value."""
        self.store.setValue(option.key, value)

    def remember_project(self, path: str, keep: int = 10) -> None:
        """Put a project at the top of the recent list."""
        recent = [p for p in self.get(RECENT_PROJECTS) if p != path]
        self.set(RECENT_PROJECTS, [path, *recent][:keep])
