"""Which folders a project may be written into: the one rule for Save As, ``new`` and ``import``.

A project is a folder of its own. Saving one into a folder that already
holds someone's other files (a Documents folder, a download folder) would
mix them with ``project.json`` and ``images/``, and a later clean-up could
not tell them apart; so a project goes only into a new folder, an empty
one, its own, or (when the user says so) over another project.
"""

from __future__ import annotations

import os
import stat
from enum import Enum
from pathlib import Path

from .paths import IMAGES_DIR, PROJECT_FILE

#: Files desktops leave in any folder they show; a folder holding only these is still empty.
DESKTOP_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory", ".localized"})

# Characters Windows refuses in a file name (and "/" everywhere): a name with one
# would make a folder on one system that another cannot open.
_FORBIDDEN_IN_NAMES = set('<>:"/\\|?*')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class FolderUse(Enum):
    """What a folder is to a project about to be saved into it."""

    NEW = "new"  # not there yet: it is made
    EMPTY = "empty"  # there, holding nothing (or only desktop litter)
    OWN = "own"  # the project's own folder: a plain save
    PROJECT = "project"  # holds another project: replaced only when the user says so
    OCCUPIED = "occupied"  # holds other files and no project: never written into
    NOT_A_FOLDER = "not a folder"  # a file, or something else that is not a folder


def same_folder(a: Path, b: Path) -> bool:
    """Tell whether two paths name one folder (through links too)."""
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b  # unresolvable (a loop, a vanished parent): only the same spelling is surely the same


def folder_use(folder: str | os.PathLike, source: str | os.PathLike | None = None) -> FolderUse:
    """Tell what ``folder`` is to a project from ``source`` (its current folder, None when unsaved)."""
    folder = Path(folder)
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return FolderUse.NEW
    except OSError:
        return FolderUse.NOT_A_FOLDER
    if not stat.S_ISDIR(mode):
        return FolderUse.NOT_A_FOLDER
    if source is not None and same_folder(folder, Path(source)):
        return FolderUse.OWN
    if (folder / PROJECT_FILE).is_file():
        return FolderUse.PROJECT
    try:
        with os.scandir(folder) as entries:
            if any(entry.name not in DESKTOP_LITTER and not _empty_images_folder(entry) for entry in entries):
                return FolderUse.OCCUPIED
    except OSError:
        return FolderUse.NOT_A_FOLDER
    return FolderUse.EMPTY


def _empty_images_folder(entry: os.DirEntry) -> bool:
    """An ``images/`` folder with nothing in it (left by a project being made) holds nobody's files.

    One with files in it does: they would be mixed with the project's, and a
    clean-up would take them for unused drawings.
    """
    if entry.name != IMAGES_DIR or not entry.is_dir(follow_symlinks=False):
        return False
    try:
        with os.scandir(entry.path) as inside:
            return not any(item.name not in DESKTOP_LITTER for item in inside)
    except OSError:
        return False


def folder_problem(folder: str | os.PathLike, source: str | os.PathLike | None = None, *, replace: bool = False) -> str | None:
    """Say why a project must not be written into ``folder``, or return None when it may.

    Another project's folder is refused unless ``replace``; a folder of other
    files is always refused.
    """
    use = folder_use(folder, source)
    if use is FolderUse.NOT_A_FOLDER:
        return "this is not a folder (or it cannot be read); nothing was changed"
    if use is FolderUse.OCCUPIED:
        return (
            "this folder already holds other files and is not a Storyboarder project; "
            "a project needs a folder of its own: give a new folder's name; nothing was changed"
        )
    if use is FolderUse.PROJECT and not replace:
        return "a project already exists here; nothing was changed"
    return None


def project_name_problem(name: str) -> str | None:
    """Say why ``name`` cannot be a project folder's name on every desktop system, or return None."""
    if not name.strip():
        return "type a name for the project"
    if name != name.strip() or name.endswith("."):
        return "a folder name cannot start or end with a space, or end with a dot"
    bad = sorted({ch for ch in name if ch in _FORBIDDEN_IN_NAMES or ord(ch) < 32})
    if bad:
        shown = " ".join(repr(ch)[1:-1] for ch in bad)
        return f"a folder name cannot contain {shown}"
    if name in (".", "..") or name.split(".")[0].upper() in _WINDOWS_DEVICES:
        return f"{name!r} is reserved by the system; choose another name"
    if len(name.encode("utf-8")) > 200:
        return "the name is too long for a folder"
    return None
