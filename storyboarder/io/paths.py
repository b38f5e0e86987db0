"""Where a project's files live, and which image paths are safe to read.

A project file may come from anyone. An image path that is absolute, climbs
out with ``..`` or leads through a symlink out of the project folder is
never opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

PROJECT_FILE = "project.json"
BACKUP_FILE = "project.json.bak"
IMAGES_DIR = "images"
#: The crash-recovery copy of unsaved work, and the lock an open editor holds, beside project.json.
RECOVERY_FILE = "project.recovery.json"
LOCK_FILE = ".storyboarder.lock"
#: How a damaged recovery copy set aside (kept for the user to read) is named: this, a time, ".json".
SET_ASIDE_PREFIX = RECOVERY_FILE.removesuffix(".json") + ".damaged-"


class UnreadableFile(OSError):
    """A file that is not read: not a regular file, or bigger than allowed; str() says why."""

    def __init__(self, message: str, kind: str = ""):
        super().__init__(message)
        self.strerror = message
        #: What the path turned out to be: "folder", "named pipe (FIFO)", "device", … or "" when it is too big.
        self.kind = kind


def file_type(mode: int) -> str:
    """Name what a file's mode says it is, for messages: ``folder``, ``named pipe (FIFO)``, ``device``…"""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "symlink"
    return "special file"


def _entry_type(entry: os.DirEntry) -> str:
    try:
        return file_type(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return "special file"


# O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for
# one; on a regular file it changes nothing. O_NOCTTY: a terminal never becomes ours.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_regular(path: str | os.PathLike, *, follow_symlinks: bool = True) -> BinaryIO:
    """Open a file for reading only if it is a regular file, so a FIFO or device cannot hang or flood a read.

    The type is checked on the name first, so a device is never opened (opening
    one can act: rewind a tape, wake a modem), and again on the opened file, so
    nothing can be swapped in between; raises UnreadableFile, or OSError as
    ``open`` does. With ``follow_symlinks=False`` a symlink as the last part of
    the path is refused too.
    """
    mode = (os.stat if follow_symlinks else os.lstat)(path).st_mode
    if not stat.S_ISREG(mode):
        kind = file_type(mode)
        raise UnreadableFile(f"this is a {kind}, not a regular file; it is not read", kind)
    fd = os.open(path, _READ_FLAGS if follow_symlinks else _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = file_type(mode)
            raise UnreadableFile(f"this is a {kind}, not a regular file; it is not read", kind)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """Read a whole regular file of at most ``limit`` bytes; raise UnreadableFile for others.

    The limit holds for the bytes actually read, whatever the file system says its size is.
    """
    with open_regular(path, follow_symlinks=follow_symlinks) as handle:
        size = os.fstat(handle.fileno()).st_size
        # The size on record refuses a huge file without reading it; the read bound catches the rest.
        data = handle.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        what = f"is {size:,} bytes," if size > limit else "holds"
        raise UnreadableFile(f"the file {what} more than the {limit:,} bytes allowed; it is not read")
    return data


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
        #: Folders, FIFOs, devices and sockets, by name, with what each is.
        self.others: dict[str, str] = {}
        try:
            with os.scandir(folder / IMAGES_DIR) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        self.links.add(entry.name)
                    elif entry.is_file(follow_symlinks=False):
                        self.regular.add(entry.name)
                    else:
                        self.others[entry.name] = _entry_type(entry)
        except OSError:
            pass
        self.images_dir_is_link = (folder / IMAGES_DIR).is_symlink()

    def is_plain(self, relative: str) -> bool:
        """Whether a path names a regular file (not a symlink) directly in a real ``images/`` folder.

        Such a path cannot lead out of the project, so it needs no resolving;
        open it without following symlinks, in case one was swapped in since.
        """
        prefix, _, name = relative.partition("/")
        return prefix == IMAGES_DIR and name in self.regular and not self.images_dir_is_link and "\\" not in name

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
            if name in self.others:
                return f"the image {relative!r} is a {self.others[name]}, not an image file; a placeholder is shown"
            if name not in self.links:
                return f"the image file {relative!r} is missing; a placeholder is shown"
        reason = unsafe_image_reason(self.folder, relative)
        if reason:
            return reason + "; it is not read"
        try:
            mode = (self.folder / relative).stat().st_mode
        except OSError:
            return f"the image file {relative!r} is missing; a placeholder is shown"
        if not stat.S_ISREG(mode):
            return f"the image {relative!r} is a {file_type(mode)}, not an image file; a placeholder is shown"
        return None


def panel_image_paths(panel) -> list[tuple[str, str]]:
    """Every image file a panel refers to, with the field that names it."""
    paths = [("image", panel.image)] if panel.image is not None else []
    paths.extend((f"layers.{name}", relative) for name, relative in panel.layers.items())
    return paths
