"""The main window: scene navigator, panel grid, inspector and history, with menus and toolbar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QUndoView,
    QWidget,
)

from storyboarder import __version__
from storyboarder.io import LoadedProject, ProjectError
from storyboarder.model import Scene, format_duration, shot_count, total_duration_ms
from storyboarder.model.events import FieldsChanged, ProjectEvents

from . import settings as opts
from .actions import ActionId, DrawingActionId, make_action
from .adapters import ProjectWatch
from .drawing import DrawingPanel, neighbours
from .drawing.steps import PanelSteps
from .board.clipboard import panels_from_mime, panels_to_mime
from .context import ApplicationContext
from .icons import app_icon, icon
from .board.inspector import PanelInspector
from .board.item_models import PanelListModel, SceneListModel
from .board.panel_delegate import PanelDelegate
from .board.panel_grid import PanelGrid
from .play.play_view import PlayView
from .production.production_view import ProductionView
from .files.project_dialog import ProjectSettingsDialog
from .files.project_files import ProjectFiles
from .files.clean_up import clean_up_images
from .board.keyboard_moves import move_selected_panels, step_scene
from .preferences import open_preferences
from .shortcuts_window import show_keyboard_shortcuts
from .board.scene_navigator import SceneNavigator
from .shot_list.shot_list_model import ShotListModel
from .shot_list.shot_list_view import ShotListView
from .window_layout import WindowLayout, add_dock, add_history_dock, zoom_box
from .window_size import first_geometry, fits, frame_from_text, frame_text


class MainWindow(QMainWindow):
    """One open project: scenes on the left, the current scene's panels in the middle, fields on the right.

    Everything it shares with its views and dialogs lives in the application
    context it is given (a fresh one when none is); a context without a
    parent becomes the window's, and goes when the window goes.
    """

    def __init__(self, context: ApplicationContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context or ApplicationContext()
        if self.context.parent() is None:
            # One window per open project: the views' connections to the document must end with the window.
            self.context.setParent(self)
        self.settings = self.context.settings
        self.document = self.context.document
        self.selection = self.context.selection
        self.thumbnails = self.context.thumbnails
        self.setWindowIcon(app_icon())
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.scene_model = SceneListModel(self.document, self)
        self.panel_model = PanelListModel(self.document, self)
        self.delegate = PanelDelegate(self.thumbnails, self)
        self.grid = PanelGrid(self.panel_model, self.delegate, self.selection)
        # The board and the drawing view share the centre; drawing is a mode, never a dialog.
        self.drawing = DrawingPanel(self.document, self.settings)
        self.context.flushRequested.connect(self.drawing.commit)
        self.context.add_draft_source(self.drawing.draft)  # autosave copies the drawing without committing it
        # The shot list is a second view of the same panels, a tab beside the board.
        self.shot_model = ShotListModel(self.document, self.thumbnails, self)
        self.shot_list = ShotListView(self.context, self.shot_model)
        self.board_tabs = QTabWidget()
        self.board_tabs.setObjectName("boardTabs")
        self.board_tabs.setDocumentMode(True)
        self.board_tabs.addTab(self.grid, "Storyboard")
        self.board_tabs.addTab(self.shot_list, "Shot List")
        self.production = ProductionView(self.document)
        self.board_tabs.addTab(self.production, "Production")
        self.player = PlayView()
        self.central = QStackedWidget()
        self.central.addWidget(self.board_tabs)
        self.central.addWidget(self.drawing)
        self.central.addWidget(self.player)
        self.setCentralWidget(self.central)
        self.thumbnails.ready.connect(self._thumbnail_ready)

        self.navigator = SceneNavigator(self.document, self.scene_model, self.selection)
        self.scene_list = self.navigator.list
        self.navigator.headingEntered.connect(lambda: self.board_tabs.currentWidget().setFocus())
        self.inspector = PanelInspector(self.document, self.selection)
        self.history = QUndoView(self.document.undo_stack)
        self.history.setObjectName("historyView")
        self.history.setEmptyLabel("Opened project")
        self.scene_dock = add_dock(self, "Scenes", "sceneDock", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = add_dock(self, "Panel", "inspectorDock", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = add_history_dock(self, self.history, self.document.undo_stack, self.inspector_dock)

        self.selection.changed.connect(self._selection_changed)
        self.context.message.connect(self.statusBar().showMessage)
        self.shot_list.problem.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.production.problem.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.board_tabs.currentChanged.connect(self._tab_changed)
        QApplication.instance().installEventFilter(self)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.context.folderChanged.connect(self._update_title)
        # The summary walks every panel: refresh it once things settle, not per keystroke.
        self.summary_timer = QTimer(self)
        self.summary_timer.setSingleShot(True)
        self.summary_timer.setInterval(150)
        self.summary_timer.timeout.connect(self._update_summary)
        self.document.undo_stack.indexChanged.connect(self.summary_timer.start)
        self._watch = ProjectWatch(self, self.document, self._connect_events)
        self.document.projectReplaced.connect(self._project_replaced)

        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setObjectName("zoomSlider")
        self.zoom.setRange(120, 480)
        self.zoom.setFixedWidth(160)
        self.zoom.setToolTip("Thumbnail size")
        self.zoom.valueChanged.connect(self._set_thumbnail_width)
        self.summary = QLabel()
        self.statusBar().addWidget(self.summary)
        self.statusBar().addPermanentWidget(zooming := zoom_box(self.zoom))
        self.zoom.setValue(self.settings.get(opts.THUMBNAIL_WIDTH))

        self.files = ProjectFiles(self.context, self)
        self.panel_steps = PanelSteps()
        self.panel_model.filesDropped.connect(self.files.import_images)
        self.actions_by_id = {action_id: make_action(action_id, self) for action_id in ActionId}
        self.draw_action = make_action(DrawingActionId.DRAW, self)
        self.draw_action.triggered.connect(lambda: self.draw_panel_at((self.selection.rows() or [-1])[0]))
        self.grid.panelActivated.connect(self.draw_panel_at)
        self.drawing.nextPanelRequested.connect(lambda: self._draw_step(1))
        self.drawing.previousPanelRequested.connect(lambda: self._draw_step(-1))
        self.drawing.closed.connect(self._back_to_board)
        self.drawing.panelRemoved.connect(self.drawing.close_drawing)
        self.document.projectReplaced.connect(self._back_to_board)
        self.player.closed.connect(self._back_to_board)
        self.player.panelShown.connect(self._follow_player)
        self._connect_actions()
        self._build_menus()
        self.window_layout = WindowLayout(
            self, self.settings, [self.scene_dock, self.inspector_dock, self.history_dock],
            {self.shot_list: (self.inspector_dock, self.history_dock), self.drawing: (), self.player: (),
             # Shoot days take scenes dragged from the scene list; the other production lists use no dock.
             self.production.shoot_days: (self.scene_dock,), self.production.cast: (), self.production.crew: (),
             self.production.locations: ()},
            {self.grid: (zooming,)}, self.drawing, self.action(ActionId.FOCUS_DRAWING), self.action(ActionId.FULL_SCREEN),
        )
        self.setGeometry(first_geometry(self.screen()))
        self._restore_layout()
        self.window_layout.follow(self.central, self.board_tabs, self.production)
        self._project_replaced()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # Text fields would take Ctrl+Z for their own little undo; every keystroke is
        # already on the project's undo stack, so the window's Undo and Redo win.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QWidget) and watched.window() is self:
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                return True
        return super().eventFilter(watched, event)

    # Actions and menus -------------------------------------------------------

    def action(self, action_id: ActionId):
        """The window's QAction for an id."""
        return self.actions_by_id[action_id]

    def _connect_actions(self) -> None:
        a = self.action
        slots = {
            ActionId.NEW: self.files.new_project,
            ActionId.OPEN: self.files.choose_and_open,
            ActionId.SAVE: self.files.save,
            ActionId.SAVE_AS: self.files.save_as,
            ActionId.IMPORT_IMAGES: self.files.choose_and_import_images,
            ActionId.EXPORT_STORYBOARD: self.export_storyboard,
            ActionId.EXPORT_SHOTLIST: lambda: self._open_export("ShotListExportDialog"),
            ActionId.EXPORT_CALLSHEETS: lambda: self._open_export("CallSheetExportDialog"),
            ActionId.EXPORT_ANIMATIC: lambda: self._open_export("AnimaticExportDialog"),
            ActionId.EXPORT_EDIT: lambda: self._open_export("EditExportDialog"),
            ActionId.IMPORT_SCREENPLAY: self.import_screenplay,
            ActionId.PLAN_SHOOTING: self.plan_shooting_order,
            ActionId.PROJECT_SETTINGS: self.edit_project_settings,
            ActionId.QUIT: self.close,
            ActionId.CUT: self.cut_panels,
            ActionId.COPY: self.copy_panels,
            ActionId.PASTE: self.paste_panels,
            ActionId.DELETE: self.delete_panels,
            ActionId.DUPLICATE: self.duplicate_panels,
            ActionId.SELECT_ALL: self.grid.selectAll,
            ActionId.INSERT_BEFORE: lambda: self.insert_panel(after=False),
            ActionId.INSERT_AFTER: lambda: self.insert_panel(after=True),
            ActionId.ADD_SCENE: lambda: (self.add_scene(), self.edit_scene_heading()),
            ActionId.DUPLICATE_SCENE: self.duplicate_scene,
            ActionId.DELETE_SCENE: self.delete_scene,
            ActionId.RENAME_SCENE: self.edit_scene_heading,
            ActionId.ZOOM_IN: lambda: self.zoom.setValue(self.zoom.value() + 40),
            ActionId.ZOOM_OUT: lambda: self.zoom.setValue(self.zoom.value() - 40),
            ActionId.PLAY: self.play,
            ActionId.ABOUT: self.about,
            ActionId.CLEAN_UP_IMAGES: lambda: clean_up_images(self.context, self),
            ActionId.PREFERENCES: lambda: open_preferences(self.context, self.files, self),
            ActionId.KEYBOARD_SHORTCUTS: lambda: show_keyboard_shortcuts(self),
            ActionId.NEXT_SCENE: lambda: step_scene(self.selection, self.project, 1),
            ActionId.PREVIOUS_SCENE: lambda: step_scene(self.selection, self.project, -1),
            ActionId.MOVE_PANEL_LEFT: lambda: move_selected_panels(self.document, self.selection, -1),
            ActionId.MOVE_PANEL_RIGHT: lambda: move_selected_panels(self.document, self.selection, 1),
        }
        for action_id, slot in slots.items():
            a(action_id).triggered.connect(slot)
        # Panel edit keys act on the grid; text fields keep their own Copy, Paste and Delete.
        for action_id in (ActionId.CUT, ActionId.COPY, ActionId.PASTE, ActionId.DELETE, ActionId.DUPLICATE, ActionId.SELECT_ALL):
            a(action_id).setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(a(action_id))
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.scene_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.scene_list.customContextMenuRequested.connect(self._scene_menu)

    def _grid_menu(self, pos) -> None:
        menu = QMenu(self)
        for action_id in (ActionId.INSERT_BEFORE, ActionId.INSERT_AFTER, None, ActionId.CUT, ActionId.COPY,
                          ActionId.PASTE, ActionId.DUPLICATE, None, ActionId.DELETE):
            menu.addSeparator() if action_id is None else menu.addAction(self.action(action_id))
        menu.exec(self.grid.viewport().mapToGlobal(pos))

    def _scene_menu(self, pos) -> None:
        menu = QMenu(self)
        for action_id in (ActionId.ADD_SCENE, ActionId.DUPLICATE_SCENE, ActionId.RENAME_SCENE, None, ActionId.DELETE_SCENE):
            menu.addSeparator() if action_id is None else menu.addAction(self.action(action_id))
        menu.exec(self.scene_list.viewport().mapToGlobal(pos))

    def _build_menus(self) -> None:
        a = self.action
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(icon("redo"))

        menu = self.menuBar().addMenu("&File")
        for action_id in (ActionId.NEW, ActionId.OPEN):
            menu.addAction(a(action_id))
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        menu.addSeparator()
        for action_id in (ActionId.SAVE, ActionId.SAVE_AS):
            menu.addAction(a(action_id))
        menu.addSeparator()
        menu.addAction(a(ActionId.IMPORT_IMAGES))
        menu.addAction(a(ActionId.IMPORT_SCREENPLAY))
        export_menu = menu.addMenu("&Export")
        for action_id in (ActionId.EXPORT_STORYBOARD, ActionId.EXPORT_SHOTLIST, ActionId.EXPORT_CALLSHEETS,
                          ActionId.EXPORT_ANIMATIC, ActionId.EXPORT_EDIT):
            export_menu.addAction(a(action_id))
        menu.addAction(a(ActionId.PROJECT_SETTINGS))
        menu.addAction(a(ActionId.CLEAN_UP_IMAGES))
        menu.addSeparator()
        menu.addAction(a(ActionId.QUIT))

        plan_button = QToolButton()
        plan_button.setObjectName("shotListPlan")
        plan_button.setDefaultAction(a(ActionId.PLAN_SHOOTING))
        plan_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar = self.shot_list.filter_bar.layout()
        bar.insertWidget(bar.count() - 1, plan_button)

        menu = self.menuBar().addMenu("&Edit")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for action_id in (ActionId.CUT, ActionId.COPY, ActionId.PASTE, ActionId.DUPLICATE, ActionId.DELETE):
            menu.addAction(a(action_id))
        menu.addSeparator()
        menu.addAction(a(ActionId.SELECT_ALL))
        menu.addSeparator()
        history = self.history_dock.toggleViewAction()
        history.setText("&History")
        menu.addAction(history)
        menu.addSeparator()
        menu.addAction(a(ActionId.PREFERENCES))

        menu = self.menuBar().addMenu("&Panel")
        menu.addAction(self.draw_action)
        menu.addSeparator()
        for action_id in (ActionId.INSERT_BEFORE, ActionId.INSERT_AFTER, ActionId.MOVE_PANEL_LEFT, ActionId.MOVE_PANEL_RIGHT,
                          ActionId.DUPLICATE, ActionId.DELETE):
            menu.addAction(a(action_id))

        menu = self.menuBar().addMenu("&Scene")
        for action_id in (ActionId.ADD_SCENE, ActionId.DUPLICATE_SCENE, ActionId.RENAME_SCENE, ActionId.DELETE_SCENE,
                          None, ActionId.PREVIOUS_SCENE, ActionId.NEXT_SCENE):
            menu.addSeparator() if action_id is None else menu.addAction(a(action_id))
        menu.addSeparator()
        menu.addAction(a(ActionId.PLAN_SHOOTING))

        menu = self.menuBar().addMenu("&View")
        menu.addAction(a(ActionId.PLAY))
        menu.addAction(a(ActionId.FOCUS_DRAWING))
        menu.addAction(a(ActionId.FULL_SCREEN))
        menu.addSeparator()
        menu.addAction(a(ActionId.ZOOM_IN))
        menu.addAction(a(ActionId.ZOOM_OUT))
        menu.addSeparator()
        for dock in (self.scene_dock, self.inspector_dock, self.history_dock):
            menu.addAction(dock.toggleViewAction())

        menu = self.menuBar().addMenu("&Help")
        menu.addAction(a(ActionId.KEYBOARD_SHORTCUTS))
        menu.addAction(a(ActionId.ABOUT))

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for item in (ActionId.NEW, ActionId.OPEN, ActionId.SAVE, None, "undo", "redo", None,
                     ActionId.ADD_SCENE, ActionId.INSERT_AFTER, ActionId.DUPLICATE, ActionId.DELETE, "draw", ActionId.PLAY, None,
                     ActionId.IMPORT_IMAGES, ActionId.PROJECT_SETTINGS):
            if item is None:
                toolbar.addSeparator()
            elif item == "undo":
                toolbar.addAction(self.undo_action)
            elif item == "redo":
                toolbar.addAction(self.redo_action)
            elif item == "draw":
                toolbar.addAction(self.draw_action)
            else:
                toolbar.addAction(a(item))

    # The project -------------------------------------------------------------

    #: The project shown in this window, and its folder (None before the first save): the context's.
    project = property(lambda self: self.context.project)
    folder = property(lambda self: self.context.folder)

    def open_project(self, path: str | Path) -> bool:
        """Open a project file or folder in this window."""
        return self.files.open_project(path)

    def show_project(self, loaded: LoadedProject) -> None:
        """Display a loaded project."""
        self.context.replace_project(loaded.project, loaded.folder)

    def _project_replaced(self) -> None:
        self.delegate.aspect_ratio = self.project.aspect_ratio
        # Every view has reset by now (this slot is connected after theirs): start on the first scene.
        self.selection.reset(self.project.scenes[0] if self.project.scenes else None)
        self._update_title()
        self._update_summary()

    def _connect_events(self, events: ProjectEvents) -> None:
        events.fields.changed.connect(self._fields_changed)

    def _fields_changed(self, event: FieldsChanged) -> None:
        """Follow project settings that change how the window looks."""
        if event.objects and event.objects[0] is self.project:
            if event.path == "aspect_ratio":
                self.delegate.aspect_ratio = self.project.aspect_ratio
                self.grid.doItemsLayout()
            self._update_title()

    def current_scene(self) -> Scene | None:
        """The scene the grid shows."""
        return self.selection.scene

    def selected_panels(self):
        """The selected panels of the current scene, in story order."""
        return self.selection.panels_in_scene()

    # Panel editing -------------------------------------------------------------

    def insert_panel(self, after: bool = True) -> None:
        """Add a blank panel next to the current one (or at the end)."""
        scene = self.current_scene()
        if scene is None:
            scene = self.add_scene()
        rows = self.selection.rows()
        if rows:
            row = rows[-1] + 1 if after else rows[0]
        else:
            row = len(scene.panels) if after else 0
        self.document.insert_panels(scene, row, [self.document.new_panel()], "Insert panel")

    def duplicate_panels(self) -> None:
        """Copy the selected panels right after them."""
        if self.current_scene() is not None:
            self.document.duplicate_panels(self.current_scene(), self.selection.rows())

    def delete_panels(self) -> None:
        """Delete the selected panels."""
        if self.current_scene() is not None:
            self.document.remove_panels(self.current_scene(), self.selection.rows())

    def copy_panels(self) -> None:
        """Put the selected panels on the clipboard."""
        panels = self.selected_panels()
        if panels:
            QGuiApplication.clipboard().setMimeData(panels_to_mime(self.project, self.folder, panels))

    def cut_panels(self) -> None:
        """Copy the selected panels, then delete them."""
        self.copy_panels()
        self.delete_panels()

    def paste_panels(self) -> None:
        """Insert panels from the clipboard after the selection."""
        scene = self.current_scene()
        if scene is None:
            return
        try:
            panels = panels_from_mime(QGuiApplication.clipboard().mimeData(), self.project)
        except ProjectError as exc:
            QMessageBox.warning(self, "Cannot paste panels", f"Nothing was pasted:\n\n{exc}")
            return
        if panels:
            rows = self.selection.rows()
            row = rows[-1] + 1 if rows else len(scene.panels)
            self.document.insert_panels(scene, row, panels, "Paste panels" if len(panels) > 1 else "Paste panel")

    # Drawing -------------------------------------------------------------------

    def draw_panel_at(self, row: int, scene: Scene | None = None) -> None:
        """Open a panel of a scene (the current one by default) in the drawing view."""
        scene = scene or self.current_scene()
        if scene is None or not 0 <= row < len(scene.panels):
            return
        panel = scene.panels[row]
        entering = self.central.currentWidget() is not self.drawing
        self.drawing.show_panel(scene, panel, *neighbours(scene, panel), folder=self.folder)
        self.selection.select([panel], scene)
        self.central.setCurrentWidget(self.drawing)
        if entering:
            # Coming from the board, the canvas takes all the room focus mode gave it, and a scene's
            # end is announced afresh.
            self.drawing.view.fit_to_window()
            self.panel_steps.forget()

    def play(self) -> None:
        """Play the boards from the selected panel (or the top) as a rough animatic."""
        if self.central.currentWidget() is self.drawing:
            self.drawing.close_drawing()
        selected = self.selected_panels()
        self.player.start(self.project, self.folder, selected[0] if selected else None)
        self.central.setCurrentWidget(self.player)
        self.player.setFocus()

    def _follow_player(self, scene: Scene, panel) -> None:
        # Leaving play mode lands on the panel that was on screen.
        self.selection.select([panel], scene)

    def _draw_step(self, offset: int) -> None:
        step = self.panel_steps.step(self.project, self.drawing.scene, self.drawing.panel, offset)
        if step.notice:
            self.drawing.header.set_notice(step.notice)
        elif step.scene is not None:
            self.draw_panel_at(step.row, step.scene)

    def _back_to_board(self, *_args) -> None:
        self.player.halt()
        self.central.setCurrentWidget(self.board_tabs)
        self.board_tabs.currentWidget().setFocus()

    # Scene editing -------------------------------------------------------------

    def add_scene(self) -> Scene:
        """Add a scene after the current one."""
        scene = self.current_scene()
        row = self.project.scenes.index(scene) + 1 if scene in self.project.scenes else None
        return self.document.add_scene(row)

    def duplicate_scene(self) -> None:
        """Copy the current scene."""
        if self.current_scene() is not None:
            self.document.duplicate_scene(self.current_scene())

    def delete_scene(self) -> None:
        """Delete the current scene, after asking when it has panels."""
        scene = self.current_scene()
        if scene is None:
            return
        if scene.panels:
            answer = QMessageBox.question(
                self,
                "Delete scene",
                f"Delete “{scene.heading or 'this scene'}” and its {len(scene.panels)} panels? You can undo this.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.document.remove_scene(scene)

    def edit_scene_heading(self) -> None:
        """Put the cursor in the current scene's heading."""
        self.scene_dock.show()
        self.navigator.edit_heading()

    def edit_project_settings(self) -> None:
        """Show the project settings dialog; its changes are one undo step."""
        dialog = ProjectSettingsDialog(self.project, self)
        if dialog.exec():
            self.document.set_project_fields(dialog.values())

    def export_storyboard(self) -> None:
        """Show the storyboard PDF dialog for this project and the grid's selection."""
        # Imported here: the PDF renderer behind its preview is not needed to start the editor.
        from .exports.export_storyboard_dialog import ExportStoryboardDialog

        self.context.flush_edits()
        self.export_dialog = ExportStoryboardDialog(self.context, self)
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.open()

    def _open_export(self, name: str) -> None:
        """Show one of the File › Export dialogs (shot list, call sheets, animatic, edit)."""
        from .exports import export_dialogs  # the exporters load only when asked for

        self.context.flush_edits()
        self.export_dialog = getattr(export_dialogs, name)(self.context, self)
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.open()

    def import_screenplay(self) -> None:
        """Import a Fountain screenplay into this project or as a new one."""
        from .files.screenplay_dialog import ScreenplayImportDialog

        self.context.flush_edits()
        self.import_dialog = ScreenplayImportDialog(self.context, self.files, self)
        self.import_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog.open()

    def plan_shooting_order(self) -> None:
        """Plan the shooting order of the current scene or a shoot day."""
        from .shot_list.shooting_plan_dialog import ShootingPlanDialog

        self.plan_dialog = ShootingPlanDialog(self.context, self.current_scene(), self)
        self.plan_dialog.kept.connect(self.show_shoot_order)
        self.plan_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.plan_dialog.open()

    def show_shoot_order(self) -> None:
        """Show the shot list sorted by shoot #."""
        self.board_tabs.setCurrentWidget(self.shot_list)
        self.shot_list.sort_by("shoot_order")

    def about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self,
            "About Storyboarder",
            f"<h3>Storyboarder {__version__}</h3>"
            "<p>An offline storyboard and shot-list editor for directors and crews.</p>"
            "<p>Projects are plain folders: <code>project.json</code> and <code>images/</code>.</p>",
        )

    # View state ----------------------------------------------------------------

    def _selection_changed(self) -> None:
        scene = self.selection.scene
        # Another scene on the board ends the drawing of a panel of the last one.
        if self.central.currentWidget() is self.drawing and scene is not self.drawing.scene:
            self.drawing.close_drawing()
        has = bool(self.selection.rows())
        for action_id in (ActionId.CUT, ActionId.COPY, ActionId.DELETE, ActionId.DUPLICATE):
            self.action(action_id).setEnabled(has)

    def _tab_changed(self, _index: int) -> None:
        # The board shows one scene: coming to the front, it keeps only the selected panels it shows,
        # so the inspector never edits panels out of sight.
        if self.board_tabs.currentWidget() is self.grid and len(self.selection.rows()) != len(self.selection.panels):
            self.selection.select(self.selection.panels_in_scene(), self.selection.scene)

    def _thumbnail_ready(self, _path: str) -> None:
        self.grid.viewport().update()

    def _set_thumbnail_width(self, width: int) -> None:
        self.delegate.thumbnail_width = width
        self.settings.set(opts.THUMBNAIL_WIDTH, width)
        self.grid.doItemsLayout()

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — Storyboarder")
        self.setWindowModified(not self.document.undo_stack.isClean())

    def _update_summary(self, *_args) -> None:
        panels = sum(len(s.panels) for s in self.project.scenes)
        shots = shot_count(self.project)
        self.summary.setText(
            f"{len(self.project.scenes)} scenes · {panels} panels · {shots} shots · "
            f"{format_duration(total_duration_ms(self.project))}"
        )

    def _restore_layout(self) -> None:
        geometry = self.settings.get(opts.WINDOW_GEOMETRY)
        # A size saved on a bigger (or less scaled) screen is not kept where it would not fit.
        frame = frame_from_text(self.settings.get(opts.WINDOW_FRAME))
        if not geometry.isEmpty() and (frame is None or fits(frame)):
            self.restoreGeometry(geometry)
        state = self.settings.get(opts.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.files.maybe_save():
            event.ignore()
            return
        self.window_layout.user_state()  # the docks a tab or focus mode hid are saved as the user left them
        self.settings.set(opts.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(opts.WINDOW_FRAME, frame_text(self.frameGeometry()))
        self.settings.set(opts.WINDOW_STATE, self.saveState())
        self.files.closing()
        QApplication.instance().removeEventFilter(self)
        self.thumbnails.wait(5000)
        super().closeEvent(event)
