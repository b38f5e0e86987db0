"""The drawing view's tool bars: tools, brush size and palette; guides, onion skin, flip, fit, panels and Done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from ..actions import DrawingActionId as A
from .brushes import Tool

#: The tool each tool action picks.
TOOL_ACTIONS = {A.PENCIL: Tool.PENCIL, A.PEN: Tool.PEN, A.TONE: Tool.TONE, A.ERASER: Tool.ERASER, A.LINE: Tool.LINE}

#: The guide (``Guides`` field) each guide action toggles.
GUIDE_ACTIONS = {
    A.GUIDE_FRAME: "frame",
    A.GUIDE_THIRDS: "thirds",
    A.GUIDE_CENTRE: "centre",
    A.GUIDE_ACTION_SAFE: "action_safe",
    A.GUIDE_TITLE_SAFE: "title_safe",
}


#: Shorter words on the tool bar's buttons than in menus and tooltips, so that both rows fit.
BUTTON_TEXT = {A.FLIP: "Flip", A.FIT: "Fit", A.PREVIOUS_PANEL: "◀ Previous", A.NEXT_PANEL: "Next ▶"}


def build_tool_bars(actions: dict, size_box: QWidget, palette: QWidget) -> tuple[QToolBar, QToolBar]:
    """The drawing view's two rows: what draws (tools, size, colour), then what shows and where to go.

    Two rows, because one row of all of them is wider than the drawing view
    at the default window size, and a bar that overflows hides Done, Onion
    Skin, Flip and the panel buttons behind a » menu.
    """
    brushes = _bar("drawingBrushBar", "Brushes")
    for action_id in TOOL_ACTIONS:
        brushes.addAction(actions[action_id])
    brushes.addSeparator()
    brushes.addWidget(QLabel(" Size "))
    brushes.addWidget(size_box)
    brushes.addSeparator()
    brushes.addWidget(palette)

    view = _bar("drawingToolbar", "Drawing")
    guides = QToolButton()
    guides.setObjectName("guidesButton")
    guides.setText("Guides")
    guides.setToolTip("Frame border, thirds, centre and safe areas")
    guides.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(guides)
    for action_id in GUIDE_ACTIONS:
        menu.addAction(actions[action_id])
    guides.setMenu(menu)
    view.addWidget(guides)
    for action_id in (A.ONION_SKIN, A.FLIP, A.FIT):
        view.addAction(actions[action_id])
    view.addSeparator()
    for action_id in (A.PREVIOUS_PANEL, A.NEXT_PANEL):
        view.addAction(actions[action_id])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    view.addWidget(spacer)
    view.addAction(actions[A.CLOSE_DRAWING])
    for action_id, text in BUTTON_TEXT.items():
        actions[action_id].setIconText(text)
    return brushes, view


def _bar(name: str, title: str) -> QToolBar:
    bar = QToolBar(title)
    bar.setObjectName(name)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return bar
