"""Lay a shot list out as a paginated table: column widths, wrapped cells, row heights and pages.

We paginate ourselves rather than through a reportlab ``Table``: every
cell is wrapped once with ``text_fit`` (user text is never read as markup,
and glyph fallback works), a row is never split across pages, a scene's
header never ends a page without its first row, and its subtotal stays
with its last row. A row taller than a page is cut short with "…" so it
still fits; the export warns about it.

Nothing here holds more than one row's text: the columns are measured
from a stream of rows (``measure_columns``), and a row is laid out once to
paginate and again to draw (``LaidRow.outline`` keeps only what the pages
need), so memory stays flat however long the list is.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyboarder.model.shot_columns import Column

from .storyboard_text import INK, MUTED, dialogue_paragraphs
from .text_fit import (
    BASELINE,
    LEADING,
    FittedText,
    Run,
    Span,
    TextBlock,
    clean_text,
    fit_blocks,
)

if TYPE_CHECKING:
    from .text_fit import Measurer

MARGIN = 28.0
HEADER_H = 30.0  # the title band above the table
FOOTER_H = 16.0
PAD_X = 2.6
PAD_Y = 2.4
CELL_SIZE = 7.0
HEAD_SIZE = 6.8
GROUP_SIZE = 8.2
SUBTOTAL_SIZE = 6.8
GROUP_H = GROUP_SIZE * LEADING + 2 * PAD_Y + 2.0
SUBTOTAL_H = SUBTOTAL_SIZE * LEADING + 2 * PAD_Y
#: The thumbnail column is at least this wide, whatever the other columns want.
MIN_THUMBNAIL_W = 56.0
#: Each column's share of a printed table's width, by column key (see ``allot_widths``).
WEIGHTS: dict[str, float] = {
    "scene": 0.45, "shot": 0.6, "thumbnail": 1.5, "shot_size": 0.65, "angle": 0.75, "movement": 0.8,
    "lens": 0.5, "camera": 0.45, "rig": 0.7, "setup": 0.5, "lighting_setup": 0.55, "lighting_style": 0.75,
    "cast": 1.0, "action": 2.4, "dialogue": 2.0, "duration": 0.55, "est_minutes": 0.5, "sched_minutes": 0.5, "notes": 1.6,
    "int_ext": 0.45, "location": 0.9, "time_of_day": 0.6, "shoot_order": 0.5, "status": 0.55, "cut_reason": 1.1,
}


def weight(column: Column) -> float:
    """A column's share of the width; a column this table does not know gets one share."""
    return WEIGHTS.get(column.key, 1.0)


@dataclass
class PlacedColumn:
    """A column with its place on the page."""

    column: Column
    x: float
    w: float

    @property
    def align(self) -> str:
        return "right" if self.column.numeric else "left"


@dataclass
class TableGeometry:
    """Where everything goes on a page of the table."""

    width: float
    height: float
    columns: list[PlacedColumn]
    head: list[FittedText]
    head_h: float
    #: The top of the body (under the column header) and its bottom (above the footer).
    body_top: float
    body_bottom: float
    thumb_h: float = 0.0

    @property
    def left(self) -> float:
        return MARGIN

    @property
    def right(self) -> float:
        return self.width - MARGIN

    @property
    def max_row_h(self) -> float:
        """The tallest a row may be: one that always fits a fresh page with its scene header and subtotal."""
        return self.body_top - self.body_bottom - GROUP_H - SUBTOTAL_H


#: Columns that take what width is left over, by weight; the others get what their text needs.
FLEXIBLE = frozenset({"action", "dialogue", "notes", "cut_reason", "cast", "location"})
#: The widest a column sized by its text may grow, and the narrowest a flexible column may shrink.
MAX_FITTED_W = 84.0
MIN_FLEXIBLE_W = 48.0
#: How much of the width long-text columns keep before short columns give up their spare room:
#: a share of the page, or this many points per unit of weight if that is less.
FLEXIBLE_SHARE = 0.45
POINTS_PER_WEIGHT = 70.0


def _text_width(text: str, bold: bool, size: float, measure: Measurer) -> float:
    if measure.covered(text, bold):
        return measure.width(measure.main_font(bold), text) * size
    return sum(width for _font, _piece, width in measure.runs(text, bold)) * size


def _widest_word(text: str, bold: bool, size: float, measure: Measurer) -> float:
    return max((_text_width(word, bold, size, measure) for word in text.split()), default=0.0)


#: Cells this short are remembered while a list is laid out: shot sizes, lenses, rigs repeat.
MEMO_TEXT = 48
MEMO_CELLS = 2048


@dataclass
class ColumnText:
    """What sizing a column needs to know of its cells: whether any has text, the longest and the widest word."""

    has_text: bool = False
    #: The widest cell on one line, and the widest word, in points at CELL_SIZE.
    natural: float = 0.0
    word: float = 0.0


def measure_columns(columns: list[Column], rows: Iterable[list[str]], measure: Measurer) -> list[ColumnText]:
    """Measure each column's cells from a stream of rows' texts, keeping none of them."""
    stats = [ColumnText() for _ in columns]
    sized = [i for i, c in enumerate(columns) if c.kind != "image" and c.key not in FLEXIBLE]
    flexible = [i for i, c in enumerate(columns) if c.key in FLEXIBLE]
    seen: list[set[str]] = [set() for _ in columns]  # short values repeat: each is measured once
    for texts in rows:
        for i in flexible:
            if not stats[i].has_text and texts[i].strip():
                stats[i].has_text = True
        for i in sized:
            text = texts[i]
            if not text or text in seen[i]:
                continue
            if len(text) <= MEMO_TEXT and len(seen[i]) < MEMO_CELLS:
                seen[i].add(text)
            column = stats[i]
            column.has_text = True
            natural = _text_width(" ".join(text.split()), False, CELL_SIZE, measure)
            column.natural = max(column.natural, natural)
            if natural > column.word:  # a word is never wider than its whole line
                column.word = max(column.word, _widest_word(text, False, CELL_SIZE, measure))
    return stats


def column_widths(columns: list[Column], texts: list[ColumnText], inner: float, thumb_w: float, measure: Measurer) -> list[float]:
    """Share ``inner`` points among columns: short columns as wide as their text (within a cap), long ones by weight.

    ``texts[i]`` measures column ``i``'s cells (``measure_columns``). A short
    column is never narrower than its longest word or its header's, so
    "Steadicam" and "0:04.5" never break; when the page is too narrow for
    all that, every column shrinks alike.
    """
    widths: list[float | None] = []
    needs: list[float] = []
    for column, cells in zip(columns, texts):
        head = _widest_word(column.title, True, HEAD_SIZE, measure) + 2 * PAD_X + 0.5
        if column.kind == "image":
            widths.append(thumb_w)
            needs.append(min(thumb_w, MIN_THUMBNAIL_W))
        elif column.key in FLEXIBLE and cells.has_text:
            widths.append(None)
            needs.append(max(head, MIN_FLEXIBLE_W))
        elif column.key in FLEXIBLE:
            widths.append(head)  # nothing to print: the header is all it needs
            needs.append(head)
        else:
            natural, word = cells.natural, cells.word
            need = max(head, min(word + 2 * PAD_X + 0.5, MAX_FITTED_W))
            widths.append(max(need, min(natural + 2 * PAD_X + 0.5, MAX_FITTED_W)))
            needs.append(need)
    flexible = [i for i, w in enumerate(widths) if w is None]
    fitted = [i for i, w in enumerate(widths) if w is not None]
    # Short columns give up their spare width (down to their longest word) before long text is starved.
    wanted = min(FLEXIBLE_SHARE * inner, sum(weight(columns[i]) for i in flexible) * POINTS_PER_WEIGHT)
    room = inner - max(sum(needs[i] for i in flexible), wanted)
    natural_total = sum(widths[i] for i in fitted)
    need_total = sum(needs[i] for i in fitted)
    if natural_total > room:
        ratio = max(0.0, room - need_total) / (natural_total - need_total) if natural_total > need_total else 0.0
        for i in fitted:
            widths[i] = needs[i] + (widths[i] - needs[i]) * ratio
    rest = inner - sum(widths[i] for i in fitted)
    if flexible and rest > sum(needs[i] for i in flexible):
        # Weighted shares, but never below a column's need: settle the starved ones first.
        open_set = list(flexible)
        while open_set:
            total_weight = sum(weight(columns[i]) for i in open_set)
            starved = [i for i in open_set if rest * weight(columns[i]) / total_weight < needs[i]]
            if not starved:
                for i in open_set:
                    widths[i] = rest * weight(columns[i]) / total_weight
                break
            for i in starved:
                widths[i] = needs[i]
                rest -= needs[i]
                open_set.remove(i)
    else:
        for i in flexible:
            widths[i] = needs[i]
        if not flexible and rest > 0:
            # Nothing flexible: spread the spare room over the text columns.
            spread = [i for i in fitted if columns[i].kind != "image"] or fitted
            for i in spread:
                widths[i] += rest / len(spread)
    total = sum(widths)
    if total > inner:
        widths = [w * inner / total for w in widths]
    return widths


def place_columns(columns: list[Column], texts: list[ColumnText], page: tuple[float, float], aspect: float, measure: Measurer) -> TableGeometry:
    """Place the columns across the page (see ``column_widths``) and fit their headers."""
    width, height = page
    inner = width - 2 * MARGIN
    thumb_w = 0.0
    if any(c.kind == "image" for c in columns):
        # About a tenth of the page, so a frame is big enough to read and the text keeps its room.
        thumb_w = max(MIN_THUMBNAIL_W, inner * 0.1)
    placed = []
    x = MARGIN
    for column, w in zip(columns, column_widths(columns, texts, inner, thumb_w, measure)):
        placed.append(PlacedColumn(column, x, w))
        x += w
    thumb_w = next((c.w for c in placed if c.column.kind == "image"), 0.0)
    head = [fit_blocks([TextBlock([[Span(c.column.title, bold=True, color=INK)]])], c.w - 2 * PAD_X, 60.0, HEAD_SIZE, HEAD_SIZE, measure) for c in placed]
    head_h = max(len(f.lines) for f in head) * HEAD_SIZE * LEADING + 2 * PAD_Y
    body_top = height - MARGIN - HEADER_H - head_h
    geometry = TableGeometry(width, height, placed, head, head_h, body_top, MARGIN + FOOTER_H)
    if thumb_w:
        # A very tall frame (a portrait aspect ratio) is capped so its row still fits a page.
        geometry.thumb_h = min((thumb_w - 2 * PAD_X) / aspect, geometry.max_row_h - 2 * PAD_Y)
    return geometry


def cell_blocks(column: Column, text: str, color=INK) -> list[TextBlock]:
    """The styled text of one cell: dialogue with its cues in bold, other text as written."""
    if not text.strip():
        return []
    if column.key == "dialogue":
        paragraphs = dialogue_paragraphs(text)
        if color is not INK:
            paragraphs = [[Span(s.text, s.bold, color, s.keep_between) for s in p] for p in paragraphs]
    elif column.multiline:
        paragraphs = [[Span(line.strip(), color=color)] for line in clean_text(text).split("\n") if line.strip()]
    else:
        paragraphs = [[Span(" ".join(clean_text(text).split()), color=color)]]
    return [TextBlock(paragraphs, column.key)] if paragraphs else []


@dataclass
class LaidRow:
    """One table row, its cells fitted and its height known."""

    index: int
    cells: list[FittedText]
    height: float
    clipped: list[str] = field(default_factory=list)
    cut: bool = False

    def outline(self) -> LaidRow:
        """The row without its fitted cells: all that paginating needs, a few numbers."""
        return LaidRow(self.index, [], self.height, self.clipped, self.cut)


def lay_row(
    index: int, texts: list[str], geometry: TableGeometry, measure: Measurer, cut: bool = False, memo: dict | None = None
) -> LaidRow:
    """Wrap one row's cells to their column widths and measure the row.

    ``memo``, a dict kept for one export, remembers short cells' layouts
    (at most ``MEMO_CELLS``), so that a value seen before is not fitted again.
    """
    color = MUTED if cut else INK
    limit = geometry.max_row_h - 2 * PAD_Y
    cells = []
    clipped = []
    lines = 1
    for column_index, (placed, text) in enumerate(zip(geometry.columns, texts)):
        if placed.column.kind == "image" or not text:
            cells.append(FittedText(CELL_SIZE, []))
            continue
        key = (column_index, text, cut) if memo is not None and len(text) <= MEMO_TEXT else None
        fitted = memo.get(key) if key is not None else None
        if fitted is None:
            fitted = _fit_cell(placed, text, color, limit, measure)
            if key is not None and len(memo) < MEMO_CELLS:
                memo[key] = fitted
        if fitted.clipped:
            clipped.append(placed.column.key)
        cells.append(fitted)
        lines = max(lines, len(fitted.lines))
    height = lines * CELL_SIZE * LEADING + 2 * PAD_Y
    if geometry.thumb_h:
        height = max(height, geometry.thumb_h + 2 * PAD_Y)
    return LaidRow(index, cells, height, clipped, cut)


def _fit_cell(placed: PlacedColumn, text: str, color, limit: float, measure: Measurer) -> FittedText:
    fitted = _one_line(placed, text, color, measure)
    if fitted is not None:
        return fitted
    blocks = cell_blocks(placed.column, text, color)
    if not blocks:
        return FittedText(CELL_SIZE, [])
    return fit_blocks(blocks, placed.w - 2 * PAD_X, limit, CELL_SIZE, CELL_SIZE, measure)


_PRINTABLE = frozenset(chr(code) for code in range(32, 127))
_ASCII_COVERED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _covers_ascii(measure: Measurer) -> bool:
    """Whether the regular font prints every printable ASCII character (asked once per Measurer)."""
    known = _ASCII_COVERED.get(measure)
    if known is None:
        known = _ASCII_COVERED[measure] = measure.covered("".join(sorted(_PRINTABLE)), False)
    return known


def _one_line(placed: PlacedColumn, text: str, color, measure: Measurer) -> FittedText | None:
    """A short plain cell that fits on one line, laid out as ``fit_blocks`` lays it; None for any other.

    Most cells are a label, a lens or a duration: this spares them the
    general wrapping, which they would pass through unchanged. Only ASCII
    text the main font covers, outside the dialogue column, qualifies.
    """
    if not text.isascii() or "|" in text or placed.column.key == "dialogue":
        return None  # "|" glues to the word before it, as a separator does
    words = text.split()
    if not words:
        return None
    if not _PRINTABLE.issuperset(text) or not _covers_ascii(measure):
        return None  # line breaks, tabs and control characters, and glyph fallback: the general way
    font = measure.main_font(False)
    avail = (placed.w - 2 * PAD_X) / CELL_SIZE
    space = measure.space(font)
    x = 0.0
    for index, word in enumerate(words):
        # The same sums in the same order as text_fit's wrapping, so the numbers come out the same.
        start = x + space if index else x
        width = measure.width(font, word)
        if start + width > avail + 1e-9:
            return None
        x = start + width
    line = [Run(0.0, font, " ".join(words), color, x)]
    return FittedText(CELL_SIZE, [(CELL_SIZE * LEADING - CELL_SIZE * BASELINE, line)])


@dataclass
class Item:
    """Something a page holds: a scene header, a row or a subtotal, with its height."""

    kind: str  # "group", "row", "subtotal"
    height: float
    group: int
    row: LaidRow | None = None
    continued: bool = False


def paginate(groups: list[list[LaidRow]], geometry: TableGeometry) -> list[list[Item]]:
    """Put each scene's header, rows and subtotal on pages; a row never splits, a header never ends a page."""
    pages: list[list[Item]] = [[]]
    room = geometry.body_top - geometry.body_bottom
    left = room
    for g, rows in enumerate(groups):
        for r, row in enumerate(rows):
            last = r == len(rows) - 1
            need = row.height + (SUBTOTAL_H if last else 0.0)
            header = GROUP_H if r == 0 else 0.0
            if header + need > left + 1e-6 and pages[-1]:
                pages.append([])
                left = room
                header = GROUP_H  # the scene's header repeats, marked "continued"
            if header:
                pages[-1].append(Item("group", GROUP_H, g, continued=r > 0))
                left -= GROUP_H
            pages[-1].append(Item("row", row.height, g, row))
            left -= row.height
        pages[-1].append(Item("subtotal", SUBTOTAL_H, g))
        left -= SUBTOTAL_H
    return pages
