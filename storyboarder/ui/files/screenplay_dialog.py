"""File › Import Screenplay: a Fountain script becomes scenes, cast and locations, merged or as a new project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from storyboarder.io import ProjectError
from storyboarder.io.script_import import ImportOptions, import_fountain, merge_fountain
from ..help_text import HelpLabel

#: Warnings listed after an import; the rest are counted.
MAX_WARNINGS_SHOWN = 10


class ScreenplayImportDialog(QDialog):
    """Choose a screenplay, how it is cut into panels, and whether it joins the open project."""

    def __init__(self, context, files, parent=None, path: str = ""):
        super().__init__(parent)
        self.context = context
        self.files = files
        self.setWindowTitle("Import Screenplay")
        self.path = QLineEdit(path)
        self.path.setObjectName("screenplayPath")
        self.path.setPlaceholderText("a Fountain file (.fountain)")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.per_scene = QRadioButton("One panel per scene")
        self.per_paragraph = QRadioButton("One panel per action paragraph or dialogue block")
        self.per_scene.setChecked(True)
        self.merge = QRadioButton("Add to this project (cast and locations matched by name)")
        self.new = QRadioButton("Start a new project from it")
        self.merge.setChecked(True)
        groups = (QButtonGroup(self), QButtonGroup(self))
        for button in (self.per_scene, self.per_paragraph):
            groups[0].addButton(button)
        for button in (self.merge, self.new):
            groups[1].addButton(button)
        self.keep_notes = QCheckBox("Keep [[notes]] as panel notes")
        form = QFormLayout()
        form.addRow("Screenplay", row)
        form.addRow("Panels", self.per_scene)
        form.addRow("", self.per_paragraph)
        form.addRow("Into", self.merge)
        form.addRow("", self.new)
        form.addRow("", self.keep_notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = HelpLabel("Boneyard, sections and (unless kept) notes are left out; synopses become scene descriptions.", word_wrap=True)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import screenplay", self.path.text(), "Fountain (*.fountain *.spmd *.txt);;All files (*)")
        if path:
            self.path.setText(path)

    def options(self) -> ImportOptions:
        """The choices as import options."""
        return ImportOptions(panels="paragraph" if self.per_paragraph.isChecked() else "scene", keep_notes=self.keep_notes.isChecked())

    def run_import(self) -> bool:
        """Import; on a bad file say why and keep the dialog open. Returns whether anything was imported."""
        path = self.path.text().strip()
        if not path:
            QMessageBox.warning(self, "Import Screenplay", "Choose a screenplay file first.")
            return False
        try:
            if self.merge.isChecked():
                plan = merge_fountain(self.context.project, path, self.options())
                self.context.document.merge_screenplay(plan)
            else:
                if not self.files.maybe_save():
                    return False
                project, plan = import_fountain(path, self.options())
                self.files.show_untitled(project)
        except ProjectError as exc:
            QMessageBox.critical(self, "Cannot import screenplay", str(exc))
            return False
        self.accept()
        _report(self.context, self.parentWidget(), Path(path), plan)
        return True


def _report(context, parent, path: Path, plan) -> None:
    scenes, panels = len(plan.scenes), plan.panel_count
    text = (f"{path.name}: {scenes} scene{'s' if scenes != 1 else ''}, {panels} panel{'s' if panels != 1 else ''}, "
            f"{len(plan.new_cast)} new cast, {len(plan.new_locations)} new locations.")
    warnings = [str(w) for w in plan.warnings]
    if warnings:
        shown = warnings[:MAX_WARNINGS_SHOWN]
        text += f"\n\n{len(warnings)} warnings:\n" + "\n".join(f"• {w}" for w in shown)
        if len(warnings) > len(shown):
            text += f"\n… and {len(warnings) - len(shown)} more"
        QMessageBox.warning(parent, "Screenplay imported with warnings", text)
    else:
        context.show_message("Imported " + text, 8000)
