"""The shooting-order planner: examples, the clock, and properties over random setups."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from storyboarder.io import load_project
from storyboarder.model import CameraSpec, LightingSpec, Panel, Project, Scene, ShootDay
from storyboarder.model.events import FieldsChanged, project_events
from storyboarder.model.shooting_order import (
    Costs,
    Resets,
    apply_shoot_order,
    count_resets,
    format_clock,
    move_shot,
    plan_day,
    plan_order,
    plan_scene,
    running_clock,
    saved_order,
    shoot_order_values,
    unit_shots,
)
from storyboarder.model.shot_list import order_rows, shot_rows


def panel(pid, setup="", lens=None, light="", est=None, new_shot=True):
    return Panel(id=pid, new_shot=new_shot, est_minutes=est,
                 camera=CameraSpec(setup=setup, lens_mm=lens), lighting=LightingSpec(setup=light))


def scene_of(*panels, sid="s1", location=None):
    return Scene(id=sid, location_id=location, panels=list(panels))


def project_of(*scenes, **settings_):
    return Project(scenes=list(scenes), **settings_)


def labels(order):
    return [shot.label for shot in order]


def test_shot_reverse_shot_is_grouped_by_setup():
    # A: master, B: over Mara, C: over Theo, cut back and forth in story order.
    s = scene_of(
        panel("p1", "A", 24, "L1", 30), panel("p2", "B", 50, "L1"), panel("p3", "C", 50, "L2"),
        panel("p4", "B", 50, "L1"), panel("p5", "C", 50, "L2"), panel("p6", "A", 24, "L1"),
    )
    project = project_of(s)
    plan = plan_scene(project, s)
    assert labels(plan.shots) == ["1A", "1B", "1C", "1D", "1E", "1F"]
    assert labels(plan.planned) == ["1A", "1F", "1B", "1D", "1C", "1E"]
    assert plan.story_resets == Resets(camera=5, lighting=4)
    assert plan.plan_resets == Resets(camera=2, lighting=1)
    # 6 shots: 30 + 5 × 15 default minutes; resets at 30 (camera) and 45 (lighting) minutes.
    assert plan.story_minutes == 105 + 5 * 30 + 4 * 45
    assert plan.plan_minutes == 105 + 2 * 30 + 1 * 45


def test_lens_is_part_of_the_camera_setup():
    s = scene_of(panel("p1", "1", 35), panel("p2", "1", 85), panel("p3", "1", 35))
    plan = plan_scene(project_of(s), s)
    assert labels(plan.planned) == ["1A", "1C", "1B"]
    assert plan.plan_resets.camera == 1 and plan.story_resets.camera == 2


def test_blank_setups_without_a_camera_are_their_own_setup_and_blank_lighting_needs_no_relight():
    s = scene_of(panel("p1"), panel("p2"), panel("p3", light="L1"), panel("p4"), panel("p5", light="L1"))
    plan = plan_scene(project_of(s), s)
    assert plan.story_resets == Resets(camera=4, lighting=0)
    assert labels(plan.planned) == labels(plan.shots)


def test_blank_setup_names_on_the_same_camera_lens_and_rig_are_one_setup():
    # Issue 14, friction 5: two identical 50 mm Cam B shots in a row are one setup, no camera reset;
    # a Cam B 50 mm shot after a cutaway on 24 mm is planned next to its twin.
    def cam(pid, lens, body="Cam B", rig="Sticks"):
        return Panel(id=pid, camera=CameraSpec(lens_mm=lens, camera=body, rig=rig))

    s = scene_of(cam("p1", 50), cam("p2", 50), cam("p3", 24), cam("p4", 50), cam("p5", 50, rig="Steadicam"))
    plan = plan_scene(project_of(s), s)
    assert plan.shots[0].camera_key == plan.shots[1].camera_key == plan.shots[3].camera_key
    assert plan.story_resets.camera == 3  # 50 → 24 → 50 → Steadicam
    assert plan.plan_resets.camera == 2  # the three 50 mm Cam B shots together, then 24 mm and the Steadicam
    assert labels(plan.planned)[:3] == ["1A", "1B", "1D"]


def test_a_continued_shot_moves_as_one():
    s = scene_of(panel("p1", "1"), panel("p2", "2"), panel("p2b", "9", new_shot=False), panel("p3", "1"))
    plan = plan_scene(project_of(s), s)
    assert [[p.id for p in shot.panels] for shot in plan.planned] == [["p1"], ["p3"], ["p2", "p2b"]]
    assert plan.shots[1].camera_key.name == "2"  # the continuing panel's setup 9 is not the shot's


def test_camera_setups_are_per_scene_and_lighting_setups_per_location():
    one = scene_of(panel("a1", "1", 35, "L1"), panel("a2", "2", 35, "L2"), sid="s1", location="loc")
    two = scene_of(panel("b1", "1", 35, "L2"), panel("b2", "2", 35, "L1"), sid="s2", location="loc")
    project = project_of(one, two)
    shots = unit_shots(project, [one, two])
    assert shots[0].camera_key != shots[2].camera_key  # setup 1 of scene 1 is not setup 1 of scene 2
    assert shots[1].lighting_key == shots[2].lighting_key  # L2 at the same location is one lighting setup
    day = ShootDay(id="d", scene_ids=["s1", "s2"], shooting_call="7:30 am")
    plan = plan_day(project, day)
    assert plan.start == 7 * 60 + 30
    assert (plan.story_resets.lighting, plan.plan_resets.lighting) == (2, 1)  # L1 L2 L2 L1, then L1 L1 L2 L2
    assert sorted(labels(plan.planned)) == ["1A", "1B", "2A", "2B"]


def test_example_day_plan_and_clock():
    project = load_project(EXAMPLE).project
    plan = plan_day(project, project.shoot_days[0])
    assert plan.start == 18 * 60 + 30
    assert len(plan.planned) == len(plan.shots) == 11
    clock = plan.clock()
    assert clock[0].start == 0 and not clock[0].camera_reset
    assert format_clock(clock[0].start, plan.start) == "18:30"
    assert format_clock(clock[-1].end, plan.start) == format_clock(plan.plan_minutes, plan.start)
    for before, after in zip(clock, clock[1:]):
        gap = after.start - before.end
        assert gap == 30 * after.camera_reset + 45 * after.lighting_reset


def test_running_clock_uses_the_project_costs():
    s = scene_of(panel("p1", "1", light="L1", est=10), panel("p2", "2", light="L2", est=20))
    project = project_of(s, camera_reset_minutes=20.0, lighting_reset_minutes=60.0, default_shot_minutes=5.0)
    entries = running_clock(unit_shots(project, [s]), Costs.of(project))
    assert [(e.start, e.end, e.camera_reset, e.lighting_reset) for e in entries] == [(0, 10, False, False), (90, 110, True, True)]


@pytest.mark.parametrize(("typed", "start"), [("18:30", 1110), ("1830", 1110), ("6:30 pm", 1110), ("25:15", 1515), ("soon", None)])
def test_the_clock_starts_at_the_shooting_call_as_the_call_sheet_reads_it(typed, start):
    # One reading of typed times (model.clock) for the planner and the call sheet's checks.
    s = scene_of(panel("p1", "1", est=10))
    day = ShootDay(id="d", shooting_call=typed, scene_ids=["s1"])
    assert plan_day(project_of(s, shoot_days=[day]), day).start == start


def test_clock_format_wraps_past_midnight_or_counts_elapsed():
    assert format_clock(90, 23 * 60) == "00:30"
    assert format_clock(75) == "+1:15"


def test_saved_order_move_and_write_back():
    s = scene_of(panel("p1", "1"), panel("p2", "2"), panel("p2b", new_shot=False), panel("p3", "1"))
    project = project_of(s)
    plan = plan_scene(project, s)
    heard: list[FieldsChanged] = []

    class Ear:
        def changed(self, event):
            heard.append(event)

    ear = Ear()
    project_events(project).fields.changed.connect(ear.changed)
    old = apply_shoot_order(project, plan.planned)
    assert old == [None, None, None, None]
    assert heard and heard[0].path == "shoot_order"
    assert [(p.id, p.shoot_order) for p in s.panels] == [("p1", 1), ("p2", 3), ("p2b", 3), ("p3", 2)]
    assert labels(saved_order(unit_shots(project, [s]))) == ["1A", "1C", "1B"]
    assert [r.panel.id for r in order_rows(shot_rows(project), "shoot")] == ["p1", "p3", "p2", "p2b"]
    dragged = move_shot(plan.planned, 2, 0)
    assert labels(dragged) == ["1B", "1A", "1C"]
    assert labels(move_shot(plan.planned, 0, 3)) == ["1C", "1B", "1A"]
    panels, values = shoot_order_values(dragged)
    assert [p.id for p in panels] == ["p2", "p2b", "p1", "p3"] and values == [1, 1, 2, 3]


# Properties ---------------------------------------------------------------------

setup_names = st.sampled_from(["", "1", "2", "3", "4"])
lenses = st.sampled_from([None, 24.0, 50.0])
lights = st.sampled_from(["", "L1", "L2", "L3"])
panels_strategy = st.lists(
    st.tuples(setup_names, lenses, lights, st.booleans(), st.one_of(st.none(), st.floats(0, 90))),
    min_size=0,
    max_size=24,
)
costs_strategy = st.builds(Costs, st.floats(0, 60), st.floats(0, 90), st.floats(0, 30))


def random_project(spec, scenes=2):
    built = [Scene(id=f"s{i}", location_id="loc" if i % 2 else None) for i in range(scenes)]
    for index, (setup, lens, light, new_shot, est) in enumerate(spec):
        built[index % scenes].panels.append(panel(f"p{index}", setup, lens, light, est, new_shot))
    return project_of(*built)


@settings(max_examples=300, deadline=None)
@given(panels_strategy, costs_strategy)
def test_plan_is_a_permutation_never_worse_and_stable(spec, costs):
    project = random_project(spec)
    shots = unit_shots(project, project.scenes, costs)
    plan = plan_order(shots, costs)
    # Never loses or duplicates a shot, and every panel keeps its shot.
    assert Counter(id(s) for s in plan) == Counter(id(s) for s in shots)
    assert sorted(p.id for s in plan for p in s.panels) == sorted(p.id for _, p in project.iter_panels())
    story, planned = count_resets(shots), count_resets(plan)
    assert planned.camera <= story.camera and planned.lighting <= story.lighting
    assert planned.minutes(costs) <= story.minutes(costs) + 1e-9
    # Shots sharing both setups keep their story order.
    seen: dict[tuple, int] = {}
    for shot in plan:
        key = (shot.camera_key, shot.lighting_key)
        assert seen.get(key, -1) < shot.position
        seen[key] = shot.position
    # Deterministic: the same input gives the same plan.
    again = plan_order(unit_shots(project, project.scenes, costs), costs)
    assert [s.position for s in again] == [s.position for s in plan]


@settings(max_examples=150, deadline=None)
@given(panels_strategy)
def test_the_clock_adds_up(spec):
    project = random_project(spec, scenes=1)
    costs = Costs.of(project)
    shots = unit_shots(project, project.scenes, costs)
    entries = running_clock(shots, costs)
    resets = count_resets(shots)
    assert sum(e.camera_reset for e in entries) == resets.camera
    assert sum(e.lighting_reset for e in entries) == resets.lighting
    total = entries[-1].end if entries else 0.0
    assert total == pytest.approx(sum(s.minutes for s in shots) + resets.minutes(costs))


@settings(max_examples=100, deadline=None)
@given(panels_strategy, st.data())
def test_moving_a_shot_keeps_every_shot(spec, data):
    project = random_project(spec, scenes=1)
    shots = unit_shots(project, project.scenes)
    if not shots:
        return
    source = data.draw(st.integers(0, len(shots) - 1))
    destination = data.draw(st.integers(0, len(shots)))
    moved = move_shot(shots, source, destination)
    assert sorted(s.position for s in moved) == list(range(len(shots)))
    assert moved.index(shots[source]) == (destination - 1 if destination > source else destination)


def test_a_big_scene_is_planned():
    # 3,000 shots over 40 camera and 7 lighting setups (speed: the greedy candidate looks at bucket heads only).
    s = scene_of(*(panel(f"p{i}", str(i % 40), 35.0, f"L{i % 7}") for i in range(3000)))
    plan = plan_scene(project_of(s), s)
    assert plan.story_resets == Resets(2999, 2999)
    # Each camera setup meets all 7 lighting setups, so lighting first is cheaper here.
    assert plan.plan_resets.lighting == 6 and plan.plan_resets.camera < 300
