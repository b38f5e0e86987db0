"""What the canvas shows besides the drawing: the onion skin and the guides.

The onion skin is multiplied over every layer, as on a light table, so it
shows through an opaque reference picture too and never hides a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from .layers import IMAGE_FORMAT, PAPER

#: Onion skin tints: the previous panel reddish, the next greenish, as on an animator's light table.
PREVIOUS_TINT = QColor(214, 64, 48)
NEXT_TINT = QColor(40, 150, 90)
ONION_OPACITY = 0.25

_Mode = QPainter.CompositionMode


def tinted(image: QImage, size: QSize, tint: QColor) -> QImage:
    """A panel composite fitted to ``size``, its dark lines turned ``tint`` and its paper kept white."""
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    result = QImage(size, IMAGE_FORMAT)
    result.fill(PAPER)
    painter = QPainter(result)
    painter.drawImage(QPoint((size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2), scaled)
    # Screen with the tint maps black to the tint and leaves white white.
    painter.setCompositionMode(_Mode.CompositionMode_Screen)
    painter.fillRect(result.rect(), tint)
    painter.end()
    return result


def onion_skin(size: QSize, previous: QImage | None = None, following: QImage | None = None) -> QImage | None:
    """The neighbouring panels tinted on white, to multiply faintly over the drawing (None: no neighbours)."""
    onions = [(img, tint) for img, tint in ((previous, PREVIOUS_TINT), (following, NEXT_TINT)) if img is not None and not img.isNull()]
    if not onions:
        return None
    skin = QImage(size, IMAGE_FORMAT)
    skin.fill(PAPER)
    painter = QPainter(skin)
    painter.setCompositionMode(_Mode.CompositionMode_Multiply)
    for image, tint in onions:
        painter.drawImage(QPoint(0, 0), tinted(image, size, tint))
    painter.end()
    return skin


@dataclass
class Guides:
    """Which guides are drawn over the canvas."""

    frame: bool = True
    thirds: bool = False
    centre: bool = False
    action_safe: bool = False
    title_safe: bool = False

    NAMES = ("frame", "thirds", "centre", "action_safe", "title_safe")


GUIDE_COLOR = QColor(0, 150, 220)
SAFE_COLOR = QColor(230, 140, 0)


def paint_guides(painter: QPainter, frame: QRectF, guides: Guides) -> None:
    """Draw the enabled guides for a frame given in widget coordinates (thin lines at any zoom)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if guides.frame:
        painter.setPen(QPen(QColor(60, 60, 60), 1))
        painter.drawRect(frame.adjusted(-1, -1, 0, 0))
    pen = QPen(GUIDE_COLOR, 1)
    pen.setCosmetic(True)
    if guides.thirds:
        painter.setPen(pen)
        for i in (1, 2):
            x = frame.left() + frame.width() * i / 3
            y = frame.top() + frame.height() * i / 3
            painter.drawLine(QLineF(x, frame.top(), x, frame.bottom()))
            painter.drawLine(QLineF(frame.left(), y, frame.right(), y))
    if guides.centre:
        painter.setPen(pen)
        c = frame.center()
        arm = max(8.0, min(frame.width(), frame.height()) * 0.04)
        painter.drawLine(QLineF(c.x() - arm, c.y(), c.x() + arm, c.y()))
        painter.drawLine(QLineF(c.x(), c.y() - arm, c.x(), c.y() + arm))
    for enabled, fraction, style in ((guides.action_safe, 0.9, Qt.PenStyle.DashLine), (guides.title_safe, 0.8, Qt.PenStyle.DotLine)):
        if enabled:
            safe = QPen(SAFE_COLOR, 1, style)
            safe.setCosmetic(True)
            painter.setPen(safe)
            inset = QPointF(frame.width() * (1 - fraction) / 2, frame.height() * (1 - fraction) / 2)
            painter.drawRect(QRectF(frame.topLeft() + inset, frame.bottomRight() - inset))
    painter.restore()
