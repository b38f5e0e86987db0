"""Save a project crash-safely and incrementally.

Order matters: new images are written and synced first, then the JSON goes
to a temporary file in the same folder, is synced, and atomically replaces
``project.json``. A kill at any moment leaves either the old project or the
new one, never half of either. Image files are never deleted or overwritten
here, so anything undo may bring back is still on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import msgspec

from storyboarder.model import Project

from . import limits
from .codec import encode
from .errors import ProjectError
from .folders import folder_problem
from .migrate import FORMAT_VERSION
from .paths import BACKUP_FILE, IMAGES_DIR, PROJECT_FILE, project_paths, read_regular, unsafe_image_reason
from .surrogates import surrogate_places

_TEMP_PREFIX = ".storyboarder-save-"


def _default_mode() -> int:
    # mkstemp makes 0600 files; a shared project folder needs the user's usual mode.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _default_mode()


def dumps(project: Project) -> str:
    """Return the exact text a save writes: stable key order, no timestamps."""
    return dumps_bytes(project).decode("utf-8")


def dumps_bytes(project: Project) -> bytes:
    """Return the UTF-8 bytes a save writes; ValueError names what cannot be written, or a file too large to open."""
    doc = encode(project, FORMAT_VERSION)
    try:
        compact = msgspec.json.encode(doc)
    except UnicodeEncodeError:
        raise ValueError("; ".join(surrogate_places(doc)) or "the project holds text UTF-8 cannot store") from None
    # Same text as json.dumps(indent=2, ensure_ascii=False), several times faster.
    data = msgspec.json.format(compact, indent=2) + b"\n"
    if len(data) > limits.MAX_FILE_BYTES:
        # The loader would refuse the file: better to keep the last one that opens.
        raise ValueError(
            f"the project file would be {len(data):,} bytes, and a project file may be at most "
            f"{limits.MAX_FILE_BYTES:,}; nothing was written (split the project, or shorten its longest texts)"
        )
    return data


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable, so that a crash cannot undo them (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that readers see the old or the new file, whole."""
    fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
    try:
        try:
            mode = os.stat(target).st_mode & 0o777
        except OSError:
            mode = _NEW_FILE_MODE
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _keep_backup(project_file: Path) -> None:
    """Make ``project.json.bak`` the current ``project.json``, atomically."""
    if not project_file.exists():
        return
    backup = project_file.with_name(BACKUP_FILE)
    temp = project_file.with_name(f"{_TEMP_PREFIX}bak-{os.getpid()}")
    try:
        temp.unlink(missing_ok=True)
        # A hard link costs nothing and never leaves project.json absent.
        os.link(project_file, temp)
    except OSError:
        write_atomic(backup, read_regular(project_file, limits.MAX_FILE_BYTES))
        return
    try:
        os.replace(temp, backup)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _remove_stale_temps(folder: Path) -> None:
    for directory in (folder, folder / IMAGES_DIR):
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.startswith(_TEMP_PREFIX):
                        try:
                            os.unlink(entry.path)
                        except OSError:
                            pass
        except OSError:
            pass


def save_project(project: Project, path: str | os.PathLike) -> int:
    """Save the project to a folder (or its ``project.json``); return how many images were written."""
    folder, project_file = project_paths(path)
    written = write_project_file(project, folder, project_file, "cannot save", keep_backup=True)
    project.pending_images.clear()
    return written


def write_project_file(
    project: Project, folder: Path, target: Path, failure: str, *, keep_backup: bool = False,
    images: Mapping[str, bytes] | None = None,
) -> int:
    """Write the project's new images into ``folder``, then its JSON to ``target``; return images written.

    The one write sequence of saves and recovery copies: images first, so
    the JSON never names a file that is not on disk yet. ``failure`` starts
    the message of the ProjectError raised when it cannot be done. ``images``
    are the new image files (the project's pending images by default).
    """
    try:
        data = dumps_bytes(project)
    except (ValueError, TypeError, msgspec.EncodeError) as exc:
        raise ProjectError.single(str(target), "", f"{failure}: {exc}") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(folder)
        written = write_images(folder, project.pending_images if images is None else images)
        if keep_backup:
            _keep_backup(target)
        write_atomic(target, data)
        sync_folder(folder)
    except OSError as exc:
        raise ProjectError.single(str(target), "", f"{failure}: {exc.strerror or exc}") from None
    return written


def write_images(folder: Path, images: Mapping[str, bytes]) -> int:
    """Write new image files (by project-relative path) and return how many were written."""
    # A snapshot, so that an image staged meanwhile cannot break the loop.
    images = dict(images)
    if not images:
        return 0
    (folder / IMAGES_DIR).mkdir(exist_ok=True)
    written = 0
    for relative, data in images.items():
        written += write_image_file(folder, relative, data)
    sync_folder(folder / IMAGES_DIR)
    return written


def write_image_file(folder: Path, relative: str, data: bytes | Callable[[], bytes]) -> bool:
    """Write one image file into a project folder unless it is there already; return whether it was written.

    ``data`` may be a function that reads the bytes, called only when the
    file is really written. Call ``sync_folder`` on its folder afterwards.
    """
    reason = unsafe_image_reason(folder, relative)
    if reason:
        raise OSError(reason)
    target = folder / relative
    # Names carry a content hash or a never-reused token, so an existing file already holds these bytes.
    if target.exists():
        return False
    contents = data() if callable(data) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, contents)
    return True


def new_project_folder(path: str | os.PathLike, title: str = "", project: Project | None = None) -> Path:
    """Create a project folder, holding an empty project or ``project``, and return its ``project.json``.

    A save that fails (a full disk) or is interrupted leaves nothing behind:
    the files and folders this call made are removed again, and nothing that
    was there before is touched.
    """
    folder, project_file = project_paths(path)
    if project_file.exists():
        raise ProjectError.single(str(project_file), "", "a project already exists here; nothing was changed")
    if folder.exists() and not folder.is_dir():
        raise ProjectError.single(str(folder), "", "this is a file, not a folder")
    # Only a new or empty folder: never mix a project into someone's other files.
    if (problem := folder_problem(folder)) is not None:
        raise ProjectError.single(str(folder), "", problem)
    project = project if project is not None else Project(title=title)
    made = []  # the folder and its missing parents, innermost first
    missing = folder.absolute()
    while not missing.exists() and missing.parent != missing:
        made.append(missing)
        missing = missing.parent
    images = folder / IMAGES_DIR
    new_images = [folder / relative for relative in project.pending_images if not (folder / relative).exists()]
    images_existed = images.is_dir()
    try:
        save_project(project, folder)
        images.mkdir(exist_ok=True)
    except BaseException:
        for made_file in [project_file, *new_images]:
            _quietly(made_file.unlink, missing_ok=True)
        for made_folder in ([] if images_existed else [images]) + made:
            _quietly(made_folder.rmdir)  # only when empty: what someone else put there stays
        raise
    return folder / PROJECT_FILE


def _quietly(action, *args, **kwargs) -> None:
    try:
        action(*args, **kwargs)
    except OSError:
        pass
