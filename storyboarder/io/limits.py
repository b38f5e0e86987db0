"""The limits of what a project file may hold, shared by everything that reads or writes one.

The loader refuses what is over them; the save, the autosave and the
screenplay import check the same numbers before they write, so nothing this
program writes is a file it then refuses to open. Read them through the
module (``limits.MAX_FILE_BYTES``) so that a test can lower one for all.
Limits on single values (text length, ranges) are the model's field
declarations; ``declared_problem`` checks an entity against them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from storyboarder.model.entities import MAX_TEXT

if TYPE_CHECKING:
    from storyboarder.model import Project
    from storyboarder.model.entities import Entity

#: Project files (``project.json``, its recovery copy) larger than this are refused before they are read.
MAX_FILE_BYTES = 512 * 1024 * 1024

#: Screenplays are a few hundred kilobytes; a script file larger than this is not imported.
MAX_SCRIPT_BYTES = 16 * 1024 * 1024

#: The longest name one folder entry may have on every file system the program runs on
#: (ext4, APFS, NTFS: 255 bytes or UTF-16 units); a path with a longer part names no file.
MAX_NAME_BYTES = 255

__all__ = ["MAX_FILE_BYTES", "MAX_NAME_BYTES", "MAX_SCRIPT_BYTES", "MAX_TEXT", "declared_problem", "estimated_file_bytes", "file_too_large",
           "name_too_long"]

_LISTS = ("scenes", "cast", "crew", "locations", "shoot_days")
_WHERE = re.compile(r"^(?P<problem>.*) - at `\$\.?(?P<where>[^`]*)`$", re.DOTALL)
_LONGER = re.compile(r"^Expected `(str|array|object)` of length <= (\d+)$")
_UNITS = {"str": "the text is longer than {} characters", "array": "the list has more than {} items", "object": "it has more than {} keys"}


def name_too_long(relative: str) -> str | None:
    """Say which part of a relative path is longer than any file system holds, or None."""
    for part in relative.replace("\\", "/").split("/"):
        size = len(part.encode("utf-8", "surrogatepass"))
        if size > MAX_NAME_BYTES:
            shown = repr(relative[:60]) + ("…" if len(relative) > 60 else "")
            return (f"a name in the path {shown} is {size:,} bytes long, and no file system holds a name "
                    f"over {MAX_NAME_BYTES} bytes, so the file cannot exist")
    return None


def file_too_large(size: int) -> str:
    """Say that a project file of ``size`` bytes is over the limit, in words a user reads."""
    return f"the file is {size:,} bytes; a project file may be at most {MAX_FILE_BYTES:,}"


def estimated_file_bytes(project: Project) -> int:
    """About how many bytes ``project.json`` takes for this project, without building the whole file.

    Each scene, cast member and so on is encoded on its own, so a project far
    over the limit is measured without holding its whole text in memory.
    """
    bare = msgspec.structs.replace(project, **{name: [] for name in _LISTS})
    total = len(_formatted(bare))
    for name in _LISTS:
        for item in getattr(project, name):
            text = _formatted(item)
            # In the file an item sits two levels deep (two spaces each), and items are separated by ",\n".
            total += len(text) + 4 * (text.count(b"\n") + 1) + 2
    return total


def _formatted(entity: object) -> bytes:
    return msgspec.json.format(msgspec.json.encode(entity), indent=2)


def declared_problem(entity: Entity) -> str | None:
    """Say what in an entity its field declarations refuse (text too long, a value out of range), or None."""
    try:
        msgspec.json.decode(msgspec.json.encode(entity), type=type(entity))
    except msgspec.ValidationError as exc:
        message = str(exc)
        found = _WHERE.match(message)
        problem, where = (found["problem"], found["where"]) if found else (message, "")
        longer = _LONGER.match(problem)
        if longer:
            problem = _UNITS[longer.group(1)].format(f"{int(longer.group(2)):,}")
        return f"{where}: {problem}" if where else problem
    return None
