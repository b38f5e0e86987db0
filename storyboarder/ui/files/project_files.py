"""The window's files: new, open, save, save as, recent, import, autosave, recovery and the lock."""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storyboarder.io import ProjectError, load_project
from storyboarder.io.fingerprint import DiskChanged
from storyboarder.io.folders import same_folder
from storyboarder.io.image_import import import_images
from storyboarder.io.paths import PROJECT_FILE
from storyboarder.io.recovery import (
    discard_recovery,
    discard_untitled,
    find_recovery,
    load_recovery,
    lock_project,
    read_lock,
    release_lock,
    restore_untitled,
    set_aside_recovery,
    untitled_recoveries,
    write_recovery,
)
from storyboarder.io.save import lost_message, missing_images
from storyboarder.io.save_as import save_project_as
from storyboarder.io.staging import stage_image
from storyboarder.model import Panel, Project, Scene

from .. import settings as opts
from ..jobs import Job
from .disk_change_dialog import DiskChoice, ask_about_disk_change

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
        #: Why the open project has no lock ("" when it has one, or no folder): shown, never pretended.
        self.lock_problem = ""
        #: The lost-image messages the user was already told about, so that each save names only new losses.
        self.known_missing: set[str] = set()
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
        outcome = lock_project(loaded.folder)
        self.locked_folder = loaded.folder if outcome.locked else None
        self.lock_problem = outcome.problem
        on_disk = loaded.fingerprint
        restored = False
        if (holder := outcome.holder) is not None:
            QMessageBox.warning(
                self.window,
                "Project already open",
                f"This project is already open in another Storyboarder window ({holder.user} on {holder.host}, "
                f"since {holder.started}).\n\n"
                "Saving here may overwrite changes made there.",
            )
        else:
            if outcome.problem:
                QMessageBox.information(
                    self.window,
                    "Opened without a lock",
                    f"{outcome.problem[0].upper()}{outcome.problem[1:]}.\n\nAnother Storyboarder opening this project "
                    "will not be told it is open here, and saving into this folder may fail.",
                )
            restored_project = self._offer_recovery(loaded.folder)
            if restored_project is not None:
                loaded, restored = restored_project, True
        self.context.replace_project(loaded.project, loaded.folder)
        self.document.on_disk = on_disk
        if restored:
            self.known_missing = {p.message for p in missing_images(loaded.project, loaded.folder, loaded.folder / PROJECT_FILE)}
        else:
            # load_project has just checked every image; checking again costs a
            # stat per panel (0.6 s at 20,000 panels) for the same answer.
            self.known_missing = {lost_message(p.message) for p in loaded.warnings}
        if restored:
            # The restored state is not on disk yet: mark the document modified.
            self.document.undo_stack.resetClean()
        self.settings.remember_project(loaded.folder)
        if loaded.warnings:
            self.context.show_message(f"Opened with {len(loaded.warnings)} warnings: {loaded.warnings[0].message}", 15000)
        return True

    def _offer_recovery(self, folder: Path):
        """Offer the folder's recovery copy, if one is worth it; return it loaded when the user restores it.

        A damaged copy is offered once: it is moved aside, and the message says where.
        """
        recovery = find_recovery(folder)
        if recovery is None:
            return None
        try:
            when = datetime.fromtimestamp(recovery.stat().st_mtime)
            candidate = load_recovery(folder)
        except OSError:
            return None  # gone since it was found: nothing to offer
        except ProjectError as exc:
            self._set_aside(folder, "The recovery copy of this project", exc)
            return None
        answer = QMessageBox.question(
            self.window,
            "Recover unsaved work?",
            f"Storyboarder found unsaved changes to this project, autosaved at "
            f"{when:%Y-%m-%d %H:%M} by a session that did not close "
            "properly.\n\nRestore them, or discard them and open the saved project?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return candidate
        discard_recovery(folder)
        return None

    def _set_aside(self, folder: Path, what: str, error: ProjectError) -> None:
        """Move a damaged recovery copy aside so that it is not offered again, and say so."""
        try:
            moved = set_aside_recovery(folder)
        except OSError as exc:
            where = f"It could not be moved aside ({exc.strerror or exc}), so it will be found again; delete it by hand."
        else:
            where = f"It was moved to {moved} and will not be offered again."
        QMessageBox.warning(self.window, "Cannot restore", f"{what} is damaged and cannot be restored:\n{error}\n\n{where}")

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
        """Save into a folder; a new folder gets copies of every image the project uses.

        Saving over the folder the project came from first checks that no one
        else changed its ``project.json`` since; if someone did, the user
        chooses: reload that version, save elsewhere, or overwrite it.
        """
        self._commit_drawing()
        old = self.document.folder
        project = self.document.project
        same = old is not None and same_folder(folder, old)
        expected = self.document.on_disk if same else None
        was_gone = expected is not None and not (folder / PROJECT_FILE).exists()
        while True:
            try:
                # Asked already in save_as: a project there is replaced.
                report = save_project_as(project, folder, old, replace=True, expected=expected)
                break
            except DiskChanged as exc:
                choice = ask_about_disk_change(self.window, exc.change, self.document.display_name())
                if choice is DiskChoice.RELOAD:
                    self.reload_from_disk()
                    return False
                if choice is DiskChoice.SAVE_AS:
                    return self.save_as()
                if choice is not DiskChoice.OVERWRITE:
                    return False
                expected = exc.change.current  # overwrite that version (and only that one)
            except ProjectError as exc:
                QMessageBox.critical(self.window, "Cannot save project", str(exc))
                return False
        self._discard_own_recovery()
        if not same:
            self._release()
            self.context.move_to(folder)
            self._lock(folder)
            self.settings.remember_project(folder)
        elif self.locked_folder is not None and read_lock(folder) is None:
            self._lock(folder)  # the folder was deleted and made again: so was its lock
        self.document.on_disk = report.fingerprint
        self.document.undo_stack.setClean()
        self._report_saved(folder, report, was_gone)
        return True

    def _lock(self, folder: Path) -> None:
        outcome = lock_project(folder)
        self.locked_folder = folder if outcome.locked else None
        self.lock_problem = outcome.problem

    def _report_saved(self, folder: Path, report, was_gone: bool) -> None:
        """Say the project was saved, and name every image it refers to that is lost (never a bare "Saved")."""
        lost = [p for p in report.missing if p.message not in self.known_missing]
        self.known_missing = {p.message for p in report.missing}
        again = " (it had been deleted on disk; it was written again)" if was_gone else ""
        if lost:
            QMessageBox.warning(
                self.window,
                "Some images were not saved",
                f"The project was saved in {folder}{again}, but {len(lost)} of the images it refers to are not on disk "
                "any more and not in memory either, so those panels will show placeholders:\n\n"
                # The folder is named above; each line is PLACE: PROBLEM.
                + "\n".join(f"{p.where}: {p.message}" for p in lost[:30])
                + (f"\n… and {len(lost) - 30} more" if len(lost) > 30 else ""),
            )
        if report.missing:
            self.context.show_message(
                f"Saved {folder / PROJECT_FILE}{again}, but {len(report.missing)} images it refers to are missing", 15000
            )
        else:
            self.context.show_message(f"Saved {folder / PROJECT_FILE}{again}", 5000)

    def reload_from_disk(self) -> bool:
        """Show the project as it is on disk now, dropping the unsaved changes here."""
        folder = self.document.folder
        if folder is None:
            return False
        try:
            loaded = load_project(folder)
        except ProjectError as exc:
            QMessageBox.critical(self.window, "Cannot reload project", str(exc))
            return False
        self._discard_own_recovery()  # the user chose to drop those changes
        self.context.replace_project(loaded.project, loaded.folder)
        self.document.on_disk = loaded.fingerprint
        self.known_missing = {p.message for p in missing_images(loaded.project, loaded.folder, loaded.file)}
        self.context.show_message(f"Reloaded {loaded.file} from disk", 5000)
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
            try:
                loaded = restore_untitled(folder)
            except ProjectError as exc:
                self._set_aside(folder, "The autosave of an untitled project", exc)
                continue
            answer = QMessageBox.question(
                self.window,
                "Recover unsaved work?",
                "Storyboarder found an unsaved, untitled project from a session that did not close properly."
                "\n\nRestore it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
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
        self.lock_problem = ""
        if self.locked_folder is not None:
            release_lock(self.locked_folder)
            self.locked_folder = None

    def closing(self) -> None:
        """Let go of the lock when the window closes."""
        self.autosave_timer.stop()
        self._release()
