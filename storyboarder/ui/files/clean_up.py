"""File › Clean Up Images…: show the images nothing uses any more, then move them to the trash.

Which images are used is the io rule (``storyboarder.io.clean_up``); the
editor adds what only it knows: the open project (unsaved changes too) and
every step of its undo history, which may bring back a deleted panel or an
earlier drawing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storyboarder.io import ProjectError
from storyboarder.io.clean_up import (
    CleanUpPlan,
    CleanUpResult,
    format_size,
    images_named_in,
    move_unused_images,
    plan_clean_up,
    project_image_paths,
)
from storyboarder.io.recovery import acquire_lock, release_lock

from ..help_text import HelpLabel

TITLE = "Clean Up Images"


def _commands(stack: QUndoStack):
    """Every command on the stack, macros' children included."""
    pending = [stack.command(i) for i in range(stack.count())]
    while pending:
        command: QUndoCommand = pending.pop()
        yield command
        pending.extend(command.child(i) for i in range(command.childCount()))


def held_images(context) -> set[str]:
    """The image paths the open project and its undo history still name."""
    # One walk over every command: they share the project and its panels, entered once.
    steps = [list(vars(command).values()) for command in _commands(context.undo_stack)]
    return project_image_paths(context.project) | images_named_in(steps)


class CleanUpDialog(QDialog):
    """The unused images, how many and how big, and the question whether they go to the trash."""

    def __init__(self, plan: CleanUpPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cleanUpDialog")
        self.setWindowTitle(TITLE)
        count = len(plan.images)
        self.summary = QLabel(
            f"<b>{count} image{'' if count == 1 else 's'} ({format_size(plan.total_bytes)})</b> in "
            f"{plan.folder / 'images'} {'is' if count == 1 else 'are'} used by no panel, no step of the undo "
            "history, no backup and no recovery copy."
        )
        self.summary.setObjectName("cleanUpSummary")
        self.summary.setWordWrap(True)
        self.files = QTreeWidget()
        self.files.setObjectName("cleanUpFiles")
        self.files.setHeaderLabels(["File", "Size"])
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        for image in plan.images:
            item = QTreeWidgetItem([image.relative.split("/", 1)[-1], format_size(image.size)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.files.addTopLevelItem(item)
        header = self.files.header()
        header.setStretchLastSection(False)  # the names get the room, the sizes only theirs
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        note = HelpLabel("They go to the system trash, where you can get them back.", word_wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.move_button = self.buttons.addButton("Move to Trash", QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.setObjectName("moveToTrash")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(560, 420)


def clean_up_images(context, parent: QWidget | None) -> CleanUpResult | None:
    """Find the project's unused images, show them, and move them to the trash if the user agrees."""
    context.flush_edits()
    folder = context.folder
    if folder is None:
        QMessageBox.information(parent, TITLE, "Save the project first: a project that was never saved has no image files.")
        return None
    holder = acquire_lock(folder)
    if holder is not None and not holder.is_ours():
        QMessageBox.warning(
            parent,
            TITLE,
            f"This project is also open in another Storyboarder window ({holder.user} on {holder.host}). "
            "Its undo history may still need images, so nothing is cleaned up here; clean up in that window.",
        )
        return None
    took_lock = holder is None  # there was no lock: the one taken for the clean-up goes again after it
    try:
        try:
            plan = plan_clean_up(folder, held_images(context))
        except ProjectError as exc:
            QMessageBox.warning(parent, TITLE, f"Nothing was cleaned up:\n\n{exc}")
            return None
        if not plan.images:
            QMessageBox.information(parent, TITLE, "Every image in the project folder is in use; there is nothing to clean up.")
            return None
        dialog = CleanUpDialog(plan, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        finally:
            dialog.deleteLater()
        result = move_unused_images(plan)
    finally:
        if took_lock:
            release_lock(folder)
    done = []
    if result.trashed:
        done.append(f"moved {len(result.trashed)} to the trash")
    if result.moved:
        done.append(f"moved {len(result.moved)} into {folder / 'removed-images'} (no trash there)")
    if result.problems:
        QMessageBox.warning(parent, TITLE, "Some images were not moved:\n\n" + "\n".join(map(str, result.problems[:20])))
    context.show_message(f"Clean up: {', '.join(done) or 'nothing moved'} ({format_size(plan.total_bytes)})", 8000)
    return result
