"""What ``project.json`` held when it was read or written, to notice that someone else changed it since.

Two editors on one project (two windows, two computers on a shared folder, a
command run meanwhile) would otherwise lose an update without a word: B
saves, then A saves over B's change. Every load and save records a
``Fingerprint`` of the bytes it read or wrote; before a save overwrites the
file, ``disk_change`` compares the file on disk with it. The content hash
decides (a file merely touched is not a change); the size spares the read
when it differs, and the modification time tells the user when it happened.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import limits
from .errors import Problem, ProjectError
from .paths import read_regular


@dataclass(frozen=True)
class Fingerprint:
    """A ``project.json`` as read or written: its size, modification time (ns) and SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint_of(data: bytes, mtime_ns: int) -> Fingerprint:
    """The fingerprint of a file holding ``data``, last modified at ``mtime_ns``."""
    return Fingerprint(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def read_fingerprint(project_file: str | os.PathLike) -> Fingerprint | None:
    """The fingerprint of the file as it is on disk now; None when there is none (or it cannot be read)."""
    try:
        mtime_ns = os.stat(project_file).st_mtime_ns
        return fingerprint_of(read_regular(project_file, limits.MAX_FILE_BYTES), mtime_ns)
    except OSError:
        return None


@dataclass(frozen=True)
class DiskChange:
    """How ``project.json`` differs from what this program last read or wrote."""

    #: "changed" (other bytes) or "deleted" (no file any more).
    kind: str
    #: The file as it is now (None when deleted): what an "overwrite anyway" expects next.
    current: Fingerprint | None
    file: str

    def message(self) -> str:
        """Say what happened, for a question or an error."""
        if self.current is None:
            return "the project file was deleted (or cannot be read) since it was opened or last saved"
        when = datetime.fromtimestamp(self.current.mtime_ns / 1e9).strftime("%Y-%m-%d %H:%M:%S")
        return (
            f"the project file was changed on disk at {when}, by another window, program or computer, "
            "since it was opened or last saved here"
        )


def disk_change(project_file: str | os.PathLike, known: Fingerprint) -> DiskChange | None:
    """Compare ``project.json`` on disk with what was last read or written here; None when it is the same."""
    try:
        size = os.stat(project_file).st_size
    except OSError:
        return DiskChange("deleted", None, str(project_file))
    if size == known.size:
        current = read_fingerprint(project_file)
        if current is None:
            return DiskChange("deleted", None, str(project_file))
        if current.sha256 == known.sha256:
            return None
    else:
        current = read_fingerprint(project_file)
        if current is None:
            return DiskChange("deleted", None, str(project_file))
    return DiskChange("changed", current, str(project_file))


class DiskChanged(ProjectError):
    """A save refused because ``project.json`` is not what was read or last written; nothing was written."""

    def __init__(self, change: DiskChange):
        super().__init__([Problem(change.file, "", f"{change.message()}; nothing was written")])
        self.change = change


def check_unchanged(project_file: Path, expected: Fingerprint) -> None:
    """Raise DiskChanged when ``project.json`` holds something else than ``expected``; a deleted file is no conflict."""
    change = disk_change(project_file, expected)
    # Nothing is lost by writing where the file is gone; the save says so through its report.
    if change is not None and change.kind == "changed":
        raise DiskChanged(change)
