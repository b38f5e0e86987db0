"""The folder of prepared print images that lets the next export of a board skip preparing them.

An entry is one file named ``KEY-WxH-DIGEST.jpg`` (or ``.png``): KEY is a
hash of the source image's bytes and of every print setting
(``print_images.cache_key``), DIGEST the SHA-1 of the entry's own bytes.
So:

* an entry is found by its name, without opening anything else;
* an entry is checked against DIGEST whenever it is read: a damaged or
  truncated file is deleted and prepared again, never put into a PDF;
* entries are written beside their name and renamed, so a parallel export
  never reads half a file;
* only regular files of this shape directly inside the folder are read,
  listed or deleted: a symlink or anything else there is left alone;
* the folder is kept under ``max_bytes`` by deleting the entries used
  least recently (a hit touches the entry's modification time).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from storyboarder.io.paths import UnreadableFile

#: How much a cache folder may hold unless told otherwise.
DEFAULT_MAX_BYTES = 500 * 1024 * 1024
#: Prepared images are small; anything bigger under a valid name is not ours.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: A temporary file older than this belongs to an export that died.
_STALE_TEMP_SECONDS = 3600
_ENTRY = re.compile(r"([0-9a-f]{32})-([0-9]{1,6})x([0-9]{1,6})-([0-9a-f]{40})\.(jpg|png)")
_TEMP = re.compile(r"[0-9a-f]{32}-.*\.tmp")
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def default_cache_dir() -> Path:
    """The user's cache folder for prepared print images (``~/.cache/Storyboarder/print-images`` on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Storyboarder", appauthor=False)) / "print-images"


@dataclass(frozen=True)
class Entry:
    """One cached file, as its name describes it."""

    path: Path
    width: int
    height: int
    digest: str

    @property
    def kind(self) -> str:
        """``"jpg"`` or ``"png"``."""
        return self.path.suffix.lstrip(".")


class PrintCache:
    """A folder of prepared print images, looked up by key; safe to share between exports."""

    def __init__(self, folder: Path, max_bytes: int | None = DEFAULT_MAX_BYTES):
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._entries: dict[str, Entry] = {}
        for entry in self._scan():
            match = _ENTRY.fullmatch(entry.name)
            self._entries[match.group(1)] = Entry(Path(entry.path), int(match.group(2)), int(match.group(3)), match.group(4))

    def _scan(self):
        """The directory entries that are cache entries: regular files (not symlinks) with an entry's name."""
        with os.scandir(self.folder) as entries:
            return [e for e in entries if _ENTRY.fullmatch(e.name) and e.is_file(follow_symlinks=False)]

    def get(self, key: str) -> tuple[Entry, bytes] | None:
        """The entry under ``key`` and its bytes, or None when there is none or it is damaged (then it is deleted)."""
        with self._lock:
            entry = self._entries.get(key)
        if entry is None:
            return None
        data = _read_entry(entry.path)
        if data is None or hashlib.sha1(data).hexdigest() != entry.digest or not _looks_whole(data, entry.kind):
            self._drop(key, entry)
            return None
        try:
            os.utime(entry.path)  # least recently used is pruned first
        except OSError:
            pass
        return entry, data

    def put(self, key: str, data: bytes, width: int, height: int, kind: str) -> Entry:
        """Store prepared bytes under ``key`` (atomically) and return the entry."""
        digest = hashlib.sha1(data).hexdigest()
        target = self.folder / f"{key}-{width}x{height}-{digest}.{kind}"
        temp = target.with_name(f"{key}-{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            temp.write_bytes(data)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        entry = Entry(target, width, height, digest)
        with self._lock:
            old = self._entries.get(key)
            self._entries[key] = entry
        if old is not None and old.path != target:
            old.path.unlink(missing_ok=True)
        return entry

    def _drop(self, key: str, entry: Entry) -> None:
        with self._lock:
            if self._entries.get(key) == entry:
                del self._entries[key]
        try:
            if stat.S_ISREG(os.lstat(entry.path).st_mode):
                entry.path.unlink()
        except OSError:
            pass  # gone already, or another export replaced it

    def prune(self) -> int:
        """Delete the least recently used entries until the folder holds at most ``max_bytes``; return how many."""
        if self.max_bytes is None:
            return 0
        now = time.time()
        files, total = [], 0
        with os.scandir(self.folder) as entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                if _TEMP.fullmatch(entry.name):
                    if now - info.st_mtime > _STALE_TEMP_SECONDS:
                        Path(entry.path).unlink(missing_ok=True)
                elif _ENTRY.fullmatch(entry.name):
                    files.append((info.st_mtime_ns, info.st_size, Path(entry.path)))
                    total += info.st_size
        removed = 0
        for _mtime, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        with self._lock:
            self._entries = {key: e for key, e in self._entries.items() if e.path.exists()} if removed else self._entries
        return removed


def _read_entry(path: Path) -> bytes | None:
    """A cache file's bytes, or None: never through a symlink, never a FIFO or device, never a huge file."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(_MAX_ENTRY_BYTES + 1)
    except (OSError, UnreadableFile):
        return None
    finally:
        os.close(fd)


def _looks_whole(data: bytes, kind: str) -> bool:
    """Whether bytes that match their digest are also the kind of file their name says."""
    if kind == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
    return data.startswith(b"\xff\xd8") and data.rstrip(b"\x00").endswith(b"\xff\xd9")
