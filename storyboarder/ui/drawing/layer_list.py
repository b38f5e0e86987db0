"""The drawing view's layer list: which layer strokes go to, which are shown, the reference's opacity."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSlider, QToolButton, QVBoxLayout, QWidget

from .layers import LAYER_NAMES, LayerStack

#: How each layer is labelled, top of the list first (as layers stack on screen).
LABELS = {"notes": "Notes", "ink": "Ink", "sketch": "Sketch", "reference": "Reference"}


class LayerList(QWidget):
    """Pick the current layer, show or hide layers, clear one, bring in a reference, fade it."""

    currentLayerChanged = Signal(str)
    visibilityChanged = Signal(str, bool)
    #: The reference opacity (0 to 1) moved; the object names one slider drag, or is None.
    opacityEdited = Signal(str, float, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("layerList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._items: dict[str, QListWidgetItem] = {}
        for name in reversed(LAYER_NAMES):
            item = QListWidgetItem(LABELS[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(f"Tick to show the {name} layer; select it to draw on it")
            self.list.addItem(item)
            self._items[name] = item
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * len(LAYER_NAMES) + 2 * self.list.frameWidth() + 4)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemChanged.connect(self._item_changed)

        self.clear_button = QToolButton()
        self.import_button = QToolButton()
        self.paste_button = QToolButton()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.clear_button, self.import_button, self.paste_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setObjectName("referenceOpacity")
        self.opacity.setRange(0, 100)
        self.opacity.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.opacity.setToolTip("Reference opacity (0 leaves the reference out of the boards)")
        self.opacity_label = QLabel()
        # Room for "100%", so that the slider does not push it out of sight.
        self.opacity_label.setMinimumWidth(self.opacity_label.fontMetrics().horizontalAdvance("100%") + 4)
        self._drag: object | None = None
        self.opacity.sliderPressed.connect(self._drag_started)
        self.opacity.sliderReleased.connect(self._drag_ended)
        self.opacity.valueChanged.connect(self._opacity_moved)
        opacity_row = QHBoxLayout()
        opacity_row.setContentsMargins(0, 0, 0, 0)
        opacity_row.addWidget(self.opacity, 1)
        opacity_row.addWidget(self.opacity_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("Layers"))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Reference opacity"))
        layout.addLayout(opacity_row)
        layout.addStretch(1)
        self._syncing = False

    def set_actions(self, clear, import_reference, paste_reference) -> None:
        """Let the buttons trigger the drawing view's actions."""
        self.clear_button.setDefaultAction(clear)
        self.import_button.setDefaultAction(import_reference)
        self.paste_button.setDefaultAction(paste_reference)
        self.import_button.setText("Import…")
        self.paste_button.setText("Paste")
        self.clear_button.setText("Clear")

    def current_layer(self) -> str:
        """The layer strokes go to."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else "sketch"

    def set_current(self, name: str) -> None:
        """Make a layer current."""
        self.list.setCurrentItem(self._items[name])

    def sync(self, stack: LayerStack | None) -> None:
        """Show a stack's visibility and reference opacity."""
        self._syncing = True
        try:
            for name, item in self._items.items():
                shown = stack.visible[name] if stack is not None else True
                item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            value = round((stack.opacity["reference"] if stack is not None else 1.0) * 100)
            self.opacity.setValue(value)
            self.opacity_label.setText(f"{value}%")
        finally:
            self._syncing = False

    def _current_changed(self, current, _previous) -> None:
        if current is not None:
            self.currentLayerChanged.emit(current.data(Qt.ItemDataRole.UserRole))

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._syncing:
            self.visibilityChanged.emit(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked)

    def _drag_started(self) -> None:
        self._drag = object()

    def _drag_ended(self) -> None:
        self._drag = None

    def _opacity_moved(self, value: int) -> None:
        self.opacity_label.setText(f"{value}%")
        if not self._syncing:
            self.opacityEdited.emit("reference", value / 100.0, self._drag)
