"""Shift-selection extends from the last plain click, as in every file manager (issue 14, bug 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from conftest import open_window, small_project
from storyboarder.io import save_project
from storyboarder.model import Panel

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    project = small_project()
    project.scenes[0].panels.append(Panel(id="p1-3", action="Mara stops"))
    project.scenes[1].panels.extend(Panel(id=f"p2-{i}", action=f"beat {i}") for i in (1, 2))
    save_project(project, tmp_path / "film")
    return open_window(qtbot, tmp_path / "film", activate=True)


def click(qtbot, window, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = window.grid.visualRect(window.panel_model.index(row, 0))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def selected_shots(window):
    return [panel.id for panel in window.selection.panels_in_scene()]


def test_shift_click_extends_from_the_clicked_panel_in_a_freshly_shown_scene(window, qtbot):
    window.selection.show_scene(window.project.scenes[1])  # scene 3 of the issue: 3 panels
    click(qtbot, window, 1)
    click(qtbot, window, 2, SHIFT)
    assert window.grid.selected_rows() == [1, 2]
    assert selected_shots(window) == ["p2-1", "p2-2"]


def test_shift_click_extends_from_the_last_plain_click(window, qtbot):
    click(qtbot, window, 2)
    click(qtbot, window, 1)
    click(qtbot, window, 3, SHIFT)
    assert window.grid.selected_rows() == [1, 2, 3]
    assert selected_shots(window) == ["p1-1", "p1-2", "p1-3"]
    assert [panel.id for panel in window.inspector.panels] == ["p1-1", "p1-2", "p1-3"]


def test_shift_right_extends_from_the_clicked_panel(window, qtbot):
    click(qtbot, window, 1)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, SHIFT)
    assert window.grid.selected_rows() == [1, 2]
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, SHIFT)
    assert window.grid.selected_rows() == [1, 2, 3]
    qtbot.keyClick(window.grid, Qt.Key.Key_Left, SHIFT)
    assert selected_shots(window) == ["p1-1", "p1-2"]
    assert window.selection.anchor.id == "p1-1"


def test_shift_click_extends_from_a_panel_another_view_picked(window, qtbot):
    click(qtbot, window, 1)
    scene = window.project.scenes[0]
    window.selection.select([scene.panels[3]], scene)  # as the shot list does when a row is clicked there
    click(qtbot, window, 2, SHIFT)
    assert selected_shots(window) == ["p1-2", "p1-3"]


def test_ctrl_click_moves_the_anchor_and_keeps_earlier_picks(window, qtbot):
    click(qtbot, window, 0)
    click(qtbot, window, 3, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, window, 2, SHIFT)
    # The range runs from the Ctrl+clicked panel, never through 1B; the earlier pick stays, as Qt views keep it.
    assert selected_shots(window) == ["p1-0", "p1-2", "p1-3"]
