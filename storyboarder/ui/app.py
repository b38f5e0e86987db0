"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from .icons import app_icon
from .main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with Storyboarder's names and icon."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Storyboarder")
    app.setOrganizationName("Storyboarder")
    app.setWindowIcon(app_icon())
    # The default 10 MB holds too few grid thumbnails.
    QPixmapCache.setCacheLimit(256 * 1024)
    return app


def run(project: str | None = None) -> int:
    """Open the editor, optionally on a project, and run until it closes."""
    app = make_application()
    window = MainWindow()
    window.show()
    if project:
        window.open_project(project)
    return app.exec()
