"""Where everything goes on a storyboard page: margins, header, footer, the grid and each cell.

Pure geometry in points (PDF units, origin bottom-left), computed once per
export from the options and the project's aspect ratio, so every page of a
board lines up with every other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyboarder.model import Panel, Scene

    from .storyboard_options import StoryboardOptions

MARGIN = 36.0  # half an inch: inside every office printer's printable area
HEADER_HEIGHT = 24.0
FOOTER_HEIGHT = 14.0
BAND_GAP = 12.0  # between the header or footer and the grid
#: How much text a cell makes room for before it shrinks the font: a typical board panel's.
TYPICAL_TEXT_CHARS = 400


@dataclass(frozen=True)
class Box:
    """A rectangle: ``x``, ``y`` its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass(frozen=True)
class CellLayout:
    """The parts of one panel's cell: the shot strip, the image frame and the text box."""

    cell: Box
    strip: Box | None
    image: Box
    text: Box | None


@dataclass(frozen=True)
class TextSizes:
    """Font sizes for a grid: the panels' text, its floor, and the shot number."""

    base: float
    minimum: float
    shot: float


@dataclass(frozen=True)
class PageLayout:
    """The geometry shared by every board page of one export."""

    width: float
    height: float
    header: Box
    footer: Box
    grid: Box
    cells: list[CellLayout]
    sizes: TextSizes


def text_sizes(cell_w: float, cell_h: float, text_position: str) -> TextSizes:
    """Choose font sizes that suit a cell: smaller grids print smaller, never below 5 pt."""
    # By the cell's area, so a tall narrow cell (4x2) prints larger than a short one (4x4).
    scale = min(math.sqrt(cell_w * cell_h), cell_w * 1.1)
    base = max(6.0, min(9.5, scale / 30))
    if text_position == "right":
        base = max(6.0, min(9.5, scale / 34))
    return TextSizes(base=base, minimum=max(5.0, round(base * 0.72 * 4) / 4), shot=min(16.0, base * 1.55))


def page_layout(options: StoryboardOptions, aspect_ratio: float, show_strip: bool, show_text: bool) -> PageLayout:
    """Compute the page's bands and the cell of every grid position, row by row."""
    width, height = options.page_size
    margin = min(MARGIN, width * 0.06)
    header = Box(margin, height - margin - HEADER_HEIGHT, width - 2 * margin, HEADER_HEIGHT)
    footer = Box(margin, margin, width - 2 * margin, FOOTER_HEIGHT)
    grid_top = header.y - BAND_GAP
    grid_bottom = footer.top + BAND_GAP
    grid = Box(margin, grid_bottom, width - 2 * margin, grid_top - grid_bottom)
    cols, rows = options.columns, options.rows
    gutter_x = max(8.0, min(20.0, grid.w * 0.025))
    gutter_y = max(8.0, min(18.0, grid.h * 0.03))
    cell_w = (grid.w - gutter_x * (cols - 1)) / cols
    cell_h = (grid.h - gutter_y * (rows - 1)) / rows
    sizes = text_sizes(cell_w, cell_h, options.text_position)
    cells = []
    for row in range(rows):
        for col in range(cols):
            cell = Box(grid.x + col * (cell_w + gutter_x), grid.top - (row + 1) * cell_h - row * gutter_y, cell_w, cell_h)
            cells.append(cell_layout(cell, aspect_ratio, sizes, options.text_position, show_strip, show_text))
    return PageLayout(width, height, header, footer, grid, cells, sizes)


def cell_layout(cell: Box, aspect: float, sizes: TextSizes, text_position: str, show_strip: bool, show_text: bool) -> CellLayout:
    """Split one cell into shot strip, image frame (at the project's aspect ratio) and text box."""
    strip_h = sizes.shot * 1.35 if show_strip else 0.0
    strip = Box(cell.x, cell.top - strip_h, cell.w, strip_h) if show_strip else None
    below = cell.top - strip_h
    pad = max(3.0, sizes.base * 0.5)
    if text_position == "right" and show_text:
        image_w = min(cell.w * 0.6, (below - cell.y) * aspect)
        image_h = image_w / aspect
        image = Box(cell.x, below - image_h, image_w, image_h)
        text = Box(image.right + pad * 2, cell.y, cell.right - image.right - pad * 2, below - cell.y)
        return CellLayout(cell, strip, image, text)
    available = below - cell.y
    if show_text:
        # Leave room for a typical panel's text at the base size (a camera line, a
        # lighting line, two lines of action, a line each of dialogue and notes):
        # narrow cells need more lines for it. At least four lines, at most 42%.
        chars_per_line = max(12.0, cell.w / (sizes.base * 0.52))
        lines = 3 + TYPICAL_TEXT_CHARS / chars_per_line
        wanted = lines * sizes.base * 1.2 + 4 * sizes.base * 0.35 + pad
        min_text = min(max(wanted, 4 * sizes.base * 1.2 + pad), available * 0.42)
        image_h = min(cell.w / aspect, available - min_text)
    else:
        image_h = min(cell.w / aspect, available)
    image_h = max(image_h, min(available, 12.0))
    image_w = min(cell.w, image_h * aspect)
    image_h = image_w / aspect
    # The image lines up with the text's left edge, and the shot strip spans the image,
    # so the number sits over its frame and the duration at the frame's right corner.
    image = Box(cell.x, below - image_h, image_w, image_h)
    if strip is not None:
        strip = Box(image.x, strip.y, image.w, strip.h)
    text = Box(cell.x, cell.y, cell.w, image.y - pad - cell.y) if show_text else None
    return CellLayout(cell, strip, image, text)


@dataclass
class BoardPage:
    """One page of boards: the panels in grid order, and the scenes they come from."""

    panels: list[tuple[Scene, Panel]]

    @property
    def scenes(self) -> list[Scene]:
        seen: dict[str, Scene] = {}
        for scene, _panel in self.panels:
            seen.setdefault(scene.id, scene)
        return list(seen.values())


def paginate(panels: list[tuple[Scene, Panel]], per_page: int, scenes_start_new_page: bool) -> list[BoardPage]:
    """Split panels into pages of ``per_page``; optionally start each scene on a fresh page."""
    pages: list[BoardPage] = []
    current: list[tuple[Scene, Panel]] = []
    last_scene = None
    for scene, panel in panels:
        if current and (len(current) == per_page or (scenes_start_new_page and scene.id != last_scene)):
            pages.append(BoardPage(current))
            current = []
        current.append((scene, panel))
        last_scene = scene.id
    if current:
        pages.append(BoardPage(current))
    return pages
