"""Add Scene puts the cursor in the new scene's heading, so the user types it at once (issue 14, friction 4)."""

from __future__ import annotations

from conftest import small_project, window_on
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QToolBar


def test_add_scene_then_typing_names_the_new_scene_and_enter_parses_it(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    add_scene = next(a for a in toolbar.actions() if a.objectName() == "add_scene")
    button = toolbar.widgetForAction(add_scene)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    project = window.project
    assert len(project.scenes) == 3
    new = project.scenes[1]  # after the current (first) scene
    assert window.current_scene() is new
    typing_into = QApplication.focusWidget()
    assert isinstance(typing_into, QLineEdit) and typing_into.objectName() == "sceneHeading"
    qtbot.keyClicks(typing_into, "EXT. LIGHTHOUSE CLIFF - DAWN")
    qtbot.keyClick(typing_into, Qt.Key.Key_Return)
    assert new.heading == "EXT. LIGHTHOUSE CLIFF - DAWN"
    # The model's one heading parser read it.
    assert (new.int_ext, new.time_of_day) == ("EXT", "DAWN")
    assert window.scene_model.data(window.scene_model.index(1, 0)).endswith("EXT. LIGHTHOUSE CLIFF - DAWN")
    # Enter gives the keys back to the board, ready for panels.
    assert QApplication.focusWidget() is not typing_into
    # One undo step for the typing, one for the scene.
    window.document.undo_stack.undo()
    assert new.heading == ""
    window.document.undo_stack.undo()
    assert len(project.scenes) == 2


def test_the_add_scene_shortcut_also_starts_the_heading(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.project.scenes) == 3
    qtbot.keyClicks(QApplication.focusWidget(), "INT. VAN - DAY")
    assert window.project.scenes[1].heading == "INT. VAN - DAY"
