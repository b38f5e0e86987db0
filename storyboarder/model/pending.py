"""Image files a project has made but not written yet, some perhaps still being encoded.

Encoding a drawing's layers as PNG takes a few hundred milliseconds, too
long to keep the editor waiting, so the drawing view encodes them in a
worker and stores the promise here under the file's final path. Reading
an entry (``images[path]``, ``get``, ``items``, ``dict(images)``) waits for
its bytes, so a save, which reads every entry, always writes finished
files; ``peek`` looks without waiting, for callers that decode in a worker.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Protocol


class Deferred(Protocol):
    """Bytes still being made, such as a ``concurrent.futures.Future``."""

    def result(self) -> bytes: ...

    def done(self) -> bool: ...


class PendingImages(MutableMapping[str, bytes]):
    """Encoded image files by project-relative path; values may still be on their way."""

    def __init__(self) -> None:
        self._data: dict[str, bytes | Deferred] = {}

    def __getitem__(self, path: str) -> bytes:
        value = self._data[path]
        if isinstance(value, bytes):
            return value
        try:
            data = value.result()
        except Exception as exc:  # noqa: BLE001 - any failure becomes a clear message for the save
            raise OSError(f"the image {path!r} could not be encoded ({exc})") from None
        # Only this entry's own promise is replaced (it may have been set again meanwhile).
        if self._data.get(path) is value:
            self._data[path] = data
        return data

    def __setitem__(self, path: str, data: bytes) -> None:
        self._data[path] = data

    def __delitem__(self, path: str) -> None:
        del self._data[path]

    def __iter__(self) -> Iterator[str]:
        # A snapshot, so that an entry added from another part of the program cannot break a loop.
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, path: object) -> bool:
        return path in self._data

    def __repr__(self) -> str:
        return f"PendingImages({sorted(self._data)!r})"

    def clear(self) -> None:
        """Forget every entry (after a save has written them)."""
        self._data.clear()

    def put_later(self, path: str, deferred: Deferred) -> None:
        """Keep the promise of a file's bytes; reading the entry waits for them."""
        self._data[path] = deferred

    def peek(self, path: str) -> bytes | Deferred | None:
        """The bytes, or the promise of them, without waiting; None when there is no such entry."""
        return self._data.get(path)

    def busy(self) -> bool:
        """Whether any entry is still being made."""
        return any(not isinstance(value, bytes) and not value.done() for value in list(self._data.values()))

    def wait(self) -> None:
        """Wait until every entry has its bytes (raises OSError if one failed)."""
        for path in list(self._data):
            self[path]
