"""The only module that names icon files; icons are SVGs shipped in resources/icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from storyboarder.resources_path import resource


@cache
def icon(name: str) -> QIcon:
    """Return the icon ``resources/icons/<name>.svg``, or the theme icon of that name."""
    path = resource("icons", f"{name}.svg")
    if path.is_file():
        return QIcon(str(path))
    return QIcon.fromTheme(name)


def app_icon() -> QIcon:
    """Return Storyboarder's application icon."""
    return icon("app")
