"""The scene navigator: the list of scenes and a form for the current scene's details."""

from __future__ import annotations

import copy

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from storyboarder.model import Location, Scene
from storyboarder.model.events import FieldsChanged, ProjectEvents
from storyboarder.model.fields import FieldError, spec

from ..adapters import ProjectWatch
from .item_models import Role, SceneListModel

INT_EXT_CHOICES = ["", "INT", "EXT", "INT/EXT"]
TIME_OF_DAY_CHOICES = ["", "DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "EVENING", "CONTINUOUS", "LATER", "MOMENTS LATER"]

#: How a scene's page count reads and prints (``2 3/8``), as its declaration says.
_PAGES = spec(Scene, "pages_eighths")


class SceneDelegate(QStyledItemDelegate):
    """Two lines per scene: number and heading, then panel count and running time."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * line + 10)

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        rect = option.rect.adjusted(8, 5, -8, -5)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        number = index.data(Role.SCENE_NUMBER) or ""
        number_width = QFontMetrics(bold).horizontalAdvance("000A")
        painter.drawText(QRect(rect.left(), rect.top(), number_width, line), Qt.AlignmentFlag.AlignLeft, number)
        heading = index.data(Role.HEADING) or ""
        heading_rect = QRect(rect.left() + number_width, rect.top(), rect.width() - number_width, line)
        painter.drawText(heading_rect, Qt.AlignmentFlag.AlignLeft, QFontMetrics(bold).elidedText(heading, Qt.TextElideMode.ElideRight, heading_rect.width()))
        painter.setFont(option.font)
        color = option.palette.color(role)
        color.setAlphaF(0.7)
        painter.setPen(color)
        count = index.data(Role.PANEL_COUNT) or 0
        detail = f"{count} panel{'s' if count != 1 else ''} · {index.data(Role.DURATION) or ''}"
        painter.drawText(QRect(heading_rect.left(), rect.top() + line, heading_rect.width(), line), Qt.AlignmentFlag.AlignLeft, detail)
        painter.restore()


class SceneList(QListView):
    """Scenes in story order; drag to reorder, drop panels on a scene to move them there."""

    def __init__(self, model: SceneListModel, parent=None):
        super().__init__(parent)
        self.setObjectName("sceneList")
        self.setModel(model)
        self.setItemDelegate(SceneDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def select_scene(self, row: int) -> None:
        """Make a scene current."""
        if 0 <= row < self.model().rowCount():
            self.selectionModel().setCurrentIndex(
                self.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )


class SceneForm(QWidget):
    """Edits the current scene's heading, INT/EXT, location, time of day, description and notes."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.scene: Scene | None = None
        self._session: object | None = None
        self._before: Scene | None = None
        layout = QFormLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.heading = QLineEdit()
        self.heading.setObjectName("sceneHeading")
        self.heading.setPlaceholderText("INT. LOCATION - DAY")
        self.number = QLineEdit()
        self.number.setObjectName("sceneNumber")
        self.number.setPlaceholderText("auto")
        self.number.setToolTip("Lock the scene number, for example 12A; leave empty to number automatically")
        self.pages = QLineEdit()
        self.pages.setObjectName("scenePages")
        self.pages.setPlaceholderText("e.g. 2 3/8")
        self.pages.setToolTip("Script length in pages and eighths, as call sheets print it")
        self.int_ext = QComboBox()
        self.int_ext.setEditable(True)
        self.int_ext.addItems(INT_EXT_CHOICES)
        self.location = QComboBox()
        self.location.setObjectName("sceneLocation")
        self.time_of_day = QComboBox()
        self.time_of_day.setEditable(True)
        self.time_of_day.addItems(TIME_OF_DAY_CHOICES)
        self.description = QPlainTextEdit()
        self.description.setObjectName("sceneDescription")
        self.description.setFixedHeight(56)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(56)
        layout.addRow("Heading", self.heading)
        layout.addRow("Number", self.number)
        layout.addRow("Pages", self.pages)
        layout.addRow("INT/EXT", self.int_ext)
        layout.addRow("Location", self.location)
        layout.addRow("Time of day", self.time_of_day)
        layout.addRow("Description", self.description)
        layout.addRow("Notes", self.notes)

        # A typed heading fills the INT/EXT, time of day and location it names (model.headings).
        self.heading.textEdited.connect(self._heading_typed)
        self.heading.editingFinished.connect(lambda: self._heading_typed(self.heading.text(), finished=True))
        self.number.editingFinished.connect(self._number_edited)
        self.pages.editingFinished.connect(self._pages_edited)
        self.int_ext.currentTextChanged.connect(lambda text: self._edit("int_ext", text, "INT/EXT"))
        self.time_of_day.currentTextChanged.connect(lambda text: self._edit("time_of_day", text, "time of day"))
        self.location.activated.connect(self._location_chosen)
        self.description.textChanged.connect(lambda: self._edit("description", self.description.toPlainText(), "scene description"))
        self.notes.textChanged.connect(lambda: self._edit("notes", self.notes.toPlainText(), "scene notes"))
        for editor in (self.heading, self.description, self.notes, self.int_ext, self.time_of_day):
            editor.installEventFilter(self)
        self._watch = ProjectWatch(self, document, self._connect_events)
        document.projectReplaced.connect(self._project_replaced)
        self.set_scene(None)

    def _connect_events(self, events: ProjectEvents) -> None:
        events.fields.changed.connect(self._fields_changed)
        # The location menu lists the project's locations.
        for signal in (events.locations.inserted, events.locations.removed, events.locations.moved):
            signal.connect(self._locations_changed)
        events.scenes.removed.connect(self._scenes_removed)

    def _project_replaced(self) -> None:
        if self.scene not in self.document.project.scenes:
            self.set_scene(None)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == event.Type.FocusIn:
            self._new_session()  # typing until focus leaves is one undo step
        return False

    def _new_session(self) -> None:
        self._session = object()
        # The scene as typing began: which of its fields follow the heading is decided against it.
        self._before = copy.copy(self.scene) if self.scene is not None else None

    def _heading_typed(self, text: str, finished: bool = False) -> None:
        if self.scene is not None and self._before is not None:
            self.document.set_scene_heading(self.scene, text, self._before, self._session, finished)

    def set_scene(self, scene: Scene | None) -> None:
        """Show a scene's details, or disable the form."""
        self.scene = scene
        self._new_session()
        self.setEnabled(scene is not None)
        self._load()

    def _load(self) -> None:
        scene = self.scene
        widgets = (self.heading, self.number, self.pages, self.int_ext, self.location, self.time_of_day, self.description, self.notes)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.location.clear()
            self.location.addItem("(none)", None)
            for location in self.document.project.locations:
                self.location.addItem(location.name or location.id, location.id)
            if scene is None:
                for editor in (self.heading, self.number, self.pages):
                    editor.clear()
                self.description.clear()
                self.notes.clear()
                return
            if self.heading.text() != scene.heading:
                self.heading.setText(scene.heading)
            self.number.setText(scene.number or "")
            self.pages.setText(_PAGES.format(scene.pages_eighths))
            self.int_ext.setCurrentText(scene.int_ext)
            self.time_of_day.setCurrentText(scene.time_of_day)
            self.location.setCurrentIndex(max(0, self.location.findData(scene.location_id)))
            for editor, value in ((self.description, scene.description), (self.notes, scene.notes)):
                if editor.toPlainText() != value:
                    editor.setPlainText(value)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _edit(self, path: str, value, label: str, typing: bool = True) -> None:
        if self.scene is not None:
            self.document.set_field([self.scene], path, value, label, self._session if typing else None)

    def _number_edited(self) -> None:
        text = self.number.text().strip() or None
        if self.scene is not None:
            self.document.set_field([self.scene], "number", text, "scene number")

    def _pages_edited(self) -> None:
        if self.scene is None:
            return
        try:
            eighths = _PAGES.parse(self.pages.text())
        except FieldError as exc:
            self.pages.setToolTip(str(exc))
            self.pages.setStyleSheet("QLineEdit { color: #b00020; }")
            return
        self.pages.setStyleSheet("")
        self.pages.setToolTip("Script length in pages and eighths, as call sheets print it")
        self.document.set_field([self.scene], "pages_eighths", eighths, "page count")
        self.pages.setText(_PAGES.format(eighths))

    def _location_chosen(self, index: int) -> None:
        self._edit("location_id", self.location.itemData(index), "location", typing=False)

    def _fields_changed(self, event: FieldsChanged) -> None:
        """Reload the form when the shown scene or a location changed underneath it (undo, redo)."""
        if self.scene is not None and any(o is self.scene for o in event.objects):
            self._load()
        elif any(isinstance(o, Location) for o in event.objects):
            self._load()

    def _locations_changed(self, _event) -> None:
        self._load()

    def _scenes_removed(self, _event) -> None:
        if self.scene not in self.document.project.scenes:
            self.set_scene(None)


class SceneNavigator(QWidget):
    """The scene dock's contents: the scene list above the current scene's form.

    The current scene is the shared selection's scene: picking one here shows
    it on the board, and a scene shown from elsewhere becomes current here.
    """

    #: The user pressed Enter in the heading: the heading is done, the board can have the keys back.
    headingEntered = Signal()

    def __init__(self, document, model: SceneListModel, selection, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = model
        self.selection = selection
        self.list = SceneList(model)
        self.form = SceneForm(document)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.form, 2)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.form.heading.returnPressed.connect(self.headingEntered)
        model.rowsInserted.connect(lambda *_: self._ensure_current())
        model.rowsRemoved.connect(lambda *_: self._ensure_current())
        model.modelReset.connect(self._ensure_current)
        selection.changed.connect(self._follow_selection)

    def current_scene(self) -> Scene | None:
        """The scene whose panels the grid shows."""
        index = self.list.currentIndex()
        return self.model.scene(index.row()) if index.isValid() else None

    def show_scene(self, scene: Scene | None) -> None:
        """Make a scene current (no-op if it is already)."""
        if scene is None:
            return
        scenes = self.document.project.scenes
        if scene in scenes and self.current_scene() is not scene:
            self.list.select_scene(scenes.index(scene))

    def edit_heading(self) -> None:
        """Put the cursor in the current scene's heading, its text selected."""
        self.form.heading.setFocus()
        self.form.heading.selectAll()

    def _follow_selection(self) -> None:
        self.show_scene(self.selection.scene)
        # After a new project the form may have let go of a scene the list still shows.
        if self.form.scene is not self.current_scene():
            self.form.set_scene(self.current_scene())

    def _ensure_current(self) -> None:
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.select_scene(0)
        elif not self.model.rowCount():
            self._current_changed(QModelIndex(), QModelIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        scene = self.model.scene(current.row()) if current.isValid() else None
        self.form.set_scene(scene)
        self.selection.show_scene(scene)
