"""In-place cell editors for tables: vocabulary combos, numbers, durations and text.

The shot list and the production tables (cast, crew, locations) share
these; each says per cell which kind of editor it wants and how typed text
becomes a stored value.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QComboBox, QCompleter, QHeaderView, QLineEdit, QPlainTextEdit, QStyle, QStyledItemDelegate, QWidget

from storyboarder.model.entities import MAX_TEXT
from storyboarder.model.shot_columns import Column, parse_cell
from storyboarder.vocabulary import Term, canonical, load_vocabulary

from .field_editors import TermListModel


class CellDelegate(QStyledItemDelegate):
    """Picks an editor by a cell's kind and hands typed text back through the model (one undo step per edit).

    Subclasses say what each cell is: :meth:`kind` (``text``, ``block``,
    ``number``, ``integer`` or ``term:<list>``), :meth:`terms`
    for the choices of a ``term`` cell and :meth:`parse` for the value.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        #: The last value that could not be read, for the view to report.
        self.rejected = ""
        #: Height of every row; the view raises it while the frame column shows thumbnails.
        self.row_height = 0

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        # Rows are one line (or one thumbnail) tall and columns are sized by the view, so the
        # hint comes from the font alone: a tree with uniform rows asks again after every edit.
        line = option.fontMetrics.height() + 8
        return QSize(64, max(line, self.row_height))

    def kind(self, index: QModelIndex) -> str:
        """The kind of editor a cell wants."""
        return "text"

    def terms(self, index: QModelIndex) -> tuple[Term, ...]:
        """The choices a ``term:`` cell offers."""
        return ()

    def parse(self, index: QModelIndex, text: str):
        """The value typed text stands for; raise ValueError with a message naming the field."""
        return text

    def placeholder(self, index: QModelIndex) -> str:
        """What an empty text editor shows greyed out: how to type the value (none by default)."""
        return ""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802 - Qt API
        kind = self.kind(index)
        if kind.startswith("term:"):
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            model = TermListModel(self.terms(index), combo)
            combo.setModel(model)
            completer = QCompleter(model, combo)
            completer.setCompletionRole(Qt.ItemDataRole.EditRole)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
            combo.setCompleter(completer)
            combo.lineEdit().setMaxLength(MAX_TEXT)
            view = combo.view()
            view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
            # Enter lands in the combo's line edit, which the item view's key handling never sees.
            combo.lineEdit().returnPressed.connect(lambda: self._finish(combo))
            combo.activated.connect(lambda _row: self._finish(combo))
            return combo
        if kind == "block":
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            return edit
        edit = QLineEdit(parent)
        edit.setMaxLength(MAX_TEXT)
        edit.setPlaceholderText(self.placeholder(index))
        if kind in ("number", "integer"):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        return edit

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802 - Qt API
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            # Several lines need more room than one row gives.
            rect = rect.adjusted(0, 0, 0, max(0, 96 - rect.height()))
        elif isinstance(editor, QComboBox):
            rect = rect.adjusted(0, 0, max(0, 140 - rect.width()), 0)
        editor.setGeometry(rect)

    def edit_text(self, index: QModelIndex) -> str:
        """The text an editor starts from: the stored value, written so that it reads back the same."""
        value = index.data(Qt.ItemDataRole.EditRole)
        return "" if value is None else str(value)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802 - Qt API
        text = self.edit_text(index)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.model().row_of(text))
            editor.setEditText(text)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.selectAll()
        else:
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802 - Qt API
        if isinstance(editor, QComboBox):
            text = canonical(editor.model().terms, editor.currentText())
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
        else:
            text = editor.text()
        try:
            value = self.parse(index, text)
        except ValueError as exc:
            self.rejected = str(exc)
            return
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)


class ShotListDelegate(CellDelegate):
    """The shot list's editors: the inspector's vocabularies, the project's locations, the shot list's parser."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.vocabulary = load_vocabulary()

    def _column(self, index: QModelIndex) -> Column:
        return self.model.columns[index.column()]

    def kind(self, index: QModelIndex) -> str:
        column = self._column(index)
        if column.vocabulary:
            return f"term:{column.vocabulary}"
        if column.kind in ("status", "location"):
            return f"term:{column.kind}"
        if column.multiline:
            return "block"
        if column.numeric:
            return "number"
        return "text"

    def terms(self, index: QModelIndex) -> tuple[Term, ...]:
        column = self._column(index)
        if column.vocabulary:
            return self.vocabulary.terms(column.vocabulary)
        if column.kind == "status":
            return (Term("not shot"), Term("shot"), Term("cut", "cut from the film; give the reason"))
        if column.kind == "location":
            return tuple(Term(name) for name in self.model.context.location_names.values())
        return ()

    def parse(self, index: QModelIndex, text: str):
        # A ShotListError is a ValueError whose message names the field, as the inspector's does.
        return parse_cell(self._column(index), text, self.model.context)


def title_width(header: QHeaderView, title: str) -> int:
    """The width a column needs to show its whole title, drawn bold as the current column's is."""
    font = QFont(header.font())
    font.setBold(True)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return QFontMetrics(font).horizontalAdvance(title) + 2 * margin + 2
