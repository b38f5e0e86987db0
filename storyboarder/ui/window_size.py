"""How big the main window opens: the size it was designed at, within the screen it opens on.

A fixed size is wrong on a small or scaled screen (1400×860 at a scale
factor of 2 on a 1920×1080 display is 2800×1720 device pixels, and the
inspector lands off-screen), so the first window takes at most 90% of the
screen's available area, and a size saved on another screen is used only
where it still fits.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen

#: The size the layout was designed at, in device-independent pixels.
DESIGN_SIZE = QSize(1400, 860)
#: The most of a screen's available area a first window takes.
SCREEN_SHARE = 0.9


def first_geometry(screen: QScreen | None) -> QRect:
    """Where a first window opens: the design size, shrunk to fit the screen's available area, centred in it."""
    if screen is None:
        return QRect(0, 0, DESIGN_SIZE.width(), DESIGN_SIZE.height())
    available = screen.availableGeometry()
    size = DESIGN_SIZE.boundedTo(QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE)))
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect


def fits(frame: QRect) -> bool:
    """Whether a window's frame lies within the available area of one of the screens."""
    return any(screen.availableGeometry().contains(frame) for screen in QGuiApplication.screens())


def frame_text(frame: QRect) -> str:
    """A window frame as stored in the settings: ``x,y,width,height``."""
    return f"{frame.x()},{frame.y()},{frame.width()},{frame.height()}"


def frame_from_text(text: str) -> QRect | None:
    """The frame ``frame_text`` stored, or None for anything else."""
    try:
        x, y, width, height = (int(part) for part in text.split(","))
    except ValueError:
        return None
    return QRect(x, y, width, height) if width > 0 and height > 0 else None
