"""The application context and the one shared selection, driven as a user drives the window."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from conftest import open_window, small_project
from storyboarder.io import load_project, save_project
from storyboarder.ui import settings as opts
from storyboarder.ui.actions import ActionId
from storyboarder.ui.context import ApplicationContext
from storyboarder.ui.document import Document
from storyboarder.ui.main_window import MainWindow
from storyboarder.ui.selection import Selection
from storyboarder.ui.settings import Settings


def own_settings(path) -> Settings:
    """Settings in a file of the test's own, not the one every test gets."""
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


SIZE = (1400, 860)


@pytest.fixture
def window(qtbot, tmp_path):
    save_project(small_project(), tmp_path / "film")
    return open_window(qtbot, tmp_path / "film", SIZE, own_settings(tmp_path / "mine.ini"))


def click_panel(qtbot, window, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = window.grid.visualRect(window.panel_model.index(row, 0))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_shot(qtbot, window, scene_row, panel_row, key="action", modifier=Qt.KeyboardModifier.NoModifier):
    proxy, tree = window.shot_list.proxy, window.shot_list.tree
    index = proxy.index(panel_row, window.shot_model.column_of(key), proxy.index(scene_row, 0))
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualRect(index).center())


def shot_list_rows(window) -> set[str]:
    """The ids of the panels whose rows the shot list shows selected."""
    return {panel.id for panel in window.shot_list.selected_panels()}


def ids(panels) -> list[str]:
    return [panel.id for panel in panels]


# (a) A window built from a context the test makes ------------------------------------------


def test_a_window_is_built_from_the_context_it_is_given(qtbot, tmp_path):
    settings = own_settings(tmp_path / "mine.ini")
    settings.set(opts.THUMBNAIL_WIDTH, 300)
    project = small_project()
    save_project(project, tmp_path / "film")
    context = ApplicationContext(settings, Document(project, tmp_path / "film"))
    window = open_window(qtbot, size=SIZE, context=context)

    # Every part of the window works on the context's project, settings and selection.
    assert window.context is context and window.document is context.document and window.project is project
    assert window.zoom.value() == 300
    assert window.scene_model.rowCount() == 2 and window.current_scene() is project.scenes[0]
    assert context.selection.scene is project.scenes[0]
    assert window.shot_list.proxy.rowCount() == 2
    assert window.windowTitle().startswith("Test")

    # Its file work, exports and status bar use the same context.
    window.document.set_field([project.scenes[0].panels[0]], "action", "Rain", "action")
    assert window.files.save()
    assert load_project(tmp_path / "film").project.scenes[0].panels[0].action == "Rain"
    assert "Saved" in window.statusBar().currentMessage()
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    assert window.export_dialog.project is project and window.export_dialog.settings is settings
    window.export_dialog.reject()

    window.close()
    # The window's state went to the test's own settings file, and the file everyone else gets stayed empty.
    assert not QSettings(str(tmp_path / "mine.ini"), QSettings.Format.IniFormat).value("window/geometry").isEmpty()
    assert not Settings().has(opts.WINDOW_GEOMETRY)


def test_a_window_without_a_context_makes_its_own(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.context.parent() is window and window.context.document is window.document
    assert window.context.selection is window.selection


# (b) One selection between the grid, the shot list and the inspector ------------------------


def test_panels_picked_in_the_grid_are_the_shot_lists_rows_and_the_inspectors_panels(qtbot, window):
    scene = window.project.scenes[0]
    selection = window.selection
    click_panel(qtbot, window, 1)
    assert selection.scene is scene and ids(selection.panels) == ["p1-1"]
    assert shot_list_rows(window) == {"p1-1"}
    assert ids(window.inspector.panels) == ["p1-1"]

    click_panel(qtbot, window, 2, Qt.KeyboardModifier.ControlModifier)
    assert set(ids(selection.panels)) == {"p1-1", "p1-2"} and selection.rows() == [1, 2]
    assert shot_list_rows(window) == {"p1-1", "p1-2"}
    assert set(ids(window.inspector.panels)) == {"p1-1", "p1-2"}
    assert window.action(ActionId.DELETE).isEnabled()

    # Another scene on the board starts with nothing selected, everywhere.
    window.navigator.list.select_scene(1)
    assert selection.scene is window.project.scenes[1] and selection.panels == ()
    assert window.grid.selected_rows() == [] and shot_list_rows(window) == set() and window.inspector.panels == []
    assert not window.action(ActionId.DELETE).isEnabled()


def test_rows_picked_in_the_shot_list_are_the_grids_panels(qtbot, window):
    first, second = window.project.scenes
    selection = window.selection
    window.board_tabs.setCurrentWidget(window.shot_list)

    # A shot of the second scene takes the board and the scene list there.
    click_shot(qtbot, window, 1, 0)
    assert selection.scene is second and ids(selection.panels) == ["p2-0"]
    assert window.panel_model.scene is second and window.grid.selected_rows() == [0]
    assert window.navigator.current_scene() is second
    assert ids(window.inspector.panels) == ["p2-0"]

    # Shots of two scenes: the inspector edits both, the board stays on its scene.
    click_shot(qtbot, window, 0, 2, modifier=Qt.KeyboardModifier.ControlModifier)
    assert set(ids(selection.panels)) == {"p2-0", "p1-2"} and selection.scene is second
    assert window.grid.selected_rows() == [0]
    assert set(ids(window.inspector.panels)) == {"p2-0", "p1-2"}

    # Two shots of one scene select those panels on the board.
    click_shot(qtbot, window, 0, 0)
    click_shot(qtbot, window, 0, 2, modifier=Qt.KeyboardModifier.ControlModifier)
    assert selection.scene is first and window.panel_model.scene is first
    assert window.grid.selected_rows() == [0, 2] and set(ids(window.inspector.panels)) == {"p1-0", "p1-2"}
    # The click made a cell selection; the shared selection leaves the user's cells alone.
    assert len(window.shot_list.tree.selectionModel().selectedIndexes()) == 2


def test_the_board_keeps_only_the_panels_it_shows_when_it_comes_to_the_front(qtbot, window):
    window.board_tabs.setCurrentWidget(window.shot_list)
    click_shot(qtbot, window, 1, 0)
    click_shot(qtbot, window, 0, 1, modifier=Qt.KeyboardModifier.ControlModifier)
    assert len(window.inspector.panels) == 2
    window.board_tabs.setCurrentWidget(window.grid)
    # The inspector never edits panels the board does not show.
    assert ids(window.selection.panels) == ["p2-0"] and ids(window.inspector.panels) == ["p2-0"]
    assert shot_list_rows(window) == {"p2-0"}


def test_deleting_and_undoing_keep_the_selection_whole(qtbot, window):
    scene = window.project.scenes[0]
    click_panel(qtbot, window, 0)
    click_panel(qtbot, window, 1, Qt.KeyboardModifier.ControlModifier)
    window.action(ActionId.DELETE).trigger()
    # The panel after the deleted ones is selected; the deleted ones are nowhere.
    assert ids(scene.panels) == ["p1-2"]
    assert ids(window.selection.panels) == ["p1-2"] and ids(window.inspector.panels) == ["p1-2"]
    window.undo_action.trigger()
    assert set(ids(window.selection.panels)) == {"p1-0", "p1-1"} and window.grid.selected_rows() == [0, 1]
    assert shot_list_rows(window) == {"p1-0", "p1-1"}


# (c) The Shot List's columns are a setting the export dialog reads ---------------------------


def choose_from_header_menu(qtbot, window, title: str) -> None:
    """Right-click the shot list's header and click one entry of the menu that opens."""
    header = window.shot_list.tree.header()

    def pick():
        menu = QApplication.activePopupWidget()
        if menu is None:  # the menu opens once the click has been handled
            QTimer.singleShot(10, pick)
            return
        action = next(a for a in menu.actions() if a.text() == title)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, pick)
    # Through the window, as the window system delivers a click: that is what opens a context menu.
    where = header.viewport().mapTo(window, QPoint(40, header.height() // 2))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, where)


def export_columns(qtbot, window) -> tuple[str, ...]:
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    chosen = dialog.chosen_columns()
    dialog.reject()
    return chosen


def test_columns_hidden_in_the_shot_list_are_left_out_of_its_export(qtbot, window, tmp_path):
    window.board_tabs.setCurrentWidget(window.shot_list)
    before = export_columns(qtbot, window)
    assert "dialogue" in before and "lens" in before

    choose_from_header_menu(qtbot, window, "Dialogue")
    header = window.shot_list.tree.header()
    assert header.isSectionHidden(window.shot_model.column_of("dialogue"))
    shown = window.shot_list.visible_columns()
    assert "dialogue" not in shown
    assert export_columns(qtbot, window) == shown
    assert window.settings.shot_list_columns() == shown

    # The tab's order is the export's order.
    header.moveSection(header.visualIndex(window.shot_model.column_of("notes")), 2)
    window.shot_list.save_header()
    shown = window.shot_list.visible_columns()
    assert shown[2] == "notes" and export_columns(qtbot, window) == shown

    # A new window on the same settings shows the same columns and offers them again.
    window.close()
    again = open_window(qtbot, size=SIZE, settings=own_settings(tmp_path / "mine.ini"))
    assert again.shot_list.visible_columns() == shown
    assert export_columns(qtbot, again) == shown


def test_the_shot_list_export_can_untick_a_column(qtbot, window, tmp_path):
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    for row in range(dialog.columns.count()):
        item = dialog.columns.item(row)
        if item.data(Qt.ItemDataRole.UserRole) != "shot":
            item.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen_columns() == ("shot",)
    shot = next(dialog.columns.item(r) for r in range(dialog.columns.count()) if dialog.columns.item(r).text() == "Shot")
    shot.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled() and "Tick at least one column" in dialog.problem.text()
    dialog.reject()
    # The tab's columns are the tab's: unticking for one export leaves them alone.
    assert "dialogue" in window.shot_list.visible_columns()


def test_settings_from_before_the_columns_option_keep_their_hidden_columns(qtbot, tmp_path):
    first = open_window(qtbot, size=SIZE, settings=own_settings(tmp_path / "old.ini"))
    first.shot_list.set_column_visible(first.shot_model.column_of("cast"), False)
    first.close()
    # Older settings held the choice only in the header state.
    store = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    store.remove(opts.SHOT_LIST_COLUMNS.key)
    store.sync()
    again = open_window(qtbot, size=SIZE, settings=own_settings(tmp_path / "old.ini"))
    assert "cast" not in again.shot_list.visible_columns()
    assert "cast" not in again.settings.shot_list_columns()


# The selection object's own rules, for every sequence of changes -----------------------------

_PROJECT = small_project()
_SCENES = _PROJECT.scenes
_PANELS = [panel for scene in _SCENES for panel in scene.panels]

_steps = st.lists(
    st.one_of(
        st.tuples(st.just("select"), st.lists(st.sampled_from(_PANELS), max_size=5),
                  st.sampled_from([None, *_SCENES]), st.sampled_from([None, *_PANELS])),
        st.tuples(st.just("rows"), st.sampled_from([None, *_SCENES]), st.lists(st.integers(-1, 4), max_size=4)),
        st.tuples(st.just("scene"), st.sampled_from([None, *_SCENES])),
        st.tuples(st.just("discard"), st.lists(st.sampled_from(_PANELS), max_size=3)),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(_steps)
def test_the_selection_holds_each_panel_once_and_announces_every_change_and_only_those(qapp, steps):
    selection = Selection()
    heard = []
    selection.changed.connect(lambda: heard.append(1))

    def state():
        anchor = selection.anchor
        return selection.scene, frozenset(map(id, selection.panels)), id(anchor) if anchor else None

    for step in steps:
        before, count = state(), len(heard)
        if step[0] == "select":
            selection.select(step[1], step[2], step[3])
        elif step[0] == "rows":
            selection.select_rows(step[1], step[2])
        elif step[0] == "scene":
            selection.show_scene(step[1])
        else:
            selection.discard(step[1])
        assert len(heard) - count == (0 if state() == before else 1)
        panels = selection.panels
        assert len({id(p) for p in panels}) == len(panels)
        # The anchor is a selected panel, the first one unless a view named another.
        assert (selection.anchor is None) == (not panels) and (not panels or any(p is selection.anchor for p in panels))
        scene = selection.scene
        assert selection.rows() == sorted(selection.rows())
        assert selection.panels_in_scene() == [p for p in (scene.panels if scene else []) if any(p is q for q in panels)]
