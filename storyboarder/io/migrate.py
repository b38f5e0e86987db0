"""The project file's format name and version, and step-by-step migration of older documents.

Each step takes the parsed document of version N and returns version N + 1.
Loading applies the steps in memory only; the next save writes the new
version and keeps the old file as ``project.json.bak``.
"""

from __future__ import annotations

from typing import Callable

#: What the ``format`` key of every project file says.
FORMAT = "storyboarder"

#: The project file format version this build reads and writes (the ``version`` key).
FORMAT_VERSION = 1

#: The keys of the file header, which belong to the file and not to the project in it.
HEADER_KEYS = ("format", "version")

#: ``MIGRATIONS[n]`` turns a version-n document into version n + 1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(doc: dict, version: int, current: int | None = None) -> dict:
    """Bring a document from ``version`` up to the current version."""
    target = FORMAT_VERSION if current is None else current
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from format version {version}")
        doc = step(doc)
        version += 1
        doc["version"] = version
    return doc
