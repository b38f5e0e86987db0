"""The Shoot Days page: a first AD builds a day from the storyboard, every step undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication

from conftest import EXAMPLE, small_project, window_on, open_window
from storyboarder.io import load_project
from storyboarder.model import ShootDay
from test_editor_workflows import drag


@pytest.fixture
def window(qtbot, tmp_path):
    project = small_project()
    project.scenes[1].panels[0].cast_ids = ["cast-mara"]
    win = window_on(qtbot, tmp_path / "film", project, (1400, 900))
    win.board_tabs.setCurrentWidget(win.production)
    win.production.setCurrentWidget(win.production.shoot_days)
    return win


def add_day(qtbot, window, date: str) -> ShootDay:
    page = window.production.shoot_days
    qtbot.mouseClick(page.days.add_button, Qt.MouseButton.LeftButton)
    editor = page.days.table.indexWidget(page.days.table.currentIndex())
    if editor is not None:
        page.days.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    day = window.project.shoot_days[-1]
    page.days.table.selectRow(len(window.project.shoot_days) - 1)
    form = page.form
    assert form.day is day
    field = form.editors["date"].widget
    field.setFocus()
    qtbot.keyClicks(field, date)
    return day


def test_add_days_and_the_schedule_numbers_them(qtbot, window):
    first = add_day(qtbot, window, "2027-03-15")
    assert first.date == "2027-03-15"
    add_day(qtbot, window, "2027-03-16")
    model = window.production.shoot_days.days.model
    assert [model.index(r, 0).data() for r in range(2)] == ["Day 1 of 2", "Day 2 of 2"]
    window.undo_action.trigger()  # the second day's date
    window.undo_action.trigger()  # the second day
    assert model.index(0, 0).data() == "Day 1 of 1"


def test_drag_a_scene_from_the_scene_list_onto_the_day(qtbot, window, monkeypatch):
    day = add_day(qtbot, window, "2027-03-15")
    form = window.production.shoot_days.form
    scene_list = window.scene_list
    rect = scene_list.visualRect(window.scene_model.index(1, 0))
    scene_list.setCurrentIndex(window.scene_model.index(1, 0))
    drag(qtbot, monkeypatch, scene_list, rect.center(), QPoint(20, 10), target=form.scenes)
    assert day.scene_ids == ["s2"]
    # Add another from the menu, then drag it above the first: shooting order is the day's own.
    form.scene_choice.setCurrentIndex(form.scene_choice.findData("s1"))
    form.scene_choice.activated.emit(form.scene_choice.currentIndex())
    assert day.scene_ids == ["s2", "s1"]
    form.scenes.setCurrentIndex(form.scenes_model.index(1, 0))
    second = form.scenes.visualRect(form.scenes_model.index(1, 0)).center()
    top = form.scenes.visualRect(form.scenes_model.index(0, 0)).topLeft() + QPoint(4, 1)
    drag(qtbot, monkeypatch, form.scenes, second, top)
    assert day.scene_ids == ["s1", "s2"]
    assert [s.id for s in window.project.scenes] == ["s1", "s2"]  # story order untouched
    window.undo_action.trigger()
    assert day.scene_ids == ["s2", "s1"]


def test_call_the_days_cast_and_warn_about_makeup(qtbot, window):
    day = add_day(qtbot, window, "2027-03-15")
    form = window.production.shoot_days.form
    form.scenes_model.add_scene("s1")
    before = window.document.undo_stack.count()
    form.call_scene_cast()
    assert [(c.cast_id, c.status) for c in day.cast_calls] == [("cast-mara", "SWF")]
    assert window.document.undo_stack.count() == before + 1
    table = form.cast_calls.table
    model = form.cast_calls.model
    assert model.index(0, 0).data().startswith("#1 MARA")  # the cast label every list and message uses (model.cast)
    for column, text in ((3, "06:30"), (4, "06:00")):
        index = model.index(0, column)
        table.setCurrentIndex(index)
        table.edit(index)
        editor = table.indexWidget(index)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()
    assert (day.cast_calls[0].makeup, day.cast_calls[0].on_set) == ("06:30", "06:00")
    qtbot.waitUntil(lambda: "MARA" in form.warnings.text())
    assert "make" in form.warnings.text().lower()


def test_locations_department_calls_and_instructions(qtbot, window, tmp_path):
    day = add_day(qtbot, window, "2027-03-15")
    form = window.production.shoot_days.form
    box = next(w for w in form.location_boxes.children() if w.objectName() == "dayLocation:loc-market")
    box.click()
    assert day.location_ids == ["loc-market"]
    form.editors["crew_call"].widget.setFocus()
    qtbot.keyClicks(form.editors["crew_call"].widget, "06:00")
    form.add_department_call()
    assert [(c.department, c.call) for c in day.department_calls] == [("Production", "06:00")]
    camera = form.editors["instructions.camera"].widget
    camera.setFocus()
    qtbot.keyClicks(camera, "Steadicam op on set 06:30 & <dolly> prep")
    assert day.instructions.camera == "Steadicam op on set 06:30 & <dolly> prep"
    window.files.save()
    again = load_project(window.folder).project.shoot_days[0]
    assert again.location_ids == ["loc-market"] and again.instructions.camera.endswith("<dolly> prep")
    window.undo_action.trigger()
    assert day.instructions.camera == ""


def test_the_example_schedule_shows_its_calls(qtbot, tmp_path):
    win = open_window(qtbot, EXAMPLE)
    form = win.production.shoot_days.form
    assert form.day is win.project.shoot_days[0]
    assert form.cast_calls.model.rowCount() == len(win.project.shoot_days[0].cast_calls) > 0
    assert form.scenes_model.rowCount() == len(win.project.shoot_days[0].scene_ids) > 0


def test_scene_page_count_in_eighths(qtbot, window):
    form = window.navigator.form
    scene = window.project.scenes[0]
    window.navigator.show_scene(scene)
    form.pages.setFocus()
    qtbot.keyClicks(form.pages, "2 3/8")
    qtbot.keyClick(form.pages, Qt.Key.Key_Return)
    assert scene.pages_eighths == 19 and form.pages.text() == "2 3/8"
    form.pages.selectAll()
    qtbot.keyClicks(form.pages, "lots")
    qtbot.keyClick(form.pages, Qt.Key.Key_Return)
    assert scene.pages_eighths == 19 and "lots" in form.pages.toolTip()
    window.undo_action.trigger()
    assert scene.pages_eighths is None and form.pages.text() == ""


def test_the_day_form_scrolls_and_its_tables_grow_instead_of_scrolling_inside_it(qtbot, window):
    add_day(qtbot, window, "2027-03-15")
    form = window.production.shoot_days.form
    background = form.background
    button = next(b for b in background.findChildren(type(background.remove_button)) if b.text() == "Add background")
    before = background.table.height()
    for _ in range(12):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert background.model.rowCount() == 12
    table = background.table
    # Every row shows in the table itself: no second scroll bar inside the scrolling form.
    assert table.verticalScrollBar().maximum() == 0
    assert not table.verticalScrollBar().isVisible()
    assert table.height() > before
    last = table.visualRect(background.model.index(11, 0))
    assert last.bottom() <= table.viewport().height()
    # The form is what scrolls, down to the grown table.
    assert form.verticalScrollBar().maximum() > 0
