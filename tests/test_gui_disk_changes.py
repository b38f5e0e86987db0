"""The editor and the disk (issue 13, items 3, 4, 12): another editor's save, a deleted folder, a damaged autosave."""

from __future__ import annotations

import errno
import os
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import open_window, small_project
from storyboarder.io import load_project, save_project
from storyboarder.io.staging import stage_image
from storyboarder.ui.actions import ActionId

IMAGE = b"\x89PNG\r\n\x1a\n pretend pixels"


@pytest.fixture
def folder(tmp_path):
    save_project(small_project(), tmp_path / "film")
    return tmp_path / "film"


def click_in_next_dialog(qtbot, label: str, seen: list[str]) -> None:
    """Answer the next modal question by clicking the button a user would click."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)  # not shown yet
            return
        seen.append(f"{box.windowTitle()}: {box.text()}")
        button = next(b for b in box.buttons() if b.text() == label)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def scenes_on_disk(folder) -> int:
    return len(load_project(folder).project.scenes)


def two_editors(qtbot, folder):
    """Window A and window B on one folder; B adds a scene and saves (3 scenes on disk), A adds two (4 in A)."""
    a = open_window(qtbot, folder)
    b = open_window(qtbot, folder)
    b.action(ActionId.ADD_SCENE).trigger()
    b.action(ActionId.SAVE).trigger()
    assert scenes_on_disk(folder) == 3
    a.action(ActionId.ADD_SCENE).trigger()
    a.action(ActionId.ADD_SCENE).trigger()
    return a, b


def test_a_save_over_another_windows_save_asks_and_reload_shows_that_change(qtbot, folder):
    a, _b = two_editors(qtbot, folder)
    seen: list[str] = []
    click_in_next_dialog(qtbot, "Reload from disk", seen)
    a.action(ActionId.SAVE).trigger()
    assert len(seen) == 1 and seen[0].startswith("Project changed on disk:") and "changed on disk at" in seen[0]
    assert len(a.project.scenes) == 3, "A now shows B's version"
    assert not a.isWindowModified()
    assert scenes_on_disk(folder) == 3, "nothing was overwritten"
    # A's next edit and save go through without a question: A knows this version.
    a.action(ActionId.ADD_SCENE).trigger()
    a.action(ActionId.SAVE).trigger()
    assert scenes_on_disk(folder) == 4 and len(seen) == 1


def test_overwrite_replaces_the_other_version_and_cancel_writes_nothing(qtbot, folder):
    a, _b = two_editors(qtbot, folder)
    seen: list[str] = []
    click_in_next_dialog(qtbot, "Cancel", seen)
    a.action(ActionId.SAVE).trigger()
    assert len(seen) == 1 and scenes_on_disk(folder) == 3 and a.isWindowModified()
    click_in_next_dialog(qtbot, "Overwrite", seen)
    a.action(ActionId.SAVE).trigger()
    assert len(seen) == 2 and scenes_on_disk(folder) == 4 and not a.isWindowModified()


def test_a_save_after_the_folder_was_deleted_names_every_lost_image(qtbot, tmp_path, dialogs):
    folder = tmp_path / "film"
    project = small_project()
    names = [stage_image(project, panel, IMAGE + bytes([n]), "png") for n, (_s, panel) in enumerate(project.iter_panels())]
    save_project(project, folder)
    window = open_window(qtbot, folder)
    messages: list[str] = []
    window.context.message.connect(lambda text, _ms: messages.append(text))
    shutil.rmtree(folder)
    window.action(ActionId.ADD_SCENE).trigger()
    window.action(ActionId.SAVE).trigger()
    warnings = [text for kind, title, text in dialogs if title == "Some images were not saved"]
    assert len(warnings) == 1
    assert all(name in warnings[0] for name in names), warnings[0]
    assert f"{len(names)} of the images" in warnings[0]
    assert messages[-1].endswith(f"but {len(names)} images it refers to are missing")
    assert "had been deleted on disk" in messages[-1]
    assert scenes_on_disk(folder) == 3, "the text of the project is saved all the same"
    # Told once: the next save says it in the status bar only.
    window.action(ActionId.ADD_SCENE).trigger()
    window.action(ActionId.SAVE).trigger()
    assert len([1 for _k, title, _t in dialogs if title == "Some images were not saved"]) == 1
    assert messages[-1].endswith("images it refers to are missing")


def test_a_damaged_recovery_copy_is_offered_once_then_moved_aside(qtbot, folder, dialogs):
    recovery = folder / "project.recovery.json"
    recovery.write_text('{"format": "storyboarder", "version": 1, "scenes": [{')
    first = open_window(qtbot, folder)
    told = [text for _kind, title, text in dialogs if title == "Cannot restore"]
    assert len(told) == 1 and "moved to" in told[0]
    moved = [p for p in folder.iterdir() if p.name.startswith("project.recovery.damaged-")]
    assert len(moved) == 1 and str(moved[0]) in told[0]
    assert not recovery.exists()
    first.close()
    dialogs.clear()
    open_window(qtbot, folder)
    assert [title for _kind, title, _text in dialogs] == []


def test_a_damaged_untitled_autosave_is_offered_once_then_moved_aside(qtbot, tmp_path, monkeypatch, dialogs):
    root = tmp_path / "app-data" / "recovery"
    (root / "a1b2c3").mkdir(parents=True)
    (root / "a1b2c3" / "project.recovery.json").write_bytes(b"\x00 not a project")
    monkeypatch.setattr("storyboarder.ui.files.project_files.recovery_root", lambda: root)
    window = open_window(qtbot)
    assert not window.files.offer_untitled_recovery()
    told = [text for _kind, title, text in dialogs if title == "Cannot restore"]
    assert len(told) == 1 and "moved to" in told[0] and str(root / "a1b2c3") in told[0]
    dialogs.clear()
    assert not window.files.offer_untitled_recovery()
    assert dialogs == []


def test_a_folder_that_cannot_hold_a_lock_is_opened_saying_so(qtbot, folder, dialogs, monkeypatch):
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".storyboarder.lock"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    open_window(qtbot, folder)
    told = [text for kind, title, text in dialogs if title == "Opened without a lock"]
    assert len(told) == 1 and "read-only" in told[0] and "will not be told it is open here" in told[0]
    assert not (folder / ".storyboarder.lock").exists()


def test_images_missing_when_the_project_opened_are_not_reported_as_newly_lost_on_save(qtbot, tmp_path, dialogs):
    # The open path takes what it already knows is missing from load_project's
    # warnings instead of checking every image a second time.
    folder = tmp_path / "film"
    project = small_project()
    names = [stage_image(project, panel, IMAGE + bytes([n]), "png") for n, (_s, panel) in enumerate(project.iter_panels())]
    save_project(project, folder)
    (folder / names[0]).unlink()
    window = open_window(qtbot, folder)
    assert any(names[0] in message for message in window.files.known_missing)
    window.action(ActionId.ADD_SCENE).trigger()
    window.action(ActionId.SAVE).trigger()
    assert not [1 for _k, title, _t in dialogs if title == "Some images were not saved"]
    # A loss after opening is still named.
    (folder / names[1]).unlink()
    window.action(ActionId.ADD_SCENE).trigger()
    window.action(ActionId.SAVE).trigger()
    warnings = [text for _k, title, text in dialogs if title == "Some images were not saved"]
    assert len(warnings) == 1 and names[1] in warnings[0] and names[0] not in warnings[0]
