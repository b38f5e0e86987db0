"""The headless command line: new, validate and info, with clear errors and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import load_project, save_project


def test_new_creates_a_project_that_validates(tmp_path, capsys):
    folder = tmp_path / "my film"
    assert main(["new", str(folder), "--title", "Мой фильм"]) == 0
    assert load_project(folder).project.title == "Мой фильм"
    assert (folder / "images").is_dir()
    assert main(["validate", str(folder)]) == 0
    assert "ok (0 scenes, 0 panels, 0 warnings)" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path, capsys):
    main(["new", str(tmp_path), "--title", "First"])
    before = tree_digest(tmp_path)
    assert main(["new", str(tmp_path), "--title", "Second"]) == 2
    assert "a project already exists here; nothing was changed" in capsys.readouterr().err
    assert tree_digest(tmp_path) == before


def test_validate_reports_warnings_on_stderr_and_exits_0(tmp_path, capsys):
    project = small_project()
    project.scenes[0].panels[0].image = "images/missing.png"
    save_project(project, tmp_path)
    assert main(["validate", str(tmp_path / "project.json")]) == 0
    captured = capsys.readouterr()
    assert "ok (2 scenes, 4 panels, 1 warnings)" in captured.out
    assert "warning:" in captured.err and "scenes[0].panels[0].image" in captured.err


def test_validate_exits_2_with_one_line_per_problem(tmp_path, capsys):
    save_project(small_project(), tmp_path)
    doc = json.loads((tmp_path / "project.json").read_text())
    doc["fps"] = "fast"
    doc["scenes"][0]["panels"][0]["camera"]["lens_mm"] = "wide"
    (tmp_path / "project.json").write_text(json.dumps(doc))
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0].startswith("error: ") and "fps: expected a number, found text" in err[0]
    assert "scenes[0].panels[0].camera.lens_mm" in err[1]


def test_info_counts_and_cast(tmp_path, capsys):
    project = small_project()
    project.scenes[0].panels[2].new_shot = False
    save_project(project, tmp_path)
    assert main(["info", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "scenes:    2" in out and "panels:    4" in out and "shots:     3" in out
    assert "duration:  0:08.5" in out and "MARA (Ana Lima)" in out
    assert main(["info", "--json", str(tmp_path)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["shots"] == 3 and summary["duration_ms"] == 8500


def test_usage_errors_are_one_line_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "storyboarder", "info"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "the following arguments are required: PROJECT" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_file_through_the_real_entry_point(tmp_path):
    (tmp_path / "project.json").write_bytes(b'{"format": "storyboarder", "version": 1, "scenes": [')
    result = subprocess.run(
        [sys.executable, "-m", "storyboarder", "validate", str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "project.json: line 1 column" in result.stderr
    assert "Traceback" not in result.stderr
