"""Autosave recovery copies and the project lock file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from conftest import small_project, tree_digest
from storyboarder.io import PROJECT_FILE, ProjectError, dumps, load_project, save_project
from storyboarder.io.recovery import (
    LOCK_FILE,
    RECOVERY_FILE,
    LockInfo,
    acquire_lock,
    discard_recovery,
    discard_untitled,
    find_recovery,
    load_recovery,
    read_lock,
    release_lock,
    restore_untitled,
    untitled_recoveries,
    write_recovery,
)
from storyboarder.io.staging import add_image, stage_image

IMAGE = b"\x89PNG\r\n\x1a\n pretend pixels"


@pytest.fixture
def saved(tmp_path):
    """A saved project folder and the project, as the editor holds it."""
    folder = tmp_path / "board"
    project = small_project()
    save_project(project, folder)
    return folder, project


def set_mtime(path, seconds):
    os.utime(path, ns=(seconds * 1_000_000_000, seconds * 1_000_000_000))


# Recovery copies


def test_recovery_round_trip_with_an_unsaved_image(saved):
    folder, project = saved
    panel = project.scenes[0].panels[0]
    panel.action = "Mara vaults the noodle stall"
    relative = stage_image(project, panel, IMAGE)
    before = tree_digest(folder)

    path = write_recovery(project, folder)

    assert path == folder / RECOVERY_FILE
    assert (folder / relative).read_bytes() == IMAGE
    assert project.pending_images == {relative: IMAGE}, "the real save still has to know"
    changed = {name for name, digest in tree_digest(folder).items() if before.get(name) != digest}
    assert changed == {RECOVERY_FILE, relative}

    loaded = load_recovery(folder)
    assert loaded.warnings == []
    assert loaded.file == folder / RECOVERY_FILE and loaded.folder == folder
    assert loaded.project.scenes[0].panels[0].action == "Mara vaults the noodle stall"
    assert loaded.project.scenes[0].panels[0].image == relative
    assert dumps(loaded.project) == dumps(project)


def test_write_recovery_leaves_project_json_untouched(saved):
    folder, project = saved
    project.title = "Changed after the save"
    stage_image(project, project.scenes[1].panels[0], IMAGE)
    original = (folder / PROJECT_FILE).read_bytes()
    original_mtime = (folder / PROJECT_FILE).stat().st_mtime_ns

    write_recovery(project, folder)
    write_recovery(project, folder)  # the images exist now and are skipped

    assert (folder / PROJECT_FILE).read_bytes() == original
    assert (folder / PROJECT_FILE).stat().st_mtime_ns == original_mtime
    assert json.loads((folder / RECOVERY_FILE).read_bytes())["title"] == "Changed after the save"


def test_a_later_real_save_still_writes_pending_images(saved, tmp_path):
    folder, project = saved
    relative = stage_image(project, project.scenes[0].panels[1], IMAGE)
    write_recovery(project, tmp_path / "data-dir")
    save_project(project, folder)
    assert (folder / relative).read_bytes() == IMAGE


def test_a_never_saved_project_recovers_from_the_data_folder(tmp_path):
    data_dir = tmp_path / "app-data" / "recovery" / "untitled-1"
    project = small_project()
    relative = stage_image(project, project.scenes[0].panels[0], IMAGE)

    write_recovery(project, data_dir)

    assert find_recovery(data_dir) == data_dir / RECOVERY_FILE
    loaded = load_recovery(data_dir)
    assert loaded.warnings == []
    assert (loaded.folder / loaded.project.scenes[0].panels[0].image).read_bytes() == IMAGE
    assert relative in project.pending_images


def test_find_recovery_offers_only_a_copy_newer_than_the_project(saved):
    folder, project = saved
    assert find_recovery(folder) is None
    write_recovery(project, folder)

    set_mtime(folder / PROJECT_FILE, 1_700_000_000)
    set_mtime(folder / RECOVERY_FILE, 1_700_000_060)
    assert find_recovery(folder) == folder / RECOVERY_FILE

    set_mtime(folder / RECOVERY_FILE, 1_699_999_940)
    assert find_recovery(folder) is None, "saved after the autosave: nothing to recover"


def test_find_recovery_on_a_timestamp_tie_offers_only_a_different_copy(saved):
    folder, project = saved
    write_recovery(project, folder)
    set_mtime(folder / PROJECT_FILE, 1_700_000_000)
    set_mtime(folder / RECOVERY_FILE, 1_700_000_000)
    assert find_recovery(folder) is None, "the copy is the saved project, byte for byte"

    project.title = "Edited in the same second"
    write_recovery(project, folder)
    set_mtime(folder / RECOVERY_FILE, 1_700_000_000)
    assert find_recovery(folder) == folder / RECOVERY_FILE


def test_find_recovery_without_a_project_file(tmp_path):
    assert find_recovery(tmp_path / "nowhere") is None
    write_recovery(small_project(), tmp_path)
    assert find_recovery(tmp_path) == tmp_path / RECOVERY_FILE


def test_discard_recovery(saved):
    folder, project = saved
    write_recovery(project, folder)
    assert discard_recovery(folder) is True
    assert find_recovery(folder) is None and not (folder / RECOVERY_FILE).exists()
    assert (folder / PROJECT_FILE).exists()
    assert discard_recovery(folder) is True, "nothing to discard is fine"


def test_load_recovery_reports_a_missing_or_damaged_copy(saved):
    folder, _ = saved
    with pytest.raises(ProjectError, match="no recovery copy"):
        load_recovery(folder)
    (folder / RECOVERY_FILE).write_bytes(b'{"format": "storyboarder", "version": 1, "scenes": [')
    with pytest.raises(ProjectError) as caught:
        load_recovery(folder)
    assert str(folder / RECOVERY_FILE) in str(caught.value)


def test_write_recovery_reports_an_unwritable_folder(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    with pytest.raises(ProjectError, match="cannot write the recovery copy"):
        write_recovery(small_project(), blocker)


# Untitled projects: their recovery copies live in folders of their own


def test_an_untitled_recovery_restores_with_its_images_as_unsaved_images(tmp_path):
    root = tmp_path / "recovery"
    project = small_project()
    panel = project.scenes[0].panels[0]
    relative = stage_image(project, panel, IMAGE)
    panel.layers = {"ink": add_image(project, panel, IMAGE + b" ink", layer="ink")}
    write_recovery(project, root / "untitled-1")

    loaded = restore_untitled(root / "untitled-1")

    restored = loaded.project
    assert loaded.warnings == []
    assert dict(restored.pending_images) == {relative: IMAGE, panel.layers["ink"]: IMAGE + b" ink"}
    assert dumps(restored) == dumps(project)
    # The first save puts the images into the folder the user chose, and the project reopens whole.
    discard_untitled(root / "untitled-1")
    assert not (root / "untitled-1").exists()
    save_project(restored, tmp_path / "board")
    again = load_project(tmp_path / "board")
    assert again.warnings == []
    assert (tmp_path / "board" / relative).read_bytes() == IMAGE


def test_untitled_recoveries_lists_copies_newest_first(tmp_path):
    root = tmp_path / "recovery"
    assert untitled_recoveries(root) == []
    for name, seconds in (("old", 1_000), ("new", 3_000), ("middle", 2_000)):
        write_recovery(small_project(), root / name)
        set_mtime(root / name / RECOVERY_FILE, seconds)
    (root / "empty").mkdir()
    (root / "stray.txt").write_text("not a folder")
    (root / "folder-as-copy" / RECOVERY_FILE).mkdir(parents=True)
    assert untitled_recoveries(root) == [root / "new", root / "middle", root / "old"]


def test_an_untitled_recovery_never_reads_an_image_outside_its_folder(tmp_path):
    folder = tmp_path / "recovery" / "untitled-1"
    secret = tmp_path / "secret.png"
    secret.write_bytes(IMAGE)
    project = small_project()
    project.scenes[0].panels[0].image = "../../secret.png"
    project.scenes[0].panels[1].image = "images/missing.png"
    write_recovery(project, folder)

    loaded = restore_untitled(folder)

    assert dict(loaded.project.pending_images) == {}
    assert {w.where for w in loaded.warnings} == {"scenes[0].panels[0].image", "scenes[0].panels[1].image"}


def test_a_damaged_untitled_recovery_is_reported(tmp_path):
    folder = tmp_path / "recovery" / "untitled-1"
    folder.mkdir(parents=True)
    (folder / RECOVERY_FILE).write_bytes(b'{"format": "storyboarder", "version": 1, "scenes": [')
    with pytest.raises(ProjectError, match=f"^{folder / RECOVERY_FILE}: line 1 column "):
        restore_untitled(folder)


# The lock file


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(folder, pid, host=None, user="someone", started="2026-03-01T09:00:00+00:00"):
    doc = {"pid": pid, "host": host or socket.gethostname(), "user": user, "started": started}
    (folder / LOCK_FILE).write_text(json.dumps(doc))


def test_acquire_and_release(tmp_path):
    assert acquire_lock(tmp_path) is None
    holder = read_lock(tmp_path)
    assert holder is not None and holder.is_ours()
    assert holder.pid == os.getpid() and holder.host == socket.gethostname()
    doc = json.loads((tmp_path / LOCK_FILE).read_text())
    assert set(doc) == {"pid", "host", "user", "started", "program", "process_start"}
    assert doc["program"].startswith("Storyboarder ")
    assert release_lock(tmp_path) is True
    assert not (tmp_path / LOCK_FILE).exists()
    assert release_lock(tmp_path) is False


def test_a_second_acquire_reports_the_live_holder(tmp_path, other_instance):
    write_lock(tmp_path, other_instance, user="mara")
    before = (tmp_path / LOCK_FILE).read_bytes()
    holder = acquire_lock(tmp_path)
    assert holder == LockInfo(other_instance, socket.gethostname(), "mara", "2026-03-01T09:00:00+00:00")
    assert not holder.is_ours()
    assert (tmp_path / LOCK_FILE).read_bytes() == before


def test_our_own_lock_is_reported_too(tmp_path):
    # A second window of this process opening the same project must be told.
    assert acquire_lock(tmp_path) is None
    holder = acquire_lock(tmp_path)
    assert holder is not None and holder.is_ours()


def test_a_lock_from_another_computer_is_respected(tmp_path):
    write_lock(tmp_path, 12345, host="edit-suite-2.example")
    holder = acquire_lock(tmp_path)
    assert holder is not None and holder.host == "edit-suite-2.example"


def test_force_takes_the_lock_from_a_live_holder(tmp_path, other_instance):
    write_lock(tmp_path, other_instance)
    assert acquire_lock(tmp_path, force=True) is None
    assert read_lock(tmp_path).is_ours()


def test_a_stale_lock_from_a_dead_process_is_taken_over(tmp_path):
    write_lock(tmp_path, dead_pid())
    assert acquire_lock(tmp_path) is None
    assert read_lock(tmp_path).is_ours()
    assert [p.name for p in tmp_path.iterdir()] == [LOCK_FILE], "no temporary file is left behind"


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[1, 2]", b'{"pid": "12", "host": "x"}', b'{"pid": 0, "host": "x"}',
     b'{"pid": -1, "host": "x"}', b'{"pid": true, "host": "x"}', b'{"pid": 100000000000000000000, "host": "x"}',
     b"[" * 100_000],
)
def test_a_garbage_lock_file_is_taken_over(tmp_path, content):
    (tmp_path / LOCK_FILE).write_bytes(content)
    assert read_lock(tmp_path) is None
    assert acquire_lock(tmp_path) is None
    assert read_lock(tmp_path).is_ours()


def test_release_leaves_someone_elses_lock(tmp_path, other_instance):
    write_lock(tmp_path, other_instance)
    assert release_lock(tmp_path) is False
    assert read_lock(tmp_path).pid == other_instance

    write_lock(tmp_path, os.getpid(), host="edit-suite-2.example")
    assert release_lock(tmp_path) is False, "same pid on another computer is another process"
    assert (tmp_path / LOCK_FILE).exists()

    (tmp_path / LOCK_FILE).write_text("garbage")
    assert release_lock(tmp_path) is False
    assert (tmp_path / LOCK_FILE).read_text() == "garbage"


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_the_lock_is_readable_by_other_users(tmp_path):
    old = os.umask(0o077)
    try:
        acquire_lock(tmp_path)
    finally:
        os.umask(old)
    assert (tmp_path / LOCK_FILE).stat().st_mode & 0o777 == 0o644


def test_a_folder_that_cannot_hold_a_lock_does_not_stop_opening(tmp_path):
    assert acquire_lock(tmp_path / "missing") is None
    assert release_lock(tmp_path / "missing") is False


def test_a_recovery_copy_holds_drafts_the_project_does_not(tmp_path):
    """Issue 14, bug 4: an autosave writes a drawing still on screen into the copy without editing the project."""
    project = small_project()
    folder = tmp_path / "film"
    save_project(project, folder)
    panel = project.scenes[0].panels[1]
    layer = add_image(project, panel, b"\x89PNG\r\n\x1a\nsketch", "png")
    before = dumps(project)
    write_recovery(project, folder, {panel.id: {"layers": {"sketch": layer}, "layer_opacity": {}, "image": layer}})
    assert dumps(project) == before, "the project itself is not changed"
    assert layer in project.pending_images, "the real save still has to write the image"
    copied = load_recovery(folder).project
    assert copied.scenes[0].panels[1].layers == {"sketch": layer} and copied.scenes[0].panels[1].image == layer
    assert copied.scenes[0].panels[0].layers == project.scenes[0].panels[0].layers
    assert (folder / layer).read_bytes() == b"\x89PNG\r\n\x1a\nsketch"
