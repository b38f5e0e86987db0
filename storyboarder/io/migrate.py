"""Step-by-step migration of older project documents to the current version.

Each step takes the parsed document of version N and returns version N + 1.
Loading applies the steps in memory only; the next save writes the new
version and keeps the old file as ``project.json.bak``.
"""

from __future__ import annotations

from typing import Callable

from storyboarder.model.entities import FORMAT_VERSION

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
