"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call
of a C++ function returning void; after a few thousand repaints the app
aborted with "deallocating None". pyproject.toml excludes that release.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


def test_void_calls_keep_the_reference_count_of_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    before = sys.getrefcount(None)
    painter = QPainter(image)
    for _ in range(2000):
        widget.update()
        painter.drawLine(0, 0, 10, 10)
    painter.end()
    assert abs(sys.getrefcount(None) - before) < 100
