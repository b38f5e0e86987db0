"""A small palette: black, greys, white and one accent colour, plus a colour picker."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QColorDialog, QHBoxLayout, QToolButton, QWidget

#: The accent colour: notes (camera moves, arrows) are drawn in it.
ACCENT = QColor("#e0301e")
SWATCHES = ("#000000", "#404040", "#808080", "#b4b4b4", "#ffffff", ACCENT.name())


def swatch_icon(color: QColor, size: int = 18) -> QIcon:
    """A square of colour with a thin border."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor(90, 90, 90))
    painter.setBrush(color)
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class Palette(QWidget):
    """Colour swatches; choosing one emits ``colorChosen``."""

    colorChosen = Signal(QColor)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: list[tuple[QColor, QToolButton]] = []
        for name in SWATCHES:
            color = QColor(name)
            button = QToolButton()
            button.setObjectName(f"swatch{name.lstrip('#')}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(swatch_icon(color))
            button.setIconSize(QSize(18, 18))
            button.setToolTip("Accent colour, for notes" if color == ACCENT else f"Colour {name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, c=color: self._choose(c))
            layout.addWidget(button)
            self.buttons.append((color, button))
        self.picker = QToolButton()
        self.picker.setObjectName("colourPicker")
        self.picker.setText("…")
        self.picker.setToolTip("Pick any colour")
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.picker.clicked.connect(self.pick)
        layout.addWidget(self.picker)
        self._current = QColor("#000000")

    def set_current(self, color: QColor) -> None:
        """Mark the swatch of the current colour (none if it is a picked colour)."""
        self._current = QColor(color)
        rgb = color.rgb()
        for swatch, button in self.buttons:
            button.setChecked(swatch.rgb() == rgb)
        self.picker.setIcon(QIcon() if any(b.isChecked() for _c, b in self.buttons) else swatch_icon(color))

    def pick(self) -> None:
        """Ask for any colour."""
        color = QColorDialog.getColor(self._current, self, "Brush colour")
        if color.isValid():
            self._choose(color)

    def _choose(self, color: QColor) -> None:
        self.set_current(color)
        self.colorChosen.emit(QColor(color))
