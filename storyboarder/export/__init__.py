"""Exporters: storyboards, shot lists, call sheets, animatics and edits as pure functions, no Qt.

Names load on first use, so importing one exporter (or ``storyboard_text``
for the editor's subtitles) does not pull reportlab and every other exporter in.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "FIELDS": "storyboard_options",
    "PAPER_SIZES": "storyboard_options",
    "ExportResult": "storyboard_options",
    "StoryboardExportError": "storyboard_options",
    "StoryboardOptions": "storyboard_options",
    "parse_fields": "storyboard_options",
    "parse_layout": "storyboard_options",
    "select_scenes": "scene_selection",
    "export_storyboard_pdf": "storyboard_pdf",
    "CallSheetExportError": "call_sheet_options",
    "CallSheetOptions": "call_sheet_options",
    "CallSheetResult": "call_sheet_options",
    "select_days": "call_sheet_options",
    "export_call_sheet_pdf": "call_sheet_pdf",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
