"""A second window on an open project leaves the first window's crash protection alone (issue 14, bug 2)."""

from __future__ import annotations

import pytest

from conftest import open_window, small_project
from storyboarder.io import save_project
from storyboarder.io.recovery import RECOVERY_FILE
from storyboarder.ui.actions import ActionId


@pytest.fixture
def folder(tmp_path):
    save_project(small_project(), tmp_path / "film")
    return tmp_path / "film"


def test_a_second_window_checks_the_lock_before_any_recovery(qtbot, folder, dialogs):
    first = open_window(qtbot, folder, activate=True)
    first.action(ActionId.ADD_SCENE).trigger()
    first.files.autosave_timer.timeout.emit()  # the autosave timer fires
    recovery = folder / RECOVERY_FILE
    written = recovery.read_bytes()

    second = open_window(qtbot, folder)
    titles = [title for _kind, title, _text in dialogs]
    assert "Project already open" in titles
    assert "Recover unsaved work?" not in titles
    assert recovery.read_bytes() == written
    assert len(second.project.scenes) == 2  # the saved project, not the first window's unsaved work

    # The second window's own autosave and its "discard changes" leave the first window's copy alone too.
    second.action(ActionId.ADD_SCENE).trigger()
    second.action(ActionId.ADD_SCENE).trigger()
    second.files.autosave_timer.timeout.emit()
    second.close()  # "Save the changes?" is answered Discard
    assert not second.isVisible()
    assert recovery.read_bytes() == written


def test_the_first_window_still_recovers_its_own_copy_after_a_crash(qtbot, folder, dialogs, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    first = open_window(qtbot, folder)
    first.action(ActionId.ADD_SCENE).trigger()
    first.files.autosave_timer.timeout.emit()
    first.files.autosave_timer.stop()
    first.files.locked_folder = None  # the crash: the lock's holder is gone
    (folder / ".storyboarder.lock").unlink()
    first.document.undo_stack.setClean()
    first.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    restored = open_window(qtbot, folder)
    assert len(restored.project.scenes) == 3
