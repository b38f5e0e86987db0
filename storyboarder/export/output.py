"""Where an export writes: checked before any work, filled as a hidden partial file, put in place when complete.

A cancelled or failed export therefore never leaves half a file at the
destination, nor replaces the user's previous export with one.

An export never writes over the project it comes from (``project.json``, its
backup, recovery copy and lock, or anything in the project's folders such as
``images/``; it may go beside ``project.json``), over anything that is not a
regular file (a folder, FIFO or device), and over an existing file of another
kind unless asked to (``--force``, or the user's yes in the GUI). The kind of
an existing file is told from its first bytes, never from its name, since the
name is the one the export is about to write.
"""

from __future__ import annotations

import codecs
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from storyboarder.io.paths import (
    BACKUP_FILE,
    LOCK_FILE,
    PROJECT_FILE,
    RECOVERY_FILE,
    SET_ASIDE_PREFIX,
    file_type,
    open_regular,
)

from .storyboard_options import StoryboardExportError

#: The project's own files beside project.json; hidden files of ours (save and lock temps) start with ``.storyboarder``.
_OWN_FILES = frozenset(name.casefold() for name in (PROJECT_FILE, BACKUP_FILE, RECOVERY_FILE, LOCK_FILE))

#: What each export writes, and the kinds of existing file it replaces without asking.
REPLACES = {
    "pdf": {"pdf"},
    "gif": {"gif"},
    "csv": {"text"},
    "xml": {"xml"},
    "edl": {"text"},
    "otio": {"json"},
}

#: How a kind of file is named in messages.
KIND_NAMES = {
    "pdf": "a PDF", "gif": "a GIF", "png": "a PNG image", "jpeg": "a JPEG image", "zip": "a ZIP archive",
    "xml": "an XML file", "json": "a JSON file", "text": "a text file", "csv": "a CSV file", "edl": "an EDL",
    "otio": "an OpenTimelineIO file", "binary": "a file of unknown kind",
}
_SIGNATURES = (
    (b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"), (b"PK\x03\x04", "zip"),
)


class ReplaceRefused(StoryboardExportError):
    """Existing files of another kind are where an export writes: replaced only with ``force`` (the user's yes).

    ``files`` holds ``(path, existing kind, kind written)`` for each.
    """

    def __init__(self, files: list[tuple[Path, str, str]]):
        super().__init__([
            f"output: {out} holds {KIND_NAMES[existing]}, and this export writes {KIND_NAMES[kind]}; "
            "it is not replaced unless asked to (--force)"
            for out, existing, kind in files
        ])
        self.files = list(files)


def check_outputs(targets, project_folder: str | os.PathLike | None = None, *, force: bool = False) -> None:
    """Check every path one export writes, given as ``(path, kind)``, kind ``"folder"`` for a folder it fills.

    Raises StoryboardExportError with every problem; when the only problems are
    files of another kind, :class:`ReplaceRefused` naming them all.
    """
    problems: list[str] = []
    refused: list[tuple[Path, str, str]] = []
    for path, kind in targets:
        try:
            if kind == "folder":
                check_output_folder(path, project_folder)
            else:
                check_output_path(path, project_folder, kind=kind, force=force)
        except ReplaceRefused as exc:
            refused.extend(exc.files)
        except StoryboardExportError as exc:
            problems.extend(exc.problems)
    if problems:
        raise StoryboardExportError(problems + ReplaceRefused(refused).problems)
    if refused:
        raise ReplaceRefused(refused)


def check_output_path(
    out: str | os.PathLike, project_folder: str | os.PathLike | None = None, *, kind: str | None = None, force: bool = False
) -> None:
    """Refuse an output file that cannot or must not be written, before any work is done.

    ``project_folder`` is the project being exported, whose files are never
    replaced; ``kind`` (a key of :data:`REPLACES`) is what the export writes:
    an existing file of another kind raises :class:`ReplaceRefused` unless ``force``.
    """
    out = Path(out)
    if project_folder is not None:
        _check_outside_project(out, Path(project_folder), folder=False)
    mode = _mode(out)
    if mode is not None and stat.S_ISDIR(mode):
        raise StoryboardExportError(f"output: {out} is a folder; give a file name such as board{out.suffix or '.pdf'}")
    if mode is not None and not stat.S_ISREG(mode):
        raise StoryboardExportError(f"output: {out} is {_type_name(mode)}, not a regular file; an export writes only files")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise StoryboardExportError(f"output: cannot write {out}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (mode is not None and not os.access(out, os.W_OK)):
        raise StoryboardExportError(f"output: cannot write {out}: permission denied")
    if kind is not None and mode is not None and not force:
        existing = existing_kind(out)
        if existing not in ("empty", *REPLACES[kind]):
            raise ReplaceRefused([(out, existing, kind)])


def check_output_folder(out: str | os.PathLike, project_folder: str | os.PathLike | None = None) -> None:
    """Refuse a folder an export fills (PNG frames, call sheets per day, an edit's stills) if it is not one to write into.

    Never one of the project's folders (nor below them), never a file or a FIFO.
    """
    out = Path(out)
    if project_folder is not None:
        _check_outside_project(out, Path(project_folder), folder=True)
    mode = _mode(out)
    if mode is not None and not stat.S_ISDIR(mode):
        raise StoryboardExportError(f"output: {out} is {_type_name(mode)}; give a folder to write into")


def existing_kind(path: Path) -> str:
    """What an existing file holds, from its first bytes: ``pdf``, ``png``, ``gif``, ``xml``, ``json``, ``text``, ``empty``…"""
    try:
        with open_regular(path) as handle:
            head = handle.read(512)
    except OSError:
        return "binary"
    if not head:
        return "empty"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    try:
        # The 512 bytes may end inside a character: decode incrementally, without the last flush.
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "binary"
    if "\x00" in text:
        return "binary"
    start = text.lstrip()[:1]
    return {"<": "xml", "{": "json", "[": "json"}.get(start, "text")


def _check_outside_project(out: Path, project_folder: Path, *, folder: bool) -> None:
    parts = _parts_inside(Path(os.path.realpath(out)), project_folder)
    if parts is None:
        return
    if not parts:
        if folder:
            return  # beside project.json; the export's own checks keep it from touching the project's files
        raise StoryboardExportError(f"output: {out} is the project folder; give a file name such as board.pdf")
    if len(parts) > 1 or folder:
        raise StoryboardExportError(
            f"output: {out} is inside the project's folder {parts[0]}/; an export is written beside "
            f"{PROJECT_FILE} or outside the project, never among its files"
        )
    name = parts[0].casefold()
    # A damaged recovery copy set aside is kept for the user to read: it is the project's too.
    if name in _OWN_FILES or name.startswith((".storyboarder", SET_ASIDE_PREFIX.casefold())):
        raise StoryboardExportError(f"output: {out} is the project's own {parts[0]}; an export never replaces it")


def _parts_inside(target: Path, root: Path) -> tuple[str, ...] | None:
    """The names leading from ``root`` down to ``target``, or None when it is not inside ``root``.

    Folders are compared by identity (device and inode), so letter case and
    links on the way cannot make a project folder look like another one.
    """
    try:
        root_stat = os.stat(root)
    except OSError:
        return None
    below: list[str] = []
    current = target
    while True:
        try:
            if os.path.samestat(os.stat(current), root_stat):
                return tuple(reversed(below))
        except OSError:
            pass
        if current.parent == current:
            return None
        below.append(current.name)
        current = current.parent


def _mode(path: Path) -> int | None:
    """The type and mode of what is at ``path`` (through links), or None when nothing is."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise StoryboardExportError(f"output: cannot write {path}: {exc.strerror or exc}") from None


def _type_name(mode: int) -> str:
    return "a file" if stat.S_ISREG(mode) else f"a {file_type(mode)}"


class PartialFile:
    """A hidden file beside ``out`` that an export writes; ``commit`` makes it ``out``."""

    def __init__(self, out: Path):
        self.out = out
        self.temp = out.with_name(f".{out.name}.{os.getpid()}.part")

    def commit(self) -> None:
        """Put the finished file in place of ``out``, in one step."""
        os.replace(self.temp, self.out)


@contextmanager
def partial_file(out: Path, error: type[StoryboardExportError] = StoryboardExportError):
    """Yield a :class:`PartialFile`; whatever is not committed is removed, and OS errors become ``error``."""
    part = PartialFile(out)
    try:
        yield part
    except OSError as exc:
        raise error(f"output: cannot write {out}: {exc.strerror or exc}") from None
    finally:
        part.temp.unlink(missing_ok=True)
