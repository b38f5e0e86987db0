"""Save As for a project: type its name, pick the folder it goes in, see the folder that will be made.

A project is a folder of its own, so the user names the project and the
dialog makes ``PARENT/NAME``; it starts in the last parent folder used, or
the user's Documents folder. Which folders may take a project is the io
rule (``storyboarder.io.folders``): a folder of other files is refused here
with the reason, another project's folder is replaced only after asking.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storyboarder.io.folders import (
    FolderUse,
    folder_problem,
    folder_use,
    project_name_problem,
)

from .. import settings as opts

#: How many parent folders the "Create in" list remembers.
KEEP_PARENTS = 6


def documents_folder() -> Path:
    """The user's documents folder, or the home folder where the system names none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def _suggested_name(title: str) -> str:
    """A folder name from the project's title: the characters no system allows become spaces."""
    name = "".join(" " if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in title)
    name = " ".join(name.split()).rstrip(".")
    return name if name and project_name_problem(name) is None else "Untitled film"


class NewProjectDialog(QDialog):
    """Name a project and choose the folder its own folder is made in."""

    def __init__(self, settings, source: Path | None, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newProjectDialog")
        self.setWindowTitle("Save Project As")
        self.settings = settings
        self.source = source
        self.name = QLineEdit(_suggested_name(title))
        self.name.setObjectName("projectName")
        self.name.selectAll()
        self.parent_box = QComboBox()
        self.parent_box.setObjectName("projectParent")
        self.parent_box.setMinimumContentsLength(28)
        self.parent_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for folder in self._parents():
            self.parent_box.addItem(str(folder), str(folder))
        self.browse = QPushButton("Browse…")
        self.browse.setObjectName("browseParent")
        self.browse.setAutoDefault(False)  # Enter saves; it never opens the folder chooser
        self.browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.parent_box, 1)
        where.addWidget(self.browse)
        self.target_label = QLabel()
        self.target_label.setObjectName("projectTarget")
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.target_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("folderStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Project &name:", self.name)
        create_in = QLabel("Create &in:")
        create_in.setBuddy(self.parent_box)  # a layout cannot be a buddy: without one the & shows
        form.addRow(create_in, where)
        form.addRow("Folder:", self.target_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.parent_box.currentIndexChanged.connect(self._update)
        self.setMinimumWidth(520)
        self._update()

    def _parents(self) -> list[Path]:
        remembered = [Path(p) for p in self.settings.get(opts.PROJECT_PARENTS) if p]
        folders = [*remembered, documents_folder(), Path.home()]
        if self.source is not None:
            folders.insert(len(remembered), self.source.parent)
        return list(dict.fromkeys(f for f in folders if f.is_dir()))[:KEEP_PARENTS] or [Path.home()]

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Create the project in", self.parent_box.currentData())
        if chosen:
            self.set_parent_folder(Path(chosen))

    def set_parent_folder(self, folder: Path) -> None:
        """Make ``folder`` the one the project's folder is created in (Browse… does this)."""
        index = self.parent_box.findData(str(folder))
        if index < 0:
            self.parent_box.insertItem(0, str(folder), str(folder))
            index = 0
        self.parent_box.setCurrentIndex(index)

    def target(self) -> Path:
        """The project folder the choices make: the parent folder and the typed name."""
        return Path(self.parent_box.currentData() or Path.home()) / self.name.text()

    def problem(self) -> str | None:
        """Why the chosen folder cannot take the project, or None."""
        problem = project_name_problem(self.name.text())
        if problem is None:
            problem = folder_problem(self.target(), self.source, replace=True)
        return problem

    def _update(self, *_args) -> None:
        target = self.target()
        self.target_label.setText(str(target))
        problem = self.problem()
        if problem:
            text = problem[0].upper() + problem[1:].replace("; nothing was changed", "") + "."
        else:
            text = {
                FolderUse.NEW: "A new folder is made for the project.",
                FolderUse.EMPTY: "This folder is empty: the project goes into it.",
                FolderUse.OWN: "This is the project's own folder: Save writes it again.",
                FolderUse.PROJECT: "This folder holds another project: you are asked before it is replaced.",
            }[folder_use(target, self.source)]
        self.status.setText(text)
        font = self.status.font()
        font.setBold(problem is not None)  # a refusal must not read like a note
        self.status.setFont(font)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(problem is None)

    def accept(self) -> None:
        """Check the folder again (it may have changed on disk), ask before replacing a project, remember the parent."""
        problem = self.problem()
        if problem:
            self._update()
            return
        target = self.target()
        if folder_use(target, self.source) is FolderUse.PROJECT:
            answer = QMessageBox.question(
                self, "Replace project?", f"{target} already holds a project. Replace it with this one?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        parent = str(target.parent)
        kept = [parent, *(p for p in self.settings.get(opts.PROJECT_PARENTS) if p != parent)]
        self.settings.set(opts.PROJECT_PARENTS, kept[:KEEP_PARENTS])
        super().accept()


def choose_project_folder(settings, source: Path | None, title: str, parent: QWidget | None) -> Path | None:
    """Ask for the new project's name and place; return its folder (not made yet), or None on Cancel."""
    dialog = NewProjectDialog(settings, source, title, parent)
    try:
        return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
