"""The one rule for where a project may be written: new, empty, its own or (when asked) another project's folder.

Without Qt: the rule lives in io and the CLI's ``new`` and ``import fountain`` use it as the GUI does.
"""

from __future__ import annotations

import pytest
from conftest import small_project, tree_digest

from storyboarder.cli import main
from storyboarder.io import ProjectError, new_project_folder, save_project
from storyboarder.io.folders import (
    FolderUse,
    folder_problem,
    folder_use,
    project_name_problem,
)
from storyboarder.io.save_as import save_project_as


def documents_folder(tmp_path):
    """A folder with someone's other files in it, like ~/Documents."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "tax return.pdf").write_bytes(b"%PDF-1.4 private")
    (folder / "holiday").mkdir()
    return folder


def test_what_a_folder_is_to_a_project(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".DS_Store").write_bytes(b"\0")  # what a Mac leaves behind does not make it occupied
    project = tmp_path / "film"
    save_project(small_project(), project)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")

    assert folder_use(tmp_path / "new one") is FolderUse.NEW
    assert folder_use(empty) is FolderUse.EMPTY
    assert folder_use(project) is FolderUse.PROJECT
    assert folder_use(project, source=project) is FolderUse.OWN
    assert folder_use(documents_folder(tmp_path)) is FolderUse.OCCUPIED
    (empty / "images").mkdir()
    assert folder_use(empty) is FolderUse.EMPTY, "an empty images/ holds nobody's files"
    (empty / "images" / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert folder_use(empty) is FolderUse.OCCUPIED, "a clean-up would take them for unused drawings"
    assert folder_use(a_file) is FolderUse.NOT_A_FOLDER
    assert folder_problem(project) == "a project already exists here; nothing was changed"
    assert folder_problem(project, replace=True) is None
    assert "not a Storyboarder project" in folder_problem(tmp_path / "Documents", replace=True)


def test_save_as_never_writes_into_a_folder_of_other_files(tmp_path):
    documents = documents_folder(tmp_path)
    before = tree_digest(documents)
    with pytest.raises(ProjectError) as caught:
        save_project_as(small_project(), documents, replace=True)
    assert str(caught.value).startswith(f"{documents}: this folder already holds other files")
    assert tree_digest(documents) == before
    assert not (documents / "project.json").exists() and not (documents / "images").exists()


def test_new_project_folder_refuses_a_folder_of_other_files_and_takes_an_empty_one(tmp_path):
    documents = documents_folder(tmp_path)
    with pytest.raises(ProjectError, match="not a Storyboarder project"):
        new_project_folder(documents, title="Lighthouse")
    assert not (documents / "project.json").exists()
    empty = tmp_path / "lighthouse"
    empty.mkdir()
    assert new_project_folder(empty, title="Lighthouse") == empty / "project.json"


def test_cli_new_refuses_a_folder_of_other_files(tmp_path, capsys):
    documents = documents_folder(tmp_path)
    before = tree_digest(documents)
    assert main(["new", str(documents), "--title", "Lighthouse"]) == 2
    err = capsys.readouterr().err
    assert f"{documents}: this folder already holds other files and is not a Storyboarder project" in err
    assert "Traceback" not in err
    assert tree_digest(documents) == before


def test_cli_import_fountain_refuses_a_folder_of_other_files(tmp_path, capsys):
    script = tmp_path / "script.fountain"
    script.write_text("Title: Lighthouse\n\nEXT. LIGHTHOUSE CLIFF - DAWN\n\nWaves.\n", encoding="utf-8")
    documents = documents_folder(tmp_path)
    before = tree_digest(documents)
    assert main(["import", "fountain", str(script), "-o", str(documents)]) == 2
    assert "not a Storyboarder project" in capsys.readouterr().err
    assert tree_digest(documents) == before
    # A new folder beside it works.
    assert main(["import", "fountain", str(script), "-o", str(tmp_path / "lighthouse")]) == 0
    assert (tmp_path / "lighthouse" / "project.json").is_file()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "type a name"),
        ("   ", "type a name"),
        ("Lighthouse/2", "cannot contain /"),
        ("What? Now", "cannot contain ?"),
        ("trailing.", "end with a dot"),
        (" lead", "start or end with a space"),
        ("CON", "reserved"),
        ("..", "end with a dot"),
    ],
)
def test_project_names_that_cannot_be_folders(name, problem):
    assert problem in project_name_problem(name)


@pytest.mark.parametrize("name", ["Lighthouse", "Маяк 灯台", "the-film_v2 (cut)"])
def test_ordinary_project_names_are_fine(name):
    assert project_name_problem(name) is None
