"""Slow work off the UI thread, with progress and Cancel.

A job runs a plain function in a QThread. The function gets two callables,
``progress(done, total)`` and ``cancelled()``, so the same function runs
unchanged from the CLI. The window shows a progress dialog whose Cancel
button sets the flag the function polls.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QThread):
    progressed = Signal(int, int)
    done = Signal(object, object)

    def __init__(self, work: Callable[..., Any], cancel_flag: threading.Event):
        super().__init__()
        self.work, self.cancel_flag = work, cancel_flag

    def run(self) -> None:
        try:
            result = self.work(progress=lambda d, t: self.progressed.emit(d, t), cancelled=self.cancel_flag.is_set)
            self.done.emit(result, None)
        except Exception as exc:  # noqa: BLE001 - reported to the user by the window
            self.done.emit(None, exc)


class Job(QObject):
    """One background task with a progress dialog; ``finished(result, error)`` arrives on the UI thread."""

    finished = Signal(object, object)

    def __init__(self, title: str, work: Callable[..., Any], parent: QWidget | None = None, show_after_ms: int = 400):
        super().__init__(parent)
        self.cancel_flag = threading.Event()
        self.worker = _Worker(work, self.cancel_flag)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(self._done)

    def start(self) -> None:
        """Start the work."""
        self.worker.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self.cancel_flag.set()

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _done(self, result, error) -> None:
        self.worker.wait()
        self.dialog.close()
        self.finished.emit(result, error)
        self.deleteLater()
