"""The window's files: new, open, save, save as, recent, import, autosave, recovery and the lock."""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storyboarder.io import ProjectError, load_project
from storyboarder.io.image_import import import_images
from storyboarder.io.paths import PROJECT_FILE
from storyboarder.io.recovery import (
    acquire_lock,
    discard_recovery,
    discard_untitled,
    find_recovery,
    load_recovery,
    release_lock,
    restore_untitled,
    untitled_recoveries,
    write_recovery,
)
from storyboarder.io.save_as import save_project_as
from storyboarder.io.staging import stage_image
from storyboarder.model import Panel, Project, Scene

from .. import settings as opts
from ..jobs import Job

#: How soon autosave tries again while a drawing is still being encoded.
ENCODE_RETRY_MS = 250

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif);;All files (*)"


def recovery_root() -> Path:
    """Where autosaves of never-saved projects go."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".storyboarder") / "recovery"


class ProjectFiles(QObject):
    """Everything the window does with files, so the window itself stays about editing.

    It works on the application context; ``parent`` is the window its
    questions and file choosers belong to.
    """

    def __init__(self, context, parent):
        super().__init__(parent)
        self.context = context
        self.window = parent  # only the parent of message boxes, file choosers and progress
        self.settings = context.settings
        self.document = context.document
        self.locked_folder: Path | None = None
        self.untitled_recovery: Path | None = None
        self.last_import_errors: list[str] = []
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(max(5, self.settings.get(opts.AUTOSAVE_SECONDS)) * 1000)  # Preferences restarts it

    # Questions -----------------------------------------------------------------

    def _commit_drawing(self) -> None:
        self.context.flush_edits()

    def maybe_save(self) -> bool:
        """Ask Save, Discard or Cancel when there are unsaved changes; True means go on."""
        # Every stroke is an undo step already; Save commits the drawing (asking first adds no step to undo).
        if self.document.undo_stack.isClean():
            return True
        name = self.document.display_name()
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"Save the changes to “{name}” before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_own_recovery()
            return True
        return False

    # New and open --------------------------------------------------------------

    def new_project(self) -> None:
        """Start an untitled project with one scene and one panel."""
        if not self.maybe_save():
            return
        self.show_untitled(Project(scenes=[Scene(heading="INT. LOCATION - DAY", panels=[Panel()])]))

    def show_untitled(self, project: Project) -> None:
        """Show a project made in memory (an imported screenplay); it is saved with Save As."""
        self._release()
        self.context.replace_project(project, None)

    def choose_and_open(self) -> None:
        """Ask for a project.json and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open project", self.settings.get(opts.LAST_FOLDER), "Storyboarder project (project.json)"
        )
        if path:
            self.settings.set(opts.LAST_FOLDER, str(Path(path).parent.parent))
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        """Load a project; on failure show why and keep the current one."""
        if not self.maybe_save():
            return False
        try:
            # Absolute: the folder is remembered (Open Recent, the lock) beyond this working directory.
            loaded = load_project(os.path.abspath(path))
        except ProjectError as exc:
            QMessageBox.critical(self.window, "Cannot open project", str(exc))
            return False
        # The lock first: a project open in another window keeps its recovery copy,
        # which that window is still writing; it is neither offered nor touched here.
        self._release()
        holder = acquire_lock(loaded.folder)
        self.locked_folder = loaded.folder if holder is None else None
        restored = False
        if holder is not None:
            QMessageBox.warning(
                self.window,
                "Project already open",
                f"This project is already open in another Storyboarder window ({holder.user} on {holder.host}, "
                f"since {holder.started}).\n\n"
                "Saving here may overwrite changes made there.",
            )
        elif (recovery := find_recovery(loaded.folder)) is not None:
            answer = QMessageBox.question(
                self.window,
                "Recover unsaved work?",
                f"Storyboarder found unsaved changes to this project, autosaved at "
                f"{datetime.fromtimestamp(recovery.stat().st_mtime):%Y-%m-%d %H:%M} by a session that did not close "
                "properly.\n\nRestore them, or discard them and open the saved project?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    loaded = load_recovery(loaded.folder)
                    restored = True
                except ProjectError as exc:
                    QMessageBox.warning(self.window, "Cannot restore", f"The recovery copy is damaged:\n{exc}")
            else:
                discard_recovery(loaded.folder)
        self.context.replace_project(loaded.project, loaded.folder)
        if restored:
            # The restored state is not on disk yet: mark the document modified.
            self.document.undo_stack.resetClean()
        self.settings.remember_project(loaded.folder)
        if loaded.warnings:
            self.context.show_message(f"Opened with {len(loaded.warnings)} warnings: {loaded.warnings[0].message}", 15000)
        return True

    def fill_recent_menu(self, menu) -> None:
        """Rebuild a File › Open Recent menu from the settings."""
        menu.clear()
        recent = [p for p in self.settings.recent_projects() if (Path(p) / PROJECT_FILE).is_file()]
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))
        if not recent:
            menu.addAction("No recent projects").setEnabled(False)

    # Save ----------------------------------------------------------------------

    def save(self) -> bool:
        """Save where the project came from, or ask where."""
        if self.document.folder is None:
            return self.save_as()
        return self.save_to(self.document.folder)

    def save_as(self) -> bool:
        """Ask for the project's name and place, and save it there in a folder of its own, images included."""
        from .new_project_dialog import choose_project_folder

        target = choose_project_folder(self.settings, self.document.folder, self.document.project.title, self.window)
        return target is not None and self.save_to(target)

    def save_to(self, folder: Path) -> bool:
        """Save into a folder; a new folder gets copies of every image the project uses."""
        self._commit_drawing()
        old = self.document.folder
        project = self.document.project
        try:
            # Asked already in save_as: a project there is replaced.
            save_project_as(project, folder, old, replace=True)
        except ProjectError as exc:
            QMessageBox.critical(self.window, "Cannot save project", str(exc))
            return False
        self._discard_own_recovery()
        if old is None or folder.resolve() != old.resolve():
            self._release()
            self.context.move_to(folder)
            if acquire_lock(folder) is None:
                self.locked_folder = folder
            self.settings.remember_project(folder)
        self.document.undo_stack.setClean()
        self.context.show_message(f"Saved {folder / PROJECT_FILE}", 5000)
        return True

    # Autosave and recovery ---------------------------------------------------------

    def autosave(self) -> Path | None:
        """Write a recovery copy beside the project (never over it) when there are unsaved changes.

        It is no edit: a drawing still on screen goes into the copy as a draft,
        and the undo history is left as it is.
        """
        if self.document.undo_stack.isClean():
            return None
        drafts = self.context.drafts()
        if drafts is None or self.document.project.pending_images.busy():
            # A stroke is being drawn, or a drawing encoded: write the copy once it is done rather than wait here.
            QTimer.singleShot(ENCODE_RETRY_MS, self, self.autosave)
            return None
        folder = self._own_folder()
        if folder is None:
            # Never saved, or open in another window too (whose recovery copy is not ours to overwrite).
            if self.untitled_recovery is None:
                self.untitled_recovery = recovery_root() / uuid.uuid4().hex[:12]
            folder = self.untitled_recovery
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = write_recovery(self.document.project, folder, drafts)
        except (OSError, ProjectError) as exc:
            self.context.show_message(f"Autosave failed: {exc}", 10000)
            return None
        self.context.show_message("Autosaved a recovery copy", 3000)
        return path

    def offer_untitled_recovery(self) -> bool:
        """At start-up, offer to restore an untitled project that was never saved before a crash."""
        for folder in untitled_recoveries(recovery_root()):
            answer = QMessageBox.question(
                self.window,
                "Recover unsaved work?",
                "Storyboarder found an unsaved, untitled project from a session that did not close properly."
                "\n\nRestore it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    loaded = restore_untitled(folder)
                except ProjectError as exc:
                    QMessageBox.warning(self.window, "Cannot restore", str(exc))
                    continue
                self.context.replace_project(loaded.project, None)
                self.untitled_recovery = folder
                self.document.undo_stack.resetClean()
                return True
            discard_untitled(folder)
        return False

    def _own_folder(self) -> Path | None:
        """The project's folder when this window holds its lock (its recovery copy is then ours), else None."""
        folder = self.document.folder
        return folder if folder is not None and folder == self.locked_folder else None

    def _discard_own_recovery(self) -> None:
        if self._own_folder() is not None:
            discard_recovery(self._own_folder())
        if self.untitled_recovery is not None:
            discard_untitled(self.untitled_recovery)
            self.untitled_recovery = None

    # Import ------------------------------------------------------------------------

    def choose_and_import_images(self) -> None:
        """Ask for image files and make one panel per image after the selection."""
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import images", self.settings.get(opts.LAST_FOLDER), IMAGE_FILTER
        )
        if paths:
            rows = self.context.selection.rows()
            scene = self.context.selection.scene
            row = rows[-1] + 1 if rows else (len(scene.panels) if scene else 0)
            self.import_images(paths, row)

    def import_images(self, paths: list[str], row: int) -> Job | None:
        """Import images off the UI thread, then insert their panels as one undo step."""
        scene = self.context.selection.scene
        if scene is None:
            scene = self.document.add_scene()
            row = 0
        width = self.settings.get(opts.WORKING_WIDTH)

        def work(progress, cancelled):
            return import_images(paths, working_width=width, cancelled=cancelled, progress=progress)

        job = Job("Importing images…", work, self.window)
        job.finished.connect(lambda result, error: self._imported(scene, row, result, error))
        self.current_job = job
        job.start()
        return job

    def _imported(self, scene: Scene, row: int, result, error) -> None:
        self.current_job = None
        if error is not None:
            QMessageBox.critical(self.window, "Import failed", str(error))
            return
        images, errors = result
        panels = []
        for image in images:
            panel = self.document.new_panel()
            stage_image(self.document.project, panel, image.data, image.extension)
            panels.append(panel)
        if panels and scene in self.document.project.scenes:
            text = f"Import {len(panels)} images" if len(panels) > 1 else "Import image"
            self.document.insert_panels(scene, row, panels, text)
        self.last_import_errors = [str(e) for e in errors]
        if errors:
            QMessageBox.warning(
                self.window,
                "Some images were not imported",
                f"{len(errors)} of {len(errors) + len(images)} files could not be imported:\n\n"
                + "\n".join(self.last_import_errors[:20]),
            )

    # Closing -------------------------------------------------------------------------

    def _release(self) -> None:
        if self.locked_folder is not None:
            release_lock(self.locked_folder)
            self.locked_folder = None

    def closing(self) -> None:
        """Let go of the lock when the window closes."""
        self.autosave_timer.stop()
        self._release()
