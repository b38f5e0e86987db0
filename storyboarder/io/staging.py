"""Where a panel's new image files go in a project folder, and keeping their bytes until a save.

A drawing, an import or a paste makes image bytes long before the next
save; they wait in ``Project.pending_images`` under the path they will have
in the project folder. Names come from the panel id (and layer) plus a
token unique to the content, never from a position, so a file that undo
may bring back is never overwritten.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import TYPE_CHECKING

from .paths import IMAGES_DIR

if TYPE_CHECKING:
    from storyboarder.model import Panel, Project
    from storyboarder.model.pending import Deferred

# Ids come from files other tools may write; only these characters reach a file name.
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def image_path(panel: Panel, token: str, extension: str = "png", layer: str | None = None) -> str:
    """The project-relative path of a panel's new image file, named by panel id, layer and ``token``."""
    stem = _FILE_UNSAFE.sub("_", panel.id)[:64] or "panel"
    if layer:
        stem += "-" + (_FILE_UNSAFE.sub("_", layer)[:24] or "layer")
    return f"{IMAGES_DIR}/{stem}-{token}.{extension.lstrip('.').lower()}"


def add_image(project: Project, panel: Panel, data: bytes, extension: str = "png", layer: str | None = None) -> str:
    """Keep new encoded image bytes for the next save and return the path they will have."""
    path = image_path(panel, hashlib.sha1(data).hexdigest()[:10], extension, layer)
    project.pending_images[path] = data
    return path


def add_image_later(
    project: Project, panel: Panel, deferred: Deferred, extension: str = "png", layer: str | None = None
) -> str:
    """Keep the promise of image bytes still being encoded; return the path they will have.

    The content is not known yet, so the name carries a random token
    instead of a content hash: 64 bits, never reused in practice, so this
    file too never overwrites one that undo may restore.
    """
    path = image_path(panel, secrets.token_hex(8), extension, layer)
    project.pending_images.put_later(path, deferred)
    return path


def stage_image(project: Project, panel: Panel, data: bytes, extension: str = "png") -> str:
    """Attach new image bytes to a panel that is not in an undo history yet (an import, a paste)."""
    panel.image = add_image(project, panel, data, extension)
    return panel.image
