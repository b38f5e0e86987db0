"""The drawing view's tool bar: tools, brush size, palette, guides, onion skin, flip, panels."""

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


def build_tool_bar(actions: dict, size_box: QWidget, palette: QWidget) -> QToolBar:
    """Lay the drawing actions and widgets out in one bar, left to right in the order a director reaches for them."""
    bar = QToolBar("Drawing")
    bar.setObjectName("drawingToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action_id in TOOL_ACTIONS:
        bar.addAction(actions[action_id])
    bar.addSeparator()
    bar.addWidget(QLabel(" Size "))
    bar.addWidget(size_box)
    bar.addSeparator()
    bar.addWidget(palette)
    bar.addSeparator()
    guides = QToolButton()
    guides.setObjectName("guidesButton")
    guides.setText("Guides")
    guides.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(guides)
    for action_id in GUIDE_ACTIONS:
        menu.addAction(actions[action_id])
    guides.setMenu(menu)
    bar.addWidget(guides)
    for action_id in (A.ONION_SKIN, A.FLIP, A.FIT):
        bar.addAction(actions[action_id])
    bar.addSeparator()
    for action_id in (A.PREVIOUS_PANEL, A.NEXT_PANEL):
        bar.addAction(actions[action_id])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bar.addAction(actions[A.CLOSE_DRAWING])
    return bar
