"""Where an export writes: checked before any work, filled as a hidden partial file, put in place when complete.

A cancelled or failed export therefore never leaves half a file at the
destination, nor replaces the user's previous export with one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from .storyboard_options import StoryboardExportError


def check_output_path(out: Path) -> None:
    """Refuse an output path that cannot be written before any work is done."""
    if out.is_dir():
        raise StoryboardExportError(f"output: {out} is a folder; give a file name such as board.pdf")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise StoryboardExportError(f"output: cannot write {out}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise StoryboardExportError(f"output: cannot write {out}: permission denied")


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
