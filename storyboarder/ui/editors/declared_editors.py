"""Editors made from a field's declaration (``model.fields``): numbers, durations, and the factory that picks one.

The number editors read and write text the way the declaration says, so
the inspector takes exactly what the shot list and the production tables
take, and says why in the same words when it does not.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

from storyboarder.model.fields import FieldError, FieldSpec

from .field_editors import MIXED, UNSET, Commit, FieldEditor, Flag, TermCombo, TextBlock, TextLine, WheelWhenFocused, quiet


class _NumberValidator(QValidator):
    """Lets through what could still become a number; the field's declaration says whether it is one."""

    _PARTIAL = re.compile(r"[0-9.,\s+eE-]*[^\d.,\s+-]{0,8}")

    def __init__(self, spec: FieldSpec, parent=None):
        super().__init__(parent)
        self.spec = spec

    def parse(self, text: str) -> tuple[float | int | None, str]:
        """Read typed text as the field's value; ``(None, message)`` when the field cannot hold it."""
        try:
            return self.spec.parse(text), ""
        except FieldError as exc:
            return None, str(exc)

    def validate(self, text: str, pos: int):
        _, problem = self.parse(text)
        if not problem:
            return QValidator.State.Acceptable
        if self._PARTIAL.fullmatch(text):
            return QValidator.State.Intermediate
        return QValidator.State.Invalid


class NumberLine(FieldEditor):
    """A number that may be unset: an empty field means None. Commits on Enter or focus out.

    Its range, unit and the message for text it refuses come from the
    field's declaration (``model.fields``), as in every other editor.
    """

    def __init__(self, spec: FieldSpec, commit: Commit, parent=None):
        edit = QLineEdit()
        super().__init__(spec.path, spec.label, edit, commit, parent)
        self.spec = spec
        self.validator = _NumberValidator(spec, edit)
        edit.setValidator(self.validator)
        edit.setPlaceholderText(UNSET)
        edit.setToolTip(f"{spec.range_text()[:1].upper()}{spec.range_text()[1:]}; leave empty when not decided")
        self._typed = False
        edit.textEdited.connect(self._on_typed)
        edit.editingFinished.connect(self._finished)
        edit.installEventFilter(self)

    def _on_typed(self, text: str) -> None:
        self._typed = True
        self.problem.emit(self.validator.parse(text)[1])

    def _finished(self) -> None:
        if not self._typed:
            return
        value, problem = self.validator.parse(self.widget.text())
        if not problem:
            self._typed = False
            self.commit(value)

    def _focus_left(self) -> None:
        # Half-typed text ("3.", out of range) never reached the model: show what did.
        if self._typed and not self.widget.hasAcceptableInput():
            self._typed = False
            self.reload()

    def _show(self, value, mixed):
        edit: QLineEdit = self.widget
        edit.setPlaceholderText(MIXED if mixed else UNSET)
        text = "" if mixed else self.spec.edit_text(value).replace(".", edit.locale().decimalPoint())
        self._typed = False
        if edit.text() != text:
            with quiet(edit):
                edit.setText(text)


class _SecondsBox(WheelWhenFocused, QDoubleSpinBox):
    """A duration in seconds (0.1 s steps) that reads text as the field's declaration does, with a "mixed" state."""

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.spec = spec
        self.mixed = False
        self.setDecimals(3)
        self.setRange(spec.bounds.low / 1000, spec.bounds.high / 1000)
        self.setSingleStep(0.1)
        self.setSuffix(" s")
        self.setKeyboardTracking(False)  # one edit per Enter, focus out or arrow step
        self.setAccelerated(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue)

    def set_mixed(self, mixed: bool) -> None:
        """Show nothing (so the placeholder shows) while the panels disagree."""
        if mixed != self.mixed:
            self.mixed = mixed
            self.setSuffix("" if mixed else " s")  # also redraws the text

    def refusal(self, text: str) -> str:
        """Why typed text is not a duration the field can hold, or "" when it is."""
        try:
            self.spec.parse(text.removesuffix(self.suffix()).strip() if self.suffix() else text)
        except FieldError as exc:
            return str(exc)
        return ""

    def _typed(self, text: str) -> str:
        return text.removesuffix(self.suffix()).strip() if self.suffix() else text.strip()

    def validate(self, text: str, pos: int):
        if not self.refusal(text):
            return QValidator.State.Acceptable, text, pos
        partial = re.fullmatch(r"[0-9.,:\s]*", self._typed(text))
        return (QValidator.State.Intermediate if partial else QValidator.State.Invalid), text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt API
        try:
            return self.spec.parse(self._typed(text)) / 1000
        except FieldError:
            return self.value()

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        if self.mixed:
            return ""
        return self.spec.edit_text(round(value * 1000)).replace(".", self.locale().decimalPoint())

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        self.set_mixed(False)  # stepping starts from the first panel's duration
        super().stepBy(steps)


class Seconds(FieldEditor):
    """A duration stored as whole milliseconds, edited in seconds (or typed as ``0:02.5``)."""

    def __init__(self, spec: FieldSpec, commit: Commit, parent=None):
        box = _SecondsBox(spec)
        super().__init__(spec.path, spec.label, box, commit, parent)
        self._typed = False
        box.lineEdit().textEdited.connect(self._on_typed)
        box.valueChanged.connect(self._changed)
        box.editingFinished.connect(self._finished)

    def _on_typed(self, text: str) -> None:
        self._typed = True
        self.problem.emit(self.widget.refusal(text) if text.strip() else "")

    def _changed(self, seconds: float) -> None:
        self._typed = False
        self.commit(round(seconds * 1000))

    def _finished(self) -> None:
        # Typing the value the first panel already has emits no valueChanged.
        if self._typed:
            self._typed = False
            if self.widget.lineEdit().text().strip() and self.widget.hasAcceptableInput():
                self.commit(round(self.widget.value() * 1000))

    def _show(self, value, mixed):
        box: _SecondsBox = self.widget
        self._typed = False
        box.lineEdit().setPlaceholderText(MIXED if mixed else "")
        with quiet(box):
            box.set_mixed(mixed or value is None)
            if value is not None:
                box.setValue(value / 1000)


def editor_for(spec: FieldSpec, commit: Commit, **options) -> FieldEditor:
    """The editor a declared field wants: seconds, a number line, a term combo, a check box or text.

    ``options`` go to the text and flag editors (``empty_hint``, ``lines``, ``text``).
    """
    if spec.kind == "duration":
        return Seconds(spec, commit)
    if spec.numeric:
        return NumberLine(spec, commit)
    if spec.kind == "term":
        return TermCombo.of(spec, commit)
    if spec.kind == "flag":
        return Flag(spec.path, spec.label, options.get("text", spec.label), commit)
    if spec.kind == "block":
        return TextBlock(spec.path, spec.label, commit, **options)
    return TextLine(spec.path, spec.label, commit, **options)
