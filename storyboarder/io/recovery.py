"""Autosave recovery copies and the lock that marks a project as open.

Autosave writes ``project.recovery.json`` beside ``project.json`` and never
touches the real project file; after a crash the copy is offered back. A lock
file, ``.storyboarder.lock``, tells a second Storyboarder (on this computer
or another one sharing the folder) that the project is already open.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from storyboarder import __version__
from storyboarder.model import Project

from . import limits, process
from .images import ImageProblem, read_panel_image
from .load import LoadedProject, load_document, read_project_bytes
from .paths import LOCK_FILE, PROJECT_FILE, RECOVERY_FILE, SET_ASIDE_PREFIX, panel_image_paths, read_regular
from .save import write_project_file


# A lock file is a few hundred bytes; anything much bigger is not one of ours.
_MAX_LOCK_BYTES = 64 * 1024


def write_recovery(project: Project, folder: str | os.PathLike, drafts: Mapping[str, Mapping[str, Any]] | None = None) -> Path:
    """Write an autosave copy of the project (and its unsaved images) into ``folder``; return its path.

    ``drafts`` are edits not made yet, by panel id: the fields a drawing still
    on screen will give its panel. The copy has them; the project does not
    change (an autosave is no edit, and leaves the undo history alone).
    """
    folder = Path(folder)
    target = folder / RECOVERY_FILE
    # The unsaved images stay pending: the real save still has to write them.
    write_project_file(with_drafts(project, drafts or {}), folder, target, "cannot write the recovery copy",
                       images=project.pending_images)
    return target


def with_drafts(project: Project, drafts: Mapping[str, Mapping[str, Any]]) -> Project:
    """A shallow copy of the project whose panels named in ``drafts`` have those fields; the project is untouched."""
    if not drafts:
        return project
    scenes = [
        msgspec.structs.replace(
            scene, panels=[msgspec.structs.replace(panel, **drafts[panel.id]) if panel.id in drafts else panel for panel in scene.panels]
        ) if any(panel.id in drafts for panel in scene.panels) else scene
        for scene in project.scenes
    ]
    return msgspec.structs.replace(project, scenes=scenes)


def find_recovery(folder: str | os.PathLike) -> Path | None:
    """Return the recovery copy worth offering: one newer than ``project.json`` (or without one)."""
    folder = Path(folder)
    recovery = folder / RECOVERY_FILE
    try:
        recovery_stat = recovery.stat()
    except OSError:
        return None
    if not stat.S_ISREG(recovery_stat.st_mode):
        return None
    try:
        project_stat = (folder / PROJECT_FILE).stat()
    except OSError:
        return recovery
    if recovery_stat.st_mtime_ns < project_stat.st_mtime_ns:
        return None
    # On coarse-clock file systems a tie may hide newer edits; identical bytes offer nothing.
    if recovery_stat.st_mtime_ns == project_stat.st_mtime_ns and _same_bytes(recovery, folder / PROJECT_FILE):
        return None
    return recovery


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and read_regular(a, limits.MAX_FILE_BYTES) == read_regular(b, limits.MAX_FILE_BYTES)
    except OSError:
        return False


def load_recovery(folder: str | os.PathLike) -> LoadedProject:
    """Load the recovery copy in ``folder``; its images resolve against ``folder``."""
    folder = Path(folder)
    recovery = folder / RECOVERY_FILE
    return load_document(read_project_bytes(recovery, "there is no recovery copy"), folder, recovery)


def discard_recovery(folder: str | os.PathLike) -> bool:
    """Delete the recovery copy, if any; return False if one is still there.

    Images it wrote stay, as after any save. A copy that cannot be deleted is
    harmless once ``project.json`` is saved again, being older then.
    """
    try:
        (Path(folder) / RECOVERY_FILE).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def set_aside_recovery(folder: str | os.PathLike) -> Path:
    """Move a damaged recovery copy out of the way, so that it is offered once only; return where it went.

    It becomes ``project.recovery.damaged-YYYYmmdd-HHMMSS.json`` in the same
    folder (kept, not deleted: someone may still want to read what it holds).
    Raises OSError when it cannot be renamed.
    """
    folder = Path(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{SET_ASIDE_PREFIX}{stamp}.json"
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = folder / f"{SET_ASIDE_PREFIX}{stamp}-{n}.json"
    os.rename(folder / RECOVERY_FILE, target)
    return target


# Untitled projects: never saved, so their recovery copies live in folders of their own.


def untitled_recoveries(root: str | os.PathLike) -> list[Path]:
    """The folders under ``root`` that hold the recovery copy of a never-saved project, newest first."""
    found = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                try:
                    info = os.stat(Path(entry.path) / RECOVERY_FILE)
                except OSError:
                    continue
                if entry.is_dir(follow_symlinks=False) and stat.S_ISREG(info.st_mode):
                    found.append((info.st_mtime_ns, Path(entry.path)))
    except OSError:
        return []
    return [folder for _mtime, folder in sorted(found, key=lambda item: item[0], reverse=True)]


def restore_untitled(folder: str | os.PathLike) -> LoadedProject:
    """Load a never-saved project's recovery copy, its images carried as images not saved yet.

    The project has no folder of its own, so the first Save writes those
    images into the folder the user chooses. An image the copy names that
    cannot be read stays named (loading warned about it already).
    """
    folder = Path(folder)
    loaded = load_recovery(folder)
    pending = loaded.project.pending_images
    for _scene, panel in loaded.project.iter_panels():
        for _field, relative in panel_image_paths(panel):
            if relative not in pending:
                try:
                    pending[relative] = read_panel_image(folder, relative)
                except ImageProblem:
                    pass
    return loaded


def discard_untitled(folder: str | os.PathLike) -> None:
    """Delete a never-saved project's recovery folder and the images in it."""
    shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a project's lock: process id, computer, user, when they opened it (ISO time), and which program.

    ``process_start`` names the holding process beyond its id (``process.start_token``),
    so that a later process given the same number is not taken for it; locks
    written before it was recorded have "" there, and ``program`` "".
    """

    pid: int
    host: str
    user: str
    started: str
    program: str = ""
    process_start: str = ""

    def is_ours(self) -> bool:
        """Tell whether this process on this computer holds the lock."""
        if self.pid != os.getpid() or self.host != _host():
            return False
        mine = process.own_start_token()
        return not self.process_start or mine is None or self.process_start == mine


@dataclass(frozen=True)
class LockOutcome:
    """What trying to lock a project came to: locked by us, held by someone else, or no lock could be written."""

    #: Who holds the project open elsewhere (None when we hold it, or when no lock could be written).
    holder: LockInfo | None = None
    #: Why no lock could be written ("" when one was): the project is then open here without a lock.
    problem: str = ""

    @property
    def locked(self) -> bool:
        """Whether this process now holds the lock."""
        return self.holder is None and not self.problem


def lock_project(folder: str | os.PathLike, *, force: bool = False) -> LockOutcome:
    """Lock the project in ``folder``, or say who already holds it, or why no lock can be written.

    A lock left by a process that is gone (or by an unrelated process given
    its number since), or a damaged lock file, is taken over. With ``force``
    the lock is taken even from a live holder (the user chose "open anyway").
    """
    lock = Path(folder) / LOCK_FILE
    mine = LockInfo(
        os.getpid(),
        _host(),
        _user(),
        datetime.now().astimezone().isoformat(timespec="seconds"),
        f"Storyboarder {__version__}",
        process.own_start_token() or "",
    )
    payload = json.dumps(asdict(mine), indent=2).encode("utf-8") + b"\n"
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        holder = read_lock(folder)
        if holder is not None and not force and _held(holder):
            return LockOutcome(holder)
        return _take_over(lock, payload, mine)
    except OSError as exc:
        return LockOutcome(problem=_lock_problem(lock, exc))
    try:
        with os.fdopen(fd, "wb") as handle:
            _readable_by_all(handle.fileno())
            handle.write(payload)
    except OSError as exc:
        lock.unlink(missing_ok=True)
        return LockOutcome(problem=_lock_problem(lock, exc))
    return LockOutcome()


def acquire_lock(folder: str | os.PathLike, *, force: bool = False) -> LockInfo | None:
    """Lock the project in ``folder``; return who already holds it, else None (locked, or no lock possible).

    ``lock_project`` tells the two kinds of None apart.
    """
    return lock_project(folder, force=force).holder


def _lock_problem(lock: Path, exc: OSError) -> str:
    if not os.access(lock.parent, os.W_OK) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {lock.parent} is read-only ({exc.strerror or exc}), so no lock marks the project as open here"
    return f"no lock could be written in {lock.parent} ({exc.strerror or exc})"


def _take_over(lock: Path, payload: bytes, mine: LockInfo) -> LockOutcome:
    """Replace a stale lock with ours, atomically; report the winner if another instance beat us to it."""
    try:
        fd, temp = tempfile.mkstemp(prefix=".storyboarder-lock-", dir=lock.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                _readable_by_all(handle.fileno())
                handle.write(payload)
            os.replace(temp, lock)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return LockOutcome(problem=_lock_problem(lock, exc))
    # Two instances may take over the same stale lock at once; the last write wins.
    holder = read_lock(lock.parent)
    return LockOutcome() if holder is None or holder == mine else LockOutcome(holder)


def read_lock(folder: str | os.PathLike) -> LockInfo | None:
    """Return who holds the lock in ``folder``, or None when there is no usable lock file."""
    try:
        # A lock is a file this program writes, never a link: one could lead out of the folder.
        doc = json.loads(read_regular(Path(folder) / LOCK_FILE, _MAX_LOCK_BYTES, follow_symlinks=False))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    pid, host = doc.get("pid"), doc.get("host")
    # pid 0 and negative pids name whole process groups to os.kill; huge ones overflow it.
    if pid.__class__ is not int or not 0 < pid < 2**31 or not isinstance(host, str):
        return None

    def text(key: str) -> str:
        value = doc.get(key, "")
        return value if isinstance(value, str) else ""

    return LockInfo(pid, host, text("user"), text("started"), text("program"), text("process_start"))


def live_holder(folder: str | os.PathLike) -> LockInfo | None:
    """Who holds the lock in ``folder`` and may still be running (not this process), without taking it; else None.

    For a look that changes nothing (``clean --dry-run``): a stale or junk lock file stays as it is.
    """
    holder = read_lock(folder)
    if holder is None or holder.is_ours() or not _held(holder):
        return None
    return holder


def release_lock(folder: str | os.PathLike) -> bool:
    """Remove the lock if this process holds it; return whether it was removed."""
    holder = read_lock(folder)
    if holder is None or not holder.is_ours():
        return False
    try:
        (Path(folder) / LOCK_FILE).unlink()
    except OSError:
        return False
    return True


def _readable_by_all(fd: int) -> None:
    # Another user's Storyboarder must be able to read who holds the lock, or it takes it over.
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, 0o644)
        except OSError:
            pass  # some network file systems refuse; the lock still works for this user


def _held(holder: LockInfo) -> bool:
    """Tell whether a lock's holder may still be running; another computer's cannot be checked."""
    if holder.host != _host():
        return True
    if not process.pid_alive(holder.pid):
        return False
    if holder.process_start:
        now = process.start_token(holder.pid)
        # The number is alive; it is the holder only if it started when the holder did.
        return now is None or now == holder.process_start
    # A lock from before start times were kept: a process that is no Storyboarder cannot hold it.
    return process.may_be_storyboarder(holder.pid)


def _host() -> str:
    return process.host()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""
