"""Exporters: printed storyboards and call sheets (and later shot lists) as pure functions, no Qt."""

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
from .call_sheet_options import CallSheetExportError, CallSheetOptions, CallSheetResult, select_days
from .call_sheet_pdf import export_call_sheet_pdf

__all__ = [
    "CallSheetExportError",
    "CallSheetOptions",
    "CallSheetResult",
    "FIELDS",
    "PAPER_SIZES",
    "ExportResult",
    "StoryboardExportError",
    "StoryboardOptions",
    "export_call_sheet_pdf",
    "export_storyboard_pdf",
    "parse_fields",
    "parse_layout",
    "select_days",
    "select_scenes",
]
