"""The Shoot Days page: the schedule as a table, and the chosen day's call-sheet data as a form.

Everything typed is an undo step on the document's stack; what a call sheet
derives (day X of Y, cast in the scenes, warnings) is shown, never retyped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storyboarder.model import CastCall, CrewCall, ShootDay, edits, scene_numbers
from storyboarder.model.call_sheet_warnings import day_warnings
from storyboarder.model.cast import cast_label, cast_numbers
from storyboarder.model.departments import CAST_STATUSES, DEPARTMENTS, SPECIAL_INSTRUCTIONS
from storyboarder.model.events import FieldsChanged, ProjectEvents
from storyboarder.model.entities import BackgroundCall, DepartmentCall
from storyboarder.model.schedule import day_cast_ids, day_number, day_scenes, suggested_status
from storyboarder.vocabulary import Term

from ..adapters import ProjectWatch
from .day_scenes_model import DayScenesModel
from ..editors.field_editors import Flag, FieldEditor, TermCombo, TextBlock, TextLine
from .production_models import Field, NestedTableModel
from .item_table import ItemDelegate, ItemTablePage, grow_with_rows, item_table
from ..help_text import HelpLabel

#: Script revision colours in the order revisions go through them.
REVISION_COLOURS = ("White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry")

TIME_HINT = "e.g. 07:00"


def _day_summary(document):
    def show(day: ShootDay) -> str:
        project = document.project
        return f"Day {day_number(project, day)} of {len(project.shoot_days)}"

    return show


def _scenes_summary(document):
    def show(day: ShootDay) -> str:
        numbers = scene_numbers(document.project)
        return ", ".join(numbers.get(scene.id, "?") for scene in day_scenes(document.project, day))

    return show


class NestedTable(QWidget):
    """A small table of a list inside the shown day, with its own buttons."""

    def __init__(self, document, path: str, fields: tuple[Field, ...], height: int = 150, stretch: int = 0, parent=None):
        super().__init__(parent)
        self.document = document
        self.path = path
        self.model = NestedTableModel(document, path, fields, self)
        self.table = item_table(self.model, ItemDelegate(self.model, self), f"dayTable:{path}")
        grow_with_rows(self.table, height)  # the day form scrolls; its tables do not
        self.table.verticalHeader().setVisible(False)
        # One column (who or what is called) takes what the others leave, so that every column shows.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)

    def add_button(self, text: str, slot) -> QPushButton:
        """Put a button before Remove."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        """Add Remove after the other buttons."""
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)

    def append(self, items: list, label: str) -> None:
        """Add entries to the day's list as one undo step."""
        owner = self.model.owner
        if owner is not None and items:
            self.document.set_field([owner], self.path, list(edits.get_field(owner, self.path)) + items, label)

    def remove_selected(self) -> None:
        """Remove the selected entries as one undo step."""
        owner = self.model.owner
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if owner is not None and rows:
            kept = [item for row, item in enumerate(edits.get_field(owner, self.path)) if row not in rows]
            self.document.set_field([owner], self.path, kept, self.path.replace("_", " "))


class DayForm(QScrollArea):
    """Every call-sheet field of one shoot day, plus the warnings the schedule raises."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("dayForm")
        self.document = document
        self.day: ShootDay | None = None
        self.editors: dict[str, FieldEditor] = {}
        self._project = document.project
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        self.warnings = QLabel()
        self.warnings.setObjectName("dayWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setStyleSheet("QLabel { color: #b35c00; }")
        outer.addWidget(self.warnings)
        grid = QGridLayout()
        outer.addLayout(grid)
        outer.addStretch(1)
        # The calls tables with many columns (cast, background) take the whole width: in half of it
        # at the default window size their columns ran off the box.
        grid.addWidget(self._general_box(), 0, 0)
        grid.addWidget(self._scenes_box(), 0, 1)
        grid.addWidget(self._cast_box(), 1, 0, 1, 2)
        grid.addWidget(self._crew_box(), 2, 0)
        grid.addWidget(self._notes_box(), 2, 1)
        grid.addWidget(self._background_box(), 3, 0, 1, 2)
        grid.addWidget(self._instructions_box(), 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._warn_timer = QTimer(self, singleShot=True, interval=150)
        self._warn_timer.timeout.connect(self._refresh_warnings)
        # Warnings walk the whole schedule: worked out only while the form is on screen.
        # A method, not a lambda: Qt lets go of it when the form is deleted, even if the document lives on.
        document.undo_stack.indexChanged.connect(self._history_moved)
        self._watch = ProjectWatch(self, document, self._connect_events)
        document.projectReplaced.connect(self._project_replaced)
        self.set_day(None)

    # Building ---------------------------------------------------------------------------------

    def _form_box(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _add(self, form: QFormLayout, text: str, editor: FieldEditor) -> None:
        editor.setParent(self)
        editor.widget.setObjectName("day:" + editor.path)
        self.editors[editor.path] = editor
        form.addRow(text, editor.widget)

    def _general_box(self) -> QGroupBox:
        box, form = self._form_box("Day")
        commit = self._commit
        self._add(form, "Date", TextLine("date", "date", commit, empty_hint="YYYY-MM-DD"))
        self._add(form, "", Flag("closed_set", "closed set", "Closed set", commit))
        colours = tuple(Term(colour) for colour in REVISION_COLOURS)
        self._add(form, "Script revision", TermCombo("revision_color", "revision colour", colours, commit))
        self._add(form, "Weather", TextLine("weather", "weather", commit))
        for path, text in (("breakfast", "Breakfast"), ("crew_call", "Crew call"), ("shooting_call", "Shooting call"),
                           ("lunch", "Lunch"), ("wrap", "Est. wrap")):
            self._add(form, text, TextLine(path, text.lower(), commit, empty_hint=TIME_HINT))
        self.location_boxes = QWidget()
        self.location_layout = QVBoxLayout(self.location_boxes)
        self.location_layout.setContentsMargins(0, 0, 0, 0)
        form.addRow("Locations", self.location_boxes)
        return box

    def _scenes_box(self) -> QGroupBox:
        box = QGroupBox("Scenes, in shooting order")
        layout = QVBoxLayout(box)
        self.scenes_model = DayScenesModel(self.document, self)
        self.scenes = QListView()
        self.scenes.setObjectName("dayScenes")
        self.scenes.setModel(self.scenes_model)
        self.scenes.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.scenes.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.scenes.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.scenes.setDropIndicatorShown(True)
        self.scenes.setMinimumHeight(120)
        hint = HelpLabel("Drag scenes here from the scene list, or add them below.", word_wrap=True)
        layout.addWidget(self.scenes)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.scene_choice = QComboBox()
        self.scene_choice.setObjectName("dayAddScene")
        self.scene_choice.activated.connect(self._scene_chosen)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: self.scenes_model.remove_rows([i.row() for i in self.scenes.selectedIndexes()]))
        row.addWidget(self.scene_choice, 1)
        row.addWidget(remove)
        layout.addLayout(row)
        return box

    def _notes_box(self) -> QGroupBox:
        box, form = self._form_box("Notes")
        commit = self._commit
        self._add(form, "Notes", TextBlock("notes", "notes", commit, lines=3))
        self._add(form, "Safety", TextBlock("safety", "safety notes", commit, lines=3))
        self._add(form, "Walkie channels", TextBlock("walkie_channels", "walkie channels", commit, lines=3))
        return box

    def _cast_box(self) -> QGroupBox:
        box = QGroupBox("Cast calls")
        layout = QVBoxLayout(box)
        numbers = lambda: cast_numbers(self.document.project)  # noqa: E731 - read at paint time
        by_id = lambda: self.document.project.cast_by_id()  # noqa: E731

        def who(call: CastCall) -> str:
            member = by_id().get(call.cast_id)
            if member is None:
                return f"(not in cast: {call.cast_id})"
            return cast_label(member, numbers().get(member.id))

        statuses = tuple((code, name) for code, name in CAST_STATUSES.items())
        fields = (
            Field("cast_id", "Cast", width=190, display=who),
            Field("status", "Status", "term:", width=60, choices=statuses),
            Field("pickup", "Pickup", width=60),
            Field("makeup", "H&MU", width=60),
            Field("on_set", "On set", width=60),
            Field("remarks", "Remarks", width=120),
        )
        self.cast_calls = NestedTable(self.document, "cast_calls", fields)
        self.cast_calls.add_button("Call the cast of the day's scenes", self.call_scene_cast)
        self.cast_calls.finish_buttons()
        layout.addWidget(self.cast_calls)
        return box

    def _crew_box(self) -> QGroupBox:
        box = QGroupBox("Crew calls")
        layout = QVBoxLayout(box)
        self.department_calls = NestedTable(
            self.document,
            "department_calls",
            (Field("department", "Department", "term:", width=160, choices=DEPARTMENTS), Field("call", "Call", width=70)),
            height=110,
        )
        self.department_calls.add_button("Add department", self.add_department_call)
        self.department_calls.finish_buttons()

        def crew_name(call: CrewCall) -> str:
            member = next((c for c in self.document.project.crew if c.id == call.crew_id), None)
            return f"{member.name} ({member.role or member.department})" if member else f"(not in crew: {call.crew_id})"

        self.crew_calls = NestedTable(
            self.document, "crew_calls", (Field("crew_id", "Person", width=190, display=crew_name), Field("call", "Call", width=70)),
            height=90,
        )
        self.crew_choice = QComboBox()
        self.crew_choice.setObjectName("dayAddCrewCall")
        self.crew_choice.activated.connect(self._crew_chosen)
        self.crew_calls.buttons.addWidget(self.crew_choice, 1)
        self.crew_calls.finish_buttons()
        layout.addWidget(QLabel("Department calls"))
        layout.addWidget(self.department_calls)
        layout.addWidget(QLabel("Personal calls (override the department's)"))
        layout.addWidget(self.crew_calls)
        return box

    def _background_box(self) -> QGroupBox:
        box = QGroupBox("Background")
        layout = QVBoxLayout(box)
        fields = (
            Field("count", "Count", width=50),
            Field("description", "Type", width=150),
            Field("report", "Report", width=60),
            Field("report_place", "Where", width=120),
            Field("notes", "Notes", width=120),
        )
        self.background = NestedTable(self.document, "background", fields, height=90, stretch=1)
        self.background.add_button("Add background", lambda: self.background.append([BackgroundCall()], "background"))
        self.background.finish_buttons()
        layout.addWidget(self.background)
        return box

    def _instructions_box(self) -> QGroupBox:
        box = QGroupBox("Special instructions by department")
        grid = QGridLayout(box)
        for index, (name, title) in enumerate(SPECIAL_INSTRUCTIONS):
            editor = TextLine(f"instructions.{name}", f"{title.lower()} instructions", self._commit)
            editor.setParent(self)
            editor.widget.setObjectName(f"day:instructions.{name}")
            self.editors[editor.path] = editor
            row, column = divmod(index, 2)
            grid.addWidget(QLabel(title), row, column * 2)
            grid.addWidget(editor.widget, row, column * 2 + 1)
        return box

    # Showing a day --------------------------------------------------------------------------

    def set_day(self, day: ShootDay | None) -> None:
        """Show one day's fields (none disables the form)."""
        self.day = day
        self.widget().setEnabled(day is not None)
        for editor in self.editors.values():
            editor.end_session()
            editor.load([edits.get_field(day, editor.path)] if day is not None else [])
        for table in (self.cast_calls, self.department_calls, self.crew_calls, self.background):
            table.model.set_owner(day)
        self.scenes_model.set_day(day)
        self._rebuild_choices()
        self._refresh_warnings()

    def _rebuild_choices(self) -> None:
        project = self.document.project
        while self.location_layout.count():
            item = self.location_layout.takeAt(0)
            item.widget().deleteLater()
        for location in project.locations:
            box = QCheckBox(location.name or "(unnamed)")
            box.setObjectName(f"dayLocation:{location.id}")
            box.setChecked(self.day is not None and location.id in self.day.location_ids)
            box.toggled.connect(lambda on, i=location.id: self._location_toggled(i, on))
            self.location_layout.addWidget(box)
        if not project.locations:
            self.location_layout.addWidget(QLabel("No locations yet: add them on the Locations page"))
        numbers = scene_numbers(project)
        self.scene_choice.clear()
        self.scene_choice.addItem("Add a scene…", None)
        for scene in project.scenes:
            self.scene_choice.addItem(f"{numbers.get(scene.id, '?')}  {scene.heading.strip() or '(no heading)'}", scene.id)
        self.crew_choice.clear()
        self.crew_choice.addItem("Add a personal call…", None)
        for member in project.crew:
            self.crew_choice.addItem(f"{member.name} ({member.role or member.department})", member.id)

    def _history_moved(self, _index: int) -> None:
        if self.isVisible():
            self._warn_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._refresh_warnings()
        super().showEvent(event)

    def _refresh_warnings(self) -> None:
        if not self.isVisible():
            return  # a day's warnings plan its shots: worked out when the view shows (showEvent)
        day = self.day
        if day is None or day not in self.document.project.shoot_days:
            self.warnings.setText("")
            return
        found = day_warnings(self.document.project, day)
        self.warnings.setText("\n".join(f"⚠ {warning.message}" for warning in found))
        self.warnings.setVisible(bool(found))

    # Editing -----------------------------------------------------------------------------

    def _commit(self, path: str, value, session) -> None:
        if self.day is not None:
            self.document.set_field([self.day], path, value, self.editors[path].label, session)

    def _location_toggled(self, location_id: str, on: bool) -> None:
        if self.day is None:
            return
        ids = [i for i in self.day.location_ids if i != location_id]
        if on:
            ids.append(location_id)
        self.document.set_field([self.day], "location_ids", ids, "day's locations")

    def _scene_chosen(self, index: int) -> None:
        scene_id = self.scene_choice.itemData(index)
        self.scene_choice.setCurrentIndex(0)
        if scene_id:
            self.scenes_model.add_scene(scene_id)

    def _crew_chosen(self, index: int) -> None:
        crew_id = self.crew_choice.itemData(index)
        self.crew_choice.setCurrentIndex(0)
        if crew_id and self.day is not None and all(call.crew_id != crew_id for call in self.day.crew_calls):
            self.crew_calls.append([CrewCall(crew_id=crew_id)], "personal call")

    def add_department_call(self) -> None:
        """Add a call for the next department that has none yet."""
        if self.day is None:
            return
        taken = {call.department for call in self.day.department_calls}
        department = next((d for d in DEPARTMENTS if d not in taken), "")
        self.department_calls.append([DepartmentCall(department=department, call=self.day.crew_call)], "department call")

    def call_scene_cast(self) -> None:
        """Call everyone in the day's scenes who is not called yet, with the status the schedule implies."""
        day = self.day
        if day is None:
            return
        project = self.document.project
        called = {call.cast_id for call in day.cast_calls}
        new = [
            CastCall(cast_id=cast_id, status=suggested_status(project, day, cast_id))
            for cast_id in day_cast_ids(project, day)
            if cast_id not in called
        ]
        self.cast_calls.append(new, "cast calls")

    # Listening ------------------------------------------------------------------------------

    def _connect_events(self, events: ProjectEvents) -> None:
        events.fields.changed.connect(self._fields_changed)
        # The form offers scenes, cast, crew and locations to choose from.
        for name in ("scenes", "cast", "crew", "locations", "shoot_days"):
            rows = events.rows(name)
            for signal in (rows.inserted, rows.removed, rows.moved):
                signal.connect(self._choices_changed)
        events.shoot_days.removed.connect(self._days_removed)

    def _project_replaced(self) -> None:
        self._project = self.document.project
        if self.day not in self._project.shoot_days:
            self.set_day(None)  # the schedule page picks the new project's first day

    def _choices_changed(self, _event) -> None:
        if self.day is None or self.day in self.document.project.shoot_days:
            self._rebuild_choices()

    def _days_removed(self, _event) -> None:
        if self.day is not None and self.day not in self.document.project.shoot_days:
            self.set_day(None)

    def _fields_changed(self, event: FieldsChanged) -> None:
        """Reload what changed under the form (undo, redo, other views)."""
        day = self.day
        if day is None:
            return
        if any(obj is day for obj in event.objects):
            editor = self.editors.get(event.path)
            if editor is not None:
                editor.load([edits.get_field(day, editor.path)])
            elif event.path == "location_ids":
                self._rebuild_choices()
            elif event.path == "instructions":
                self.set_day(day)
        elif any(obj is day.instructions for obj in event.objects):
            path = "instructions." + event.path
            if path in self.editors:
                self.editors[path].load([edits.get_field(day, path)])
        elif any(not isinstance(obj, ShootDay) for obj in event.objects) and event.path in ("name", "heading", "number"):
            self._rebuild_choices()


class ShootDayPage(QSplitter):
    """The shoot days as a table above the chosen day's form."""

    def __init__(self, document, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("production:shoot_days")
        self.document = document
        fields = (
            Field("id", "Day", width=90, display=_day_summary(document)),
            Field("date", "Date", width=100, hint="YYYY-MM-DD"),
            Field("crew_call", "Crew call", width=80),
            Field("shooting_call", "Shooting call", width=90),
            Field("wrap", "Est. wrap", width=80),
            Field("scene_ids", "Scenes", width=200, display=_scenes_summary(document)),
        )
        self.days = ItemTablePage(document, "shoot_days", fields, ShootDay, "shoot day")
        self.form = DayForm(document)
        self.addWidget(self.days)
        self.addWidget(self.form)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 4)
        self.days.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.days.model.rowsInserted.connect(self._renumber)
        self.days.model.rowsRemoved.connect(self._renumber)
        self.days.model.rowsMoved.connect(self._renumber)
        self.days.model.modelReset.connect(self._select_first)
        self.setSizes([170, 600])
        self._select_first()

    def _select_first(self) -> None:
        """Show the first day, or an empty form when there are none."""
        if self.days.model.rowCount():
            self.days.table.selectRow(0)
            self.form.set_day(self.document.project.shoot_days[0])
        else:
            self.form.set_day(None)

    def _current_changed(self, current, _previous) -> None:
        days = self.document.project.shoot_days
        self.form.set_day(days[current.row()] if current.isValid() and current.row() < len(days) else None)

    def _renumber(self, *_args) -> None:
        # "Day X of Y" changes on every row when a day comes or goes.
        model = self.days.model
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, 0))
