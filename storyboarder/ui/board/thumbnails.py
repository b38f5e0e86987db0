"""Panel thumbnails, decoded off the UI thread and cached.

Workers decode with Pillow (through the same safe reader as the exports)
into QImages; QPixmaps are made on the GUI thread only, as Qt requires.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

from storyboarder.io.images import ImageProblem, open_panel_image
from storyboarder.model.pending import Deferred, PendingImages

#: Thumbnails are decoded once at this width and scaled when painted.
DECODE_WIDTH = 480

#: The cache forgets the least recently painted thumbnails past this many bytes,
#: so scrolling through thousands of panels keeps memory flat.
CACHE_BYTES = 160 * 1024 * 1024

#: Thumbnails kept ready-scaled to the size the grid paints them.
SCALED_ENTRIES = 400


def pil_to_qimage(image: Image.Image) -> QImage:
    """Copy a Pillow image into a QImage that owns its pixels."""
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    data = image.tobytes("raw", "RGBA")
    qimage = QImage(data, image.width, image.height, image.width * 4, QImage.Format.Format_RGBA8888)
    return qimage.copy()


def decode_thumbnail(folder: Path | None, relative: str, width: int = DECODE_WIDTH, data: bytes | None = None) -> QImage:
    """Decode a panel image (from its file, or from unsaved bytes) at thumbnail size.

    Raises ImageProblem when it can't be shown.
    """
    image = open_panel_image(folder, relative, load=False, data=data)
    try:
        # draft() lets JPEG decode at a fraction of full size before anything else.
        image.draft("RGB", (width, width))
        image.thumbnail((width, width * 4))
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"{relative!r} cannot be read ({exc}); a placeholder is shown") from None
    except Image.DecompressionBombError:
        raise ImageProblem(f"{relative!r} is too large to decode safely; a placeholder is shown") from None
    return pil_to_qimage(image)


class _Signals(QObject):
    done = Signal(str, QImage, str)


class _DecodeTask(QRunnable):
    def __init__(self, folder: Path | None, relative: str, signals: _Signals, data: bytes | Deferred | None = None,
                 width: int = DECODE_WIDTH):
        super().__init__()
        self.folder, self.relative, self.signals, self.data = folder, relative, signals, data
        self.width = width

    def run(self) -> None:
        try:
            data = self.data
            if data is not None and not isinstance(data, bytes):
                data = data.result()  # a drawing still being encoded: wait here, not on the UI thread
            image, problem = decode_thumbnail(self.folder, self.relative, self.width, data=data), ""
        except ImageProblem as exc:
            image, problem = QImage(), str(exc)
        except Exception as exc:  # noqa: BLE001 - a worker must never take the app down
            image, problem = QImage(), f"{self.relative!r} cannot be read ({exc})"
        try:
            self.signals.done.emit(self.relative, image, problem)
        except RuntimeError:
            pass  # the cache closed while this decode ran; nobody is waiting for the image


class ThumbnailCache(QObject):
    """Hands out panel thumbnails; asks for a repaint when one arrives."""

    ready = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None, width: int = DECODE_WIDTH):
        super().__init__(parent)
        #: The width images are decoded at (the grid's thumbnails, or a full-screen player).
        self.width = width
        self.folder: Path | None = None
        #: Images imported or drawn but not saved yet, by path (the project's pending_images).
        self.pending: PendingImages = PendingImages()
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._scaled: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._bytes = 0
        self.limit_bytes = CACHE_BYTES
        self._problems: dict[str, str] = {}
        self._pending: set[str] = set()
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals()
        self._signals.done.connect(self._arrived)

    def set_folder(self, folder: Path | None) -> None:
        """Switch to another project's folder and forget every thumbnail."""
        self.folder = folder
        self._pixmaps.clear()
        self._scaled.clear()
        self._bytes = 0
        self._problems.clear()
        self._pending.clear()

    def pixmap(self, relative: str | None) -> QPixmap | None:
        """Return the thumbnail if it is ready, else start decoding it and return None."""
        if not relative:
            return None
        found = self._pixmaps.get(relative)
        if found is not None:
            self._pixmaps.move_to_end(relative)
            return found
        if relative in self._problems:
            return None
        if relative not in self._pending:
            data = self.pending.peek(relative)
            if data is None and self.folder is None:
                return None
            self._pending.add(relative)
            self._pool.start(_DecodeTask(self.folder, relative, self._signals, data, self.width))
        return None

    def scaled(self, relative: str | None, width: int, height: int) -> QPixmap | None:
        """The thumbnail scaled to fit ``width`` × ``height``, scaled once and kept, not on every paint."""
        key = (relative, width, height)
        found = self._scaled.get(key)
        if found is not None:
            self._scaled.move_to_end(key)
            return found
        pixmap = self.pixmap(relative)
        if pixmap is None or pixmap.isNull():
            return None
        found = pixmap.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self._scaled[key] = found
        while len(self._scaled) > SCALED_ENTRIES:
            self._scaled.popitem(last=False)
        return found

    def problem(self, relative: str | None) -> str:
        """Say why an image shows a placeholder, or return an empty string."""
        return self._problems.get(relative or "", "")

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued decodes finish (for tests and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def _arrived(self, relative: str, image: QImage, problem: str) -> None:
        if relative not in self._pending:
            return  # the project changed while this was decoding
        self._pending.discard(relative)
        if problem:
            self._problems[relative] = problem
        else:
            pixmap = QPixmap.fromImage(image)
            self._pixmaps[relative] = pixmap
            self._bytes += _size(pixmap)
            while self._bytes > self.limit_bytes and len(self._pixmaps) > 1:
                _path, old = self._pixmaps.popitem(last=False)
                self._bytes -= _size(old)
        self.ready.emit(relative)

    def __len__(self) -> int:
        return len(self._pixmaps)


def _size(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth() // 8)
