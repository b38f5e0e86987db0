"""Save a project crash-safely and incrementally.

Order matters: new images are written and synced first, then the JSON goes
to a temporary file in the same folder, is synced, and atomically replaces
``project.json``. A kill at any moment leaves either the old project or the
new one, never half of either. Image files are never deleted or overwritten
here, so anything undo may bring back is still on disk.

Temporary files carry this computer's name and this process's id, so a save
removes only the ones left by a process that is gone (or, from another
computer, ones untouched for a day): two programs saving one folder at once
never delete each other's half-written files.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from storyboarder.model import Project

from . import limits, process
from .codec import encode
from .errors import Problem, ProjectError
from .fingerprint import Fingerprint, check_unchanged, fingerprint_of
from .folders import folder_problem
from .load import image_warnings
from .migrate import FORMAT_VERSION
from .paths import BACKUP_FILE, IMAGES_DIR, PROJECT_FILE, project_paths, read_regular, unsafe_image_reason
from .surrogates import surrogate_places

_TEMP_PREFIX = ".storyboarder-save-"
#: A temporary file untouched this long is abandoned, whoever made it: no save takes a day between writes.
STALE_TEMP_SECONDS = 24 * 3600


def _temp_prefix() -> str:
    # host.pid. : who made the file, so that another save can tell whether its maker is gone.
    return f"{_TEMP_PREFIX}{process.host_tag()}.{os.getpid()}."


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


def write_atomic(target: Path, data: bytes, before_replace: Callable[[], None] | None = None) -> int:
    """Replace ``target`` with ``data`` so that readers see the old or the new file, whole; return its mtime (ns).

    ``before_replace`` runs once the new bytes are safe on disk, just before
    they take the name; whatever it raises leaves ``target`` as it was.
    """
    fd, temp = tempfile.mkstemp(prefix=_temp_prefix(), dir=target.parent)
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
            # A rename keeps the time, so this is the time the target has once replaced.
            mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
        return mtime_ns
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
    temp = project_file.with_name(f"{_temp_prefix()}bak")
    try:
        temp.unlink(missing_ok=True)
        # A hard link costs nothing and never leaves project.json absent.
        os.link(project_file, temp)
    except OSError:
        write_atomic(backup, read_regular(project_file, limits.MAX_FILE_BYTES))
        return
    try:
        os.replace(temp, backup)
    finally:
        # When another save just linked the same project.json as the backup, both names are one file
        # and rename does nothing (POSIX): the temporary name would stay behind.
        temp.unlink(missing_ok=True)


def _remove_stale_temps(folder: Path) -> None:
    """Remove the temporary files of saves that can no longer finish: their process is gone, or they are a day old."""
    now = time.time()
    for directory in (folder, folder / IMAGES_DIR):
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.startswith(_TEMP_PREFIX) and _is_stale(entry, now):
                        try:
                            os.unlink(entry.path)
                        except OSError:
                            pass
        except OSError:
            pass


def _is_stale(entry: os.DirEntry, now: float) -> bool:
    try:
        if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
            return True
    except OSError:
        return False
    # ".storyboarder-save-" host "." pid "." random: the host may hold dots, the other two never do.
    host, _, rest = entry.name[len(_TEMP_PREFIX) :].rpartition(".")[0].rpartition(".")
    pid = int(rest) if rest.isdigit() and len(rest) < 11 else 0
    if not host or not pid or host != process.host_tag():
        return False  # an older name, or another computer's save: only its age can tell
    # Ours may be another thread's save in progress; a live pid may be a stranger's reused one (age tells then).
    return pid != os.getpid() and not process.pid_alive(pid)


@dataclass
class SaveReport:
    """What a save did: the image files written, the ``project.json`` written, and what could not be saved."""

    written: int
    fingerprint: Fingerprint
    #: Images the project names that are neither on disk nor in memory (the folder was deleted…): one per place.
    missing: list[Problem] = field(default_factory=list)


def save_project(project: Project, path: str | os.PathLike, *, expected: Fingerprint | None = None) -> int:
    """Save the project to a folder (or its ``project.json``); return how many images were written.

    With ``expected`` (the fingerprint of what was loaded or last saved), a
    ``project.json`` someone else changed since is not overwritten: DiskChanged
    (a ProjectError) says so and nothing is written.
    """
    return save_and_report(project, path, expected=expected).written


def save_and_report(project: Project, path: str | os.PathLike, *, expected: Fingerprint | None = None) -> SaveReport:
    """Save as ``save_project`` does; return what was written and which images the project names are lost."""
    folder, project_file = project_paths(path)
    report = write_project_file(project, folder, project_file, "cannot save", keep_backup=True, expected=expected)
    project.pending_images.clear()
    # After the images: what is still missing now is in neither the folder nor memory.
    report.missing = missing_images(project, folder, project_file)
    return report


def missing_images(project: Project, folder: Path, project_file: Path) -> list[Problem]:
    """The images the project names that ``folder`` does not hold (or cannot be read), one Problem per place.

    Right after a save (or a load) nothing waits in memory, so these are lost.
    """
    return [
        Problem(str(project_file), problem.where, lost_message(problem.message))
        for problem in image_warnings(project, folder, str(project_file))
    ]


def lost_message(warning: str) -> str:
    """The words for an image warning of ``image_warnings`` once nothing in memory can stand in for the file."""
    return warning.replace("; a placeholder is shown", "; it is lost")


def write_project_file(
    project: Project,
    folder: Path,
    target: Path,
    failure: str,
    *,
    keep_backup: bool = False,
    expected: Fingerprint | None = None,
    images: Mapping[str, bytes] | None = None,
) -> SaveReport:
    """Write the project's new images into ``folder``, then its JSON to ``target``; say what was written.

    The one write sequence of saves and recovery copies: images first, so
    the JSON never names a file that is not on disk yet. ``failure`` starts
    the message of the ProjectError raised when it cannot be done; with
    ``expected``, a ``target`` changed by someone else raises DiskChanged.
    ``images`` are the new image files (the project's pending images by default).
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
            _keep_backup(target)  # of whatever is there: if that is someone else's, it stays the current file too
        # As late as can be, so that little time is left for another save to slip in unnoticed.
        if expected is None:
            mtime_ns = write_atomic(target, data)
        else:
            mtime_ns = write_atomic(target, data, lambda: check_unchanged(target, expected))
        sync_folder(folder)
    except OSError as exc:
        raise ProjectError.single(str(target), "", f"{failure}: {exc.strerror or exc}") from None
    return SaveReport(written, fingerprint_of(data, mtime_ns))


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
