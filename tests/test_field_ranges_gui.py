"""One range per field in every editor: the inspector, the shot list and the locations table refuse alike.

Each test types into the real widget, as a user would, and checks that the
value out of range never reaches the project and that the user is told why
in the same words everywhere.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from conftest import small_project, window_on

LENS = "lens must be between 1 and 2000 mm"
DURATION = "duration must be between 0 s and 24 h"
LATITUDE = "latitude must be between -90 and 90 degrees"


@pytest.fixture
def window(qtbot, tmp_path):
    return window_on(qtbot, tmp_path / "film", small_project(), (1400, 900))


def type_and_return(qtbot, widget, text: str) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keySequence(widget, QKeySequence.StandardKey.SelectAll)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def inspector_on_first_panel(window):
    window.board_tabs.setCurrentWidget(window.grid)
    window.grid.select_rows([0])
    return window.inspector


def edit_in_place(qtbot, view, index, text: str) -> None:
    """Open a cell's editor as a double-click does, type over its text and press Enter."""
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


@pytest.mark.parametrize("typed", ["0", "500000000"])
def test_the_inspector_refuses_a_lens_out_of_range_and_says_why(qtbot, window, typed):
    inspector = inspector_on_first_panel(window)
    lens = inspector.editor("camera.lens_mm").widget
    type_and_return(qtbot, lens, typed)
    assert window.project.scenes[0].panels[0].camera.lens_mm == 35
    assert inspector.problem.text() == LENS and inspector.problem.isVisible()
    type_and_return(qtbot, lens, "2000")  # the longest lens the declaration allows is taken
    assert window.project.scenes[0].panels[0].camera.lens_mm == 2000
    assert not inspector.problem.isVisible()


def test_the_inspector_refuses_a_duration_over_a_day(qtbot, window):
    inspector = inspector_on_first_panel(window)
    box = inspector.editor("duration_ms").widget
    type_and_return(qtbot, box.lineEdit(), str(10 * 24 * 3600))
    assert window.project.scenes[0].panels[0].duration_ms == 1500
    assert inspector.problem.text() == DURATION
    type_and_return(qtbot, box.lineEdit(), "0:02.5")  # typed the way boards print it
    assert window.project.scenes[0].panels[0].duration_ms == 2500


def _shot_list_cell(window, key: str):
    window.board_tabs.setCurrentWidget(window.shot_list)
    proxy = window.shot_list.proxy
    return proxy.index(0, window.shot_model.column_of(key), proxy.index(0, 0))


@pytest.mark.parametrize("typed", ["0", "500000000"])
def test_the_shot_list_refuses_the_same_lens_with_the_same_words(qtbot, window, typed):
    problems = []
    window.shot_list.problem.connect(problems.append)
    edit_in_place(qtbot, window.shot_list.tree, _shot_list_cell(window, "lens"), typed)
    assert window.project.scenes[0].panels[0].camera.lens_mm == 35
    assert problems == [LENS]


def test_the_shot_list_refuses_a_duration_the_inspector_refuses(qtbot, window):
    problems = []
    window.shot_list.problem.connect(problems.append)
    edit_in_place(qtbot, window.shot_list.tree, _shot_list_cell(window, "duration"), str(10 * 24 * 3600))
    assert window.project.scenes[0].panels[0].duration_ms == 1500
    assert problems == [DURATION]


def test_the_locations_table_refuses_a_latitude_off_the_globe(qtbot, window):
    window.board_tabs.setCurrentWidget(window.production)
    page = window.production.locations
    window.production.setCurrentWidget(page)
    problems = []
    page.problem.connect(problems.append)
    column = next(n for n, field in enumerate(page.model.fields) if field.path == "latitude")
    edit_in_place(qtbot, page.table, page.model.index(0, column), "500")
    assert window.project.locations[0].latitude == 51.5
    assert problems == [LATITUDE]
    # The cell starts editing from the exact stored value, so Enter alone changes nothing.
    window.document.set_field([window.project.locations[0]], "latitude", 59.4369608, "latitude")
    page.table.setCurrentIndex(page.model.index(0, column))
    page.table.edit(page.model.index(0, column))
    editor = page.table.indexWidget(page.model.index(0, column))
    assert editor.text() == "59.4369608"
