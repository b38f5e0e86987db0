"""File › Clean Up Images…, as a user runs it: count and size first, then the trash; undo still works."""

from __future__ import annotations


from conftest import open_window, small_project, tree_digest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from storyboarder.io import load_project, save_project
from storyboarder.ui.actions import ActionId


def png(folder, name, size=2000):
    path = folder / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG" + b"\0" * (size - 4))
    return path


def saved_film(folder):
    project = small_project()
    project.scenes[0].panels[0].image = "images/kept.png"
    project.scenes[0].panels[1].image = "images/deleted-later.png"
    save_project(project, folder)
    for name in ("kept.png", "deleted-later.png", "orphan-1.png", "orphan-2.png"):
        png(folder, name)
    return folder


def answer_clean_up(click: str, seen: dict):
    """Answer the clean-up dialog when it shows: note what it says, then click a button."""

    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "cleanUpDialog":
            QTimer.singleShot(10, act)
            return
        seen["summary"] = dialog.summary.text()
        seen["files"] = [dialog.files.topLevelItem(i).text(0) for i in range(dialog.files.topLevelItemCount())]
        if click == "move":
            QTest.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, act)


def test_clean_up_shows_count_and_size_then_trashes_only_unused_images(qtbot, tmp_path, trash):
    folder = saved_film(tmp_path / "film")
    window = open_window(qtbot, folder)
    # Deleting a panel leaves its image to the undo history, which must keep it.
    window.selection.select_rows(window.project.scenes[0], [1])
    window.action(ActionId.DELETE).trigger()
    seen: dict = {}
    answer_clean_up("move", seen)
    window.action(ActionId.CLEAN_UP_IMAGES).trigger()

    assert seen["files"] == ["orphan-1.png", "orphan-2.png"]
    assert seen["summary"].startswith("<b>2 images (4.0 kB)</b> in ")
    assert sorted(p.name for p in trash.iterdir()) == ["orphan-1.png", "orphan-2.png"]
    assert sorted(p.name for p in (folder / "images").iterdir()) == ["deleted-later.png", "kept.png"]
    assert "moved 2 to the trash" in window.statusBar().currentMessage()

    window.document.undo_stack.undo()  # the deleted panel comes back with its picture
    assert window.project.scenes[0].panels[1].image == "images/deleted-later.png"
    window.action(ActionId.SAVE).trigger()
    assert load_project(folder).warnings == []


def test_cancel_moves_nothing(qtbot, tmp_path, trash):
    folder = saved_film(tmp_path / "film")
    window = open_window(qtbot, folder)
    before = tree_digest(folder / "images")
    seen: dict = {}
    answer_clean_up("cancel", seen)
    window.action(ActionId.CLEAN_UP_IMAGES).trigger()
    assert seen["files"] == ["deleted-later.png", "orphan-1.png", "orphan-2.png"][1:]
    assert tree_digest(folder / "images") == before


def test_an_unsaved_drawing_replacing_an_image_keeps_the_old_one_for_undo(qtbot, tmp_path, trash):
    folder = saved_film(tmp_path / "film")
    window = open_window(qtbot, folder)
    panel = window.project.scenes[0].panels[0]
    window.document.set_field([panel], "image", "images/orphan-1.png", "Change image")
    seen: dict = {}
    answer_clean_up("move", seen)
    window.action(ActionId.CLEAN_UP_IMAGES).trigger()
    # kept.png is named by project.json and the undo step; orphan-1.png by the open project.
    assert seen["files"] == ["orphan-2.png"]


def test_a_project_open_in_another_live_window_is_not_cleaned(qtbot, tmp_path, dialogs, trash, editor_lock):
    folder = saved_film(tmp_path / "film")
    editor_lock(folder)
    window = open_window(qtbot, folder)
    before = tree_digest(folder)
    window.action(ActionId.CLEAN_UP_IMAGES).trigger()
    assert dialogs[-1][1] == "Clean Up Images" and "also open in another Storyboarder window (mara" in dialogs[-1][2]
    assert tree_digest(folder) == before


def test_a_never_saved_project_has_nothing_to_clean(qtbot, dialogs):
    window = open_window(qtbot)
    window.files.show_untitled(small_project())
    window.action(ActionId.CLEAN_UP_IMAGES).trigger()
    assert dialogs[-1][:2] == ("information", "Clean Up Images") and "Save the project first" in dialogs[-1][2]
