"""Issue 14, bug 9: Cancel forgets an export dialog's choices; only an export that ran remembers them."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from conftest import EXAMPLE, open_window
from storyboarder.ui.actions import ActionId

TIMEOUT = 60000


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    """Prepared print images go to a per-test cache, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def window(qtbot, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "night-market")
    return open_window(qtbot, tmp_path / "night-market", activate=True)


def cancel(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_ctrl_p_choose_1_up_cancel_ctrl_p_reopens_on_the_last_export_s_layout(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog.preset.currentText() == "3×2"
    dialog.preset.setFocus()
    qtbot.keyClick(dialog.preset, Qt.Key.Key_Home)  # the first preset in the list: 1-up
    assert (dialog.preset.currentText(), dialog.columns.value(), dialog.rows.value()) == ("1-up", 1, 1)
    qtbot.mouseClick(dialog.title_page, Qt.MouseButton.LeftButton)
    cancel(qtbot, dialog)

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    again = window.export_dialog
    assert again is not dialog
    assert (again.preset.currentText(), again.columns.value(), again.rows.value()) == ("3×2", 3, 2)
    assert again.title_page.isChecked()
    cancel(qtbot, again)


# Each File › Export dialog: one of its options changed by the user, then Cancel.
CHANGES = {
    ActionId.EXPORT_SHOTLIST: ("thumbnails", "as_shot"),
    ActionId.EXPORT_CALLSHEETS: ("paper",),
    ActionId.EXPORT_ANIMATIC: ("captions", "width"),
    ActionId.EXPORT_EDIT: ("captions", "width"),
}


def change(qtbot, dialog, name) -> None:
    widget = getattr(dialog, name)
    if name in ("paper",):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_End)
    elif name == "width":
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Up)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("action", list(CHANGES), ids=lambda a: a.name.lower())
def test_cancel_forgets_every_export_dialog_s_changes(qtbot, window, action, tmp_path):
    window.action(action).trigger()
    dialog = window.export_dialog
    before = dialog.choices()
    out = dialog.out.text()
    for name in CHANGES[action]:
        change(qtbot, dialog, name)
    dialog.out.setText(str(tmp_path / "somewhere else"))
    assert dialog.choices() != before
    cancel(qtbot, dialog)

    window.action(action).trigger()
    again = window.export_dialog
    assert again is not dialog
    assert again.choices() == before
    assert again.out.text() == out
    cancel(qtbot, again)


def test_no_to_replacing_a_file_keeps_the_last_choices(qtbot, window, tmp_path, dialogs):
    target = tmp_path / "notes.pdf"
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # a picture someone named .pdf
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    before = dialog.choices()
    qtbot.mouseClick(dialog.thumbnails, Qt.MouseButton.LeftButton)
    dialog.out.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs[-1][1] == "Replace file?"  # answered: not Yes
    assert dialog.isVisible() and dialog.job is None
    cancel(qtbot, dialog)

    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    again = window.export_dialog
    assert again.choices() == before and again.out.text() != str(target)
    cancel(qtbot, again)


def test_the_storyboard_dialog_refused_a_place_keeps_the_last_choices(qtbot, window, tmp_path, monkeypatch, dialogs):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "board.pdf"
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)"))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    dialog.paper.setFocus()
    qtbot.keyClick(dialog.paper, Qt.Key.Key_End)
    paper = dialog.paper.currentData()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs[-1][1] == "Replace file?"
    cancel(qtbot, dialog)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    again = window.export_dialog
    assert again.paper.currentData() != paper and again.paper.currentData() == "letter"
    assert again._default_path().startswith(str(window.folder.parent))
    cancel(qtbot, again)
