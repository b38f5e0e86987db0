"""A row of widgets that wraps onto more lines when the window is too narrow for it.

Qt's box layouts squeeze widgets below the room their text needs (a filter
menu then reads "All scen") or make them overlap; this layout keeps every
widget at least as wide as its minimum, moves what does not fit to the next
line, and shares a line's spare room out towards each widget's preferred
width.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping; the height follows the width it is given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    # QLayout's item list ---------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # Sizes -----------------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # Preferred: everything on one line.
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self._gap() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        # At the least: the widest widget alone on a line.
        margins = self.contentsMargins()
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._place(rect, move=True)

    # Placing ------------------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.layoutSpacing(QSizePolicy.ControlType.ComboBox, QSizePolicy.ControlType.ComboBox, Qt.Orientation.Horizontal)

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        """The items of each line: as many as fit at their minimum widths (at least one)."""
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in self._shown():
            need = item.minimumSize().width()
            if lines and used + self._gap() + need <= width:
                lines[-1].append(item)
                used += self._gap() + need
            else:
                lines.append([item])
                used = need
        return lines

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); return the height they take."""
        margins: QMargins = self.contentsMargins()
        inner = rect.marginsRemoved(margins)
        gap = self._gap()
        y = inner.y()
        for line in self._lines(inner.width()):
            widths = _share(line, inner.width() - gap * (len(line) - 1))
            height = max(item.sizeHint().height() for item in line)
            x = inner.x()
            for item, width in zip(line, widths):
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + gap
            y += height + gap
        return y - gap - rect.y() + margins.bottom() if self._shown() else margins.top() + margins.bottom()


def _share(line: list[QLayoutItem], room: int) -> list[int]:
    """Each item's width on a line: its preferred width if all fit, else its minimum plus a share of the rest."""
    least = [item.minimumSize().width() for item in line]
    wanted = [max(low, min(item.sizeHint().width(), item.maximumSize().width())) for item, low in zip(line, least)]
    if sum(wanted) <= room:
        return wanted
    spare, grow = max(0, room - sum(least)), sum(w - low for w, low in zip(wanted, least))
    return [low + ((w - low) * spare // grow if grow else 0) for w, low in zip(wanted, least)]

