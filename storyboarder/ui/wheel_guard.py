"""The mouse wheel scrolls the form under it, not the small box it happens to pass over.

In a scrolling form (the Production tab's shoot day, the Panel inspector) a
spin box, a menu or a little table under the pointer would take the wheel and
change a value or scroll itself while the user meant to scroll the page. Such
a widget takes the wheel only once the user has clicked or tabbed into it;
until then its wheel events go to the scroll area around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)


class WheelGuard(QObject):
    """An event filter that hands an unfocused box's wheel events to the scroll area around it."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        box = _box_of(watched)
        if box is None or box.hasFocus() or _focus_within(box):
            return False
        area = _scroll_area_around(box)
        if area is None:
            return False
        bar = area.horizontalScrollBar() if event.angleDelta().x() and not event.angleDelta().y() else area.verticalScrollBar()
        QApplication.sendEvent(bar, event)
        return True


def _box_of(widget: QWidget) -> QWidget | None:
    """The guarded box a widget is (or is the viewport of)."""
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        return widget
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractItemView) and parent.viewport() is widget:
        return parent
    return None


def _focus_within(box: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and box.isAncestorOf(focus)


def _scroll_area_around(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


_GUARD: WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Guard every spin box, menu and list inside a scroll area under ``root`` (again as new ones appear)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard(QApplication.instance())
    for area in root.findChildren(QScrollArea):
        for widget in area.widget().findChildren(QWidget) if area.widget() is not None else ():
            box = _box_of(widget)
            if box is None or widget.window() is not area.window():
                continue  # a menu's open list is a popup of its own, and keeps its wheel
            target = box.viewport() if isinstance(box, QAbstractItemView) else box
            target.removeEventFilter(_GUARD)  # installing twice would call it twice
            target.installEventFilter(_GUARD)
