"""What a printed storyboard looks like: the options, their parsing, and the result.

The CLI and the GUI dialog both build a ``StoryboardOptions`` from these
parsers, so a bad layout string or an unknown field is reported the same way
by both, with one clear line per problem.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, LEGAL, LETTER, TABLOID

from storyboarder.model.problems import ProblemsError
from storyboarder.model.digits import whole_number

#: Paper sizes by the name users type, in points, portrait.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "letter": LETTER,
    "a4": A4,
    "legal": LEGAL,
    "tabloid": TABLOID,
    "a3": A3,
}

ORIENTATIONS = ("landscape", "portrait")
TEXT_POSITIONS = ("below", "right")

#: The fields a panel can print, in the order the CLI lists them.
FIELDS = ("shot", "duration", "action", "dialogue", "notes", "camera", "lighting", "sound")

MAX_GRID = 8
MIN_DPI, MAX_DPI = 50, 1200
DEFAULT_DPI = 200


class StoryboardExportError(ProblemsError, ValueError):
    """A storyboard that cannot be made (bad options, nothing to print, an unwritable file).

    ``problems`` holds one line per problem, ready to show to a user.
    """


@dataclass(frozen=True)
class StoryboardOptions:
    """Everything that decides how a storyboard PDF is laid out and what it shows."""

    columns: int = 3
    rows: int = 2
    paper: str = "letter"
    orientation: str = "landscape"
    #: A selection such as ``"1,3-5"`` against scene numbers (``12A`` included); empty for all.
    scenes: str = ""
    fields: tuple[str, ...] = FIELDS
    text_position: str = "below"
    title_page: bool = True
    dpi: int = DEFAULT_DPI
    #: Only these panels ("selected panels only"); None for every panel of the chosen scenes.
    panel_ids: frozenset[str] | None = None
    scenes_start_new_page: bool = False
    #: Printed in every footer, for example ``CONFIDENTIAL - do not distribute``.
    confidential: str = ""
    #: The date printed on the title page and footers; None for today (or SOURCE_DATE_EPOCH).
    date: datetime.date | None = None
    #: A TrueType font file for the text; None searches the system (or STORYBOARDER_PDF_FONT).
    font: str | None = None
    #: Where prepared print images are kept between exports; None for a temporary folder.
    image_cache_dir: Path | None = None
    #: Threads that prepare images; None for one per core.
    workers: int | None = None

    def check(self) -> None:
        """Raise StoryboardExportError listing every option that is out of range."""
        problems = []
        for name, value in (("columns", self.columns), ("rows", self.rows)):
            if not 1 <= value <= MAX_GRID:
                problems.append(f"layout: {name} must be 1 to {MAX_GRID}, not {value}")
        if self.paper not in PAPER_SIZES:
            problems.append(f"paper: {self.paper!r} is not one of {', '.join(PAPER_SIZES)}")
        if self.orientation not in ORIENTATIONS:
            problems.append(f"orientation: {self.orientation!r} is not one of {', '.join(ORIENTATIONS)}")
        if self.text_position not in TEXT_POSITIONS:
            problems.append(f"text position: {self.text_position!r} is not one of {', '.join(TEXT_POSITIONS)}")
        unknown = [name for name in self.fields if name not in FIELDS]
        if unknown:
            problems.append(f"fields: unknown field {', '.join(map(repr, unknown))}; choose from {','.join(FIELDS)}")
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            problems.append(f"dpi: {self.dpi} is outside {MIN_DPI} to {MAX_DPI}")
        if problems:
            raise StoryboardExportError(problems)

    @property
    def page_size(self) -> tuple[float, float]:
        """The page's width and height in points, oriented."""
        short, long = sorted(PAPER_SIZES[self.paper])
        return (long, short) if self.orientation == "landscape" else (short, long)


@dataclass
class ExportResult:
    """What an export produced, and what the user should know about it."""

    path: Path
    pages: int = 0
    panels: int = 0
    images: int = 0
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


_LAYOUT = re.compile(r"^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$")


def parse_layout(text: str) -> tuple[int, int]:
    """Parse ``COLSxROWS`` (``3x2``, ``4×4``) into ``(columns, rows)``."""
    match = _LAYOUT.match(text or "")
    if not match:
        raise StoryboardExportError(f"layout: {text!r} is not COLUMNSxROWS, for example 3x2")
    columns, rows = whole_number(match.group(1), MAX_GRID), whole_number(match.group(2), MAX_GRID)
    if not (1 <= columns <= MAX_GRID and 1 <= rows <= MAX_GRID):
        raise StoryboardExportError(f"layout: {text[:40]!r} must have 1 to {MAX_GRID} columns and rows")
    return columns, rows


def parse_fields(text: str) -> tuple[str, ...]:
    """Parse a comma-separated field list, keeping the user's order and dropping repeats."""
    names = [part.strip().lower() for part in (text or "").split(",") if part.strip()]
    if not names:
        raise StoryboardExportError(f"fields: none given; choose from {','.join(FIELDS)}")
    unknown = [name for name in names if name not in FIELDS]
    if unknown:
        raise StoryboardExportError(
            [f"fields: unknown field {name!r}; choose from {','.join(FIELDS)}" for name in unknown]
        )
    return tuple(dict.fromkeys(names))
