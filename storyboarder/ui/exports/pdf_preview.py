"""The storyboard dialog's preview: the real exporter writes the first page, PDFium draws it.

What the preview shows is what prints, because it is the PDF: the
exporter writes the board up to its first page of panels (after the
title page, when there is one) to a temporary file, with the header and
"page X of Y" footer of the whole board, and pypdfium2 (PySide6-Essentials
has no QtPdf) renders that page to an image. Both run in a worker thread; option changes are debounced, a
render that is overtaken is cancelled, and only the newest result is shown.
"""

from __future__ import annotations

import dataclasses
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QImage

from storyboarder.export import StoryboardExportError, StoryboardOptions, export_storyboard_pdf

# PDFium is not thread-safe: one render at a time in the whole process.
_PDFIUM = threading.Lock()


def render_pdf_page(path: Path, width_px: int, page: int = 0) -> QImage:
    """Render one page of a PDF to a QImage ``width_px`` wide."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(str(path))
        try:
            pdf_page = document[page]
            scale = width_px / pdf_page.get_width()
            picture = pdf_page.render(scale=scale).to_pil().convert("RGB")
            pdf_page.close()
        finally:
            document.close()
    data = picture.tobytes()
    return QImage(data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888).copy()


@dataclass
class Preview:
    """A rendered first page, or why there is none."""

    image: QImage | None = None
    error: str = ""
    warnings: list[str] = dataclasses.field(default_factory=list)


def make_preview(project, folder: Path, options: StoryboardOptions, width_px: int, cancelled) -> Preview | None:
    """Export the first page to a temporary PDF and render it; None when cancelled."""
    try:
        with tempfile.TemporaryDirectory(prefix="storyboarder-preview-") as temp:
            out = Path(temp) / "preview.pdf"
            result = export_storyboard_pdf(project, folder, out, options, cancelled=cancelled, board_pages=1)
            if result.cancelled:
                return None
            page = 1 if options.title_page else 0
            return Preview(render_pdf_page(out, width_px, page), warnings=result.warnings)
    except StoryboardExportError as exc:
        return Preview(error="\n".join(exc.problems))
    except (OSError, pypdfium2.PdfiumError) as exc:
        return Preview(error=f"The preview cannot be drawn: {exc}")


class _PreviewThread(QThread):
    rendered = Signal(object)

    def __init__(self, project, folder: Path, options: StoryboardOptions, width_px: int):
        super().__init__()
        self.args = (project, folder, options, width_px)
        self.cancel_flag = threading.Event()

    def run(self) -> None:
        try:
            preview = make_preview(*self.args, cancelled=self.cancel_flag.is_set)
        except Exception as exc:  # noqa: BLE001 - shown in the preview; the renderer must hear back
            preview = Preview(error=f"The preview cannot be drawn: {exc}")
        self.rendered.emit(preview)


class PreviewRenderer(QObject):
    """Renders previews one at a time, debounced; ``ready(Preview)`` brings the newest."""

    ready = Signal(object)
    started = Signal()

    def __init__(self, project, folder: Path, delay_ms: int = 250, parent: QObject | None = None):
        super().__init__(parent)
        self.project, self.folder = project, folder
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._start)
        self._wanted: tuple[StoryboardOptions, int] | None = None
        self._thread: _PreviewThread | None = None
        self._stopped = False

    def request(self, options: StoryboardOptions, width_px: int) -> None:
        """Ask for a preview of these options; quick successive requests make one render."""
        self._wanted = (options, width_px)
        if self._thread is not None:
            self._thread.cancel_flag.set()
        self.timer.start()

    def busy(self) -> bool:
        """Say whether a render is waiting or running."""
        return self.timer.isActive() or self._thread is not None

    def _start(self) -> None:
        if self._stopped or self._wanted is None:
            return
        if self._thread is not None:
            return  # the running one was cancelled; _finished starts the newest request
        options, width = self._wanted
        self._wanted = None
        thread = _PreviewThread(self.project, self.folder, options, width)
        thread.rendered.connect(self._finished)
        self._thread = thread
        self.started.emit()
        thread.start()

    def _finished(self, preview: Preview | None) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        if self._stopped:
            return
        if self._wanted is not None:
            self._start()
        elif preview is not None:
            self.ready.emit(preview)

    def stop(self, wait_ms: int = 15000) -> None:
        """Cancel any render and wait for its thread, before the dialog goes away."""
        self._stopped = True
        self.timer.stop()
        thread = self._thread
        if thread is not None:
            thread.cancel_flag.set()
            thread.wait(wait_ms)
