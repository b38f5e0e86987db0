"""The editor with text from hostile files: lone surrogates pasted or recovered, numbers of thousands of digits."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from conftest import open_window, small_project, window_on
from storyboarder.io import load_project, save_project
from storyboarder.io.clipboard import PANELS_FORMAT
from storyboarder.io.migrate import FORMAT_VERSION
from storyboarder.io.recovery import RECOVERY_FILE
from storyboarder.ui.board.clipboard import PANELS_MIME
from storyboarder.ui.files import project_files

LONG = "1" * 5000
NINES = "9" * 5000


def click_panel(qtbot, window, row):
    rect = window.grid.visualRect(window.panel_model.index(row, 0))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_panels_pasted_with_surrogate_escapes_save_and_reopen(qtbot, tmp_path):
    save_project(small_project(), tmp_path / "film")
    window = open_window(qtbot, tmp_path / "film", activate=True)
    # What another program may put on the clipboard: JSON with escapes of lone surrogates.
    payload = {"format": PANELS_FORMAT, "version": FORMAT_VERSION,
               "panels": [{"panel": {"action": "Run \ud800", "dialogue": "MARA\n\udc00", "notes": "\udbff"}}]}
    mime = QMimeData()
    mime.setData(PANELS_MIME, json.dumps(payload, ensure_ascii=True).encode("ascii"))
    QApplication.clipboard().setMimeData(mime)
    click_panel(qtbot, window, 2)
    qtbot.keyClick(window.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = window.current_scene().panels[3]
    assert pasted.action == "Run \ufffd" and pasted.dialogue == "MARA\n\ufffd"
    assert window.files.save()
    reopened = load_project(tmp_path / "film")
    assert reopened.project.scenes[0].panels[3].action == "Run \ufffd"
    assert reopened.warnings == []


def test_an_untitled_recovery_with_surrogates_restores_and_saves(qtbot, tmp_path, monkeypatch):
    root = tmp_path / "recovery"
    monkeypatch.setattr(project_files, "recovery_root", lambda: root)
    save_project(small_project(), tmp_path / "source")
    doc = json.loads((tmp_path / "source" / "project.json").read_text(encoding="utf-8"))
    doc["title"] = "Lost \ud800 night"
    (root / "abc123").mkdir(parents=True)
    (root / "abc123" / RECOVERY_FILE).write_text(json.dumps(doc, ensure_ascii=True), encoding="ascii")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window = open_window(qtbot)
    assert window.files.offer_untitled_recovery()
    assert window.project.title == "Lost \ufffd night"
    assert window.files.autosave() is not None
    assert window.files.save_to(tmp_path / "saved")
    assert load_project(tmp_path / "saved").project.title == "Lost \ufffd night"


@pytest.fixture
def long_numbers(qtbot, tmp_path):
    project = small_project()
    project.scenes[0].number = LONG
    project.scenes[0].panels[1].shot = NINES
    window = window_on(qtbot, tmp_path / "film", project, (1400, 800))
    return window


def test_the_shot_list_tab_shows_and_sorts_5000_digit_numbers(qtbot, long_numbers):
    window = long_numbers
    window.board_tabs.setCurrentWidget(window.shot_list)
    qtbot.waitExposed(window.shot_list.tree)
    proxy = window.shot_list.proxy
    assert proxy.index(1, 0).data().startswith("1" * 4999 + "2")  # the next scene counts on
    header = window.shot_list.tree.header()
    section = window.shot_model.column_of("shot")
    position = QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)  # and back, descending
    scene = proxy.index(0, 0)
    shots = [proxy.index(row, section, scene).data() for row in range(proxy.rowCount(scene))]
    assert shots == [NINES, LONG + "C", LONG + "A"]


def test_a_5000_digit_cast_number_is_refused_in_words(qtbot, long_numbers):
    window = long_numbers
    window.board_tabs.setCurrentWidget(window.production)
    page = window.production.cast
    window.production.setCurrentWidget(page)
    messages: list[str] = []
    window.production.problem.connect(messages.append)
    index = page.model.index(0, 0)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    QApplication.clipboard().setText(NINES)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.project.cast[0].number is None
    assert messages == ["cast number must be a whole number between 1 and 9999"]
