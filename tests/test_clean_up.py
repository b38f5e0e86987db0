"""Cleaning up unused images: what counts as used, the trash, and ``storyboarder clean`` (no Qt)."""

from __future__ import annotations

import json
import os
import socket

import pytest
from conftest import small_project, tree_digest

from storyboarder.cli import main
from storyboarder.io import ProjectError, save_project
from storyboarder.io.clean_up import (
    REMOVED_DIR,
    format_size,
    images_named_in,
    move_unused_images,
    plan_clean_up,
    project_image_paths,
)
from storyboarder.io.paths import LOCK_FILE
from storyboarder.model import Panel, Scene


def png(folder, name, size=100):
    path = folder / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG" + b"\0" * (size - 4))
    return path


@pytest.fixture
def project_folder(tmp_path):
    """A saved project whose images/ holds used and unused files, a backup and a recovery copy."""
    folder = tmp_path / "film"
    project = small_project()
    project.scenes[0].panels[0].image = "images/used.png"
    project.scenes[0].panels[1].layers = {"ink": "images/used-ink.png"}
    save_project(project, folder)
    png(folder, "used.png")
    png(folder, "used-ink.png")
    png(folder, "old-1.png", 1500)
    png(folder, "old-2.jpg", 2500)
    png(folder, "in-backup.png")
    png(folder, "in-recovery.png")
    (folder / "project.json.bak").write_text(json.dumps({"scenes": [{"panels": [{"image": "images/in-backup.png"}]}]}))
    (folder / "project.recovery.json").write_text(json.dumps({"x": {"layers": {"sketch": "images\\in-recovery.png"}}}))
    (folder / "images" / "notes.txt").write_text("not an image: not ours to judge")
    (folder / "images" / ".storyboarder-save-abc.png").write_bytes(b"a save in progress")
    os.symlink(folder / "images" / "used.png", folder / "images" / "link.png")
    return folder


def test_only_images_nothing_names_are_planned(project_folder):
    plan = plan_clean_up(project_folder)
    assert [image.relative for image in plan.images] == ["images/old-1.png", "images/old-2.jpg"]
    assert plan.total_bytes == 4000
    assert format_size(plan.total_bytes) == "4.0 kB"


def test_images_the_editor_still_holds_are_kept(project_folder):
    deleted = Panel(image="images/old-1.png")  # a deleted panel, held by the undo history
    held = images_named_in([Scene(panels=[deleted]), {"image": "images/OLD-2.JPG"}])
    assert held == {"images/old-1.png", "images/OLD-2.JPG"}
    assert plan_clean_up(project_folder, held).images == []


def test_the_projects_own_paths_include_layers_and_unsaved_images():
    project = small_project()
    project.scenes[0].panels[0].image = "images/a.png"
    project.scenes[1].panels[0].layers = {"ink": "images/b-ink.png"}
    project.pending_images["images/c.png"] = b"png"
    assert project_image_paths(project) == {"images/a.png", "images/b-ink.png", "images/c.png"}


def test_a_damaged_backup_stops_the_clean_up(project_folder):
    (project_folder / "project.json.bak").write_text('{"scenes": [')
    before = tree_digest(project_folder)
    with pytest.raises(ProjectError) as caught:
        plan_clean_up(project_folder)
    assert str(caught.value).startswith(f"{project_folder / 'project.json.bak'}: line 1 column")
    assert tree_digest(project_folder) == before


def test_moving_sends_the_images_to_the_system_trash(project_folder, trash):
    result = move_unused_images(plan_clean_up(project_folder))
    assert result.trashed == ["images/old-1.png", "images/old-2.jpg"] and result.moved == []
    assert sorted(p.name for p in trash.iterdir()) == ["old-1.png", "old-2.jpg"]
    assert not (project_folder / "images" / "old-1.png").exists()
    assert (project_folder / "images" / "used.png").exists()


def test_without_a_trash_the_images_go_into_removed_images(project_folder):
    (project_folder / REMOVED_DIR).mkdir()
    (project_folder / REMOVED_DIR / "old-1.png").write_bytes(b"an earlier clean-up")

    def no_trash(path):
        raise OSError(30, "Read-only file system")

    result = move_unused_images(plan_clean_up(project_folder), trash=no_trash)
    assert result.moved == ["images/old-1.png", "images/old-2.jpg"] and result.problems == []
    assert sorted(p.name for p in (project_folder / REMOVED_DIR).iterdir()) == ["old-1 (2).png", "old-1.png", "old-2.jpg"]
    assert (project_folder / REMOVED_DIR / "old-1.png").read_bytes() == b"an earlier clean-up"


def test_cli_dry_run_lists_the_images_and_their_size_and_changes_nothing(project_folder, capsys):
    before = tree_digest(project_folder)
    assert main(["clean", str(project_folder), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "images/old-1.png  1.5 kB",
        "images/old-2.jpg  2.5 kB",
        "2 unused images (4.0 kB) would go to the trash; nothing was changed",
    ]
    assert tree_digest(project_folder) == before
    assert not (project_folder / LOCK_FILE).exists()


def test_cli_clean_moves_them_to_the_trash(project_folder, trash, capsys):
    assert main(["clean", str(project_folder / "project.json")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "moved 2 of 2 unused images (4.0 kB) to the trash"
    assert sorted(p.name for p in trash.iterdir()) == ["old-1.png", "old-2.jpg"]
    assert plan_clean_up(project_folder).images == []
    assert not (project_folder / LOCK_FILE).exists(), "the lock taken for the clean-up is let go"


def test_cli_refuses_a_project_open_in_another_live_process(project_folder, capsys, editor_lock):
    editor_lock(project_folder)
    before = tree_digest(project_folder)
    assert main(["clean", str(project_folder)]) == 2
    err = capsys.readouterr().err
    assert "the project is open in Storyboarder (mara@" in err and "Clean Up Images" in err
    assert tree_digest(project_folder) == before


def test_cli_clean_on_a_folder_without_a_project(tmp_path, capsys):
    assert main(["clean", str(tmp_path)]) == 2
    assert f"{tmp_path / 'project.json'}: no such project file" in capsys.readouterr().err


def test_a_dry_run_leaves_a_stale_lock_file_as_it_is(project_folder, capsys):
    # A lock of a process long gone: a real clean takes it over, a dry run only looks and changes nothing.
    lock = {"pid": 2**31 - 2, "host": socket.gethostname(), "user": "mara", "started": "2026-12-03T09:00:00"}
    (project_folder / LOCK_FILE).write_text(json.dumps(lock))
    before = tree_digest(project_folder)
    assert main(["clean", str(project_folder), "--dry-run"]) == 0
    assert "nothing was changed" in capsys.readouterr().out
    assert tree_digest(project_folder) == before
