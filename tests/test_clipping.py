"""Issue 14, bug 12: at the default window size (1400×860) no text is cut off and no tool hides behind a » menu.

The check is general: every visible button, menu (combo box), header section
and table on the Shot List tab, in the drawing view and on the Shoot Days
page is measured against the room it has, from its font, its text and the
style's margins.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from conftest import EXAMPLE, open_window

SIZE = (1400, 860)


def _combo_clipped(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    return f"{combo.currentText()!r}: needs {need} px, has {field.width()}" if field.width() < need else None


def _header_clipped(header: QHeaderView) -> list[str]:
    model = header.model()
    bold = QFontMetrics(header.font())
    font = header.font()
    font.setBold(True)  # the current column's title is drawn bold
    bold = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    found = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = str(model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
        need = bold.horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            need += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if header.sectionSize(logical) < need:
            found.append(f"header {text!r}: needs {need} px, has {header.sectionSize(logical)}")
    return found


def clipping(root: QWidget) -> list[str]:
    """Every piece of text under ``root`` with less room than it needs, and every tool bar that overflows."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QToolBar):
            extension = widget.findChild(QToolButton, "qt_toolbar_ext_button")
            if extension is not None and extension.isVisibleTo(root):
                found.append(f"tool bar {name}: some tools hide behind »")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.sizeHint().width():
                found.append(f"button {widget.text()!r}: needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QComboBox):
            if (problem := _combo_clipped(widget)) is not None:
                found.append(f"menu {name} {problem}")
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found.extend(f"{name} {problem}" for problem in _header_clipped(widget))
        if isinstance(widget, (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)):
            parent = widget.parentWidget()
            # Inside a scroll area's page a widget may lie beyond the view: scrolling shows it.
            if parent is not None and parent.objectName() != "qt_scrollarea_viewport" and not QRect(parent.rect()).contains(widget.geometry()):
                found.append(f"{name} runs off its {parent.objectName() or type(parent).__name__}")
    return found


@pytest.fixture
def window(qtbot, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "night-market")
    window = open_window(qtbot, tmp_path / "night-market", SIZE)
    assert window.size().toTuple() == SIZE
    return window


def test_the_shot_list_filter_bar_fits(qtbot, window):
    window.board_tabs.setCurrentWidget(window.shot_list)
    view = window.shot_list
    qtbot.waitUntil(lambda: view.facets["scene_ids"].count() > 1)
    problems = clipping(view)
    assert problems == [], "\n".join(problems)
    # Every facet shows its whole "All …" title.
    assert [combo.currentText() for combo in view.facets.values()] == [
        "All scenes", "All locations", "All camera setups", "All lighting setups", "All cast"]


def test_the_drawing_tool_bars_show_every_tool(qtbot, window):
    rect = window.grid.visualRect(window.panel_model.index(0, 0))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    drawing = window.drawing
    assert window.central.currentWidget() is drawing
    problems = clipping(drawing)
    assert problems == [], "\n".join(problems)
    shown = {button.text() for bar in drawing.findChildren(QToolBar) for button in bar.findChildren(QToolButton)
             if button.isVisibleTo(drawing)}
    assert {"Done", "Onion Skin", "Flip", "◀ Previous", "Next ▶", "Fit", "Guides", "Pencil", "Eraser"} <= shown


def test_a_new_shoot_day_s_form_and_the_schedule_header_fit(qtbot, window):
    window.board_tabs.setCurrentWidget(window.production)
    page = window.production.shoot_days
    window.production.setCurrentWidget(page)
    days = page.days
    qtbot.mouseClick(days.add_button, Qt.MouseButton.LeftButton)  # a new shoot day, its date being typed
    qtbot.keyClick(days.table.focusWidget() or days.table, Qt.Key.Key_Escape)
    assert page.form.day is not None and page.form.day.date == ""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the last day's widgets go
    problems = clipping(page)
    assert problems == [], "\n".join(problems)
    for table in (page.form.cast_calls, page.form.background, page.form.department_calls, page.form.crew_calls):
        assert not table.table.horizontalScrollBar().isVisibleTo(page), f"{table.path} is wider than its box"
    header = days.table.horizontalHeader()
    date = days.model.fields.index(next(f for f in days.model.fields if f.path == "date"))
    assert days.model.headerData(date, Qt.Orientation.Horizontal) == "Date"
    assert "YYYY-MM-DD" in days.model.headerData(date, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header.sectionSize(date) > 0


def test_in_a_narrow_window_the_filter_menus_wrap_instead_of_squeezing(qtbot, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "narrow")
    window = open_window(qtbot, tmp_path / "narrow", (1000, 700))
    window.board_tabs.setCurrentWidget(window.shot_list)
    view = window.shot_list
    qtbot.waitUntil(lambda: view.facets["scene_ids"].count() > 1)
    combos = list(view.facets.values())
    assert clipping(view.facet_bar) == []
    rows = {combo.geometry().top() for combo in combos}
    assert len(rows) > 1, "the menus wrap onto a second line"
    for i, a in enumerate(combos):
        assert view.facet_bar.rect().contains(a.geometry())
        for b in combos[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.objectName(), b.objectName())
    # The table starts below the last line of menus.
    assert view.tree.geometry().top() >= view.facet_bar.geometry().bottom()
