"""Copy and paste panels, within a project and between windows or processes.

The clipboard carries the panels as JSON with their image bytes inside, so a
paste into another project brings the pictures along.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import msgspec
from PySide6.QtCore import QMimeData

from storyboarder.io.paths import unsafe_image_reason
from storyboarder.io.surrogates import repair_surrogates
from storyboarder.model import Panel, Project, first_line, new_id

PANELS_MIME = "application/x-storyboarder-panels+json"


def panels_to_mime(project: Project, folder: Path | None, panels: list[Panel]) -> QMimeData:
    """Put panels (with their images) on a QMimeData for the clipboard."""
    items = []
    for panel in panels:
        image_data = None
        if panel.image:
            data = project.pending_images.get(panel.image)
            if data is None and folder is not None and unsafe_image_reason(folder, panel.image) is None:
                try:
                    data = (folder / panel.image).read_bytes()
                except OSError:
                    data = None
            if data is not None:
                image_data = base64.b64encode(data).decode("ascii")
        items.append(
            {
                "panel": msgspec.to_builtins(panel),
                "image_data": image_data,
                "image_ext": Path(panel.image).suffix.lstrip(".") if panel.image else "",
            }
        )
    mime = QMimeData()
    mime.setData(PANELS_MIME, json.dumps({"panels": items}).encode("utf-8"))
    # Other programs get the action and dialogue as plain text.
    mime.setText("\n\n".join(filter(None, (first_line(p.action) + ("\n" + p.dialogue if p.dialogue else "") for p in panels))))
    return mime


def panels_from_mime(mime: QMimeData, project: Project, known_cast: set[str]) -> list[Panel]:
    """Make new panels (new ids) from clipboard data; images are staged in ``project``."""
    if not mime.hasFormat(PANELS_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(PANELS_MIME)).decode("utf-8"))
        items = payload["panels"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []
    # Another program may put "\ud800" escapes there: pasted text must stay savable.
    repair_surrogates(items, "clipboard")
    panels = []
    for item in items if isinstance(items, list) else []:
        try:
            panel = msgspec.convert(item["panel"], Panel)
        except (msgspec.ValidationError, KeyError, TypeError):
            continue
        panel.id = new_id("p")
        # Cast from another project means nothing here.
        panel.cast_ids = [c for c in panel.cast_ids if c in known_cast]
        panel.image = None
        # Layer files belong to the source project; the flattened image travels instead.
        panel.layers = {}
        panel.layer_opacity = {}
        data = item.get("image_data")
        extension = str(item.get("image_ext") or "png")
        if data and extension.isalnum():
            try:
                project.stage_image(panel, base64.b64decode(data, validate=True), extension)
            except ValueError:
                pass
        panels.append(panel)
    return panels
