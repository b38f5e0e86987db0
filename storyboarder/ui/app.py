"""Start the desktop application."""

from __future__ import annotations

import atexit
import sys

from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from .context import ApplicationContext
from .icons import app_icon
from .main_window import MainWindow
from .preferences import apply_palette
from .settings import PALETTE


def release_clipboard() -> None:
    """Take our data off the clipboard before exit.

    PySide6 crashes at interpreter exit while the clipboard still owns a
    QMimeData made in Python.
    """
    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with Storyboarder's names and icon."""
    existing = QApplication.instance()
    app = existing or QApplication(argv or sys.argv[:1])
    if existing is None:
        atexit.register(release_clipboard)
    app.setApplicationName("Storyboarder")
    app.setOrganizationName("Storyboarder")
    app.setWindowIcon(app_icon())
    # The default 10 MB holds too few grid thumbnails.
    QPixmapCache.setCacheLimit(256 * 1024)
    return app


def run(project: str | None = None) -> int:
    """Open the editor, optionally on a project, and run until it closes."""
    app = make_application()
    # Built once: the window hands it on to its views, docks and dialogs.
    context = ApplicationContext()
    apply_palette(context.settings.get(PALETTE))
    window = MainWindow(context)
    window.show()
    if project:
        window.open_project(project)
    elif not window.files.offer_untitled_recovery():
        window.files.new_project()
    code = app.exec()
    release_clipboard()
    return code
