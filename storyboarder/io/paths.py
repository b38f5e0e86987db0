"""Where a project's files live, and which image paths are safe to read.

A project file may come from anyone. An image path that is absolute, climbs
out with ``..`` or leads through a symlink out of the project folder is
never opened.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_FILE = "project.json"
BACKUP_FILE = "project.json.bak"
IMAGES_DIR = "images"


def project_paths(path: str | os.PathLike) -> tuple[Path, Path]:
    """Return ``(folder, project.json)`` for a path to either of them."""
    path = Path(path)
    if path.is_dir() or path.suffix == "" and not path.exists():
        return path, path / PROJECT_FILE
    return path.parent, path


def image_path_problem(relative: str) -> str | None:
    """Say why an image path is not a plain path inside a project folder, from its text alone."""
    if not relative:
        return "the image path is empty"
    if "\x00" in relative:
        return "the image path contains a NUL character"
    if relative.startswith(("/", "\\")) or os.path.isabs(relative) or (
        len(relative) > 1 and relative[1] == ":"
    ):
        return f"the image path {relative!r} is absolute; only paths inside the project folder are read"
    parts = relative.replace("\\", "/").split("/")
    if ".." in parts:
        return f"the image path {relative!r} contains '..'; only paths inside the project folder are read"
    return None


def unsafe_image_reason(folder: Path, relative: str) -> str | None:
    """Say why an image path must not be read, or return None when it is safe."""
    reason = image_path_problem(relative)
    if reason:
        return reason
    try:
        root = folder.resolve()
        target = (folder / relative).resolve()
    except (OSError, RuntimeError) as exc:
        return f"the image path {relative!r} cannot be resolved ({exc})"
    if target != root and root not in target.parents:
        return f"the image path {relative!r} leads through a symlink out of the project folder"
    return None


class ImageDirectory:
    """A snapshot of ``images/`` that answers the common checks without a syscall each."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.regular: set[str] = set()
        self.links: set[str] = set()
        try:
            with os.scandir(folder / IMAGES_DIR) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        self.links.add(entry.name)
                    elif entry.is_file(follow_symlinks=False):
                        self.regular.add(entry.name)
        except OSError:
            pass
        self.images_dir_is_link = (folder / IMAGES_DIR).is_symlink()

    def problem(self, relative: str) -> str | None:
        """Say what is wrong with an image path at load time, or None."""
        prefix, _, name = relative.partition("/")
        if (
            prefix == IMAGES_DIR
            and name
            and "/" not in name
            and "\\" not in name
            and name not in (".", "..")
            and not self.images_dir_is_link
        ):
            if name in self.regular:
                return None
            if name not in self.links:
                return f"the image file {relative!r} is missing; a placeholder is shown"
        reason = unsafe_image_reason(self.folder, relative)
        if reason:
            return reason + "; it is not read"
        if not (self.folder / relative).is_file():
            return f"the image file {relative!r} is missing; a placeholder is shown"
        return None


def panel_image_paths(panel) -> list[tuple[str, str]]:
    """Every image file a panel refers to, with the field that names it."""
    paths = [("image", panel.image)] if panel.image is not None else []
    paths.extend((f"layers.{name}", relative) for name, relative in panel.layers.items())
    return paths
