"""Copy and paste panels, within a project and between windows or processes.

``storyboarder.io.clipboard`` makes and checks the bytes; this module only
puts them on a QMimeData, with the action and dialogue as plain text for
other programs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from storyboarder.io.clipboard import PANELS_MIME, decode_panels, encode_panels
from storyboarder.model import Panel, Project, first_line


def panels_to_mime(project: Project, folder: Path | None, panels: list[Panel]) -> QMimeData:
    """Put panels (with their images) on a QMimeData for the clipboard."""
    mime = QMimeData()
    mime.setData(PANELS_MIME, encode_panels(project, folder, panels))
    mime.setText("\n\n".join(filter(None, (first_line(p.action) + ("\n" + p.dialogue if p.dialogue else "") for p in panels))))
    return mime


def panels_from_mime(mime: QMimeData, project: Project) -> list[Panel]:
    """New panels from the clipboard (none when it holds no panels), images staged; raises ProjectError."""
    if not mime.hasFormat(PANELS_MIME):
        return []
    return decode_panels(bytes(mime.data(PANELS_MIME)), project)
