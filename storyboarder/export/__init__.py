"""Exporters: printed storyboards (and later shot lists and call sheets) as pure functions, no Qt."""

from __future__ import annotations

from .storyboard_options import (
    FIELDS,
    PAPER_SIZES,
    ExportResult,
    StoryboardExportError,
    StoryboardOptions,
    parse_fields,
    parse_layout,
)
from .scene_selection import select_scenes
from .storyboard_pdf import export_storyboard_pdf

__all__ = [
    "FIELDS",
    "PAPER_SIZES",
    "ExportResult",
    "StoryboardExportError",
    "StoryboardOptions",
    "export_storyboard_pdf",
    "parse_fields",
    "parse_layout",
    "select_scenes",
]
