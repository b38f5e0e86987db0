"""Sketching on panels: layers, brushes, the canvas widget and the drawing view around it.

Drawing makes many thousands of Qt calls; pyproject.toml excludes PySide6
6.12.0, whose reference drops on Python 3.11 aborted long strokes, and
tests/test_qt_binding.py guards against its return.
"""

from __future__ import annotations

from .brushes import DEFAULT_BRUSHES, Brush, StrokePainter, Tool
from .drawing_panel import DrawingPanel, neighbours
from .layers import LAYER_NAMES, LayerStack, working_size
from .view import CanvasView

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
