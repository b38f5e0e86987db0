"""What every exported PDF says about itself: title, author, subject, creator and dates, and its canvas settings.

One place for the three printers (storyboard, shot list, call sheets), so the
papers describe themselves alike. The creation date is the time of export,
or ``SOURCE_DATE_EPOCH`` when that is set, so a build that asks for
reproducible output gets the same bytes twice. The canvas starts in the
export's own regular font: reportlab's default start font, Helvetica, is
listed in every page's resources even when nothing is drawn in it, and a
print shop's preflight flags a font that is neither used nor embedded.
"""

from __future__ import annotations

import os

from storyboarder import __version__
from storyboarder.model.fields import one_line


def reproducible() -> bool:
    """Whether ``SOURCE_DATE_EPOCH`` asks for a fixed date (and a file the same to the byte on every run)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return value.isdigit()


def document_info(project, kind: str) -> dict[str, str]:
    """Title, author, subject and creator of a PDF of ``kind`` (``"storyboard"``, ``"shot list"``…) of the project."""
    return {
        "title": f"{one_line(project.title) or 'Untitled'} {kind}",
        "author": one_line(project.director),
        "subject": one_line(project.production),
        "creator": f"Storyboarder {__version__}",
    }


def canvas_options(font_name: str) -> dict:
    """Keyword arguments for a reportlab ``Canvas`` or doc template: compression, dates, the first font."""
    # invariant=0 takes the time of export; reportlab itself reads SOURCE_DATE_EPOCH for the date,
    # and invariant=1 makes the rest of the file (its /ID) as fixed as the date.
    return {"invariant": 1 if reproducible() else 0, "pageCompression": 1, "initialFontName": font_name}


def describe(canvas, project, kind: str) -> None:
    """Set a canvas's document information for a PDF of ``kind``."""
    info = document_info(project, kind)
    canvas.setTitle(info["title"])
    canvas.setAuthor(info["author"])
    canvas.setSubject(info["subject"])
    canvas.setCreator(info["creator"])
