"""A label for help text: dimmer than body text, yet readable in any palette (WCAG AA, 4.5:1).

Help notes used to be disabled labels, which the style paints in the
palette's disabled text colour: 1.6:1 against the window, too faint to
read. This label mixes the window text towards the window only as far as
the contrast stays above ``CONTRAST``, and mixes again when the
application's palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from .palettes import contrast, mix

#: The contrast help text keeps: WCAG AA asks 4.5:1 of body text; a little more allows for antialiasing.
CONTRAST = 5.0


def help_colour(palette: QPalette) -> QColor:
    """The dimmest mix of window text towards the window that keeps ``CONTRAST``."""
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    if contrast(text, window) <= CONTRAST:
        return text
    low, high = 0.0, 1.0
    for _ in range(12):
        middle = (low + high) / 2
        if contrast(mix(text, window, middle), window) >= CONTRAST:
            low = middle
        else:
            high = middle
    return mix(text, window, low)


class HelpLabel(QLabel):
    """A note that explains the widgets around it, in a readable dim colour."""

    def __init__(self, text: str = "", parent: QWidget | None = None, word_wrap: bool = False):
        super().__init__(text, parent)
        self.setWordWrap(word_wrap)
        self._follow_palette()

    def _follow_palette(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, help_colour(QApplication.palette()))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        # Only the application's palette: setting our own palette sends PaletteChange.
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._follow_palette()
        super().changeEvent(event)
