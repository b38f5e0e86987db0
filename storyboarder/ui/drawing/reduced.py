"""The canvas's screen image at a power-of-two reduction, for showing it zoomed out.

Bilinear sampling below one half skips pixels, so thin lines break up.
This copy is box-filtered from the composite (``QImage.scaled`` with smooth
transformation averages areas when it shrinks) and kept up to date box by
box like the composite; the view then scales it by no less than one half.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from .layers import IMAGE_FORMAT

Box = tuple[int, int, int, int]

#: The most the copy is reduced: 1/32.
MAX_LEVEL = 5


def level_for(zoom: float) -> int:
    """How many halvings suit a zoom factor (0: show the composite itself)."""
    if zoom >= 0.5:
        return 0
    return min(MAX_LEVEL, int(math.floor(math.log2(1.0 / zoom))))


class ReducedCopy:
    """A composite halved ``level`` times, updated where it changed."""

    def __init__(self) -> None:
        self.image: QImage | None = None
        self.level = 0
        self._pending: list[Box] = []

    @property
    def factor(self) -> int:
        """Canvas pixels per pixel of the copy."""
        return 1 << self.level

    def reset(self) -> None:
        """Forget the copy (another canvas)."""
        self.image = None
        self._pending = []

    def note(self, box: Box) -> None:
        """The composite changed in a box."""
        if self.image is not None:
            self._pending.append(box)

    def update(self, composite: QImage, zoom: float) -> QImage | None:
        """Bring the copy up to date for ``zoom``; return it, or None when the composite itself should be shown."""
        level = level_for(zoom)
        if level == 0:
            self.reset()
            return None
        if self.image is None or self.level != level:
            f = 1 << level
            self.image = QImage(QSize(-(-composite.width() // f), -(-composite.height() // f)), IMAGE_FORMAT)
            self.level = level
            self._pending = [(0, 0, composite.width(), composite.height())]
        pending, self._pending = self._pending, []
        if pending:
            self._reduce(composite, (min(b[0] for b in pending), min(b[1] for b in pending),
                                     max(b[2] for b in pending), max(b[3] for b in pending)))
        return self.image

    def _reduce(self, composite: QImage, box: Box) -> None:
        f = self.factor
        x0, y0 = max(0, box[0]) // f * f, max(0, box[1]) // f * f
        x1, y1 = min(composite.width(), -(-box[2] // f) * f), min(composite.height(), -(-box[3] // f) * f)
        if x1 <= x0 or y1 <= y0:
            return
        piece = composite.copy(QRect(x0, y0, x1 - x0, y1 - y0)).scaled(
            -(-(x1 - x0) // f), -(-(y1 - y0) // f),
            Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation,
        )
        painter = QPainter(self.image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawImage(x0 // f, y0 // f, piece)
        painter.end()
