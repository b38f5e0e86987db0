"""The limits of what a project file may hold, shared by everything that reads or writes one.

The loader refuses what is over them; the save, the autosave and the
screenplay import check the same numbers before they write, so nothing this
program writes is a file it then refuses to open. Read them through the
module (``limits.MAX_FILE_BYTES``) so that a test can lower one for all.
"""

from __future__ import annotations

from storyboarder.model.entities import MAX_TEXT

#: Project files (``project.json``, its recovery copy) larger than this are refused before they are read.
MAX_FILE_BYTES = 512 * 1024 * 1024

#: Screenplays are a few hundred kilobytes; a script file larger than this is not imported.
MAX_SCRIPT_BYTES = 16 * 1024 * 1024

__all__ = ["MAX_FILE_BYTES", "MAX_SCRIPT_BYTES", "MAX_TEXT", "file_too_large"]


def file_too_large(size: int) -> str:
    """Say that a project file of ``size`` bytes is over the limit, in words a user reads."""
    return f"the file is {size:,} bytes; a project file may be at most {MAX_FILE_BYTES:,}"
