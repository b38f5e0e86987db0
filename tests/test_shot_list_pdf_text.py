"""The shot list PDF prints the same text after its layout stopped keeping every row.

The expected text was extracted (pypdf) from PDFs the earlier export, which
kept every laid-out row until the end, wrote of the example project.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import EXAMPLE
from pypdf import PdfReader

from storyboarder.export.shotlist_layout import LaidRow, lay_row
from storyboarder.export.shotlist_options import ShotListOptions
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.io import load_project

EXPECTED = Path(__file__).parent / "data" / "shotlist-night-market"


@pytest.mark.parametrize(
    "name, options",
    [("default", {}), ("thumbs-as-shot", {"thumbnails": True, "as_shot": True}), ("shoot-a4", {"order": "shoot", "paper": "a4"})],
)
def test_the_example_shot_list_prints_the_same_text(tmp_path, name, options):
    loaded = load_project(EXAMPLE)
    out = tmp_path / f"{name}.pdf"
    export_shotlist_pdf(loaded.project, loaded.folder, out, ShotListOptions(date=datetime.date(2025, 1, 1), **options))
    text = "\f".join(page.extract_text() for page in PdfReader(out).pages)
    assert text == (EXPECTED / f"{name}.txt").read_text()


def test_paginating_keeps_no_laid_out_cells(monkeypatch, tmp_path):
    """Every row is laid out again to be drawn: what waits for its page is only its height."""
    from storyboarder.export import shotlist_layout, shotlist_pdf

    paginated: list[LaidRow] = []
    real = shotlist_layout.paginate

    def spy(groups, geometry):
        paginated.extend(row for group in groups for row in group)
        return real(groups, geometry)

    monkeypatch.setattr(shotlist_pdf, "paginate", spy)
    loaded = load_project(EXAMPLE)
    export_shotlist_pdf(loaded.project, loaded.folder, tmp_path / "s.pdf", ShotListOptions(date=datetime.date(2025, 1, 1)))
    assert paginated and all(row.cells == [] and row.height > 0 for row in paginated)


def test_a_remembered_cell_lays_out_as_a_fresh_one():
    """The per-export memo of short cells gives the same layout as fitting them anew."""
    from storyboarder.export.fonts import load_font_set
    from storyboarder.export.shotlist_layout import measure_columns, place_columns
    from storyboarder.export.shotlist_options import chosen_rows
    from storyboarder.export.text_fit import Measurer
    from storyboarder.model.shot_columns import (
        COLUMN_BY_KEY,
        ShotListContext,
        cell_text,
    )

    loaded = load_project(EXAMPLE)
    options = ShotListOptions()
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("pdf")]
    ctx = ShotListContext(loaded.project)
    rows = chosen_rows(loaded.project, options)
    texts = [[cell_text(c, r.scene, r.panel, ctx) for c in columns] for r in rows]
    measure = Measurer(load_font_set(None)[0])
    geometry = place_columns(columns, measure_columns(columns, texts, measure), (792, 612), 16 / 9, measure)
    memo: dict = {}
    for index, row_texts in enumerate(texts * 2):
        assert lay_row(index, row_texts, geometry, measure, False, memo) == lay_row(index, row_texts, geometry, measure)
    assert memo


def test_the_one_line_shortcut_lays_out_as_the_general_fit():
    from storyboarder.export.fonts import load_font_set
    from storyboarder.export.shotlist_layout import (
        CELL_SIZE,
        PAD_X,
        PlacedColumn,
        _one_line,
        cell_blocks,
    )
    from storyboarder.export.storyboard_text import INK, MUTED
    from storyboarder.export.text_fit import Measurer, fit_blocks
    from storyboarder.model.shot_columns import COLUMN_BY_KEY

    measure = Measurer(load_font_set(None)[0])
    taken = 0
    for key in ("lens", "action", "notes", "movement"):
        placed = PlacedColumn(COLUMN_BY_KEY[key], 100.0, 60.0)
        for text in ("35mm", "Dolly  in, slow", " MCU ", "a b c d e f g h i j k l m n o p", "A|B", "tab\there", "Ωmega"):
            for color in (INK, MUTED):
                quick = _one_line(placed, text, color, measure)
                if quick is None:
                    continue
                taken += 1
                general = fit_blocks(cell_blocks(placed.column, text, color), placed.w - 2 * PAD_X, 500.0, CELL_SIZE, CELL_SIZE, measure)
                assert quick == general, (key, text)
    assert taken >= 12  # the short plain texts took the shortcut
