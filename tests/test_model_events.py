"""Typed change events: each reaches its listeners with the right payload, and listeners are held weakly."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyboarder.model import CastMember, CrewMember, Location, Panel, Project, Scene, ShootDay, edits
from storyboarder.model.events import (
    FieldsChanged,
    RowsInserted,
    RowsMoved,
    RowsRemoved,
    Signal,
    project_events,
)


def _noting(name):
    def method(self, event):
        self._note(name, event)

    return method


class Ear:
    """Notes (signal name, event, what it saw) for every signal it is connected to."""

    def __init__(self):
        self.heard = []

    def listen(self, group, names=("inserting", "inserted", "removing", "removed", "moving", "moved")):
        for name in names:
            getattr(group, name).connect(getattr(self, name))

    def _note(self, name, event):
        if isinstance(event, FieldsChanged):  # the values as they were when heard
            seen = [edits.get_field(o, event.path) for o in event.objects]
        else:  # the ids of the list's rows when heard
            seen = [getattr(item, "id", item) for item in getattr(event.owner, event.name)]
        self.heard.append((name, event, seen))

    inserting, inserted = _noting("inserting"), _noting("inserted")
    removing, removed = _noting("removing"), _noting("removed")
    moving, moved = _noting("moving"), _noting("moved")
    changing, changed = _noting("changing"), _noting("changed")


def project_with_everything() -> Project:
    return Project(
        scenes=[Scene(id="s1", panels=[Panel(id="p1"), Panel(id="p2")]), Scene(id="s2")],
        cast=[CastMember(id="c1"), CastMember(id="c2")],
        crew=[CrewMember(id="w1"), CrewMember(id="w2")],
        locations=[Location(id="l1"), Location(id="l2")],
        shoot_days=[ShootDay(id="d1"), ShootDay(id="d2")],
    )


# Payloads -------------------------------------------------------------------------------------


def test_panel_events_name_the_scene_and_rows_and_come_before_and_after():
    project = project_with_everything()
    scene = project.scenes[0]
    ear = Ear()
    ear.listen(project_events(project).panels)
    edits.insert_panels(project, scene, 1, [Panel(id="n1"), Panel(id="n2")])
    edits.remove_panels(project, scene, 0, 1)
    event_in, event_out = RowsInserted(scene, "panels", 1, 2), RowsRemoved(scene, "panels", 0, 0)
    assert ear.heard == [
        ("inserting", event_in, ["p1", "p2"]),
        ("inserted", event_in, ["p1", "n1", "n2", "p2"]),
        ("removing", event_out, ["p1", "n1", "n2", "p2"]),
        ("removed", event_out, ["n1", "n2", "p2"]),
    ]


def test_scene_events_insert_remove_and_move():
    project = project_with_everything()
    ear = Ear()
    ear.listen(project_events(project).scenes)
    edits.insert_scene(project, 2, Scene(id="s3"))
    edits.move_scene(project, 2, 0)
    edits.remove_scene(project, 1)
    assert ear.heard == [
        ("inserting", RowsInserted(project, "scenes", 2, 2), ["s1", "s2"]),
        ("inserted", RowsInserted(project, "scenes", 2, 2), ["s1", "s2", "s3"]),
        ("moving", RowsMoved(project, "scenes", 2, 2, 0), ["s1", "s2", "s3"]),
        ("moved", RowsMoved(project, "scenes", 2, 2, 0), ["s3", "s1", "s2"]),
        ("removing", RowsRemoved(project, "scenes", 1, 1), ["s3", "s1", "s2"]),
        ("removed", RowsRemoved(project, "scenes", 1, 1), ["s3", "s2"]),
    ]


@pytest.mark.parametrize(
    "name, make",
    [("cast", CastMember), ("crew", CrewMember), ("locations", Location), ("shoot_days", ShootDay)],
)
def test_each_production_list_has_its_own_signals(name, make):
    project = project_with_everything()
    mine, others = Ear(), Ear()
    events = project_events(project)
    mine.listen(events.rows(name))
    for other in ("scenes", "panels", "cast", "crew", "locations", "shoot_days"):
        if other != name:
            others.listen(events.rows(other))
    edits.insert_items(project, name, 0, [make(id="x")])
    edits.move_item(project, name, 0, 3)
    edits.remove_items(project, name, 1, 2)
    assert [(signal, event) for signal, event, _ in mine.heard] == [
        ("inserting", RowsInserted(project, name, 0, 0)),
        ("inserted", RowsInserted(project, name, 0, 0)),
        ("moving", RowsMoved(project, name, 0, 0, 3)),
        ("moved", RowsMoved(project, name, 0, 0, 3)),
        ("removing", RowsRemoved(project, name, 1, 2)),
        ("removed", RowsRemoved(project, name, 1, 2)),
    ]
    assert mine.heard[3][2][-1] == "x"  # moved to the end, as heard after the move
    assert len(getattr(project, name)) == 1
    assert others.heard == [], "another list's listeners heard this list change"


def test_field_events_reach_any_field_and_that_path_only():
    project = project_with_everything()
    panels = project.scenes[0].panels
    events = project_events(project)
    anything, lens, sound = Ear(), Ear(), Ear()
    anything.listen(events.fields, ("changing", "changed"))
    lens.listen(events.field("camera.lens_mm"), ("changing", "changed"))
    sound.listen(events.field("sound"), ("changing", "changed"))
    edits.set_fields(project, panels, "camera.lens_mm", [35.0, 50.0])
    event = FieldsChanged(tuple(panels), "camera.lens_mm")
    expected = [("changing", event, [None, None]), ("changed", event, [35.0, 50.0])]
    assert anything.heard == expected
    assert lens.heard == expected
    assert sound.heard == []
    edits.set_fields(project, [project], "title", ["Night Market"])
    assert anything.heard[-1] == ("changed", FieldsChanged((project,), "title"), ["Night Market"])
    assert lens.heard == expected


def test_a_failing_change_still_closes_what_it_opened():
    # A Qt model began a row change before; it must hear the end even if the change fails.
    project = project_with_everything()
    ear = Ear()
    ear.listen(project_events(project).scenes)
    with pytest.raises(IndexError):
        edits.remove_scene(project, 7)
    assert [signal for signal, *_ in ear.heard] == ["removing", "removed"]


# Weak references ------------------------------------------------------------------------------


class Counting:
    """A listener whose calls are counted outside itself, so they can be counted after it is gone."""

    calls: list = []

    def heard(self, event):
        Counting.calls.append(event)


def connect_everywhere(project, listener) -> None:
    events = project_events(project)
    for name in ("scenes", "panels", "cast", "crew", "locations", "shoot_days"):
        for signal in events.rows(name).all():
            signal.connect(listener.heard)
    for signal in events.fields.all() + events.field("sound").all():
        signal.connect(listener.heard)


def edit_everything(project) -> None:
    scene = project.scenes[0]
    edits.insert_panels(project, scene, 0, [Panel(id="n")])
    edits.move_panels(project, scene, [0], project.scenes[1], 0)
    edits.insert_scene(project, 0, Scene(id="s0"))
    edits.move_scene(project, 0, 2)
    edits.remove_scene(project, 1)
    for name, make in (("cast", CastMember), ("crew", CrewMember), ("locations", Location), ("shoot_days", ShootDay)):
        edits.insert_items(project, name, 0, [make(id="x")])
        edits.move_item(project, name, 0, 2)
        edits.remove_items(project, name, 0, 1)
    edits.set_fields(project, list(scene.panels), "sound", ["wind"] * len(scene.panels))


def test_a_deleted_listener_is_never_called_and_nothing_raises():
    project = project_with_everything()
    listener = Counting()
    connect_everywhere(project, listener)
    Counting.calls.clear()
    edit_everything(project)
    heard_alive = len(Counting.calls)
    assert heard_alive > 20
    del listener
    gc.collect()
    Counting.calls.clear()
    edit_everything(project)
    assert Counting.calls == []
    assert all(signal.receivers() == [] for signal in project_events(project).signals())


def test_signals_do_not_keep_a_listener_alive():
    project = project_with_everything()
    listener = Counting()
    connect_everywhere(project, listener)
    ref = weakref.ref(listener)
    del listener
    assert ref() is None  # no cycle needed collecting: the signals hold no strong reference


def test_only_bound_methods_connect():
    signal = Signal()
    with pytest.raises(TypeError, match="bound method"):
        signal.connect(lambda event: None)


def test_disconnect_one_method_or_every_method_of_an_object():
    project = project_with_everything()
    events = project_events(project)
    one, two = Ear(), Ear()
    one.listen(events.scenes)
    two.listen(events.scenes)
    events.scenes.inserted.disconnect(one.inserted)
    edits.insert_scene(project, 0, Scene(id="s0"))
    assert [signal for signal, *_ in one.heard] == ["inserting"]
    events.disconnect_object(two)
    edits.insert_scene(project, 0, Scene(id="s00"))
    assert [signal for signal, *_ in two.heard] == ["inserting", "inserted"]
    events.scenes.inserted.connect(one.inserted)
    events.scenes.inserted.connect(one.inserted)  # twice is once
    edits.remove_scene(project, 0)
    edits.insert_scene(project, 0, Scene(id="s000"))
    assert [signal for signal, *_ in one.heard].count("inserted") == 1


def test_a_listener_may_disconnect_while_hearing():
    project = project_with_everything()
    events = project_events(project)

    class Once:
        count = 0

        def heard(self, event):
            Once.count += 1
            events.scenes.inserted.disconnect(self.heard)

    first, second = Once(), Once()
    events.scenes.inserted.connect(first.heard)
    events.scenes.inserted.connect(second.heard)
    edits.insert_scene(project, 0, Scene(id="a"))
    edits.insert_scene(project, 0, Scene(id="b"))
    assert Once.count == 2


# The events describe every change: a mirror built from them alone stays equal -------------------


class Mirror:
    """Keeps a copy of the scene and panel ids from row events alone, as a Qt model's rows do."""

    def __init__(self, project):
        self.scenes = [s.id for s in project.scenes]
        self.panels = {id(s): [p.id for p in s.panels] for s in project.scenes}
        events = project_events(project)
        events.scenes.inserted.connect(self.scenes_inserted)
        events.scenes.removing.connect(self.scenes_removing)
        events.scenes.moved.connect(self.scenes_moved)
        events.panels.inserted.connect(self.panels_inserted)
        events.panels.removing.connect(self.panels_removing)
        self.project = project

    def scenes_inserted(self, event):
        new = event.owner.scenes[event.first : event.last + 1]
        self.scenes[event.first : event.first] = [s.id for s in new]
        for scene in new:
            self.panels[id(scene)] = [p.id for p in scene.panels]

    def scenes_removing(self, event):
        del self.scenes[event.first : event.last + 1]

    def scenes_moved(self, event):
        moving = self.scenes[event.first : event.last + 1]
        rest = self.scenes[: event.first] + self.scenes[event.last + 1 :]
        at = event.destination if event.destination < event.first else event.destination - len(moving)
        self.scenes = rest[:at] + moving + rest[at:]

    def panels_inserted(self, event):
        rows = self.panels[id(event.owner)]
        rows[event.first : event.first] = [p.id for p in event.owner.panels[event.first : event.last + 1]]

    def panels_removing(self, event):
        del self.panels[id(event.owner)][event.first : event.last + 1]


edit_steps = st.lists(
    st.tuples(st.sampled_from(["insert_panels", "take", "move_panels", "insert_scene", "remove_scene", "move_scene"]),
              st.integers(0, 9), st.integers(0, 9), st.integers(1, 3)),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(edit_steps)
def test_row_events_describe_every_change(steps):
    project = project_with_everything()
    mirror = Mirror(project)
    made = iter(range(10_000))
    for op, a, b, n in steps:
        scenes = project.scenes
        if op == "insert_scene":
            edits.insert_scene(project, a, Scene(id=f"s{next(made)}", panels=[Panel(id=f"x{next(made)}")]))
        elif not scenes:
            continue
        elif op == "remove_scene":
            edits.remove_scene(project, a % len(scenes))
        elif op == "move_scene":
            edits.move_scene(project, a % len(scenes), b % (len(scenes) + 1))
        else:
            scene = scenes[a % len(scenes)]
            if op == "insert_panels":
                edits.insert_panels(project, scene, b, [Panel(id=f"n{next(made)}") for _ in range(n)])
            elif scene.panels:
                rows = [(b + k * 2) % len(scene.panels) for k in range(n)]
                if op == "take":
                    edits.take_panels(project, scene, rows)
                else:
                    target = scenes[b % len(scenes)]
                    edits.move_panels(project, scene, rows, target, n)
    assert mirror.scenes == [s.id for s in project.scenes]
    for scene in project.scenes:
        assert mirror.panels[id(scene)] == [p.id for p in scene.panels]


def test_path_signals_nest_inside_the_any_field_signals():
    # A view that starts over on one path ends its reset before any view repaints.
    project = project_with_everything()
    events = project_events(project)
    order = []

    class Ear:
        def __init__(self, name):
            self.name = name

        def changing(self, event):
            order.append(("changing", self.name))

        def changed(self, event):
            order.append(("changed", self.name))

    anything, scene_ids = Ear("any"), Ear("scene_ids")
    for ear, group in ((anything, events.fields), (scene_ids, events.field("scene_ids"))):
        group.changing.connect(ear.changing)
        group.changed.connect(ear.changed)
    edits.set_fields(project, [project.shoot_days[0]], "scene_ids", [["s2", "s1"]])
    assert order == [("changing", "any"), ("changing", "scene_ids"), ("changed", "scene_ids"), ("changed", "any")]
