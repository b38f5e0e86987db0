"""The Production tab gets the window: docks and the zoom slider that do not apply hide with it and come
back as the user left them; the wheel scrolls the form, not the box under it; the cast is numbered once
(issue 14, friction 6)."""

from __future__ import annotations

from conftest import open_window, small_project, window_on
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QTabBar

from storyboarder.model import ShootDay


def click_tab(qtbot, tabs, title: str) -> None:
    bar = tabs.findChild(QTabBar)
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def test_docks_and_zoom_hide_with_the_production_tab_and_come_back_as_left(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    docks = (window.scene_dock, window.inspector_dock, window.history_dock)
    # The user closes the Scenes dock and brings History to the front of its tab group.
    window.scene_dock.toggleViewAction().trigger()
    window.history_dock.raise_()
    qtbot.waitUntil(lambda: not window.history_dock.visibleRegion().isEmpty())
    assert window.zoom.isVisible()
    window.scene_dock.toggleViewAction().trigger()  # and opens it again
    click_tab(qtbot, window.board_tabs, "Production")
    assert window.production.currentWidget() is window.production.cast
    assert not any(dock.isVisible() for dock in docks)
    assert not window.zoom.isVisible()
    qtbot.waitUntil(lambda: window.production.width() > 1300)  # the tab has the window's width
    # Shoot days take scenes dragged from the scene list: there the Scenes dock is back.
    click_tab(qtbot, window.production, "Shoot Days")
    assert window.scene_dock.isVisible() and not window.inspector_dock.isVisible()
    window.scene_dock.toggleViewAction().trigger()  # the user closes it here
    click_tab(qtbot, window.board_tabs, "Storyboard")
    assert not window.scene_dock.isVisible(), "the dock the user closed stays closed"
    assert window.inspector_dock.toggleViewAction().isChecked() and window.history_dock.toggleViewAction().isChecked()
    in_front = lambda dock: not dock.visibleRegion().isEmpty()  # noqa: E731 - a tabbed-away dock is off screen
    qtbot.waitUntil(lambda: in_front(window.history_dock) and not in_front(window.inspector_dock))
    assert window.zoom.isVisible()
    # The Shot List edits panels: the inspector applies there, the zoom of thumbnails does not.
    click_tab(qtbot, window.board_tabs, "Shot List")
    assert window.history_dock.isVisible() and not window.zoom.isVisible()


def test_docks_come_back_at_the_width_they_had(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    window.resizeDocks([window.scene_dock, window.inspector_dock], [300, 380], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(window.inspector_dock.width() - 380) <= 4)
    widths = (window.scene_dock.width(), window.inspector_dock.width())
    for tab in ("Production", "Shot List", "Production", "Storyboard"):
        click_tab(qtbot, window.board_tabs, tab)
    qtbot.waitUntil(lambda: (window.scene_dock.width(), window.inspector_dock.width()) == widths)


def test_closing_on_the_production_tab_keeps_the_users_docks(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    click_tab(qtbot, window.board_tabs, "Production")
    window.close()
    again = open_window(qtbot, tmp_path / "p", size=(1400, 860), settings=window.context.settings)
    assert again.scene_dock.isVisible() and again.inspector_dock.isVisible()


def test_the_cast_table_numbers_its_rows_once(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", small_project(), size=(1400, 860))
    click_tab(qtbot, window.board_tabs, "Production")
    assert window.production.cast.table.verticalHeader().isHidden()
    assert window.production.cast.model.fields[0].title == "#"
    assert not window.production.crew.table.verticalHeader().isHidden(), "the crew has no # column of its own"


def wheel(widget, down: bool = True) -> None:
    """One notch of the mouse wheel over the middle of a widget."""
    centre = QPointF(widget.rect().center())
    delta = QPoint(0, -120 if down else 120)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), delta,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_shoot_day_not_the_box_under_the_pointer(qtbot, tmp_path):
    project = small_project()
    project.shoot_days.append(ShootDay(date="2027-03-15"))
    window = window_on(qtbot, tmp_path / "p", project, size=(1400, 700))
    project = window.project
    click_tab(qtbot, window.board_tabs, "Production")
    click_tab(qtbot, window.production, "Shoot Days")
    page = window.production.shoot_days
    page.days.table.selectRow(0)
    form = page.form
    assert form.day is project.shoot_days[0]
    bar = form.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    combo = form.findChild(QComboBox, "day:revision_color")
    assert combo is not None and not combo.hasFocus()
    before = (combo.currentIndex(), project.shoot_days[0].revision_color)
    wheel(combo)
    assert (combo.currentIndex(), project.shoot_days[0].revision_color) == before, "the menu did not change"
    assert bar.value() > 0, "the form scrolled"
    # Over a little table inside the form, the wheel scrolls the form too.
    bar.setValue(0)
    table = form.cast_calls.table
    wheel(table.viewport())
    assert bar.value() > 0
    # Once the user has clicked into the menu, the wheel is the menu's.
    combo.setFocus()
    window.activateWindow()
    qtbot.waitUntil(combo.hasFocus)
    top = bar.value()
    wheel(combo)
    assert combo.currentIndex() != before[0] and bar.value() == top
