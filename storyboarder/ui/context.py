"""The application context: what the windows, docks, views and dialogs of one open project share.

It is built once (by ``ui/app.py``, or by ``MainWindow`` when none is given,
so that tests can hand in their own) and passed to whoever needs it, instead
of collaborators reaching into the main window's attributes. It holds state
and the few announcements several views need; it draws nothing.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from shiboken6 import isValid

from storyboarder.model import Project

from .board.thumbnails import ThumbnailCache
from .document import Document
from .selection import Selection
from .settings import Settings


class ApplicationContext(QObject):
    """The open project (its document, folder and undo stack), the settings, the selection and the thumbnail cache."""

    #: A short note for the status bar: its text and how long it shows, in milliseconds.
    message = Signal(str, int)
    #: The project now lives in another folder (its first save, or Save As).
    folderChanged = Signal()
    #: Views that hold an unfinished edit (a drawing not yet on the undo stack) put it in the document now.
    flushRequested = Signal()

    def __init__(self, settings: Settings | None = None, document: Document | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.document = document or Document()
        if self.document.parent() is None:
            self.document.setParent(self)  # the document lives as long as its context
        self.selection = Selection(self)
        self._draft_sources: list = []
        self.thumbnails = ThumbnailCache(self)
        self.thumbnails.set_folder(self.document.folder)
        self.thumbnails.pending = self.document.project.pending_images
        # After undo, redo or an insert, the document asks for the panels it touched to be selected.
        self.document.selectRequested.connect(self.selection.select_rows)

    @property
    def project(self) -> Project:
        """The open project."""
        return self.document.project

    @property
    def folder(self) -> Path | None:
        """The project's folder, or None before its first save."""
        return self.document.folder

    @property
    def undo_stack(self) -> QUndoStack:
        """The one undo stack every change goes through."""
        return self.document.undo_stack

    def replace_project(self, project: Project, folder: Path | None) -> None:
        """Show another project (opened, new, imported or recovered); its history starts empty."""
        # Thumbnails first: views repaint from the new project as soon as the document announces it.
        self.thumbnails.set_folder(folder)
        self.thumbnails.pending = project.pending_images
        self.document.replace(project, folder)

    def move_to(self, folder: Path) -> None:
        """Record that the project now lives in another folder (after saving it there)."""
        self.document.folder = folder
        self.thumbnails.set_folder(folder)
        self.folderChanged.emit()

    def show_message(self, text: str, timeout_ms: int = 5000) -> None:
        """Tell the user something in passing (the window shows it in its status bar)."""
        self.message.emit(text, timeout_ms)

    def flush_edits(self) -> None:
        """Ask every view to put its unfinished edit in the document, before saving or exporting."""
        self.flushRequested.emit()

    def add_draft_source(self, source: Callable[[], dict[str, dict] | None]) -> None:
        """Let a view with unfinished edits hand them to the recovery copy.

        ``source()`` returns the panel fields its edit would set, by panel id,
        without making the edit, or None when it cannot say yet. It is held
        weakly when it is a bound method, so a view that goes is forgotten.
        """
        self._draft_sources.append(weakref.WeakMethod(source) if inspect.ismethod(source) else (lambda: source))

    def drafts(self) -> dict[str, dict] | None:
        """Every view's unfinished edits, as ``add_draft_source`` describes; None when one cannot say yet."""
        found: dict[str, dict] = {}
        for ref in list(self._draft_sources):
            source = ref()
            owner = getattr(source, "__self__", None)
            if source is None or (isinstance(owner, QObject) and not isValid(owner)):
                self._draft_sources.remove(ref)  # its view is gone
                continue
            draft = source()
            if draft is None:
                return None
            found.update(draft)
        return found
