"""The building blocks of a printed call sheet: ruled tables, title bars, columns of entries.

Every table is flat (one Paragraph, or LongText for long text, per cell) and may split between rows
and inside a row, so no user text, however long, can make a block taller
than a page: it flows on instead of being cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.platypus import Paragraph, Table, TableStyle

from .call_sheet_text import INK, RULE, SHADE, Styles

#: Fill of a section's title row, and of a department's row among the crew.
TITLE_FILL = (0.78, 0.78, 0.80)
GROUP_FILL = (0.92, 0.92, 0.93)


def padding(styles: Styles) -> list[tuple]:
    """Cell padding for a text size: tight, so a dense day still fits one page."""
    s = styles.size
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), s * 0.35),
        ("RIGHTPADDING", (0, 0), (-1, -1), s * 0.35),
        ("TOPPADDING", (0, 0), (-1, -1), s * 0.08),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Empty cells are plain strings, which reportlab sizes in its 10 pt default: keep them small.
        ("FONTSIZE", (0, 0), (-1, -1), s * 0.5),
        ("LEADING", (0, 0), (-1, -1), s * 0.6),
        # ...and in the sheet's own font: reportlab's default, Helvetica, would be listed in the
        # file though nothing is drawn in it, and preflight flags a font that is not embedded.
        ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
    ]


def ruled_table(
    rows: list[list],
    widths: list[float],
    styles: Styles,
    *,
    title: Paragraph | None = None,
    header: list | None = None,
    commands: list[tuple] = (),
    grid: bool = True,
) -> Table:
    """A table with an optional title bar and column header, both repeated when it continues on the next page.

    ``commands`` address rows of ``rows`` counted from 0, whatever title
    and header come before them.
    """
    data: list[list] = []
    style: list[tuple] = padding(styles) + [("BOX", (0, 0), (-1, -1), 0.9, INK)]
    top = 0
    if title is not None:
        data.append([title] + [""] * (len(widths) - 1))
        style += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), TITLE_FILL), ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK)]
        top += 1
    if header is not None:
        # Without a title bar the header row is the section's title too, and is shaded as one.
        fill = SHADE if title is not None else TITLE_FILL
        data.append(header)
        style += [("BACKGROUND", (0, top), (-1, top), fill), ("LINEBELOW", (0, top), (-1, top), 0.6, INK)]
        top += 1
    data.extend(rows)
    if grid and len(data) > top:
        style.append(("INNERGRID", (0, top), (-1, -1), 0.35, RULE))
    if header is not None:
        style.append(("LINEAFTER", (0, top - 1), (-2, top - 1), 0.35, RULE))
    for command in commands:
        name, (c0, r0), (c1, r1), *rest = command
        style.append((name, (c0, r0 + top if r0 >= 0 else r0), (c1, r1 + top if r1 >= 0 else r1), *rest))
    table = Table(data, colWidths=widths, repeatRows=top, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


@dataclass
class Entry:
    """One entry of a list printed in side-by-side columns: a heading (a department) or an item."""

    cells: list
    heading: bool = False


def balance(entries: list[Entry], columns: int) -> list[list[Entry]]:
    """Split entries into at most ``columns`` columns of near-equal length, never ending a column on a heading."""
    if not entries:
        return [[] for _ in range(columns)]
    height = max(1, math.ceil(len(entries) / columns))
    while True:
        result: list[list[Entry]] = [[]]
        for index, entry in enumerate(entries):
            column = result[-1]
            full = len(column) >= height
            # A heading never sits alone at the foot of a column: it moves to the next with its items.
            orphan = entry.heading and len(column) >= height - 1 and index + 1 < len(entries)
            if column and (full or orphan):
                result.append([])
            result[-1].append(entry)
        if len(result) <= columns:
            return result + [[] for _ in range(columns - len(result))]
        height += 1


def column_table(
    entries: list[Entry],
    columns: int,
    group_widths: list[float],
    styles: Styles,
    *,
    title: Paragraph | None = None,
    heading_span: int = 2,
) -> Table:
    """Print entries side by side in ``columns`` groups of cells, with a line between groups.

    A heading entry spans its first ``heading_span`` cells and is shaded.
    """
    per = len(group_widths)
    laid = balance(entries, columns)
    rows_needed = max((len(column) for column in laid), default=0) or 1
    rows: list[list] = []
    commands: list[tuple] = []
    for row in range(rows_needed):
        cells: list = []
        for group, column in enumerate(laid):
            entry = column[row] if row < len(column) else None
            cells.extend(entry.cells if entry else [""] * per)
            if entry and entry.heading:
                first = group * per
                commands.append(("BACKGROUND", (first, row), (first + per - 1, row), GROUP_FILL))
                if heading_span > 1:
                    commands.append(("SPAN", (first, row), (first + heading_span - 1, row)))
        rows.append(cells)
    for group in range(1, columns):
        commands.append(("LINEBEFORE", (group * per, 0), (group * per, -1), 0.6, INK))
    return ruled_table(rows, group_widths * columns, styles, title=title, commands=commands, grid=False)
