"""Issue 14, bug 8: a heading typed into the scene form fills INT/EXT, time of day and location, in one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from conftest import small_project, window_on
from storyboarder.model import Panel, Scene


@pytest.fixture
def window(qtbot, tmp_path):
    project = small_project()
    project.scenes.append(Scene(id="s3", panels=[Panel(id="p3-0")]))
    win = window_on(qtbot, tmp_path / "film", project, (1400, 860))
    win.navigator.list.select_scene(2)
    return win


def type_heading(qtbot, window, text):
    heading = window.navigator.form.heading
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)
    heading.setFocus()
    heading.selectAll()
    qtbot.keyClicks(heading, text)
    qtbot.keyClick(heading, Qt.Key.Key_Return)


def shot_list_cells(window, scene_row, keys):
    proxy = window.shot_list.proxy
    parent = proxy.index(scene_row, 0)
    return [proxy.index(0, window.shot_model.column_of(key), parent).data() for key in keys]


def test_a_typed_heading_fills_the_scene_and_the_shot_list_in_one_undo_step(qtbot, window):
    scene = window.project.scenes[2]
    steps = window.document.undo_stack.count()
    type_heading(qtbot, window, "EXT. LIGHTHOUSE CLIFF - DAWN")
    location = next(loc for loc in window.project.locations if loc.id == scene.location_id)
    assert (scene.heading, scene.int_ext, scene.time_of_day, location.name) == (
        "EXT. LIGHTHOUSE CLIFF - DAWN", "EXT", "DAWN", "LIGHTHOUSE CLIFF")
    form = window.navigator.form
    assert (form.int_ext.currentText(), form.time_of_day.currentText(), form.location.currentText()) == ("EXT", "DAWN", "LIGHTHOUSE CLIFF")
    window.board_tabs.setCurrentWidget(window.shot_list)
    assert shot_list_cells(window, 2, ["int_ext", "location", "time_of_day"]) == ["EXT", "LIGHTHOUSE CLIFF", "DAWN"]
    assert window.document.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert (scene.heading, scene.int_ext, scene.time_of_day, scene.location_id) == ("", "", "", None)
    assert [loc.name for loc in window.project.locations] == ["Night market"]
    window.redo_action.trigger()
    assert scene.location_id == location.id and location in window.project.locations


def test_an_existing_location_is_used_and_a_chosen_int_ext_is_kept(qtbot, window):
    scene = window.project.scenes[2]
    form = window.navigator.form
    form.int_ext.setCurrentText("INT")  # a car on a stage: interior whatever the heading says
    type_heading(qtbot, window, "ext. night  market - dusk")
    assert (scene.int_ext, scene.time_of_day, scene.location_id) == ("INT", "dusk", "loc-market")
    assert len(window.project.locations) == 1
    # Retyping moves what followed the old heading, and still not the chosen INT.
    type_heading(qtbot, window, "EXT. NIGHT MARKET - NIGHT")
    assert (scene.int_ext, scene.time_of_day, scene.location_id) == ("INT", "NIGHT", "loc-market")
