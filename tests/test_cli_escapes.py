"""Project text cannot drive the terminal: every human-readable line the CLI prints has its control characters escaped."""

from __future__ import annotations

import json

import pytest

from conftest import small_project
from storyboarder.cli import main
from storyboarder.cli_report import printable
from storyboarder.io import save_project
from storyboarder.model.fields import one_line

#: Sets the terminal's window title (OSC 0), then a CSI that clears the screen, then C1 CSI.
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x9b31m"
ESCAPED = "\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m"


@pytest.fixture
def folder(tmp_path):
    project = small_project()
    project.title = f"Night {HOSTILE}"
    project.director = HOSTILE
    project.cast[0].character = f"MARA{HOSTILE}"
    project.cast[0].actor = HOSTILE
    project.scenes[0].heading = f"EXT. MARKET {HOSTILE} - NIGHT"
    project.scenes[0].panels[0].image = f"images/{HOSTILE}.png"  # missing: a warning that names it
    save_project(project, tmp_path / "film")
    return tmp_path / "film"


def assert_clean(text: str) -> None:
    assert not any(ord(ch) < 0x20 and ch != "\n" or 0x7F <= ord(ch) <= 0x9F for ch in text), repr(text)


def test_info_prints_project_text_escaped(folder, capsys):
    assert main(["info", str(folder)]) == 0
    out = capsys.readouterr()
    # One-line fields lose their control characters on load (model.fields.one_line), with a warning;
    # what is left, and every block of text and path, is printed escaped.
    shown = one_line(HOSTILE)
    assert f"title:     Night {shown}" in out.out.splitlines()
    assert f"director:  {shown}" in out.out.splitlines()
    assert f"  MARA {shown} ({shown})" in out.out.splitlines()
    assert "title: a one-line field held line breaks or control characters" in out.err
    assert ESCAPED in out.err  # the missing image's path
    assert_clean(out.out)
    assert_clean(out.err)


def test_info_json_stays_valid_json_without_raw_controls(folder, capsys):
    assert main(["info", str(folder), "--json"]) == 0
    out = capsys.readouterr().out
    assert_clean(out)
    assert json.loads(out)["title"] == f"Night {one_line(HOSTILE)}"


def test_validate_warnings_and_errors_are_escaped(folder, tmp_path, capsys):
    assert main(["validate", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "scenes[0].panels[0].image" in captured.err
    assert_clean(captured.out)
    assert_clean(captured.err)
    # A path named by the user is project text too, in errors as in the "ok" line.
    missing = tmp_path / f"gone{HOSTILE}"
    assert main(["validate", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"gone{ESCAPED}" in err
    assert_clean(err)


def test_plan_and_export_lines_are_escaped(folder, tmp_path, capsys):
    assert main(["plan", str(folder)]) == 0
    assert main(["export", "shotlist", str(folder), "-o", str(tmp_path / f"shots{HOSTILE}.csv")]) == 0
    captured = capsys.readouterr()
    assert f"shots{ESCAPED}.csv" in captured.out
    assert_clean(captured.out)
    assert_clean(captured.err)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain é 日本", "plain é 日本"),
        ("tab\tand\nnewline\r", "tab\\x09and\\x0anewline\\x0d"),
        ("\x00\x7f\x9b", "\\x00\\x7f\\x9b"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
    ],
)
def test_printable_escapes_only_control_characters(text, shown):
    assert printable(text) == shown
