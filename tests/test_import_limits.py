"""The importer, the save and the loader share one set of limits: nothing is written that the loader would refuse."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE, small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import ProjectError, limits, load_project, save_project
from storyboarder.io.fountain import ScriptError
from storyboarder.io.recovery import write_recovery
from storyboarder.io.save import dumps_bytes
from storyboarder.io.script_import import import_fountain, merge_fountain
from storyboarder.model.entities import MAX_TEXT

#: A small limit for these tests, so that a script of a few kilobytes is "too large".
SMALL_LIMIT = 40_000


def tiny_scenes(path, count: int):
    """A script of ``count`` one-line scenes: a few bytes each on disk, some hundred in a project file."""
    path.write_text("".join(f"INT. ROOM {i} - DAY\n\nA beat.\n\n" for i in range(count)))
    return path


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", SMALL_LIMIT)
    return SMALL_LIMIT


def test_a_small_script_that_would_expand_past_the_limit_is_refused_and_nothing_is_written(tmp_path, small_limit, capsys):
    script = tiny_scenes(tmp_path / "many.fountain", 200)
    assert script.stat().st_size < 6_000
    out = tmp_path / "film"
    assert main(["import", "fountain", str(script), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "a project file may be at most 40,000" in err and "nothing was imported" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_whatever_the_import_accepts_the_loader_opens(tmp_path, small_limit):
    accepted = refused = 0
    for count in range(10, 130, 12):
        script = tiny_scenes(tmp_path / f"s{count}.fountain", count)
        try:
            project, _plan = import_fountain(script)
        except ScriptError as exc:
            assert "may be at most 40,000" in str(exc)
            refused += 1
            continue
        accepted += 1
        save_project(project, tmp_path / f"film{count}")
        assert len(load_project(tmp_path / f"film{count}").project.scenes) == count
    assert accepted and refused  # the limit was met in the sweep, from both sides


def test_merging_into_an_open_project_counts_what_it_already_holds(tmp_path, small_limit):
    script = tiny_scenes(tmp_path / "few.fountain", 15)
    empty_plan = merge_fountain(small_project(), script)
    assert len(empty_plan.scenes) == 15
    big = small_project()
    big.scenes[0].panels[0].notes = "n" * (SMALL_LIMIT // 2)
    with pytest.raises(ScriptError, match="may be at most 40,000"):
        merge_fountain(big, script)


def test_save_and_autosave_refuse_a_file_the_loader_would_refuse_and_keep_the_last_one(tmp_path, small_limit):
    save_project(small_project(), tmp_path)
    before = tree_digest(tmp_path)
    project = small_project()
    project.scenes[0].panels[0].action = "a" * SMALL_LIMIT
    with pytest.raises(ProjectError, match=r"cannot save: the project file would be [\d,]+ bytes, and a project file may be at most 40,000"):
        save_project(project, tmp_path)
    with pytest.raises(ProjectError, match="cannot write the recovery copy: the project file would be"):
        write_recovery(project, tmp_path)
    assert tree_digest(tmp_path) == before
    assert load_project(tmp_path).project.scenes[0].panels[0].action == "Mara runs, beat 0"


def test_the_loader_refuses_by_the_same_shared_limit(tmp_path, monkeypatch):
    project = small_project()
    project.scenes[0].panels[0].action = "a" * 30_000
    save_project(project, tmp_path)
    below = len((tmp_path / "project.json").read_bytes()) - 1
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", below)
    with pytest.raises(ProjectError, match=f"a project file may be at most {below:,}"):
        load_project(tmp_path)


@pytest.mark.parametrize(
    "script, refusal",
    [
        ("Title: " + "x" * (MAX_TEXT + 1) + "\n\nINT. A - DAY\n\nHi.\n", "title page: title: the text is longer than 1,000,000 characters"),
        ("INT. " + "X" * (MAX_TEXT + 1) + " - DAY\n\nHi.\n", "heading: the text is longer than 1,000,000 characters"),
        ("INT. A - DAY\n\n= " + "x" * (MAX_TEXT + 1) + "\n\nHi.\n", "description: the text is longer than 1,000,000 characters"),
    ],
    ids=["title", "heading", "synopsis"],
)
def test_text_over_the_loaders_limit_is_refused_by_the_import(tmp_path, capsys, script, refusal):
    path = tmp_path / "long.fountain"
    path.write_text(script)
    out = tmp_path / "film"
    assert main(["import", "fountain", str(path), "-o", str(out)]) == 2
    assert refusal in capsys.readouterr().err
    assert not out.exists()


def test_the_size_estimate_is_close_to_what_a_save_writes(tmp_path):
    for project in (load_project(EXAMPLE).project, import_fountain(tiny_scenes(tmp_path / "s.fountain", 50))[0]):
        actual = len(dumps_bytes(project))
        assert abs(limits.estimated_file_bytes(project) - actual) <= actual * 0.005
