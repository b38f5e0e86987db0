"""The Shot List scrolled right keeps its scene and shot columns, and scene rows stay readable
(issue 14, friction 7)."""

from __future__ import annotations

from conftest import small_project, window_on
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QTabBar


def open_shot_list(qtbot, tmp_path):
    project = small_project()
    project.scenes[0].heading = "EXT. LIGHTHOUSE CLIFF - DAWN"
    window = window_on(qtbot, tmp_path / "film", project, (1400, 860))
    tabs = window.board_tabs.findChild(QTabBar)
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert window.board_tabs.currentWidget() is window.shot_list
    tree = window.shot_list.tree
    # Every column on, so the table is far wider than the window.
    for number in range(len(window.shot_model.columns)):
        window.shot_list.set_column_visible(number, True)
    qtbot.waitUntil(lambda: tree.horizontalScrollBar().maximum() > 400)
    frozen, scene = window.shot_list.frozen.view, window.shot_list.proxy.index(0, 0)
    qtbot.waitUntil(lambda: frozen.isExpanded(scene))  # once the event loop has run, as on screen
    return window, tree


def drag_scroll_bar_right(qtbot, tree) -> None:
    """Drag the horizontal scroll bar's handle all the way right, as a user does."""
    bar = tree.horizontalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar)
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=handle.center())
    qtbot.mouseMove(bar, QPoint(bar.width() // 2, handle.center().y()))
    qtbot.mouseMove(bar, QPoint(bar.width() + 200, handle.center().y()))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() + 200, handle.center().y()))
    assert bar.value() == bar.maximum()


def seen_at(tree, point: QPoint):
    """The index a user sees at a point of the table (in the table's coordinates), whichever view paints it."""
    widget = tree.childAt(point)
    view = widget.parent() if widget is not None else None
    if view is None or not hasattr(view, "indexAt"):
        return None
    return view.indexAt(widget.mapFrom(tree, point))


def test_scrolled_right_the_scene_and_shot_columns_stay_and_scene_rows_stay_readable(qtbot, tmp_path):
    window, tree = open_shot_list(qtbot, tmp_path)
    drag_scroll_bar_right(qtbot, tree)
    proxy, model = window.shot_list.proxy, window.shot_model
    scene_row = proxy.index(0, 0)
    shot_row = proxy.index(1, 0, scene_row)
    origin = tree.viewport().mapTo(tree, QPoint(0, 0))
    y_scene = origin.y() + tree.visualRect(scene_row).center().y()
    y_shot = origin.y() + tree.visualRect(shot_row).center().y()
    scene_width = tree.header().sectionSize(model.column_of("scene"))
    shot_x = origin.x() + scene_width + 20
    # At the left edge, the user still reads the shot's number: 1B.
    seen = seen_at(tree, QPoint(shot_x, y_shot))
    assert seen is not None and seen.column() == model.column_of("shot")
    assert seen.data() == "1B"
    # The scene row reads its heading there, not a blank strip.
    seen = seen_at(tree, QPoint(origin.x() + 30, y_scene))
    assert seen is not None and seen.column() == 0 and "LIGHTHOUSE" in seen.data()
    image = tree.grab().toImage()
    left = [image.pixelColor(x, y_scene) for x in range(origin.x() + 4, origin.x() + scene_width + 100)]
    assert len({c.name() for c in left}) > 3, "the scene heading is painted at the left edge"
    # A click on a frozen shot cell selects that shot, as a click in the table does.
    qtbot.mouseClick(tree.childAt(QPoint(shot_x, y_shot)), Qt.MouseButton.LeftButton,
                     pos=tree.childAt(QPoint(shot_x, y_shot)).mapFrom(tree, QPoint(shot_x, y_shot)))
    assert [p.id for p in window.selection.panels] == ["p1-1"]
    assert tree.horizontalScrollBar().value() == tree.horizontalScrollBar().maximum(), "the table did not jump back left"


def test_frozen_columns_follow_widths_collapsing_and_sorting(qtbot, tmp_path):
    window, tree = open_shot_list(qtbot, tmp_path)
    frozen = window.shot_list.frozen.view
    model = window.shot_model
    shot = model.column_of("shot")
    tree.header().resizeSection(shot, 120)
    assert frozen.header().sectionSize(shot) == 120
    assert frozen.width() == tree.header().sectionSize(0) + 120
    scene_row = window.shot_list.proxy.index(0, 0)
    tree.collapse(scene_row)
    assert not frozen.isExpanded(scene_row)
    tree.expand(scene_row)
    assert frozen.isExpanded(scene_row)
    # Scrolled down, the frozen rows are the table's rows.
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == tree.verticalScrollBar().value()


def test_a_line_marks_the_frozen_edge_once_columns_scroll_under_it(qtbot, tmp_path):
    window, tree = open_shot_list(qtbot, tmp_path)
    frozen = window.shot_list.frozen
    assert not frozen.edge.isVisible()  # nothing is under the frozen columns yet
    drag_scroll_bar_right(qtbot, tree)
    assert frozen.edge.isVisible()
    edge = frozen.edge.geometry()
    assert edge.left() < frozen.view.geometry().right() + 1 <= edge.right() + 1
    # Drawn in the palette's dark role, over the table, where a user sees it.
    picture = tree.grab().toImage()
    proxy = window.shot_list.proxy
    scene_row = proxy.index(0, 0)
    origin = tree.viewport().mapTo(tree, QPoint(0, 0)).y()
    dark = tree.palette().color(tree.palette().ColorRole.Dark).rgb()
    x = edge.center().x()
    assert picture.pixelColor(x, origin + tree.visualRect(proxy.index(0, 0, scene_row)).center().y()).rgb() == dark
    # A scene's heading runs on across the edge: the line breaks there.
    assert picture.pixelColor(x, origin + tree.visualRect(scene_row).center().y()).rgb() != dark
