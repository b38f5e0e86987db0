"""What an exported shot list holds: the options both the CSV and the PDF exporter take, and the rows they select."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storyboarder.model.shot_columns import AS_SHOT_COLUMNS, COLUMN_BY_KEY, CSV_COLUMNS, PDF_COLUMNS, ShotListError
from storyboarder.model.shot_list import ORDERS, ShotRow, order_rows, shot_rows

from .scene_selection import select_scenes
from .storyboard_options import PAPER_SIZES, StoryboardExportError

if TYPE_CHECKING:
    from storyboarder.model import Project

FORMATS = ("csv", "pdf")
MIN_THUMBNAIL_DPI, MAX_THUMBNAIL_DPI = 72, 600


@dataclass(frozen=True)
class ShotListOptions:
    """Everything that decides what a shot list export holds and how a PDF looks."""

    #: A selection such as ``"1,3-5"`` against scene numbers; empty for all.
    scenes: str = ""
    #: Column keys in print order; None for the format's default (``CSV_COLUMNS`` or ``PDF_COLUMNS``).
    columns: tuple[str, ...] | None = None
    #: "story", or "shoot" for the planned shooting order (``Panel.shoot_order``).
    order: str = "story"
    #: Print a small frame of each panel (PDF). Choosing the ``thumbnail`` column does the same;
    #: in a CSV that column holds the image's path.
    thumbnails: bool = False
    #: Add the status and cut reason, and print cut shots greyed ("as shot").
    as_shot: bool = False
    paper: str = "letter"
    #: The date in the PDF footer; None for today (or SOURCE_DATE_EPOCH).
    date: datetime.date | None = None
    #: A TrueType font file for the PDF; None searches the system (or STORYBOARDER_PDF_FONT).
    font: str | None = None
    #: Where prepared thumbnails are kept between exports; None for a temporary folder.
    image_cache_dir: Path | None = None
    thumbnail_dpi: int = 150
    #: Threads that prepare thumbnails; None for one per core.
    workers: int | None = None

    def check(self) -> None:
        """Raise StoryboardExportError listing every option that is out of range."""
        problems = []
        if self.order not in ORDERS:
            problems.append(f"order: {self.order!r} is not one of {', '.join(ORDERS)}")
        if self.paper not in PAPER_SIZES:
            problems.append(f"paper: {self.paper!r} is not one of {', '.join(PAPER_SIZES)}")
        unknown = [key for key in self.columns or () if key not in COLUMN_BY_KEY]
        if unknown:
            problems.append(f"columns: unknown column {', '.join(map(repr, unknown))}; choose from {','.join(COLUMN_BY_KEY)}")
        elif self.columns is not None and not self.columns:
            problems.append("columns: none chosen")
        if not MIN_THUMBNAIL_DPI <= self.thumbnail_dpi <= MAX_THUMBNAIL_DPI:
            problems.append(f"thumbnail dpi: {self.thumbnail_dpi} is outside {MIN_THUMBNAIL_DPI} to {MAX_THUMBNAIL_DPI}")
        if problems:
            raise StoryboardExportError(problems)

    def column_keys(self, fmt: str) -> tuple[str, ...]:
        """The columns one format prints, in order: the chosen ones, or the format's default.

        Thumbnails add the frame column (PDF) and "as shot" the status and
        cut reason, unless the chosen columns already have them.
        """
        keys = list(self.columns) if self.columns else list(CSV_COLUMNS if fmt == "csv" else PDF_COLUMNS)
        if self.thumbnails and fmt == "pdf" and "thumbnail" not in keys:
            keys.insert(keys.index("shot") + 1 if "shot" in keys else 0, "thumbnail")
        if self.as_shot:
            keys.extend(key for key in AS_SHOT_COLUMNS if key not in keys)
        return tuple(keys)


def chosen_rows(project: Project, options: ShotListOptions) -> list[ShotRow]:
    """The rows the options select, in the chosen order; nothing to list is an error."""
    rows = order_rows(shot_rows(project, select_scenes(project, options.scenes)), options.order)
    if not rows:
        raise StoryboardExportError("scenes: the chosen scenes have no panels; nothing to list")
    return rows


def export_format(path: str | Path) -> str:
    """The format an output file name asks for, from its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise StoryboardExportError(f"output: {Path(path).name!r} must end in .csv or .pdf")
    return suffix


def parse_column_list(text: str) -> tuple[str, ...]:
    """Parse a ``--columns`` list into column keys, as an export error."""
    from storyboarder.model.shot_columns import parse_columns

    try:
        return parse_columns(text)
    except ShotListError as exc:
        raise StoryboardExportError(exc.problems) from None
