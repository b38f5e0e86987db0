"""Sketching on panels: layers, brushes, the canvas widget and the drawing view around it.

Drawing makes many thousands of Qt calls, so importing this package first
protects the interpreter from PySide6 6.12's reference drops on Python 3.11
(see ``storyboarder.ui.pyside_guard``).
"""

from __future__ import annotations

from ..pyside_guard import pin_singletons

pin_singletons()

from .brushes import DEFAULT_BRUSHES, Brush, StrokePainter, Tool  # noqa: E402
from .drawing_panel import DrawingPanel, neighbours  # noqa: E402
from .layers import LAYER_NAMES, LayerStack, working_size  # noqa: E402
from .view import CanvasView  # noqa: E402

__all__ = [
    "DEFAULT_BRUSHES",
    "LAYER_NAMES",
    "Brush",
    "CanvasView",
    "DrawingPanel",
    "LayerStack",
    "StrokePainter",
    "Tool",
    "neighbours",
    "working_size",
]
