"""Help › Keyboard Shortcuts: every action and its keys, grouped by menu, with a search box.

Generated, never written by hand: the rows come from the action registry
(``ui/actions.py``) as the window built it, each under the menu that holds
it, so the table cannot drift from the keys that work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .actions import SPECS, ActionId, DrawingActionId

DRAWING_GROUP = "Drawing (while drawing a panel)"
OTHER_GROUP = "Other"
_REGISTERED = {action_id.name.lower() for action_id in SPECS}


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def keys_text(action: QAction) -> str:
    """An action's keys as the platform writes them, alternatives separated by commas."""
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts() if not key.isEmpty())


def _menu_rows(menu: QMenu, group: str, rows: list, placed: set[int]) -> None:
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            _menu_rows(action.menu(), f"{group} › {_plain(action.text())}", rows, placed)
            continue
        # Registered actions, and the few Qt makes (Undo, Redo) that have keys; not the recent-file entries.
        if (action.objectName() in _REGISTERED or keys_text(action)) and id(action) not in placed:
            placed.add(id(action))
            rows.append((group, _plain(action.text()), keys_text(action), action.statusTip()))


def shortcut_rows(window) -> list[tuple[str, str, str, str]]:
    """``(group, action, keys, what it does)`` for every action of a main window, in menu order."""
    rows: list[tuple[str, str, str, str]] = []
    placed: set[int] = set()
    for top in window.menuBar().actions():
        if top.menu() is not None:
            _menu_rows(top.menu(), _plain(top.text()), rows, placed)
    for action_id in DrawingActionId:
        action = window.drawing.actions_by_id.get(action_id)
        if action is not None and id(action) not in placed:
            placed.add(id(action))
            rows.append((DRAWING_GROUP, _plain(action.text()), keys_text(action), action.statusTip()))
    for action_id in ActionId:
        action = window.action(action_id)
        if id(action) not in placed:  # only in a context menu, or nowhere yet
            placed.add(id(action))
            rows.append((OTHER_GROUP, _plain(action.text()), keys_text(action), action.statusTip()))
    return rows


class ShortcutsWindow(QDialog):
    """A searchable table of every action and its keys, grouped by menu."""

    def __init__(self, rows: list[tuple[str, str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsWindow")
        self.setWindowTitle("Keyboard Shortcuts")
        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText("Search actions or keys (for example “scene” or “Ctrl+D”)")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutTable")
        self.tree.setHeaderLabels(["Action", "Keys", "What it does"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, text, keys, tip in rows:
            parent_item = groups.get(group)
            if parent_item is None:
                parent_item = groups[group] = QTreeWidgetItem([group])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(parent_item)
            QTreeWidgetItem(parent_item, [text, keys, tip])
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.resize(760, 620)

    def filter(self, text: str) -> None:
        """Show only the actions whose name, keys or description hold every typed word."""
        words = text.casefold().split()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for c in range(group.childCount()):
                item = group.child(c)
                haystack = " ".join(item.text(i) for i in range(3)).casefold() + " " + group.text(0).casefold()
                hidden = not all(word in haystack for word in words)
                item.setHidden(hidden)
                shown += not hidden
            group.setHidden(shown == 0)

    def visible_actions(self) -> list[str]:
        """The action names the table shows now (for the search's tests)."""
        names = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if not group.isHidden():
                names.extend(group.child(c).text(0) for c in range(group.childCount()) if not group.child(c).isHidden())
        return names


def show_keyboard_shortcuts(window) -> ShortcutsWindow:
    """Open the Keyboard Shortcuts window for a main window (one at a time, brought to the front)."""
    existing = window.findChild(ShortcutsWindow)
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ShortcutsWindow(shortcut_rows(window), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
