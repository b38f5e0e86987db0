"""One editor per panel field, for the panel inspector.

Each editor shows the values of one field on every shown panel (empty with
a "(multiple values)" hint when they differ) and hands what the user
commits to a callback; it never touches a panel itself. Text editors commit
on every keystroke with a *session* object, so a run of typing merges into
one undo step; the session ends when the editor loses focus or reloads.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QSizePolicy,
    QStyleOptionButton,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QWidget,
)

from storyboarder.model.entities import MAX_TEXT
from storyboarder.model.fields import FieldSpec
from storyboarder.vocabulary import Term, canonical, load_vocabulary

#: What an editor shows when the shown panels disagree.
MIXED = "(multiple values)"
#: What a number editor shows when the field is unset (None).
UNSET = "—"

#: ``commit(path, value, session)``: set a field on every shown panel.
Commit = Callable[[str, Any, object | None], None]


def common_value(values: list) -> tuple[Any, bool]:
    """Return ``(value, False)`` when every value is equal, else ``(first, True)``."""
    if not values:
        return None, False
    first = values[0]
    return first, any(v != first for v in values[1:])


@contextmanager
def quiet(*widgets: QObject):
    """Load values into widgets without them announcing an edit."""
    old = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for widget, was in zip(widgets, old):
            widget.blockSignals(was)


class FieldEditor(QObject):
    """Binds one widget to one field path (such as ``camera.lens_mm``) of the shown panels."""

    #: Why the text being typed cannot be stored (the field's own message), or "" once it can.
    problem = Signal(str)

    def __init__(self, path: str, label: str, widget: QWidget, commit: Commit, parent: QObject | None = None):
        super().__init__(parent)
        self.path, self.label, self.widget = path, label, widget
        self.session: object | None = None
        self._commit = commit
        self._values: list = []
        widget.setObjectName("inspector:" + path)
        widget.setAccessibleName(label)

    def load(self, values: list) -> None:
        """Show the field's values on the shown panels (one value per panel)."""
        self._values = values
        self.problem.emit("")
        self._show(*common_value(values))
        target = self.text_widget()
        if not values and target is not None:
            target.setPlaceholderText("")  # nothing shown: no "auto" or "—" either

    def text_widget(self) -> QLineEdit | QPlainTextEdit | None:
        """The widget the user types into, if any."""
        widget = self.widget
        if isinstance(widget, (QComboBox, QDoubleSpinBox)):
            return widget.lineEdit()
        return widget if isinstance(widget, (QLineEdit, QPlainTextEdit)) else None

    def reload(self) -> None:
        """Show the last loaded values again, dropping what the user had not committed."""
        self.end_session()
        self._show(*common_value(self._values))

    def end_session(self) -> None:
        """Make the next keystroke start a new undo step."""
        self.session = None

    def _show(self, value: Any, mixed: bool) -> None:
        raise NotImplementedError

    def commit(self, value: Any, typing: bool = False) -> None:
        """Hand a committed value on; typing shares one session until focus leaves."""
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return  # the file format refuses it; keep the last good value in the model
        if typing and self.session is None:
            self.session = object()
        self._commit(self.path, value, self.session if typing else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut:
            self._focus_left()
        return False

    def _focus_left(self) -> None:
        self.end_session()


# Text ------------------------------------------------------------------------------


class TextLine(FieldEditor):
    """A one-line text field; every keystroke is an edit, merged per focus session."""

    def __init__(self, path: str, label: str, commit: Commit, empty_hint: str = "", parent=None):
        edit = QLineEdit()
        edit.setMaxLength(MAX_TEXT)  # Qt's default of 32767 would cut long loaded text
        super().__init__(path, label, edit, commit, parent)
        self.empty_hint = empty_hint
        edit.setPlaceholderText(empty_hint)
        edit.textEdited.connect(lambda text: self.commit(text, typing=True))
        edit.installEventFilter(self)

    def _show(self, value, mixed):
        edit: QLineEdit = self.widget
        edit.setPlaceholderText(MIXED if mixed else self.empty_hint)
        text = "" if mixed or value is None else str(value)
        if edit.text() != text:  # equal text is left alone, so the cursor stays put
            self.end_session()
            position = edit.cursorPosition()
            with quiet(edit):
                edit.setText(text)
                edit.setCursorPosition(min(position, len(text)))


class TextBlock(FieldEditor):
    """A few lines of text (action, dialogue, notes); typing merges per focus session."""

    def __init__(self, path: str, label: str, commit: Commit, lines: int = 4, parent=None):
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab moves through the form, as in every other field
        super().__init__(path, label, edit, commit, parent)
        margins = edit.contentsMargins()
        height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.document().documentMargin()
        edit.setFixedHeight(int(height) + margins.top() + margins.bottom() + 2)
        edit.textChanged.connect(lambda: self.commit(edit.toPlainText(), typing=True))
        edit.installEventFilter(self)

    def _show(self, value, mixed):
        edit: QPlainTextEdit = self.widget
        edit.setPlaceholderText(MIXED if mixed else "")
        text = "" if mixed or value is None else str(value)
        if edit.toPlainText() != text:
            self.end_session()
            position = edit.textCursor().position()
            with quiet(edit):
                edit.setPlainText(text)
                cursor = edit.textCursor()
                cursor.setPosition(min(position, len(text)))
                edit.setTextCursor(cursor)


# Choices from the vocabulary -----------------------------------------------------------


class TermListModel(QAbstractListModel):
    """Standard terms for a combo box: the popup shows ``MCU — medium close-up``, the field stores ``MCU``."""

    def __init__(self, terms: tuple[Term, ...], parent=None):
        super().__init__(parent)
        self.terms = terms

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.terms)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.terms):
            return None
        term = self.terms[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return term.label
        if role == Qt.ItemDataRole.EditRole:  # an editable combo puts this in its line edit
            return term.value
        if role == Qt.ItemDataRole.ToolTipRole:
            return term.description or None
        return None

    def row_of(self, value: str) -> int:
        """Return the row of a stored value, or -1 for free text."""
        return next((row for row, term in enumerate(self.terms) if term.value == value), -1)


class WheelWhenFocused:
    """Mixin for a Qt input: the mouse wheel changes it only once it has focus, so scrolling the form is safe."""

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _Combo(WheelWhenFocused, QComboBox):
    """A combo box the mouse wheel only changes once it has focus."""


class TermCombo(FieldEditor):
    """An editable combo box offering standard terms; any other text is kept as typed."""

    def __init__(self, path: str, label: str, terms: tuple[Term, ...], commit: Commit, parent=None):
        combo = _Combo()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        super().__init__(path, label, combo, commit, parent)
        self.model = TermListModel(terms, combo)
        combo.setModel(self.model)
        completer = QCompleter(self.model, combo)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        combo.setCompleter(completer)
        edit = combo.lineEdit()
        edit.setMaxLength(MAX_TEXT)
        # The popup shows full names; let it be wider than the field.
        view = combo.view()
        scrollbar = combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        view.setMinimumWidth(view.sizeHintForColumn(0) + scrollbar + 8)
        self._typed = False
        edit.textEdited.connect(self._on_typed)
        edit.editingFinished.connect(self._finished)
        combo.activated.connect(self._chosen)

    @classmethod
    def of(cls, spec: FieldSpec, commit: Commit, parent=None) -> TermCombo:
        """The combo of a field declared with a vocabulary (``camera.shot_size`` offers ``shot_sizes``)."""
        return cls(spec.path, spec.label, load_vocabulary().terms(spec.vocabulary), commit, parent)

    @property
    def terms(self) -> tuple[Term, ...]:
        """The standard terms offered."""
        return self.model.terms

    def _on_typed(self, _text: str) -> None:
        self._typed = True

    def _finished(self) -> None:
        if self._typed:
            self._typed = False
            self.commit(canonical(self.terms, self.widget.currentText()))

    def _chosen(self, row: int) -> None:
        self._typed = False
        if 0 <= row < len(self.terms):
            value = self.terms[row].value
        else:
            value = canonical(self.terms, self.widget.currentText())
        self.commit(value)

    def _show(self, value, mixed):
        combo: QComboBox = self.widget
        edit = combo.lineEdit()
        edit.setPlaceholderText(MIXED if mixed else "")
        text = "" if mixed or value is None else str(value)
        row = -1 if mixed else self.model.row_of(text)
        term = self.terms[row] if row >= 0 else None
        combo.setToolTip(term.description if term else "")
        self._typed = False
        if combo.currentText() != text or combo.currentIndex() != row:
            with quiet(combo, edit):
                combo.setCurrentIndex(row)
                combo.setEditText(text)


# Flags --------------------------------------------------------------------------------


class TriStateBox(QCheckBox):
    """A check box that can show "some" but that a click only ever sets to on or off."""

    def nextCheckState(self) -> None:  # noqa: N802 - Qt API
        checked = self.checkState() != Qt.CheckState.Checked
        self.setTristate(False)
        self.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def show_state(self, on: bool, mixed: bool) -> None:
        """Show on, off, or partly on when the shown panels disagree."""
        with quiet(self):
            self.setTristate(mixed)
            if mixed:
                self.setCheckState(Qt.CheckState.PartiallyChecked)
            else:
                self.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class Flag(FieldEditor):
    """A yes/no field as a check box; one edit per click."""

    def __init__(self, path: str, label: str, text: str, commit: Commit, parent=None):
        box = TriStateBox(text)
        super().__init__(path, label, box, commit, parent)
        box.clicked.connect(lambda: self.commit(box.checkState() == Qt.CheckState.Checked))

    def _show(self, value, mixed):
        self.widget.show_state(bool(value), mixed)


class CastBox(TriStateBox):
    """A cast member's check box whose long name is elided rather than widening the form."""

    def __init__(self, text: str, parent=None):
        super().__init__(text, parent)
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def hitButton(self, pos) -> bool:  # noqa: N802 - Qt API
        return self.rect().contains(pos)  # the whole row toggles, as in a list

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        label = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
        text = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(label.width() - 4, 0))
        if text != self.text():
            self.setText(text)

