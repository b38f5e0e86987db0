"""The shot list as CSV, for LibreOffice Calc, Excel and anything else that reads a spreadsheet.

The file is UTF-8 with a byte order mark: Excel reads a CSV without one in
the legacy code page of the machine, which garbles every name outside it
(Ж, 北, é), while Calc and other readers skip the mark. Rows end in CRLF
and cells are quoted when they hold a comma, a quote or a line break, as
RFC 4180 and both spreadsheets expect. Numbers are written plain (duration
in seconds, lens in millimetres, minutes) so a spreadsheet can add them up.

Formula injection: a spreadsheet runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and some treat a leading tab or carriage return the
same way) as a formula, so text a project file carries could compute, or
call out, when the CSV is opened. Such a text cell is written with a
leading apostrophe (``'=SUM(A1)``), which makes it inert text everywhere;
``unguard`` takes the apostrophe off again when a CSV is read back. Plain
numbers, which never start with those characters here, are untouched.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from storyboarder.model.shot_columns import COLUMN_BY_KEY, ShotListContext, csv_text

from .shotlist_options import ShotListOptions, chosen_rows
from .storyboard_options import ExportResult
from .output import check_output_path, partial_file

if TYPE_CHECKING:
    from storyboarder.model import Project

#: What a spreadsheet may take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guard(text: str) -> str:
    """Make a cell inert in a spreadsheet: prefix text that could start a formula with an apostrophe."""
    # Text that already looks guarded is guarded once more, so that ``unguard`` gives it back unchanged.
    if text.startswith(FORMULA_STARTS) or (text.startswith(GUARD) and text[1:].startswith((*FORMULA_STARTS, GUARD))):
        return GUARD + text
    return text


def unguard(text: str) -> str:
    """Undo ``guard`` on a cell read back from one of our CSVs."""
    if text.startswith(GUARD) and text[1:].startswith((*FORMULA_STARTS, GUARD)):
        return text[1:]
    return text


def export_shotlist_csv(
    project: Project,
    out_path: str | os.PathLike,
    options: ShotListOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write the shot list of ``project`` as a CSV file at ``out_path``.

    ``progress(done, total)`` is called as rows are written and
    ``cancelled()`` asked between them; a cancelled export writes nothing.
    The file replaces ``out_path`` only when complete.
    """
    options = options or ShotListOptions()
    options.check()
    out = Path(out_path)
    check_output_path(out)
    rows = chosen_rows(project, options)
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("csv")]
    ctx = ShotListContext(project)
    result = ExportResult(out, pages=0, panels=len(rows))
    with partial_file(out) as part:
        with open(part.temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, dialect="excel")
            writer.writerow([column.csv_title for column in columns])
            progress(0, len(rows))
            for done, row in enumerate(rows, start=1):
                if cancelled():
                    result.cancelled = True
                    return result
                writer.writerow([_cell(column, row, ctx) for column in columns])
                if done % 200 == 0 or done == len(rows):
                    progress(done, len(rows))
        part.commit()
    return result


def _cell(column, row, ctx: ShotListContext) -> str:
    # Newlines inside a cell are kept (quoted); a lone CR would end the row in some readers.
    text = csv_text(column, row.scene, row.panel, ctx).replace("\r\n", "\n").replace("\r", "\n")
    return guard(text)


def read_shotlist_csv(path: str | os.PathLike) -> list[dict[str, str]]:
    """Read a shot list CSV back as one mapping per row, headers to cell text, guards removed."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{key: unguard(value) for key, value in row.items()} for row in csv.DictReader(handle)]
