"""Which docks and status widgets the main window shows for what is in its centre.

The Scenes, Panel and History docks and the thumbnail zoom belong to some
views and not to others: the Production tab edits no panel and shows no
thumbnails, and the drawing view wants the whole window (focus mode). A dock
that does not apply hides when its view comes up, and comes back, as the user
last left it, when a view it applies to returns. The user's choice is what
the dock's View menu toggle said the last time the dock applied.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSlider,
    QUndoView,
    QWidget,
)

from .settings import Option, Settings
from .wheel_guard import guard_wheel

#: Whether entering the drawing view hides the docks (View › Focus Drawing), remembered.
FOCUS_DRAWING = Option("drawing/focus", bool, True)


def add_dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """Put a widget in a new dock of the window."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def add_history_dock(window: QMainWindow, view: QUndoView, stack, beside: QDockWidget) -> QDockWidget:
    """The History dock, tabbed behind ``beside``; its view follows the undo stack only while it shows."""
    dock = add_dock(window, "History", "historyDock", view, Qt.DockWidgetArea.RightDockWidgetArea)
    window.tabifyDockWidget(beside, dock)
    # A hidden history view still redraws on every push, slower as history grows.
    view.setStack(None)
    dock.visibilityChanged.connect(lambda visible: view.setStack(stack if visible else None))
    beside.raise_()
    return dock


def zoom_box(slider: QSlider) -> QWidget:
    """The status bar's "Zoom" label and thumbnail-size slider, as one widget to show or hide."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(8, 0, 8, 0)
    layout.addWidget(QLabel("Zoom"))
    layout.addWidget(slider)
    return box


class WindowLayout(QObject):
    """Shows, for each view of the window's centre, the docks and status widgets that apply to it."""

    def __init__(self, window: QMainWindow, settings: Settings, docks: list[QDockWidget],
                 applies: dict[QWidget, tuple[QDockWidget, ...]], extras: dict[QWidget, tuple[QWidget, ...]],
                 drawing: QWidget, focus_action, full_screen_action):
        super().__init__(window)
        self.window, self.settings = window, settings
        self.docks = docks
        #: For each view, the docks that apply to it (views not named: every dock).
        self.applies = applies
        #: For each view, status widgets shown only with it (a widget named for no view always shows).
        self.extras = extras
        self.drawing = drawing
        self.focus_action, self.full_screen_action = focus_action, full_screen_action
        #: The user's choice for each dock: open or closed, as it was when it last applied.
        self.wanted: dict[QDockWidget, bool] = {}
        #: The dock on top of each tab group, as it was when the group last applied.
        self._on_top: set[QDockWidget] = set()
        #: Each dock's width when it was last hidden for a view, given back when it returns.
        self._widths: dict[QDockWidget, int] = {}
        self.view: QWidget | None = None
        focus_action.setCheckable(True)
        focus_action.setChecked(settings.get(FOCUS_DRAWING))
        focus_action.toggled.connect(self._focus_toggled)
        full_screen_action.setCheckable(True)
        full_screen_action.toggled.connect(self.set_full_screen)

    # Which view is up --------------------------------------------------------------------

    def follow(self, *stacks) -> None:
        """Show the docks of the innermost current page of nested stacks and tabs, the outermost first."""
        self._stacks = stacks
        for stack in stacks:
            stack.currentChanged.connect(self._current_changed)
        self._current_changed()

    def _current_changed(self, *_args) -> None:
        view = self._stacks[0].currentWidget()
        while view in self._stacks:
            view = view.currentWidget()
        self.show_view(view)

    def show_view(self, view: QWidget) -> None:
        """The centre now shows ``view``: hide the docks that do not apply to it, bring back those that do."""
        if view is self.view:
            return
        before, after = self._applying(self.view), self._applying(view)
        self.view = view
        self._change_docks(before, after)
        for widget in (view, *(dock.widget() for dock in after)):
            guard_wheel(widget)
        shown_with = {widget for widgets in self.extras.values() for widget in widgets}
        for widget in shown_with:
            widget.setVisible(widget in self.extras.get(view, ()))

    def _change_docks(self, before: tuple[QDockWidget, ...], after: tuple[QDockWidget, ...]) -> None:
        """Hide the docks of ``before`` that are not in ``after``; show those of ``after`` the user wants."""
        for dock in before:
            self._remember(dock)
        for dock in self.docks:
            if dock in after and dock not in before:
                dock.setVisible(self.wanted.get(dock, True))
            elif dock not in after and dock in before:
                dock.hide()
        returning = [dock for dock in self.docks if dock in after and dock not in before and dock.toggleViewAction().isChecked()]
        if returning:
            # Docks shown again rejoin the layout once it has run: then they take back their width and place.
            QTimer.singleShot(0, self, lambda: self._settle(returning))

    def _settle(self, docks: list[QDockWidget]) -> None:
        sized = [dock for dock in docks if dock in self._widths and not dock.isFloating()]
        if sized:
            self.window.resizeDocks(sized, [self._widths[dock] for dock in sized], Qt.Orientation.Horizontal)
        for dock in docks:
            if dock in self._on_top:
                dock.raise_()

    def _applying(self, view: QWidget | None) -> tuple[QDockWidget, ...]:
        if view is None:
            return ()
        if view is self.drawing and not self.focus_action.isChecked():
            return tuple(self.docks)
        return self.applies.get(view, tuple(self.docks))

    def _remember(self, dock: QDockWidget) -> None:
        self.wanted[dock] = dock.toggleViewAction().isChecked()
        # Tabbed docks: the one the user had in front (the others are off screen) comes back in front.
        if dock.toggleViewAction().isChecked() and not dock.visibleRegion().isEmpty():
            self._on_top.add(dock)
            self._widths[dock] = dock.width()
        else:
            self._on_top.discard(dock)

    def user_state(self) -> None:
        """Put every dock back as the user chose it, whatever the view (before the window saves its state)."""
        applying = self._applying(self.view)
        for dock in self.docks:
            if dock in applying:
                self._remember(dock)
        for dock in self.docks:
            if dock not in applying:
                dock.setVisible(self.wanted.get(dock, True))

    # Focus mode and full screen -----------------------------------------------------------------

    def _focus_toggled(self, on: bool) -> None:
        self.settings.set(FOCUS_DRAWING, on)
        if self.view is self.drawing:
            # While drawing: from the docks the old choice showed to those the new one shows.
            every = tuple(self.docks)
            self._change_docks(every if on else (), () if on else every)

    def set_full_screen(self, on: bool) -> None:
        """Show the window on the whole screen, or as it was."""
        state = self.window.windowState()
        if on:
            self.window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        else:
            self.window.setWindowState(state & ~Qt.WindowState.WindowFullScreen)
        if self.full_screen_action.isChecked() != on:
            self.full_screen_action.setChecked(on)
