"""The question a save asks when ``project.json`` was changed on disk by someone else since it was opened."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from storyboarder.io.fingerprint import DiskChange


class DiskChoice(Enum):
    """What the user chose to do about a project changed on disk."""

    RELOAD = "reload"
    SAVE_AS = "save as"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


#: The buttons' labels, which tests click by.
LABELS = {
    DiskChoice.RELOAD: "Reload from disk",
    DiskChoice.SAVE_AS: "Save as…",
    DiskChoice.OVERWRITE: "Overwrite",
}


def ask_about_disk_change(parent: QWidget | None, change: DiskChange, name: str) -> DiskChoice:
    """Ask whether to reload the project from disk, save it elsewhere, or overwrite the other change."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Project changed on disk")
    box.setText(f"“{name}”: {change.message()}.")
    box.setInformativeText(
        "Reload from disk shows that version and drops your unsaved changes; Save as… keeps both in "
        "different folders; Overwrite replaces the other version with yours."
    )
    buttons = {
        box.addButton(LABELS[DiskChoice.RELOAD], QMessageBox.ButtonRole.DestructiveRole): DiskChoice.RELOAD,
        box.addButton(LABELS[DiskChoice.SAVE_AS], QMessageBox.ButtonRole.AcceptRole): DiskChoice.SAVE_AS,
        box.addButton(LABELS[DiskChoice.OVERWRITE], QMessageBox.ButtonRole.DestructiveRole): DiskChoice.OVERWRITE,
    }
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    # The safe default: Enter keeps both versions; Escape does nothing.
    box.setDefaultButton(next(b for b, c in buttons.items() if c is DiskChoice.SAVE_AS))
    box.setEscapeButton(cancel)
    box.exec()
    return buttons.get(box.clickedButton(), DiskChoice.CANCEL)
