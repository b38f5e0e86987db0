"""The call sheet, the shot list and the planner agree: the same shots, setups and minutes for every scene and day.

Random projects (no Qt) check the rule for every input; the example project
checks the printed papers themselves: the call sheet PDF, the shot list PDF
and CSV and ``storyboarder plan``'s text print the same minutes.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import EXAMPLE
from storyboarder.export.call_sheet_options import CallSheetOptions
from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
from storyboarder.export.plan_text import choose_units, describe_plan
from storyboarder.export.shotlist_csv import export_shotlist_csv, read_shotlist_csv
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.io import load_project
from storyboarder.model import CameraSpec, LightingSpec, Location, Panel, Project, Scene, ShootDay
from storyboarder.model import call_sheet_warnings as cw
from storyboarder.model.call_sheet import build_call_sheet
from storyboarder.model.schedule import day_scenes
from storyboarder.model.shooting_order import plan_day, plan_scene, running_clock
from storyboarder.model.shooting_time import day_length, shooting_times
from storyboarder.model.shot_columns import ShotListContext, cell_text
from storyboarder.model.shot_list import shot_rows, subtotal
from storyboarder.model.shots import shot_count

TIMES = ["", "07:00", "08:30", "17:00", "18:30", "0630", "04:30", "23:00", "soon"]


@st.composite
def panels(draw, scene_id: str, count: int) -> list[Panel]:
    made = []
    for index in range(count):
        made.append(Panel(
            id=f"{scene_id}-p{index}",
            new_shot=draw(st.booleans()) or index == 0,
            shot=draw(st.sampled_from(["", "", "", "INSERT", "1A"])),
            est_minutes=draw(st.sampled_from([None, None, 0.0, 5.0, 12.5, 40.0])),
            shoot_order=draw(st.sampled_from([None, None, None, 1, 2, 3])),
            # Camera body and rig make an unnamed setup (issue 14), so the papers must agree on them too.
            camera=CameraSpec(setup=draw(st.sampled_from(["", "1", "2", " 1 "])), lens_mm=draw(st.sampled_from([None, 35.0, 50.0])),
                              camera=draw(st.sampled_from(["", "B", " b ", "A"])), rig=draw(st.sampled_from(["", "Dolly"]))),
            lighting=LightingSpec(setup=draw(st.sampled_from(["", "L1", "L2"]))),
        ))
    return made


@st.composite
def projects(draw) -> Project:
    scenes = []
    for number in range(draw(st.integers(1, 4))):
        scene_id = f"s{number}"
        scenes.append(Scene(id=scene_id, location_id=draw(st.sampled_from([None, "loc-1", "loc-2"])),
                            panels=draw(panels(scene_id, draw(st.integers(0, 5))))))
    ids = [scene.id for scene in scenes] + ["gone"]
    days = [
        ShootDay(id=f"d{n}", shooting_call=draw(st.sampled_from(TIMES)), wrap=draw(st.sampled_from(TIMES)),
                 scene_ids=draw(st.lists(st.sampled_from(ids), max_size=4)))
        for n in range(draw(st.integers(0, 3)))
    ]
    return Project(
        scenes=scenes, shoot_days=days, locations=[Location(id="loc-1"), Location(id="loc-2")],
        camera_reset_minutes=draw(st.sampled_from([0.0, 20.0, 30.0])),
        lighting_reset_minutes=draw(st.sampled_from([0.0, 45.0])),
        default_shot_minutes=draw(st.sampled_from([0.0, 15.0])),
    )


def _scene_subtotal(project: Project, scene: Scene, times=None):
    ctx = ShotListContext(project)
    return subtotal(shot_rows(project, [scene]), ctx, times), ctx


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_call_sheet_shot_list_and_planner_agree(project):
    times = shooting_times(project)
    placed: set[str] = set()
    for day in project.shoot_days:
        sheet = build_call_sheet(project, day)
        plan = plan_day(project, day)
        clock = running_clock(plan.order, plan.costs)
        # The day: shots, setups and minutes (resets included) as the planner counts them.
        assert sheet.total_shots == len(plan.shots)
        assert sheet.total_setups == len({s.camera_key for s in plan.shots})
        assert sheet.total_est_minutes == pytest.approx(plan.minutes) == pytest.approx(sum(e.minutes for e in clock))
        assert times.days[day.id] == pytest.approx(plan.minutes)
        too_long = [w for w in sheet.warnings if w.kind == cw.DAY_TOO_LONG]
        length = day_length(day)
        assert bool(too_long) == (length is not None and plan.minutes > length)
        for line in sheet.scenes:
            mine = [e for e in clock if e.shot.scene.id == line.scene_id]
            assert line.shots == len(mine)
            assert line.setups == len({e.shot.camera_key for e in mine})
            assert line.est_minutes == pytest.approx(sum(e.minutes for e in mine))
            if line.scene_id not in placed:
                # The shot list times a scene on the first day that lists it: the same numbers.
                scene = next(s for s in project.scenes if s.id == line.scene_id)
                total, _ctx = _scene_subtotal(project, scene, times)
                assert (total.shots, total.est_minutes) == (line.shots, pytest.approx(line.est_minutes))
        placed.update(scene.id for scene in day_scenes(project, day))
    for scene in project.scenes:
        if scene.id in placed or not scene.panels:
            continue
        plan = plan_scene(project, scene)
        total, _ctx = _scene_subtotal(project, scene)
        assert total.shots == len(plan.shots)
        assert total.est_minutes == pytest.approx(plan.minutes) == pytest.approx(times.scenes[scene.id])
    # The whole shot list: every shot once, and the CSV's scheduled minutes add up to its total.
    ctx = ShotListContext(project)
    rows = shot_rows(project)
    whole = subtotal(rows, ctx)
    assert whole.shots == shot_count(project) == len(times.entries)
    column = [cell_text("sched_minutes", row.scene, row.panel, ctx) for row in rows]
    assert sum(float(text) for text in column if text) == pytest.approx(whole.est_minutes)


# --- the example's papers -------------------------------------------------------------------------


def _minutes(text: str) -> int:
    """Read ``10h 45m``, ``10h45``, ``10 h 45 min``, ``5 h``, ``45m`` or ``45 min`` as minutes."""
    match = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*|\s*(\d+)\s*h\s*(\d\d)\s*", text)
    assert match and text.strip(), text
    hours, minutes = match.group(1) or match.group(3) or 0, match.group(2) or match.group(4) or 0
    return int(hours) * 60 + int(minutes)


def test_the_example_papers_print_the_same_minutes(tmp_path):
    project = load_project(EXAMPLE).project
    scene_days = {scene_id: day.id for day in project.shoot_days for scene_id in day.scene_ids}

    call_sheet = tmp_path / "call.pdf"
    export_call_sheet_pdf(project, call_sheet, CallSheetOptions())
    printed_days = [_minutes(m) for page in PdfReader(call_sheet).pages
                    for m in re.findall(r"Est\. shooting time\s*((?:\d+h )?\d+m)", page.extract_text())]

    plan_days = []
    for _name, plan, day in choose_units(project):
        if day is not None:
            text = "\n".join(describe_plan(_name, plan, day))
            plan_days.append(_minutes(re.search(r", plan (\d+h\d\d|\d+ min)", text).group(1)))

    shot_list = tmp_path / "shots.pdf"
    export_shotlist_pdf(project, EXAMPLE, shot_list)
    text = " ".join(page.extract_text() for page in PdfReader(shot_list).pages)
    by_scene = {int(n): _minutes(m) for n, m in re.findall(r"Scene (\d+):[^\n]*?est\. ((?:\d+ h ?)?(?:\d+ min)?)", text)}
    numbers = {scene.id: index + 1 for index, scene in enumerate(project.scenes)}
    pdf_days = [sum(by_scene[numbers[sid]] for sid in day.scene_ids) for day in project.shoot_days]

    csv = tmp_path / "shots.csv"
    export_shotlist_csv(project, csv)
    csv_days = [0.0 for _ in project.shoot_days]
    index_of = {day.id: n for n, day in enumerate(project.shoot_days)}
    scene_of_number = {str(numbers[sid]): sid for sid in numbers}
    for row in read_shotlist_csv(csv):
        if row["Scheduled minutes"]:
            csv_days[index_of[scene_days[scene_of_number[row["Scene"]]]]] += float(row["Scheduled minutes"])

    # 10 h 45 min and 8 h 45 min: every paper says so, resets included.
    assert printed_days == plan_days == pdf_days == [round(m) for m in csv_days] == [645, 525]


def test_a_kept_order_is_what_the_call_sheet_and_the_plan_text_estimate():
    from storyboarder.model.shooting_order import apply_shoot_order

    project = load_project(EXAMPLE).project
    day = project.shoot_days[0]
    plan = plan_day(project, day)
    market, noodle = plan.shots[:6], plan.shots[6:]
    # An order the AD typed, not the planner's: back and forth between the two sets, relighting each time.
    apply_shoot_order(project, [shot for pair in zip(market, noodle) for shot in pair] + market[5:])
    plan = plan_day(project, day)
    assert plan.kept and plan.minutes != plan.plan_minutes
    text = "\n".join(describe_plan("Day 1", plan, day))
    kept = re.search(r"kept order:\s+(\d+h\d\d|\d+ min)", text).group(1)
    assert _minutes(kept) == round(build_call_sheet(project, day).total_est_minutes) == round(plan.minutes)
