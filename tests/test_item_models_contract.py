"""Every item model the app has keeps Qt's model rules through edits, undo and redo.

pytest-qt's ``qtmodeltester`` attaches Qt's own QAbstractItemModelTester,
which checks the model at once and again on every signal it sends;
pytest-qt fails the test on any message it reports. After every
step each model's rows are also compared with the project they show, which
catches a model that changed without telling its views.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex

from conftest import EXAMPLE, open_window
from storyboarder.io import load_project
from storyboarder.model import CastMember, CastCall, CrewMember, Location, ShootDay
from storyboarder.ui.board.item_models import SceneListModel
from storyboarder.ui.editors.field_editors import TermListModel

NESTED = ("cast_calls", "department_calls", "crew_calls", "background")


def models_of(window) -> dict[str, QAbstractItemModel]:
    """Every item model of a main window, by a name for the test ids."""
    production = window.production
    form = production.shoot_days.form
    found = {
        "scenes": window.scene_model,
        "panels": window.panel_model,
        "shot list": window.shot_model,
        "shot list proxy": window.shot_list.proxy,
        "cast": production.cast.model,
        "crew": production.crew.model,
        "locations": production.locations.model,
        "shoot days": production.shoot_days.days.model,
        "day scenes": form.scenes_model,
        "vocabulary terms": window.inspector.findChildren(TermListModel)[0],
    }
    found.update({path: getattr(form, path).model for path in NESTED})
    return found


def shape(model: QAbstractItemModel, parent=QModelIndex(), depth=2):
    """The row counts of a model, two levels deep: ``[rows, [children of row 0], …]``."""
    rows = model.rowCount(parent)
    if depth == 1:
        return rows
    return [rows] + [shape(model, model.index(row, 0, parent), depth - 1) for row in range(rows)]


def expected_shape(window, name: str):
    """What the rows of a model must be, worked out from the project it shows."""
    project = window.document.project
    form = window.production.shoot_days.form
    day = form.day
    if name == "scenes":
        return [len(project.scenes)] + [0] * len(project.scenes)
    if name == "panels":
        scene = window.panel_model.scene
        count = len(scene.panels) if scene is not None else 0
        return [count] + [0] * count
    if name in ("shot list", "shot list proxy"):
        return [len(project.scenes)] + [len(s.panels) for s in project.scenes]
    if name in ("cast", "crew", "locations", "shoot days"):
        count = len(getattr(project, name.replace(" ", "_")))
        return [count] + [0] * count
    if name == "day scenes":
        count = len(day.scene_ids) if day is not None else 0
        return [count] + [0] * count
    if name in NESTED:
        count = len(getattr(day, name)) if day is not None else 0
        return [count] + [0] * count
    return None  # the vocabulary never changes


def steps(document):
    """Edits of every kind, each one undo step through the document: (what, do it)."""
    p = document.project

    def current_scene():
        return p.scenes[0]

    return [
        ("insert panels", lambda: document.insert_panels(current_scene(), 1, [document.new_panel(), document.new_panel()])),
        ("remove panels", lambda: document.remove_panels(current_scene(), [0, 2])),
        ("move panels down", lambda: document.move_panels(current_scene(), [0], current_scene(), 3)),
        ("move panels to another scene", lambda: document.move_panels(current_scene(), [1, 2], p.scenes[1], 0)),
        ("add scene", lambda: document.add_scene(1, "INT. NEW - DAY")),
        ("remove the shown scene", lambda: document.remove_scene(p.scenes[0])),
        ("remove another scene", lambda: document.remove_scene(p.scenes[2])),
        ("move scene", lambda: document.move_scene(0, 3)),
        ("add cast", lambda: document.add_item("cast", CastMember(id="c-new", character="NEW"), 1)),
        ("remove cast", lambda: document.remove_items("cast", [0])),
        ("move cast", lambda: document.move_item("cast", 0, 3)),
        ("add crew", lambda: document.add_item("crew", CrewMember(id="w-new", name="New"), 0)),
        ("remove crew", lambda: document.remove_items("crew", [1, 3])),
        ("move crew", lambda: document.move_item("crew", 4, 0)),
        ("add location", lambda: document.add_item("locations", Location(id="l-new", name="New"))),
        ("remove location", lambda: document.remove_items("locations", [0])),
        ("move location", lambda: document.move_item("locations", 1, 0)),
        ("add shoot day", lambda: document.add_item("shoot_days", ShootDay(id="d-new"), 0)),
        ("move shoot day", lambda: document.move_item("shoot_days", 0, 2)),
        ("remove the shown shoot day", lambda: document.remove_items("shoot_days", [0])),
        ("set a panel field", lambda: document.set_field([current_scene().panels[0]], "action", "Runs.", "action")),
        ("set a scene field", lambda: document.set_field([current_scene()], "heading", "EXT. ROOF - DAY", "heading")),
        ("set a project field", lambda: document.set_project_fields({"title": "Renamed"})),
        ("rename a cast member", lambda: document.set_field([p.cast[0]], "character", "RENAMED", "character")),
        ("set a day's scenes", lambda: document.set_field([p.shoot_days[0]], "scene_ids", [s.id for s in p.scenes[::-1]], "scenes")),
        ("set a day's cast calls", lambda: document.set_field(
            [p.shoot_days[0]], "cast_calls", [CastCall(cast_id=p.cast[0].id)] + list(p.shoot_days[0].cast_calls), "cast calls"
        )),
        ("set a day's call time", lambda: document.set_field([p.shoot_days[0]], "crew_call", "05:45", "crew call")),
    ]


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot, EXAMPLE)
    # Show the first day, so its tables have rows to check.
    window.production.shoot_days.form.set_day(window.document.project.shoot_days[0])
    return window


def test_every_item_model_of_the_window_is_checked(window):
    # A new model anywhere in the window must join models_of, and so this contract.
    checked = {type(model) for model in models_of(window).values()}
    ours = {type(model) for model in window.findChildren(QAbstractItemModel) if type(model).__module__.startswith("storyboarder")}
    assert ours <= checked, f"not checked: {ours - checked}"
    assert len(checked) >= 8


@pytest.mark.parametrize("name", [
    "scenes", "panels", "shot list", "shot list proxy", "cast", "crew", "locations", "shoot days",
    "day scenes", *NESTED, "vocabulary terms",
])
def test_model_keeps_qt_rules_through_edits_and_undo(window, qtmodeltester, name):
    model = models_of(window)[name]
    qtmodeltester.check(model)
    document = window.document
    stack = document.undo_stack

    def agrees(what):
        expected = expected_shape(window, name)
        if expected is not None:
            assert shape(model) == expected, f"{name} disagrees with the project after {what}"

    agrees("opening")
    for what, edit in steps(document):
        # The form follows the first day, whichever it is after the edits before.
        days = document.project.shoot_days
        if days and window.production.shoot_days.form.day is None:
            window.production.shoot_days.form.set_day(days[0])
        before = stack.index()
        edit()
        assert stack.index() == before + 1, f"{what} was not one undo step"
        agrees(what)
        stack.undo()
        agrees(f"undoing {what}")
        stack.redo()
        agrees(f"redoing {what}")
    while stack.canUndo():
        stack.undo()
        agrees("undoing everything")
    document.replace(load_project(EXAMPLE).project, EXAMPLE)
    agrees("opening the project again")


class BrokenSceneModel(SceneListModel):
    """Repaints rows backwards: the kind of slip the contract exists to catch."""

    def rows_changed(self, event) -> None:
        if self.rowCount() > 1:
            self.dataChanged.emit(self.index(self.rowCount() - 1), self.index(0))


def test_the_contract_catches_a_broken_model(window):
    # The tester's messages go to a handler of this test's own, so they can be read
    # here instead of failing the test as they fail every test above.
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtTest import QAbstractItemModelTester

    heard: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, message: heard.append(message))
    try:
        model = BrokenSceneModel(window.document)
        tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
        window.document.add_scene(0)
    finally:
        qInstallMessageHandler(previous)
    assert any("FAIL" in message and "topLeft.row() <= bottomRight.row()" in message for message in heard)
    del tester
