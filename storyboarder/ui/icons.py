"""The only module that names icon files; icons are SVGs shipped in resources/icons.

The SVGs are drawn in one grey ink (``INK``) with an accent. Each icon is
rendered for the application's palette as it is painted: enabled, the ink
is the palette's button text softened towards the button; disabled, the
whole icon takes the palette's disabled button text. Qt's own disabled
pixmap is made from the enabled one by the style and in a dark palette
came out brighter than the enabled icon, so Undo looked available when it
was not.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from storyboarder.resources_path import resource

from .palettes import mix

#: The grey the SVGs draw their lines in, replaced by the palette's colour.
INK = "#6b7785"
#: How far the enabled ink moves from the button text towards the button: a softer line than text.
SOFTEN = 0.2


def _colours() -> tuple[QColor, QColor]:
    """The enabled ink and the disabled colour of the application's palette."""
    palette = QApplication.palette()
    group = QPalette.ColorGroup
    ink = mix(palette.color(group.Active, QPalette.ColorRole.ButtonText),
              palette.color(group.Active, QPalette.ColorRole.Button), SOFTEN)
    return ink, palette.color(group.Disabled, QPalette.ColorRole.ButtonText)


class SvgIconEngine(QIconEngine):
    """Paints one SVG in the palette's colours for the mode it is shown in."""

    def __init__(self, svg: str):
        super().__init__()
        self._svg = svg
        self._renderers: dict[tuple[str, str], QSvgRenderer] = {}
        self._colours = sorted(set(_hex_colours(svg)))

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        ink, disabled = _colours()
        if mode == QIcon.Mode.Disabled:
            key = ("disabled", disabled.name())
            svg = self._svg
            for colour in self._colours:
                svg = svg.replace(colour, disabled.name())
        else:
            key = ("normal", ink.name())
            svg = self._svg.replace(INK, ink.name())
        renderer = self._renderers.get(key)
        if renderer is None:
            renderer = self._renderers[key] = QSvgRenderer(QByteArray(svg.encode()))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: D102
        self._renderer(mode).render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # noqa: D102
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: D102, N802
        # Rendered at device pixels, so icons stay sharp with QT_SCALE_FACTOR=2.
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._renderer(mode).render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> "SvgIconEngine":  # noqa: D102
        return SvgIconEngine(self._svg)


def _hex_colours(svg: str) -> list[str]:
    return re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", svg)


@cache
def icon(name: str) -> QIcon:
    """Return the icon ``resources/icons/<name>.svg``, or the theme icon of that name."""
    path = resource("icons", f"{name}.svg")
    if path.is_file():
        return QIcon(SvgIconEngine(path.read_text(encoding="utf-8")))
    return QIcon.fromTheme(name)


def app_icon() -> QIcon:
    """Return Storyboarder's application icon."""
    return icon("app")
