"""Running an export off the UI thread, and telling the user how it went with a button that opens the result."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from storyboarder.export.output import KIND_NAMES, ReplaceRefused, check_outputs
from storyboarder.export.storyboard_options import StoryboardExportError

from ..jobs import Job

#: Warnings listed in the finished message; the rest are counted.
MAX_WARNINGS_SHOWN = 12


def default_file_name(title: str, what: str = "storyboard", suffix: str = ".pdf") -> str:
    """A file name from the project's title: ``Night Market storyboard.pdf``."""
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title or "").strip(" .")
    return f"{' '.join(clean.split())[:80] or 'Untitled'} {what}{suffix}"


def image_folder(folder: Path | None) -> Path:
    """The folder exports read images from; an empty one for an untitled project (its images are in memory)."""
    if folder is not None:
        return Path(folder)
    empty = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)) / "storyboarder-untitled"
    empty.mkdir(parents=True, exist_ok=True)
    return empty


def may_write(window: QWidget | None, what: str, targets, project_folder: Path | None) -> bool:
    """Check where an export writes before it starts; refuse the project's own files, ask before replacing another kind of file.

    ``targets`` are ``(path, kind)`` as ``export.output.check_outputs`` takes them.
    """
    try:
        check_outputs(targets, project_folder)
    except ReplaceRefused as exc:
        listed = "\n".join(f"• {out.name} holds {KIND_NAMES[existing]}" for out, existing, _kind in exc.files)
        answer = QMessageBox.question(
            window,
            "Replace file?",
            f"The {what} would replace a file of another kind:\n\n{listed}\n\nReplace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
    except StoryboardExportError as exc:
        QMessageBox.critical(window, "Cannot export there", f"The {what} was not exported:\n\n" + "\n".join(exc.problems))
        return False
    return True


def start_export(
    context, window: QWidget | None, what: str, out: Path, work: Callable[..., Any], describe: Callable[[Any], str]
) -> Job:
    """Run ``work(progress, cancelled)`` in a job with progress and Cancel; report the result when it ends.

    ``window`` owns the progress and the messages; ``what`` names the export in
    messages ("storyboard", "shot list"…); ``describe(result)`` says what was
    written ("12 pages, 70 panels").
    """
    job = Job(f"Exporting {what}…", work, window, show_after_ms=300)
    job.finished.connect(lambda result, error: report(context, window, what, out, result, error, describe))
    job.start()
    return job


def report(context, window: QWidget | None, what: str, out: Path, result, error, describe: Callable[[Any], str]) -> None:
    """Tell the user how an export went; offer to open what it wrote."""
    if error is not None:
        problems = error.problems if isinstance(error, StoryboardExportError) else [str(error)]
        QMessageBox.critical(window, "Export failed", f"The {what} was not exported:\n\n" + "\n".join(problems))
        return
    if result.cancelled:
        context.show_message("Export cancelled; no file was written", 5000)
        return
    text = f"Wrote {out.name}: {describe(result)}."
    buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close
    title = f"{what[:1].upper()}{what[1:]} exported"
    if result.warnings:
        shown = result.warnings[:MAX_WARNINGS_SHOWN]
        more = len(result.warnings) - len(shown)
        text += f"\n\n{len(result.warnings)} warnings:\n" + "\n".join(f"• {w}" for w in shown)
        if more:
            text += f"\n… and {more} more"
        answer = QMessageBox.warning(window, title + " with warnings", text, buttons, QMessageBox.StandardButton.Open)
    else:
        answer = QMessageBox.information(window, title, text, buttons, QMessageBox.StandardButton.Open)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))


def plural(count: int, noun: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
