"""Encode drawing images as PNG in a worker thread, so that committing a drawing does not stall the editor.

Four 1920-wide layers and their composite take about 400 ms to encode
(measured on the development machine), far too long for the UI thread on
every panel change. Each encode runs here instead, in one worker (one
core stays free for the editor), and the project keeps the promise of the
bytes (``io.staging.add_image_later``); a save reads, and so waits for, every
one. ``zlib`` releases the GIL while it compresses, which is most of the work.

The worker gets its own ``QImage`` sharing the layer's pixels: the drawing
goes on painting on the layer, which then copies its pixels first (Qt's
implicit sharing), so the worker always encodes the pixels as committed.
"""

from __future__ import annotations

import atexit
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtGui import QImage

from .png import encode_png

_pool: ThreadPoolExecutor | None = None


def encode_later(image: QImage) -> Future[bytes]:
    """Start encoding an image as PNG in the worker; the future gives the bytes."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyboarder-png")
    return _pool.submit(encode_png, QImage(image))


def wait_for_encodes() -> None:
    """Block until every encode started so far has finished (for shutdown and tests)."""
    if _pool is not None:
        _pool.submit(lambda: None).result()


@atexit.register
def _finish() -> None:
    # Encodes hold QImages: finish them while Qt is still there.
    if _pool is not None:
        _pool.shutdown(wait=True)
