"""Keys for scenes and panels, Help › Keyboard Shortcuts and Edit › Preferences, driven as a user does."""

from __future__ import annotations

import pytest
from conftest import open_window, small_project
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from storyboarder.ui import settings as opts
from storyboarder.ui.actions import SPECS, ActionId, DrawingActionId
from storyboarder.ui.preferences import PreferencesDialog, apply_palette
from storyboarder.ui.shortcuts_window import ShortcutsWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot, activate=True)
    window.files.show_untitled(small_project())
    window.grid.setFocus()
    return window


def ids(scene):
    return [panel.id for panel in scene.panels]


def test_ctrl_page_down_and_up_step_through_the_scenes(window, qtbot):
    first, second = window.project.scenes
    assert window.selection.scene is first
    qtbot.keyClick(window.grid, Qt.Key.Key_PageDown, CTRL)
    assert window.selection.scene is second
    assert window.selection.panels == (second.panels[0],), "the first panel is selected, ready for the arrows"
    qtbot.keyClick(window.grid, Qt.Key.Key_PageDown, CTRL)
    assert window.selection.scene is second, "the last scene stays"
    qtbot.keyClick(window.grid, Qt.Key.Key_PageUp, CTRL)
    assert window.selection.scene is first
    assert window.document.undo_stack.count() == 0, "showing a scene is no edit"


def test_ctrl_shift_arrows_move_the_selected_panel_one_undo_step_each(window, qtbot):
    scene = window.project.scenes[0]
    window.selection.select_rows(scene, [0])
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, CTRL_SHIFT)
    assert ids(scene) == ["p1-1", "p1-0", "p1-2"]
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, CTRL_SHIFT)
    assert ids(scene) == ["p1-1", "p1-2", "p1-0"]
    assert [p.id for p in window.selection.panels] == ["p1-0"], "the selection moves with the panel"
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, CTRL_SHIFT)  # already last
    assert window.document.undo_stack.count() == 2
    qtbot.keyClick(window.grid, Qt.Key.Key_Left, CTRL_SHIFT)
    assert ids(scene) == ["p1-1", "p1-0", "p1-2"]
    window.document.undo_stack.undo()
    assert ids(scene) == ["p1-1", "p1-2", "p1-0"]
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert ids(scene) == ["p1-0", "p1-1", "p1-2"]


def test_two_selected_panels_move_together(window, qtbot):
    scene = window.project.scenes[0]
    window.selection.select_rows(scene, [1, 2])
    qtbot.keyClick(window.grid, Qt.Key.Key_Left, CTRL_SHIFT)
    assert ids(scene) == ["p1-1", "p1-2", "p1-0"]
    assert window.document.undo_stack.count() == 1


def test_ctrl_shift_arrows_in_a_text_field_select_words_not_panels(window, qtbot):
    scene = window.project.scenes[0]
    window.selection.select_rows(scene, [0])
    action = window.inspector.findChild(QPlainTextEdit, "inspector:action")
    action.setFocus()
    action.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(action, Qt.Key.Key_Right, CTRL_SHIFT)
    assert action.textCursor().selectedText().strip() == "Mara", "the word is selected"
    shot = window.inspector.findChild(QLineEdit, "inspector:camera.camera")
    shot.setFocus()
    shot.setCursorPosition(0)
    qtbot.keyClick(shot, Qt.Key.Key_Right, CTRL_SHIFT)
    assert shot.selectedText() == "A"
    assert ids(scene) == ["p1-0", "p1-1", "p1-2"]
    assert window.document.undo_stack.count() == 0


def test_ctrl_shift_delete_deletes_the_scene_after_asking(window, qtbot, monkeypatch):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    first = window.project.scenes[0]
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete, CTRL_SHIFT)
    assert asked == ["Delete scene"]
    assert first not in window.project.scenes and len(window.project.scenes) == 1
    window.document.undo_stack.undo()
    assert window.project.scenes[0] is first


def _scope(action: QAction):
    """Where an action's keys work: the whole window, or the widgets it was added to."""
    if action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return None
    return [w for w in action.associatedObjects() if isinstance(w, QWidget) and not w.inherits("QMenu")]


def _overlap(a, b) -> bool:
    if a is None or b is None:
        return True
    return any(x is y or x.isAncestorOf(y) or y.isAncestorOf(x) for x in a for y in b)


def test_no_two_actions_share_a_key_where_both_work(window):
    actions = [a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())]
    assert len(actions) > 40
    clashes = []
    for i, first in enumerate(actions):
        for second in actions[i + 1:]:
            shared = {k.toString() for k in first.shortcuts()} & {k.toString() for k in second.shortcuts()} - {""}
            if shared and _overlap(_scope(first), _scope(second)):
                clashes.append((first.text(), second.text(), shared))
    assert clashes == []


def test_keyboard_shortcuts_lists_every_action_by_menu_and_searches(window, qtbot):
    qtbot.keyClick(window.grid, Qt.Key.Key_Slash, CTRL)
    shown = window.findChild(ShortcutsWindow)
    assert shown is not None and shown.isVisible()
    rows = {}
    tree = shown.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            item = group.child(c)
            rows[item.text(0)] = (group.text(0), item.text(1))
    assert rows["Next Scene"] == ("Scene", QKeySequence("Ctrl+PgDown").toString(QKeySequence.SequenceFormat.NativeText))
    assert rows["Move Panel Left"][0] == "Panel"
    assert rows["Storyboard PDF"][0] == "File › Export"
    assert rows["Undo"][0] == "Edit"
    assert rows["Next Panel"][1].count(",") == 1, "both keys of Next Panel are listed"
    every = {SPECS[i].text.replace("&", "").rstrip("…") for i in [*ActionId, *DrawingActionId]}
    assert every <= set(rows), every - set(rows)

    qtbot.keyClicks(shown.search, "scene")
    assert set(shown.visible_actions()) >= {"Next Scene", "Previous Scene", "Delete Scene", "Add Scene"}
    assert "Copy" not in shown.visible_actions()
    shown.search.clear()
    qtbot.keyClicks(shown.search, "ctrl+d")
    assert shown.visible_actions() == ["Duplicate Panels"]


@pytest.fixture
def palette_back():
    yield
    apply_palette("system")


def test_preferences_apply_at_once(window, qtbot, tmp_path, palette_back):
    system_window = QApplication.palette().color(QPalette.ColorRole.Window)
    qtbot.keyClick(window.grid, Qt.Key.Key_Comma, CTRL)
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()

    dialog.palette_box.setFocus()
    dialog.palette_box.setCurrentIndex(dialog.palette_box.findData("dark"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.settings.get(opts.PALETTE) == "dark"
    dialog.palette_box.setCurrentIndex(dialog.palette_box.findData("light"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
    dialog.palette_box.setCurrentIndex(dialog.palette_box.findData("system"))
    assert QApplication.palette().color(QPalette.ColorRole.Window) == system_window

    dialog.autosave.selectAll()
    qtbot.keyClicks(dialog.autosave, "15")
    assert window.files.autosave_timer.interval() == 15_000 and window.files.autosave_timer.isActive()
    assert window.settings.get(opts.AUTOSAVE_SECONDS) == 15

    qtbot.keyClicks(dialog.export_folder, str(tmp_path / "exports"))
    qtbot.keyClick(dialog.export_folder, Qt.Key.Key_Return)
    assert window.settings.get(opts.EXPORT_FOLDER) == str(tmp_path / "exports")

    from storyboarder.ui.exports.export_dialogs import ShotListExportDialog

    export = ShotListExportDialog(window.context, window)
    qtbot.addWidget(export)
    assert export.default_out().startswith(str(tmp_path / "exports"))


def test_preferences_come_back_as_they_were_left(qtbot, window):
    window.settings.set(opts.AUTOSAVE_SECONDS, 90)
    window.settings.set(opts.PALETTE, "dark")
    dialog = PreferencesDialog(window.settings)
    qtbot.addWidget(dialog)
    assert dialog.autosave.value() == 90
    assert dialog.palette_box.currentData() == "dark"
    assert window.action(ActionId.PREFERENCES).menuRole() == QAction.MenuRole.PreferencesRole
    assert window.action(ActionId.PROJECT_SETTINGS).menuRole() == QAction.MenuRole.NoRole
