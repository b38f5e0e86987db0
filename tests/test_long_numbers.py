"""Numbers written in text are read at any length: a 5,000-digit scene number is no reason for a traceback.

Python's int() refuses text of more than 4,300 digits; scene numbers, shot
labels, day numbers and page counts come from files and users.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLE
from storyboarder.cli import main
from storyboarder.export.scene_selection import select_scenes
from storyboarder.io import load_project, save_project
from storyboarder.model import Panel, Project, Scene, scene_numbers
from storyboarder.model.call_sheet import build_call_sheet
from storyboarder.model.digits import add_one, natural_key, number_key, whole_number
from storyboarder.model.pages import parse_eighths
from storyboarder.model.shot_columns import ShotListContext, parse_cell, sort_key

LONG = "1" * 5000
NINES = "9" * 5000


def test_digit_strings_sort_by_value_at_any_length():
    keys = sorted(["10A", LONG, "2A", "9" * 4999, "007", "\u0663"], key=natural_key)  # U+0663 is Arabic-Indic 3
    assert keys == ["2A", "\u0663", "007", "10A", "9" * 4999, LONG]
    assert number_key("0042") == number_key("42") == number_key("\u0664\u0662")


def test_add_one_carries_at_any_length():
    assert add_one("12") == "13" and add_one("0099") == "100" and add_one("\u0669") == "10"
    assert add_one(NINES) == "1" + "0" * 5000
    assert add_one(LONG) == "1" * 4999 + "2"
    assert add_one("1" + "9" * 30) == "2" + "0" * 30


@given(st.integers(min_value=0, max_value=10**40), st.integers(min_value=0, max_value=10**40), st.integers(0, 3))
def test_digit_arithmetic_agrees_with_int_where_int_works(a, b, zeros):
    padded = "0" * zeros + str(a)
    assert add_one(padded) == str(a + 1)
    assert (number_key(padded) < number_key(str(b))) == (a < b)
    assert whole_number(padded, 10**20) == min(a, 10**20 + 1)


def test_whole_number_reads_only_digits_and_caps_long_ones():
    assert whole_number("12", 30) == 12 and whole_number(NINES, 30) == 31 and whole_number("31", 30) == 31
    assert whole_number("", 5) is None and whole_number("1e3", 5) is None and whole_number("\u00b2", 5) is None


def test_scene_numbers_count_on_after_a_very_long_locked_number():
    project = Project(scenes=[Scene(number=LONG), Scene(), Scene(number=NINES + "A"), Scene()])
    numbers = list(scene_numbers(project).values())
    assert numbers == [LONG, "1" * 4999 + "2", NINES + "A", "1" + "0" * 5000]


def test_scene_selection_ranges_compare_long_numbers():
    project = Project(scenes=[Scene(number="3"), Scene(number=LONG), Scene(number="12")])
    assert select_scenes(project, "1-" + NINES) == project.scenes
    assert select_scenes(project, "4-" + NINES) == project.scenes[1:]
    assert select_scenes(project, LONG) == [project.scenes[1]]


def test_typed_numbers_of_any_length_are_refused_in_words():
    with pytest.raises(ValueError, match="more pages than a scene can have"):
        parse_eighths(NINES)
    with pytest.raises(ValueError, match="more pages than a scene can have"):
        parse_eighths("1 " + NINES + "/8")
    ctx = ShotListContext(Project(scenes=[Scene(panels=[Panel()])]))
    for typed in ("0:" + NINES + ":1", "0:" + "9" * 400 + ":1", NINES):
        with pytest.raises(ValueError, match="duration") as caught:
            parse_cell("duration", typed, ctx)
        assert NINES not in str(caught.value)


def test_shot_list_sorts_by_shot_with_long_numbers():
    project = Project(scenes=[Scene(number=LONG, panels=[Panel(), Panel(shot=NINES)]), Scene(number="2", panels=[Panel()])])
    ctx = ShotListContext(project)
    rows = [(scene, panel) for scene in project.scenes for panel in scene.panels]
    ordered = sorted(rows, key=lambda row: sort_key("shot", row[0], row[1], ctx))
    assert [panel.shot or scene.number for scene, panel in ordered] == ["2", LONG, NINES]


@pytest.fixture
def long_numbered(tmp_path):
    """The example project with scene numbers of thousands of digits (and no pictures, so the exports stay quick)."""
    doc = json.loads((EXAMPLE / "project.json").read_text(encoding="utf-8"))
    doc["scenes"][0]["number"] = LONG
    doc["scenes"][1]["number"] = NINES
    doc["scenes"][1]["panels"][0]["shot"] = "7" * 4500
    doc["scenes"][2]["number"] = "3"  # day 2 keeps short numbers (see the call sheet below)
    for scene in doc["scenes"]:
        for panel in scene["panels"]:
            panel["image"] = None
    folder = tmp_path / "film"
    folder.mkdir()
    (folder / "project.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def test_every_command_works_on_a_project_with_a_5000_digit_scene_number(long_numbered, tmp_path, capsys):
    folder, out = long_numbered, tmp_path / "out"
    out.mkdir()
    commands = [
        ["validate", str(folder)],
        ["info", str(folder)],
        ["plan", str(folder)],
        ["plan", str(folder), "--day", "1"],
        ["plan", str(folder), "--scene", LONG],
        ["export", "storyboard", str(folder), "-o", str(out / "board.pdf")],
        ["export", "storyboard", str(folder), "-o", str(out / "part.pdf"), "--scenes", f"1-{NINES}"],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.pdf")],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.csv"), "--order", "shoot"],
        # Day 1's sheet prints the long numbers, and reportlab wraps a long unbroken word in
        # quadratic time (issue 13, item 10); day 2's sheet still numbers every scene of the project.
        ["export", "callsheet", str(folder), "-o", str(out / "call.pdf"), "--day", "2"],
        ["export", "animatic", str(folder), "-o", str(out / "cut.gif"), "--width", "160"],
        ["export", "edit", str(folder), "-o", str(out / "cut.edl")],
    ]
    for command in commands:
        assert main(command) == 0, command
        assert "Traceback" not in capsys.readouterr().err
    assert LONG in (out / "shots.csv").read_text(encoding="utf-8-sig")
    project = load_project(folder).project
    sheet = build_call_sheet(project, project.shoot_days[0])
    assert [line.number for line in sheet.scenes] == [LONG, NINES]
    save_project(load_project(folder).project, folder)
    assert load_project(folder).project.scenes[0].number == LONG


@pytest.mark.parametrize(
    "command, message",
    [
        (["plan", "{folder}", "--day", NINES], "is not a shoot day of this project (it has days 1 to 2)"),
        (["export", "callsheet", "{folder}", "-o", "{out}/c.pdf", "--day", NINES], "the schedule has days 1 to 2"),
        (["export", "callsheet", "{folder}", "-o", "{out}/c.pdf", "--day", f"1-{NINES}"], "the schedule has days 1 to 2"),
        (["export", "storyboard", "{folder}", "-o", "{out}/b.pdf", "--layout", f"{NINES}x2"], "must have 1 to 8 columns and rows"),
    ],
    ids=["plan-day", "callsheet-day", "callsheet-days", "layout"],
)
def test_long_numbers_typed_on_the_command_line_are_refused_in_words(long_numbered, tmp_path, capsys, command, message):
    command = [part.format(folder=long_numbered, out=tmp_path) for part in command]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and NINES not in err

