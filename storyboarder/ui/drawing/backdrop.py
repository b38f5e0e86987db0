"""What lies under a stroke, kept while it is drawn, so each pointer event composes in two or three draws.

Composing the screen image for a box means paper, every visible layer,
the stroke and the onion skin: five or six draws per pointer event on a
busy panel. During a stroke only one layer changes, so everything beneath
it is the same for the whole stroke. A ``StrokeBackdrop`` keeps that part
flattened onto an opaque image (paper and the layers below the stroke's
layer, and the layer itself too when the stroke is wet and only laid over
it at the end), filled tile by tile as the stroke first reaches each tile.
Per event the box is then the backdrop, the layer or wet stroke, any layer
shown above, and the onion skin: the same draws in the same order as a
full compose, so the pixels are the same.

A wet stroke whose merge is not a plain "over" (the eraser as a straight
line, or a layer below full opacity, where the stroke is merged into a
copy of the layer per event) is left to the full compose.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPainter

from .layers import LAYER_NAMES, PAPER, LayerStack

_Mode = QPainter.CompositionMode
# Looked up once: the per-event path runs thousands of times per stroke.
_SOURCE, _OVER, _MULTIPLY = _Mode.CompositionMode_Source, _Mode.CompositionMode_SourceOver, _Mode.CompositionMode_Multiply

#: The backdrop is opaque, so Qt copies it instead of blending it.
BACKDROP_FORMAT = QImage.Format.Format_RGB32


class StrokeBackdrop:
    """The flattened layers under one stroke, filled as the stroke reaches each tile."""

    def __init__(self) -> None:
        #: Reused from stroke to stroke while the canvas keeps its size.
        self.image: QImage | None = None
        self.active = False
        #: Flattened into the backdrop, bottom to top.
        self._under: list[tuple[QImage, float]] = []
        #: Drawn over the backdrop for every box, bottom to top.
        self._over: list[tuple[QImage, float]] = []
        self._onion: QImage | None = None
        self._onion_opacity = 1.0
        #: Where a tile can simply be copied from the screen image (which already is the backdrop there).
        self._composite: QImage | None = None
        #: Kept open on ``image`` while a stroke is drawn: opening one per tile costs more than the tile.
        self._painter: QPainter | None = None

    def begin(self, stack: LayerStack, layer: str, direct: bool, composite: QImage,
              onion: QImage | None, onion_opacity: float) -> bool:
        """Prepare for a stroke on ``layer``; return False when the full compose must be used instead.

        ``composite`` must be up to date: tiles may be copied from it.
        """
        self.end()
        opacity = stack.opacity[layer]
        if not direct and (stack.wet_erase or opacity < 1.0 or stack.wet is None):
            return False
        shown = [(name, stack.images[name], stack.opacity[name]) for name in LAYER_NAMES
                 if stack.visible[name] and stack.opacity[name] > 0.0 and not stack.is_known_blank(name)]
        index = LAYER_NAMES.index(layer)
        below = [(image, alpha) for name, image, alpha in shown if LAYER_NAMES.index(name) < index]
        above = [(image, alpha) for name, image, alpha in shown if LAYER_NAMES.index(name) > index]
        if direct:
            # The stroke paints the layer itself, so the layer is drawn anew for every box.
            self._under = below
            self._over = [(stack.images[layer], opacity), *above]
        else:
            # The layer stays as it is until the pen lifts; the stroke goes over it.
            own = [(stack.images[layer], 1.0)] if not stack.is_known_blank(layer) else []
            self._under = below + own
            self._over = [(stack.wet, 1.0), *above]
        self._onion, self._onion_opacity = onion, onion_opacity
        # Where nothing lies over the backdrop, the screen image is the backdrop until the stroke arrives.
        self._composite = composite if not direct and not above and onion is None else None
        size = stack.size
        if self.image is None or self.image.size() != size:
            self.image = QImage(QSize(size), BACKDROP_FORMAT)
        self._painter = QPainter(self.image)
        if self._composite is not None:
            self._painter.setCompositionMode(_SOURCE)
        self.active = True
        return True

    def end(self) -> None:
        """Stop using the backdrop (the stroke ended, or the layers changed under it)."""
        if self._painter is not None:
            self._painter.end()
            self._painter = None
        self.active = False
        self._under, self._over, self._onion, self._composite = [], [], None, None

    def release(self) -> None:
        """Free the backdrop's memory (another canvas, or none)."""
        self.end()
        self.image = None

    def touch(self, rect: QRect) -> None:
        """Flatten the layers under the stroke into one tile, before the stroke first marks it."""
        painter = self._painter
        if painter is None:
            return
        if self._composite is not None:
            painter.drawImage(rect.topLeft(), self._composite, rect)
            return
        painter.fillRect(rect, PAPER)
        alpha = 1.0
        for image, opacity in self._under:
            if opacity != alpha:
                painter.setOpacity(opacity)
                alpha = opacity
            painter.drawImage(rect.topLeft(), image, rect)
        if alpha != 1.0:
            painter.setOpacity(1.0)

    def compose(self, painter: QPainter, left: int, top: int, right: int, bottom: int) -> None:
        """Paint the screen image for a box inside the tiles the stroke has reached."""
        # The overload with plain ints is the cheapest for PySide to pick and convert.
        width, height = right - left, bottom - top
        painter.drawImage(left, top, self.image, left, top, width, height)
        alpha = 1.0
        for image, opacity in self._over:
            if opacity != alpha:
                painter.setOpacity(opacity)
                alpha = opacity
            painter.drawImage(left, top, image, left, top, width, height)
        if self._onion is not None:
            painter.setCompositionMode(_MULTIPLY)
            painter.setOpacity(self._onion_opacity)
            painter.drawImage(left, top, self._onion, left, top, width, height)
            painter.setCompositionMode(_OVER)
            alpha = self._onion_opacity
        if alpha != 1.0:
            painter.setOpacity(1.0)
