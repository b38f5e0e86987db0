"""The Shot List tab, driven the way a DP or first AD drives it: clicks, keys, paste and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox

from conftest import small_project, window_on
from storyboarder.model import Panel
from storyboarder.ui.board.item_models import Role
from storyboarder.ui.context import ApplicationContext
from storyboarder.ui.main_window import MainWindow
from storyboarder.ui.settings import Settings


@pytest.fixture
def window(qtbot, tmp_path):
    project = small_project()
    project.scenes[1].panels[0].camera.setup = "2"
    project.scenes[0].panels[0].camera.setup = "1"
    win = window_on(qtbot, tmp_path / "film", project, (1400, 800))
    win.board_tabs.setCurrentWidget(win.shot_list)
    return win


def cell(window, scene_row: int, panel_row: int, key: str):
    """The shot list's index (in the view's proxy) of one cell."""
    proxy = window.shot_list.proxy
    parent = proxy.index(scene_row, 0)
    return proxy.index(panel_row, window.shot_model.column_of(key), parent)


def visible_panels(window) -> list[str]:
    proxy = window.shot_list.proxy
    out = []
    for row in range(proxy.rowCount()):
        parent = proxy.index(row, 0)
        for child in range(proxy.rowCount(parent)):
            out.append(window.shot_model.panel_of(proxy.mapToSource(proxy.index(child, 0, parent))).id)
    return out


def click(qtbot, window, index, modifier=Qt.KeyboardModifier.NoModifier):
    tree = window.shot_list.tree
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualRect(index).center())


def select_cells(window, indexes):
    selection = QItemSelection()
    for index in indexes:
        selection.select(index, index)
    window.shot_list.tree.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_model_passes_qt_model_checks(qtmodeltester, window):
    qtmodeltester.check(window.shot_model)
    qtmodeltester.check(window.shot_list.proxy)


def test_rows_are_grouped_by_scene_with_totals(window):
    proxy = window.shot_list.proxy
    assert proxy.rowCount() == 2
    heading = proxy.index(0, 0).data()
    assert "EXT. MARKET - NIGHT" in heading and "3 shots" in heading and "0:06.0" in heading
    assert proxy.rowCount(proxy.index(0, 0)) == 3
    assert cell(window, 0, 1, "shot").data() == "1B"
    assert cell(window, 0, 1, "lens").data() == "35mm"
    assert cell(window, 0, 1, "cast").data() == "MARA"
    assert cell(window, 0, 1, "location").data() == "Night market"
    assert cell(window, 1, 0, "int_ext").data() == "INT"
    assert window.shot_list.count.text() == "4 shots"


def test_editing_a_cell_with_the_vocabulary_combo_is_one_undo_step(qtbot, window):
    panel = window.project.scenes[0].panels[1]
    index = cell(window, 0, 1, "shot_size")
    click(qtbot, window, index)
    qtbot.mouseDClick(window.shot_list.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.shot_list.tree.visualRect(index).center())
    editor = window.shot_list.tree.indexWidget(index) or window.shot_list.tree.focusWidget()
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    assert isinstance(combo, QComboBox)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "extreme close-up")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert panel.camera.shot_size == "ECU"  # the full name is stored as the crew's abbreviation
    assert index.data() == "ECU"
    # The grid and its inspector see the same panel change.
    assert window.panel_model.index(1, 0).data(Role.CAMERA_LINE).startswith("ECU")
    window.board_tabs.setCurrentWidget(window.grid)
    window.grid.select_rows([1])
    assert window.inspector.editor("camera.shot_size").widget.currentText() == "ECU"
    window.undo_action.trigger()
    assert panel.camera.shot_size == "MCU"
    assert index.data() == "MCU"


def test_an_edit_in_the_inspector_shows_in_the_shot_list_at_once(qtbot, window):
    window.board_tabs.setCurrentWidget(window.grid)
    window.grid.select_rows([0])
    window.document.set_field([window.project.scenes[0].panels[0]], "camera.lens_mm", 85.0, "lens")
    assert cell(window, 0, 0, "lens").data() == "85mm"


def test_paste_down_a_column_is_one_undo_step(qtbot, window):
    panels = window.project.scenes[0].panels
    select_cells(window, [cell(window, 0, r, "lens") for r in range(3)])
    QGuiApplication.clipboard().setText("50")
    before = window.document.undo_stack.count()
    window.shot_list.tree.setFocus()
    window.shot_list.paste_action.trigger()
    assert [p.lens_mm if False else p.camera.lens_mm for p in panels] == [50.0, 50.0, 50.0]
    assert window.document.undo_stack.count() == before + 1
    window.undo_action.trigger()
    assert [p.camera.lens_mm for p in panels] == [35, 35, 35]


def test_paste_lines_into_rows_and_a_bad_number_changes_nothing(qtbot, window):
    panels = window.project.scenes[0].panels
    select_cells(window, [cell(window, 0, r, "camera") for r in range(3)])
    QGuiApplication.clipboard().setText("A\nB\nC\n")
    window.shot_list.paste_action.trigger()
    assert [p.camera.camera for p in panels] == ["A", "B", "C"]
    problems = []
    window.shot_list.problem.connect(problems.append)
    select_cells(window, [cell(window, 0, r, "lens") for r in range(3)])
    QGuiApplication.clipboard().setText("wide")
    window.shot_list.paste_action.trigger()
    assert problems == ["lens must be a number between 1 and 2000 mm"]
    assert [p.camera.lens_mm for p in panels] == [35, 35, 35]


def test_fill_down_and_clear(window):
    panels = window.project.scenes[0].panels
    panels[0].lighting.setup = "L7"
    select_cells(window, [cell(window, 0, r, "lighting_setup") for r in range(3)])
    window.shot_list.fill_action.trigger()
    assert [p.lighting.setup for p in panels] == ["L7", "L7", "L7"]
    select_cells(window, [cell(window, 0, r, "est_minutes") for r in range(2)] + [cell(window, 0, 0, "notes")])
    panels[0].est_minutes = 12.0
    window.shot_list.clear_action.trigger()
    assert panels[0].est_minutes is None


def test_copy_cells_as_spreadsheet_text(window):
    select_cells(window, [cell(window, 0, r, key) for r in range(2) for key in ("shot", "shot_size")])
    window.shot_list.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == "1A\tMCU\n1B\tMCU"


def test_free_text_and_facet_filters(qtbot, window):
    view = window.shot_list
    qtbot.keyClicks(view.search, "drive")
    qtbot.waitUntil(lambda: visible_panels(window) == ["p2-0"])  # filtering waits for a pause in typing
    assert view.count.text() == "1 of 4 shots"
    view.search.clear()
    qtbot.waitUntil(lambda: len(visible_panels(window)) == 4)
    combo = view.facets["camera_setups"]
    combo.setCurrentIndex(combo.findData("1"))
    assert visible_panels(window) == ["p1-0"]
    combo.setCurrentIndex(0)
    cast = view.facets["cast_ids"]
    cast.setCurrentIndex(cast.findData("cast-mara"))
    assert visible_panels(window) == ["p1-0", "p1-1", "p1-2"]
    location = view.facets["location_ids"]
    cast.setCurrentIndex(0)
    location.setCurrentIndex(location.findData("loc-market"))
    assert visible_panels(window) == ["p1-0", "p1-1", "p1-2"]


def test_sorting_keeps_scenes_in_story_order_and_story_order_comes_back(qtbot, window):
    panels = window.project.scenes[0].panels
    for panel, lens in zip(panels, (50, 18, 135)):
        panel.camera.lens_mm = lens
    header = window.shot_list.tree.header()
    lens_section = window.shot_model.column_of("lens")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(
        header.sectionViewportPosition(lens_section) + 5, header.height() // 2))
    assert [cell(window, 0, r, "lens").data() for r in range(3)] == ["18mm", "50mm", "135mm"]  # numbers, not text
    assert window.shot_list.proxy.index(1, 0).data().startswith("2")
    window.shot_list.story_order.click()
    assert [cell(window, 0, r, "shot").data() for r in range(3)] == ["1A", "1B", "1C"]


def test_one_selection_between_grid_and_shot_list(qtbot, window):
    click(qtbot, window, cell(window, 1, 0, "action"))
    # The board follows to the panel's scene and selects it; the inspector shows it.
    assert window.current_scene() is window.project.scenes[1]
    assert window.grid.selected_rows() == [0]
    assert window.inspector.panels == [window.project.scenes[1].panels[0]]
    window.board_tabs.setCurrentWidget(window.grid)
    window.navigator.show_scene(window.project.scenes[0])
    window.grid.select_rows([2])
    selected = window.shot_list.selected_panels()
    assert selected == [window.project.scenes[0].panels[2]]


def test_structure_edits_show_in_the_shot_list(window):
    proxy = window.shot_list.proxy
    scene = window.project.scenes[1]
    window.document.insert_panels(scene, 1, [Panel(id="new", action="Horn blares")])
    assert proxy.rowCount(proxy.index(1, 0)) == 2
    assert cell(window, 1, 1, "shot").data() == "2B"
    window.document.move_scene(1, 0)
    assert "INT. VAN" in proxy.index(0, 0).data()
    assert cell(window, 0, 1, "action").data() == "Horn blares"
    window.document.add_scene(heading="EXT. PIER - DAY")
    assert proxy.rowCount() == 3
    for _ in range(3):
        window.undo_action.trigger()
    assert proxy.rowCount() == 2 and proxy.rowCount(proxy.index(1, 0)) == 1


def test_column_choices_are_remembered(qtbot, window):
    view = window.shot_list
    dialogue = window.shot_model.column_of("dialogue")
    view.set_column_visible(dialogue, False)
    view.tree.header().moveSection(view.tree.header().visualIndex(window.shot_model.column_of("notes")), 2)
    view.save_header()
    again = MainWindow(ApplicationContext(Settings()))
    qtbot.addWidget(again)
    header = again.shot_list.tree.header()
    assert header.isSectionHidden(dialogue)
    assert header.visualIndex(again.shot_model.column_of("notes")) == 2


def test_scene_columns_edit_the_scene_and_status_marks_a_shot(qtbot, window):
    view = window.shot_list
    header = view.tree.header()
    status = window.shot_model.column_of("status")
    assert header.isSectionHidden(status)  # on-set columns wait until asked for
    view.set_column_visible(status, True)
    select_cells(window, [cell(window, 0, r, "status") for r in range(2)])
    QGuiApplication.clipboard().setText("shot")
    view.paste_action.trigger()
    assert [p.status for p in window.project.scenes[0].panels] == ["shot", "shot", ""]
    # INT/EXT belongs to the scene: pasting it on two rows of one scene sets the scene once.
    select_cells(window, [cell(window, 0, r, "int_ext") for r in range(2)])
    QGuiApplication.clipboard().setText("INT/EXT")
    view.paste_action.trigger()
    assert window.project.scenes[0].int_ext == "INT/EXT"
    assert cell(window, 0, 2, "int_ext").data() == "INT/EXT"
    window.undo_action.trigger()
    assert window.project.scenes[0].int_ext == "EXT"


def test_tick_shots_off_on_set(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    panels = window.project.scenes[0].panels
    window.document.set_field([panels[2]], "new_shot", False, "new shot")  # 1B-1 and 1B-2 are one shot
    select_cells(window, [cell(window, 0, 1, "action")])
    window.shot_list.shot_action.trigger()
    assert [p.status for p in panels] == ["", "shot", "shot"]
    assert not window.shot_list.tree.header().isSectionHidden(window.shot_model.column_of("status"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("weather: lost the light", True))
    select_cells(window, [cell(window, 0, 0, "action")])
    window.shot_list.cut_action.trigger()
    assert (panels[0].status, panels[0].cut_reason) == ("cut", "weather: lost the light")
    window.undo_action.trigger()
    assert (panels[0].status, panels[0].cut_reason) == ("", "")


def test_reset_costs_in_project_settings(qtbot, window):
    from storyboarder.ui.files.project_dialog import ProjectSettingsDialog

    dialog = ProjectSettingsDialog(window.project, window)
    dialog.camera_reset.setValue(45)
    window.document.set_project_fields(dialog.values())
    assert window.project.camera_reset_minutes == 45
    window.undo_action.trigger()
    assert window.project.camera_reset_minutes == 30


def test_mark_as_shot_marks_only_that_scenes_insert(qtbot, window):
    # Two scenes each override a shot to INSERT: the same label, two different shots.
    scene_a, scene_b = window.project.scenes
    window.document.set_field([scene_a.panels[1]], "shot", "INSERT", "shot")
    window.document.set_field([scene_b.panels[0]], "shot", "INSERT", "shot")
    assert cell(window, 0, 1, "shot").data() == cell(window, 1, 0, "shot").data() == "INSERT"
    click(qtbot, window, cell(window, 0, 1, "action"))
    window.shot_list.shot_action.trigger()
    assert [p.status for p in scene_a.panels] == ["", "shot", ""]
    assert scene_b.panels[0].status == ""  # scene B's INSERT is still to shoot
    assert cell(window, 1, 0, "status").data() == ""
