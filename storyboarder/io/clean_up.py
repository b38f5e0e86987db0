"""Image files in a project folder that nothing refers to, and moving them to the trash.

Every drawing commit writes new image files and never overwrites an old
one (undo may bring it back), so ``images/`` fills with files no panel
names any more. An image is kept when anything that may still show it names
it: ``project.json``, its backup ``project.json.bak``, the crash-recovery
copy, and (in the editor) the open project and its undo history, which the
caller passes in as ``held``. Everything else under ``images/`` that looks
like an image goes to the system trash, so a mistake can still be undone
from there; where a folder has no trash, into ``removed-images/`` beside it.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from storyboarder.model import Project

from .errors import Problem, ProjectError
from .load import parse_document, read_project_bytes
from .paths import (
    BACKUP_FILE,
    IMAGES_DIR,
    PROJECT_FILE,
    RECOVERY_FILE,
    panel_image_paths,
)
from .save import _TEMP_PREFIX

#: The files beside project.json whose image paths keep an image: the project, its backup, the recovery copy.
REFERRING_FILES = (PROJECT_FILE, BACKUP_FILE, RECOVERY_FILE)
#: What an unused file under images/ must look like to be cleaned up; other files there are not ours to judge.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".bmp", ".gif"})
#: Where unused images go when the system trash cannot take them.
REMOVED_DIR = "removed-images"


def _key(relative: str) -> str:
    """An image path as compared here: forward slashes, no ``./``, case folded (a Mac or Windows disk ignores case)."""
    relative = relative.replace("\\", "/")
    while relative.startswith("./"):
        relative = relative[2:]
    return relative.casefold()


def project_image_paths(project: Project) -> set[str]:
    """Every image file a project names: its panels' images and layers, and the images it has not saved yet."""
    paths = {relative for _scene, panel in project.iter_panels() for _field, relative in panel_image_paths(panel)}
    paths.update(project.pending_images)
    return paths


def images_named_in(value, _seen: set[int] | None = None) -> set[str]:
    """Every path under ``images/`` named anywhere in a value: entities, dicts, lists and plain strings.

    For what holds no project file of its own: the editor's undo history
    keeps deleted panels and earlier drawings as model objects and dicts.
    Other objects (widgets, pixel buffers) name no files and are not entered.
    """
    seen = set() if _seen is None else _seen
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _key(item).startswith(IMAGES_DIR + "/"):
                found.add(item)
            continue
        if id(item) in seen:
            continue
        if isinstance(item, dict):
            seen.add(id(item))
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            seen.add(id(item))
            stack.extend(item)
        elif isinstance(item, msgspec.Struct):
            seen.add(id(item))
            stack.extend(getattr(item, name, None) for name in item.__struct_fields__)
            if isinstance(item, Project):
                stack.extend(item.pending_images)
    return found


def saved_references(folder: str | os.PathLike) -> set[str]:
    """The image paths named by the project file, its backup and its recovery copy, whichever exist.

    One that is there but cannot be read raises ProjectError: what it names
    is not known, so nothing may be cleaned up.
    """
    folder = Path(folder)
    found: set[str] = set()
    for name in REFERRING_FILES:
        path = folder / name
        if not os.path.lexists(path):
            continue
        found |= images_named_in(parse_document(read_project_bytes(path), str(path)))
    return found


@dataclass(frozen=True)
class UnusedImage:
    """One image file nothing refers to."""

    relative: str
    size: int


@dataclass
class CleanUpPlan:
    """The unused images of a project folder and their total size."""

    folder: Path
    images: list[UnusedImage] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        """Bytes the unused images take."""
        return sum(image.size for image in self.images)


def plan_clean_up(folder: str | os.PathLike, held: Iterable[str] = ()) -> CleanUpPlan:
    """Find the image files under ``images/`` that no project file, backup, recovery copy nor ``held`` names.

    Raises ProjectError when a file that may name images cannot be read.
    Links, folders and the temporary files of a save in progress are never listed.
    """
    folder = Path(folder)
    if not (folder / PROJECT_FILE).is_file():
        raise ProjectError.single(str(folder / PROJECT_FILE), "", "no project here; nothing was cleaned up")
    kept = {_key(relative) for relative in saved_references(folder)} | {_key(relative) for relative in held}
    plan = CleanUpPlan(folder)
    images = folder / IMAGES_DIR
    if images.is_symlink():
        return plan  # it leads out of the project: nothing there is ours to move
    try:
        entries = sorted(os.scandir(images), key=lambda entry: entry.name)
    except OSError:
        return plan
    for entry in entries:
        name = entry.name
        if name.startswith((".", _TEMP_PREFIX)) or Path(name).suffix.lower() not in IMAGE_SUFFIXES:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        relative = f"{IMAGES_DIR}/{name}"
        if stat.S_ISREG(info.st_mode) and _key(relative) not in kept:
            plan.images.append(UnusedImage(relative, info.st_size))
    return plan


@dataclass
class CleanUpResult:
    """What a clean-up did: files sent to the trash, files moved into ``removed-images/``, and failures."""

    trashed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _to_trash(path: Path) -> None:
    from send2trash import send2trash  # loaded only for a clean-up

    send2trash(str(path))


def move_unused_images(plan: CleanUpPlan, *, trash=_to_trash) -> CleanUpResult:
    """Send the plan's images to the system trash (or, failing that, into ``removed-images/``)."""
    result = CleanUpResult()
    for image in plan.images:
        path = plan.folder / image.relative
        try:
            trash(path)
            result.trashed.append(image.relative)
            continue
        except (OSError, ImportError):  # no trash here (a network drive, a bare server): the folder instead
            pass
        try:
            target = _free_name(plan.folder / REMOVED_DIR, path.name)
            target.parent.mkdir(exist_ok=True)
            shutil.move(str(path), str(target))
            result.moved.append(image.relative)
        except OSError as exc:
            result.problems.append(Problem(str(path), "", f"cannot move it: {exc.strerror or exc}"))
    return result


def _free_name(folder: Path, name: str) -> Path:
    """A path in ``folder`` for ``name`` that does not replace a file already there."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while os.path.lexists(target):
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def format_size(size: int) -> str:
    """A byte count as people read it: 980 bytes, 4.2 MB."""
    if size < 1000:
        return f"{size} byte{'s' if size != 1 else ''}"
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if size < 1000 or unit == "GB":
            return f"{size:.1f} {unit}"
    return f"{size:.1f} GB"  # pragma: no cover
