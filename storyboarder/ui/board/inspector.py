"""The panel inspector: every field of the selected panels, in a form that lives in a dock.

It is a view over the project like the grid: it reads the panels it is
given, sends every edit through ``Document.set_field`` (so each is one undo
step, on all selected panels at once) and listens to the project so that
undo, redo and edits made elsewhere show up at once.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storyboarder.model import CastMember, Panel, Project
from storyboarder.model import edits
from storyboarder.model.cast import cast_label
from storyboarder.model.events import FieldsChanged, ProjectEvents
from storyboarder.model.fields import spec

from ..adapters import ProjectWatch
from ..editors.declared_editors import editor_for
from ..editors.field_editors import CastBox, FieldEditor, TriStateBox

#: Field paths under a panel's camera and lighting specs.
_PARTS = {"camera": "camera.", "lighting": "lighting."}


def cast_order(project: Project, ids: set[str], before: list[str]) -> list[str]:
    """Sort cast ids in the project's cast order; ids the project does not know keep their place at the end."""
    order = {member.id: row for row, member in enumerate(project.cast)}
    known = sorted((i for i in ids if i in order), key=order.__getitem__)
    return known + [i for i in before if i in ids and i not in order]


class PanelInspector(QWidget):
    """Shows and edits the fields of the selected panels; meant for a QDockWidget.

    Given the shared selection it shows the selected panels; without one, the
    panels handed to ``set_panels``.
    """

    def __init__(self, document, selection=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._project: Project = document.project
        self._panels: list[Panel] = []
        # id(object) -> (object, path prefix): which shown object a change names.
        self._owners: dict[int, tuple[object, str]] = {}
        #: The editor of each field, by path (``action``, ``camera.lens_mm``…).
        self.editors: dict[str, FieldEditor] = {}
        #: One check box per cast member, in the project's cast order.
        self.cast_boxes: list[tuple[str, TriStateBox]] = []
        self._build()
        self._watch = ProjectWatch(self, document, self._connect_events)
        document.projectReplaced.connect(self._project_replaced)
        self._rebuild_cast()
        self.set_panels([])
        self.selection = selection
        if selection is not None:
            selection.changed.connect(self._show_selection)

    # Building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.hint = QLabel()
        self.hint.setObjectName("inspectorHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setContentsMargins(8, 6, 8, 4)
        #: Why the text being typed is not taken, in the field's own words ("lens must be between 1 and 2000 mm").
        self.problem = QLabel()
        self.problem.setObjectName("inspectorProblem")
        self.problem.setWordWrap(True)
        self.problem.setContentsMargins(8, 4, 8, 4)
        self.problem.hide()

        self.content = QWidget()
        self.content.setObjectName("inspectorForm")
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(8, 4, 8, 8)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # extra height goes below the form, not between its rows
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(4)

        field = self._field
        self._heading("Shot")
        self._add("Shot", field("shot", empty_hint="auto"))
        self._add("", field("new_shot", text="Starts a new shot"))
        self._add("Duration", field("duration_ms"))
        self._add("Transition", field("transition"))
        self._add("Sound", field("sound"))

        self._heading("Text")
        self._add("Action", field("action", lines=4))
        self._add("Dialogue", field("dialogue", lines=4))
        self._add("Notes", field("notes", lines=3))

        self._heading("Camera")
        self._add("Shot size", field("camera.shot_size"))
        self._add("Angle", field("camera.angle"))
        self._add("Movement", field("camera.movement"))
        self._add("Lens (mm)", field("camera.lens_mm"))
        self._add("Camera", field("camera.camera"))
        self._add("Rig", field("camera.rig"))
        self._add("Frame rate", field("camera.frame_rate"))
        self._add("Setup", field("camera.setup"))

        self._heading("Lighting")
        self._add("Setup", field("lighting.setup"))
        self._add("Style", field("lighting.style"))
        self._add("Key", field("lighting.key"))
        self._add("Fill", field("lighting.fill"))
        self._add("Back", field("lighting.back"))
        self._add("Practicals", field("lighting.practicals"))
        self._add("Colour (K)", field("lighting.color_temp_k"))
        self._add("Notes", field("lighting.notes", lines=3))

        self._heading("Cast")
        self.cast_list = QWidget()
        self.cast_list.setObjectName("inspector:cast_ids")
        self.cast_layout = QVBoxLayout(self.cast_list)
        self.cast_layout.setContentsMargins(0, 0, 0, 0)
        self.cast_layout.setSpacing(2)
        self.no_cast = QLabel("No cast in this project")
        self.no_cast.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.cast_layout.addWidget(self.no_cast)
        self.form.addRow("", self.cast_list)

        scroll = QScrollArea()
        scroll.setObjectName("inspectorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(self.content)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(scroll)

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        # Space above every heading but the first keeps the groups apart without frames.
        label.setContentsMargins(0, 10 if self.form.rowCount() else 2, 0, 2)
        label.setAccessibleName(f"{text} fields")
        self.form.addRow(label)

    def _field(self, path: str, **options) -> FieldEditor:
        """The editor of a panel field, as its declaration (``model.fields``) wants it."""
        return editor_for(spec(Panel, path), self._commit, **options)

    def _add(self, text: str, editor: FieldEditor) -> None:
        self.editors[editor.path] = editor
        editor.setParent(self)
        editor.problem.connect(self._show_problem)
        if text:
            editor.widget.setAccessibleName(text)
        self.form.addRow(text, editor.widget)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    # Showing panels ------------------------------------------------------------------

    @property
    def panels(self) -> list[Panel]:
        """The panels shown (a copy)."""
        return list(self._panels)

    def set_panels(self, panels: list[Panel]) -> None:
        """Show the given panels; with none, the form is disabled with a hint."""
        self._panels = list(panels)
        self._owners = {}
        for panel in self._panels:
            self._owners[id(panel)] = (panel, "")
            for part, prefix in _PARTS.items():
                spec = getattr(panel, part)
                self._owners[id(spec)] = (spec, prefix)
        count = len(self._panels)
        self.content.setEnabled(bool(count))
        self.hint.setVisible(count != 1)
        self.hint.setText("Select a panel" if not count else f"{count} panels selected: changes apply to all of them")
        for path, editor in self.editors.items():
            editor.end_session()
            self._load(editor)
        self._load_cast()

    def _show_selection(self) -> None:
        self.set_panels(self.selection.panels)

    def editor(self, path: str) -> FieldEditor:
        """Return the editor of a field path, such as ``camera.shot_size``."""
        return self.editors[path]

    def _load(self, editor: FieldEditor) -> None:
        editor.load([edits.get_field(panel, editor.path) for panel in self._panels])

    # Editing ---------------------------------------------------------------------

    def _commit(self, path: str, value, session: object | None) -> None:
        if self._panels:
            self.document.set_field(self._panels, path, value, self.editors[path].label, session)

    def _rebuild_cast(self) -> None:
        for _, box in self.cast_boxes:
            self.cast_layout.removeWidget(box)
            box.deleteLater()
        self.cast_boxes = []
        for member in self._project.cast:
            box = CastBox(cast_label(member))
            box.setObjectName(f"cast:{member.id}")
            box.setToolTip(cast_label(member))
            box.clicked.connect(partial(self._cast_clicked, member.id))
            self.cast_layout.addWidget(box)
            self.cast_boxes.append((member.id, box))
        self.no_cast.setVisible(not self.cast_boxes)

    def _load_cast(self) -> None:
        counts: dict[str, int] = {}
        for panel in self._panels:
            for member_id in set(panel.cast_ids):
                counts[member_id] = counts.get(member_id, 0) + 1
        total = len(self._panels)
        for member_id, box in self.cast_boxes:
            count = counts.get(member_id, 0)
            box.show_state(bool(total) and count == total, 0 < count < total)

    def _cast_clicked(self, member_id: str) -> None:
        box = next(b for i, b in self.cast_boxes if i == member_id)
        on = box.checkState() == Qt.CheckState.Checked
        # Panels that end up with the same cast share one set_field; different ones share one macro.
        groups: dict[tuple[str, ...], list[Panel]] = {}
        for panel in self._panels:
            ids = set(panel.cast_ids)
            if on:
                ids.add(member_id)
            else:
                ids.discard(member_id)
            new = cast_order(self._project, ids, panel.cast_ids)
            if new != panel.cast_ids:
                groups.setdefault(tuple(new), []).append(panel)
        if not groups:
            self._load_cast()
            return
        member = next((m for m in self._project.cast if m.id == member_id), None)
        name = cast_label(member) if member else member_id
        label = f"cast ({'add' if on else 'remove'} {name})"
        if len(groups) == 1:
            (ids, panels), = groups.items()
            self.document.set_field(panels, "cast_ids", list(ids), label)
            return
        stack = self.document.undo_stack
        changed = sum(len(p) for p in groups.values())
        stack.beginMacro(f"{'Add' if on else 'Remove'} {name} {'to' if on else 'from'} {changed} panels")
        try:
            for ids, panels in groups.items():
                self.document.set_field(panels, "cast_ids", list(ids), label)
        finally:
            stack.endMacro()

    # Listening to the project ----------------------------------------------------------

    def _connect_events(self, events: ProjectEvents) -> None:
        events.fields.changed.connect(self._fields_changed)
        for signal in (events.cast.inserted, events.cast.removed, events.cast.moved):
            signal.connect(self._cast_changed)

    def _project_replaced(self) -> None:
        self._project = self.document.project
        self._rebuild_cast()
        self.set_panels([])

    def _cast_changed(self, _event) -> None:
        self._rebuild_cast()
        self._load_cast()

    def _fields_changed(self, event: FieldsChanged) -> None:
        """Reload the editors a change touched, leaving the one being typed in alone."""
        if not event.objects:
            return
        first = event.objects[0]
        if isinstance(first, CastMember) or (first is self._project and event.path == "cast"):
            self._cast_changed(event)
            return
        prefixes = set()
        for obj in event.objects:
            owner = self._owners.get(id(obj))
            if owner is not None and owner[0] is obj:
                prefixes.add(owner[1])
        for prefix in prefixes:
            self._reload_path(prefix + event.path)

    def _reload_path(self, path: str) -> None:
        if path == "cast_ids":
            self._load_cast()
        elif path in self.editors:
            self._load(self.editors[path])
        elif path in _PARTS:  # a whole camera or lighting spec was replaced
            self.set_panels(self._panels)
