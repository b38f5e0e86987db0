"""The Production tab: cast, crew and locations edited in tables, every change one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from conftest import small_project, window_on
from storyboarder.io import load_project


@pytest.fixture
def window(qtbot, tmp_path):
    win = window_on(qtbot, tmp_path / "film", small_project(), (1300, 800))
    win.board_tabs.setCurrentWidget(win.production)
    return win


def editor_of(table):
    """The open cell editor of the table's current cell."""
    return table.indexWidget(table.currentIndex())


def press_return(qtbot, widget):
    """Press Enter in a cell editor; the view commits it on its next event loop pass."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def edit_cell(qtbot, table, index, text):
    table.setCurrentIndex(index)
    table.edit(index)
    editor = editor_of(table)
    assert editor is not None
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    line.selectAll()
    qtbot.keyClicks(line, text)
    press_return(qtbot, line)


def test_models_pass_qt_checks(qtmodeltester, window):
    for page in (window.production.cast, window.production.crew, window.production.locations):
        qtmodeltester.check(page.model)


def test_add_a_cast_member_and_type_the_character(qtbot, window):
    page = window.production.cast
    window.production.setCurrentWidget(page)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(window.project.cast) == 2
    editor = editor_of(page.table)
    assert isinstance(editor, QLineEdit)  # the new row's character cell is ready for typing
    qtbot.keyClicks(editor, "NOOR")
    press_return(qtbot, editor)
    assert window.project.cast[1].character == "NOOR"
    # The inspector offers the new cast member at once.
    window.board_tabs.setCurrentWidget(window.grid)
    window.grid.select_rows([0])
    assert [member_id for member_id, _box in window.inspector.cast_boxes] == ["cast-mara", window.project.cast[1].id]
    window.undo_action.trigger()
    assert window.project.cast[1].character == ""
    window.undo_action.trigger()
    assert len(window.project.cast) == 1


def test_deleting_a_cast_member_drops_their_panels_references_in_the_same_step(qtbot, window):
    page = window.production.cast
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert window.project.cast == []
    assert all(panel.cast_ids == [] for _scene, panel in window.project.iter_panels())
    assert window.document.undo_stack.undoText() == "Delete cast member"
    window.undo_action.trigger()
    assert [m.id for m in window.project.cast] == ["cast-mara"]
    assert window.project.scenes[0].panels[0].cast_ids == ["cast-mara"]


def test_crew_department_from_the_standard_list_and_reorder(qtbot, window):
    page = window.production.crew
    window.production.setCurrentWidget(page)
    for name in ("Ada", "Bo"):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        editor = editor_of(page.table)
        qtbot.keyClicks(editor, name)
        press_return(qtbot, editor)
    edit_cell(qtbot, page.table, page.model.index(1, 1), "grip & electric")
    assert window.project.crew[1].department == "Grip & Electric"
    page.table.setCurrentIndex(page.model.index(1, 0))
    page.table.selectRow(1)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in window.project.crew] == ["Bo", "Ada"]
    window.undo_action.trigger()
    assert [c.name for c in window.project.crew] == ["Ada", "Bo"]


def test_location_numbers_and_the_scene_form_follow(qtbot, window, tmp_path):
    page = window.production.locations
    window.production.setCurrentWidget(page)
    problems = []
    page.problem.connect(problems.append)
    edit_cell(qtbot, page.table, page.model.index(0, 2), "59,437")
    assert window.project.locations[0].latitude == pytest.approx(59.437)
    edit_cell(qtbot, page.table, page.model.index(0, 3), "north")
    assert problems == ["longitude must be a number between -180 and 180 degrees"]
    assert window.project.locations[0].longitude == pytest.approx(-0.1)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = editor_of(page.table)
    qtbot.keyClicks(editor, "Pier 9")
    press_return(qtbot, editor)
    combo = window.navigator.form.location
    assert [combo.itemText(i) for i in range(combo.count())] == ["(none)", "Night market", "Pier 9"]
    # Deleting a location a scene uses clears the scene's location too, undoably.
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert window.project.scenes[0].location_id is None
    window.files.save()
    reloaded = load_project(window.folder).project
    assert [loc.name for loc in reloaded.locations] == ["Pier 9"]
    window.undo_action.trigger()
    assert window.project.scenes[0].location_id == "loc-market"


def test_add_cast_from_scenes_numbers_new_characters(qtbot, window):
    window.project.scenes[1].panels[0].dialogue = "MARA\nDrive.\n\nDEZ (V.O.)\nКуда? <now> & then"
    page = window.production.cast
    qtbot.mouseClick(window.production.cast_from_scenes_button, Qt.MouseButton.LeftButton)
    assert [(m.character, m.number) for m in window.project.cast] == [("MARA", None), ("DEZ", 2)]
    assert page.model.index(1, 0).data() == "2" and page.model.index(1, 1).data() == "DEZ"
    messages = []
    window.production.problem.connect(messages.append)
    qtbot.mouseClick(window.production.cast_from_scenes_button, Qt.MouseButton.LeftButton)
    assert len(window.project.cast) == 2 and messages
    window.undo_action.trigger()
    assert len(window.project.cast) == 1


def test_time_zone_must_be_a_real_one(qtbot, window):
    page = window.production.locations
    window.production.setCurrentWidget(page)
    problems = []
    page.problem.connect(problems.append)
    column = next(n for n, f in enumerate(page.model.fields) if f.path == "time_zone")
    edit_cell(qtbot, page.table, page.model.index(0, column), "Mars/Olympus")
    assert problems and window.project.locations[0].time_zone == ""
    edit_cell(qtbot, page.table, page.model.index(0, column), "Europe/London")
    assert window.project.locations[0].time_zone == "Europe/London"
