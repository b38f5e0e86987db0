"""Files an export writes into a folder (an edit's stills, an animatic's frames), put in place only when all are written.

Each file is written under a hidden name beside its final one and renamed
into place by ``commit``. Until then nothing the folder held before is
touched, so a cancelled, failed or interrupted export (a full disk,
Ctrl+C) removes only what it wrote, and the folder itself when it made it:
the folder is left as it was found.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path


def staged_name(name: str) -> str:
    """The hidden name a file called ``name`` has while it is being written."""
    return f".{name}.{os.getpid()}.part"


class StagedFolder:
    """A folder being filled by one export; see the module docstring."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made = False
        self._staged: list[tuple[Path, Path]] = []

    def make(self) -> None:
        """Create the folder unless it exists, remembering whether this export made it."""
        try:
            self.folder.mkdir()
            self.made = True
        except FileExistsError:
            if not self.folder.is_dir():
                raise

    def path(self, name: str) -> Path:
        """Where to write the file that ``commit`` makes ``name`` in the folder."""
        temp = self.folder / staged_name(name)
        self._staged.append((temp, self.folder / name))
        return temp

    def commit(self) -> list[Path]:
        """Put every written file in place; return their final paths, in the order they were asked for."""
        done = []
        for temp, target in self._staged:
            os.replace(temp, target)
            done.append(target)
        self._staged.clear()
        self.made = False  # the folder is the export's now, even if it holds nothing
        return done

    def discard(self) -> None:
        """Remove every file not yet committed, then the folder if this export made it and it is empty."""
        for temp, _ in self._staged:
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                pass
        self._staged.clear()
        if self.made:
            try:
                self.folder.rmdir()
            except OSError:
                pass  # something else was put there meanwhile: it stays, and so does the folder


@contextmanager
def staged_folder(folder: Path):
    """Yield a :class:`StagedFolder` (made if missing); what is not committed when the block ends is discarded."""
    stage = StagedFolder(folder)
    stage.make()
    try:
        yield stage
    finally:
        stage.discard()
