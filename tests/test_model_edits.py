"""Model operations change the project and announce typed events before and after."""

from __future__ import annotations

from storyboarder.model import Panel, Project, Scene, edits
from storyboarder.model.events import RowsInserted, RowsRemoved, project_events


class Recorder:
    """Hears the panel list's row signals and notes each event with the phase it came in."""

    def __init__(self, project):
        self.events = []
        signals = project_events(project).panels
        signals.inserting.connect(self.inserting)
        signals.inserted.connect(self.inserted)
        signals.removing.connect(self.removing)
        signals.removed.connect(self.removed)

    def inserting(self, event):
        self.events.append(("before", event))

    def inserted(self, event):
        self.events.append(("after", event))

    removing, removed = inserting, inserted


def _project(n=5):
    scene = Scene(panels=[Panel(id=f"p{i}") for i in range(n)])
    other = Scene(panels=[Panel(id="q0")])
    return Project(scenes=[scene, other]), scene, other


def ids(scene):
    return [p.id for p in scene.panels]


def test_insert_and_remove_announce_rows():
    project, scene, _ = _project(2)
    recorder = Recorder(project)
    edits.insert_panels(project, scene, 1, [Panel(id="new")])
    assert ids(scene) == ["p0", "new", "p1"]
    removed = edits.remove_panels(project, scene, 0, 2)
    assert [p.id for p in removed] == ["p0", "new"]
    assert recorder.events == [
        ("before", RowsInserted(scene, "panels", 1, 1)), ("after", RowsInserted(scene, "panels", 1, 1)),
        ("before", RowsRemoved(scene, "panels", 0, 1)), ("after", RowsRemoved(scene, "panels", 0, 1)),
    ]


def test_take_panels_removes_scattered_rows_in_runs():
    project, scene, _ = _project(6)
    recorder = Recorder(project)
    taken = edits.take_panels(project, scene, [4, 0, 1, 3])
    assert [p.id for p in taken] == ["p0", "p1", "p3", "p4"]
    assert ids(scene) == ["p2", "p5"]
    # Last run first, so the rows of each event are still right when it is heard.
    assert [e for phase, e in recorder.events if phase == "after"] == [
        RowsRemoved(scene, "panels", 3, 4), RowsRemoved(scene, "panels", 0, 1),
    ]


def test_move_within_a_scene_counts_the_drop_row_before_the_move():
    project, scene, _ = _project(5)
    landing = edits.move_panels(project, scene, [0, 1], scene, 4)
    assert ids(scene) == ["p2", "p3", "p0", "p1", "p4"] and landing == 2
    landing = edits.move_panels(project, scene, [3], scene, 0)
    assert ids(scene) == ["p1", "p2", "p3", "p0", "p4"] and landing == 0


def test_move_to_another_scene():
    project, scene, other = _project(3)
    recorder = Recorder(project)
    landing = edits.move_panels(project, scene, [1, 2], other, 1)
    assert ids(scene) == ["p0"] and ids(other) == ["q0", "p1", "p2"] and landing == 1
    assert [e for phase, e in recorder.events if phase == "after"] == [
        RowsRemoved(scene, "panels", 1, 2), RowsInserted(other, "panels", 1, 2),
    ]


def test_scene_moves_use_qt_destination_rule():
    project = Project(scenes=[Scene(id=s) for s in "abcd"])
    edits.move_scene(project, 0, 3)
    assert [s.id for s in project.scenes] == ["b", "c", "a", "d"]
    edits.move_scene(project, 3, 0)
    assert [s.id for s in project.scenes] == ["d", "b", "c", "a"]
    edits.move_scene(project, 1, 2)  # lands where it is
    assert [s.id for s in project.scenes] == ["d", "b", "c", "a"]


def test_set_fields_by_dotted_path_returns_old_values():
    project, scene, _ = _project(2)
    scene.panels[0].camera.lens_mm = 35.0
    old = edits.set_fields(project, scene.panels, "camera.lens_mm", [50.0, 85.0])
    assert old == [35.0, None]
    assert [p.camera.lens_mm for p in scene.panels] == [50.0, 85.0]
    assert edits.get_field(scene.panels[1], "camera.lens_mm") == 85.0


def test_contiguous_runs():
    assert edits.contiguous_runs([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 1), (7, 2)]


def test_the_dead_reset_path_is_gone():
    # Nothing ever announced a change "too broad to describe row by row";
    # replacing a whole project is the document's job (and the views start over then).
    assert not hasattr(edits, "replace_all") and not hasattr(edits, "Change")
