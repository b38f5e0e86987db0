"""The main window: scene navigator, panel grid, menus and the project file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSlider,
    QWidget,
    QHBoxLayout,
)

from storyboarder import __version__
from storyboarder.io import LoadedProject, ProjectError, load_project, save_project
from storyboarder.model import Project, format_duration, shot_count, total_duration_ms

from . import settings as opts
from .document import Document
from .icons import app_icon, icon
from .item_models import PanelListModel, SceneListModel
from .panel_delegate import PanelDelegate
from .settings import Settings
from .thumbnails import ThumbnailCache


class MainWindow(QMainWindow):
    """One open project: its scenes on the left, the current scene's panels in the middle."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.document = Document(parent=self)
        self.setWindowIcon(app_icon())

        self.thumbnails = ThumbnailCache(self)
        self.scene_model = SceneListModel(self.document, self)
        self.panel_model = PanelListModel(self.document, self)

        self.scene_list = QListView()
        self.scene_list.setObjectName("sceneList")
        self.scene_list.setModel(self.scene_model)
        self.scene_list.setUniformItemSizes(True)
        self.scene_list.selectionModel().currentChanged.connect(self._scene_changed)
        scene_dock = QDockWidget("Scenes", self)
        scene_dock.setObjectName("sceneDock")
        scene_dock.setWidget(self.scene_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, scene_dock)

        self.delegate = PanelDelegate(self.thumbnails, self)
        self.grid = QListView()
        self.grid.setObjectName("panelGrid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setSpacing(6)
        self.grid.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setModel(self.panel_model)
        self.setCentralWidget(self.grid)
        self.thumbnails.ready.connect(lambda _path: self.grid.viewport().update())

        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setObjectName("zoomSlider")
        self.zoom.setRange(120, 480)
        self.zoom.setFixedWidth(160)
        self.zoom.setToolTip("Thumbnail size")
        self.zoom.valueChanged.connect(self._set_thumbnail_width)
        self.summary = QLabel()
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Zoom"))
        layout.addWidget(self.zoom)
        self.statusBar().addPermanentWidget(self.summary)
        self.statusBar().addPermanentWidget(bar)
        self.zoom.setValue(self.settings.get(opts.THUMBNAIL_WIDTH))

        self._build_actions()
        self.resize(1280, 800)
        self._restore_layout()
        self._update_title()

    # Actions -------------------------------------------------------------

    def _build_actions(self) -> None:
        def make(text, slot, shortcut=None, icon_name=None):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if icon_name:
                action.setIcon(icon(icon_name))
            action.triggered.connect(slot)
            return action

        self.open_action = make("&Open…", self.choose_and_open, QKeySequence.StandardKey.Open, "open")
        self.save_action = make("&Save", self.save, QKeySequence.StandardKey.Save, "save")
        self.save_as_action = make("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.quit_action = make("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.about_action = make("&About Storyboarder", self.about)

        file_menu = self.menuBar().addMenu("&File")
        for action in (self.open_action, self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setIconSize(QSize(20, 20))
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.save_action)

    # Project file ------------------------------------------------------------

    def open_project(self, path: str | Path) -> bool:
        """Load a project into this window; on failure show why and keep the current one."""
        try:
            loaded = load_project(path)
        except ProjectError as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return False
        self.show_project(loaded)
        self.settings.remember_project(str(loaded.folder))
        if loaded.warnings:
            self.statusBar().showMessage(
                f"Opened with {len(loaded.warnings)} warnings: {loaded.warnings[0].message}", 15000
            )
        return True

    @property
    def project(self) -> Project:
        """The project shown in this window."""
        return self.document.project

    @property
    def folder(self) -> Path | None:
        """The project's folder, or None before the first save."""
        return self.document.folder

    def show_project(self, loaded: LoadedProject) -> None:
        """Display a loaded project."""
        self.thumbnails.set_folder(loaded.folder)
        self.document.replace(loaded.project, loaded.folder)
        self.delegate.aspect_ratio = self.project.aspect_ratio
        if self.project.scenes:
            self.scene_list.selectionModel().setCurrentIndex(
                self.scene_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._update_title()

    def choose_and_open(self) -> None:
        """Ask for a project.json and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open project", self.settings.get(opts.LAST_FOLDER), "Storyboarder project (project.json)"
        )
        if path:
            self.settings.set(opts.LAST_FOLDER, str(Path(path).parent.parent))
            self.open_project(path)

    def save(self) -> bool:
        """Save the project where it came from, or ask where."""
        if self.folder is None:
            return self.save_as()
        return self._save_to(self.folder)

    def save_as(self) -> bool:
        """Ask for a folder and save the project there."""
        folder = QFileDialog.getExistingDirectory(self, "Save project in folder", self.settings.get(opts.LAST_FOLDER))
        if not folder:
            return False
        return self._save_to(Path(folder))

    def _save_to(self, folder: Path) -> bool:
        try:
            save_project(self.project, folder)
        except ProjectError as exc:
            QMessageBox.critical(self, "Cannot save project", str(exc))
            return False
        if self.folder != folder:
            self.document.folder = folder
            self.thumbnails.set_folder(folder)
        self.statusBar().showMessage(f"Saved {folder / 'project.json'}", 5000)
        self._update_title()
        return True

    def about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self,
            "About Storyboarder",
            f"<h3>Storyboarder {__version__}</h3>"
            "<p>An offline storyboard and shot-list editor for directors and crews.</p>",
        )

    # View state --------------------------------------------------------------

    def _scene_changed(self, current, _previous) -> None:
        scene = self.scene_model.scene(current.row()) if current.isValid() else None
        self.panel_model.set_scene(scene)

    def _set_thumbnail_width(self, width: int) -> None:
        self.delegate.thumbnail_width = width
        self.settings.set(opts.THUMBNAIL_WIDTH, width)
        # Uniform item sizes are cached by the view; a layout pass picks up the new size.
        self.grid.doItemsLayout()

    def _update_title(self) -> None:
        name = self.project.title or (self.folder.name if self.folder else "Untitled")
        self.setWindowTitle(f"{name} — Storyboarder")
        panels = sum(len(s.panels) for s in self.project.scenes)
        shots = sum(shot_count(s) for s in self.project.scenes)
        self.summary.setText(
            f"{len(self.project.scenes)} scenes · {panels} panels · {shots} shots · "
            f"{format_duration(total_duration_ms(self.project))}"
        )

    def _restore_layout(self) -> None:
        geometry = self.settings.get(opts.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(opts.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.settings.set(opts.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(opts.WINDOW_STATE, self.saveState())
        self.thumbnails.wait(5000)
        super().closeEvent(event)
