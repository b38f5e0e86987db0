"""Shot list CSV: read back with the csv module, byte order mark, non-Latin text, formula guards, every column."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLE
from storyboarder.export import StoryboardExportError
from storyboarder.export.shotlist_csv import export_shotlist_csv, guard, read_shotlist_csv, unguard
from storyboarder.export.shotlist_options import ShotListOptions
from storyboarder.io import load_project
from storyboarder.model.shot_columns import COLUMN_BY_KEY, COLUMNS, CSV_COLUMNS, ShotListContext, cell_value, parse_cell
from storyboarder.model.shot_list import shot_rows
from shot_list_data import rich_project


def test_file_starts_with_a_bom_and_has_a_header_row(tmp_path):
    out = tmp_path / "shots.csv"
    result = export_shotlist_csv(rich_project(), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data  # rows end as spreadsheets expect
    with open(out, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == [COLUMN_BY_KEY[key].csv_title for key in CSV_COLUMNS]
    assert len(table) == 1 + 5 == 1 + result.panels
    assert result.path == out and not result.cancelled


def test_non_latin_text_and_line_breaks_survive(tmp_path):
    project = rich_project()
    out = tmp_path / "shots.csv"
    export_shotlist_csv(project, out)
    rows = read_shotlist_csv(out)
    assert rows[1]["Cast"] == "MARA, ЖЕНЯ"
    assert rows[3]["Dialogue"] == "ЖЕНЯ\nСтой!"
    assert rows[4]["Action"] == "Inside the van <b>&amp;</b>"
    assert rows[0]["Duration (s)"] == "3" and rows[1]["Lens (mm)"] == "50" and rows[0]["Est. minutes"] == "40"


def test_formula_cells_are_inert(tmp_path):
    project = rich_project()
    project.scenes[0].panels[0].action = "+1 more take"
    project.scenes[0].panels[1].action = "-ish"
    project.scenes[0].panels[2].action = "@SUM(A1:A9)"
    out = tmp_path / "shots.csv"
    export_shotlist_csv(project, out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.DictReader(handle))
    # As a spreadsheet sees them: no cell starts with a formula character.
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [value for row in raw for value in row.values() if value.startswith(starts)]
    assert raw[3]["Notes"] == "'=HYPERLINK(\"x\")"
    assert [raw[i]["Action"] for i in range(3)] == ["'+1 more take", "'-ish", "'@SUM(A1:A9)"]
    # Read back through our reader, the text is what the user typed.
    rows = read_shotlist_csv(out)
    assert rows[3]["Notes"] == "=HYPERLINK(\"x\")" and rows[1]["Action"] == "-ish"


@given(st.text(alphabet=st.sampled_from("'=+-@\tab\r"), max_size=8))
def test_guard_is_undone_exactly(text):
    guarded = guard(text)
    assert unguard(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_every_column_round_trips(tmp_path):
    project = rich_project()
    project.scenes[0].panels[1].shoot_order = 2
    keys = tuple(column.key for column in COLUMNS)
    out = tmp_path / "all.csv"
    export_shotlist_csv(project, out, ShotListOptions(columns=keys))
    rows = read_shotlist_csv(out)
    ctx = ShotListContext(project)
    for row, shot in zip(rows, shot_rows(project), strict=True):
        assert row["Scene"] == ctx.numbers[shot.scene.id] and row["Shot"] == ctx.shot_label(shot.panel)
        assert row["Image"] == (shot.panel.image or "")
        for column in COLUMNS:
            if column.editable:
                assert parse_cell(column, row[column.csv_title], ctx) == cell_value(column, shot.scene, shot.panel), column.key


def test_example_round_trips_and_choices_apply(tmp_path):
    loaded = load_project(EXAMPLE)
    out = tmp_path / "night.csv"
    result = export_shotlist_csv(loaded.project, out, ShotListOptions(scenes="2-3", columns=("shot", "lens", "cast"), as_shot=True))
    rows = read_shotlist_csv(out)
    assert list(rows[0]) == ["Shot", "Lens (mm)", "Cast", "Status", "Cut reason"]
    assert result.panels == len(rows) == 11
    assert rows[0]["Shot"] == "2A" and rows[-1]["Shot"] == "3F"


def test_shoot_order_puts_planned_shots_first(tmp_path):
    project = rich_project()
    panels = {p.id: p for _, p in project.iter_panels()}
    panels["d"].shoot_order, panels["c"].shoot_order = 1, 2
    out = tmp_path / "order.csv"
    export_shotlist_csv(project, out, ShotListOptions(order="shoot", columns=("shot", "shoot_order")))
    assert [(r["Shot"], r["Shoot #"]) for r in read_shotlist_csv(out)] == [("2A", "1"), ("1C", "2"), ("1A", ""), ("1B-1", ""), ("1B-2", "")]


def test_cancel_writes_nothing_and_progress_reaches_the_end(tmp_path):
    out = tmp_path / "shots.csv"
    out.write_text("old")
    result = export_shotlist_csv(rich_project(), out, cancelled=lambda: True)
    assert result.cancelled and out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["shots.csv"]
    seen = []
    export_shotlist_csv(rich_project(), out, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ShotListOptions(order="random"), "order: 'random'"),
        (ShotListOptions(columns=("shot", "nope")), "columns: unknown column 'nope'"),
        (ShotListOptions(scenes="7"), "scenes: '7' matches no scene"),
    ],
)
def test_bad_options_are_one_line_each(tmp_path, options, message):
    with pytest.raises(StoryboardExportError) as caught:
        export_shotlist_csv(rich_project(), tmp_path / "x.csv", options)
    assert any(problem.startswith(message) for problem in caught.value.problems), caught.value.problems
    assert not (tmp_path / "x.csv").exists()
