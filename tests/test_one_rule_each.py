"""Each domain rule has one home: shots, shot identity, setups, minutes, cast names and speakers agree wherever they are read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from storyboarder.export.storyboard_text import dialogue_paragraphs
from storyboarder.io import load_project
from storyboarder.model import CameraSpec, CastMember, LightingSpec, Panel, Project, Scene, ShootDay, ShotId
from storyboarder.model import call_sheet_warnings as cw
from storyboarder.model.call_sheet import build_call_sheet
from storyboarder.model.cast import cast_from_scenes, cast_label, cast_name, dialogue_speakers
from storyboarder.model.dialogue import speaker_name
from storyboarder.model.shooting_order import plan_day, plan_scene
from storyboarder.model.shot_columns import ShotListContext, cell_text
from storyboarder.model.shot_list import group_by_scene, shot_rows, subtotal
from storyboarder.model.shots import scene_shots, shot_count, shot_ids, shot_labels, whole_shots


def shot(pid, setup="", lens=None, light="", est=None, new_shot=True, label=""):
    return Panel(id=pid, shot=label, new_shot=new_shot, est_minutes=est,
                 camera=CameraSpec(setup=setup, lens_mm=lens), lighting=LightingSpec(setup=light))


# --- shot identity ----------------------------------------------------------------------------------


def test_the_same_label_in_two_scenes_is_two_shots():
    a = Scene(id="a", panels=[shot("a1"), shot("a2", label="INSERT")])
    b = Scene(id="b", panels=[shot("b1", label="INSERT")])
    project = Project(scenes=[a, b])
    ids = shot_ids(project)
    assert ids["a2"] == ShotId("a", "INSERT") != ids["b1"] == ShotId("b", "INSERT")
    assert str(ids["b1"]) == "INSERT"
    # Marking scene A's INSERT marks its panels only.
    assert [p.id for p in whole_shots(project, [a.panels[1]])] == ["a2"]


def test_runs_with_one_label_in_a_scene_are_one_shot_everywhere():
    # The board cuts back to the insert: one shot, filmed once, counted once.
    scene = Scene(id="s", panels=[shot("p1", "1"), shot("p2", "2", label="INSERT", est=10), shot("p3", "1"),
                                  shot("p4", "2", label="INSERT")])
    project = Project(scenes=[scene], shoot_days=[ShootDay(id="d", scene_ids=["s"])])
    labels = shot_labels(project)
    assert [labels[p.id].label for p in scene.panels] == ["1A", "INSERT-1", "1C", "INSERT-2"]
    assert shot_count(project, scene) == 3 == len(plan_scene(project, scene).shots)
    assert build_call_sheet(project, project.shoot_days[0]).scenes[0].shots == 3
    ctx = ShotListContext(project)
    assert subtotal(shot_rows(project), ctx).shots == 3
    assert [p.id for p in whole_shots(project, [scene.panels[3]])] == ["p2", "p4"]


# --- setups -----------------------------------------------------------------------------------------


def test_a_lens_change_on_one_named_setup_is_a_setup_on_the_call_sheet_as_in_the_plan():
    scene = Scene(id="s", panels=[shot("p1", "1", 35, est=10), shot("p2", "1", 50, est=10)])
    day = ShootDay(id="d", scene_ids=["s"])
    project = Project(scenes=[scene], shoot_days=[day])
    plan = plan_day(project, day)
    line = build_call_sheet(project, day).scenes[0]
    assert line.setups == 2 == len({s.camera_key for s in plan.shots})
    assert plan.plan_resets.camera == 1


def test_unnamed_shots_without_a_camera_are_setups_of_their_own_and_continuations_add_none():
    scene = Scene(panels=[shot("p1", "1", 35), shot("p2", "9", 85, new_shot=False), shot("p3"), shot("p4"),
                          shot("p5", " 1 ", 35)])
    from storyboarder.model.setups import setup_count

    assert setup_count(scene_shots(scene, "1")) == 3  # setup 1 (twice), and two shots naming nothing of their camera


def test_unnamed_shots_on_one_camera_lens_and_rig_are_one_setup_on_every_paper():
    # Issue 14: two identical 50 mm Cam B shots in a row, no setup names, are one setup and no reset.
    def cam_b(pid, lens=50.0, body="Cam B"):
        return Panel(id=pid, est_minutes=10, camera=CameraSpec(lens_mm=lens, camera=body))

    scene = Scene(id="s", panels=[cam_b("p1"), cam_b("p2", body=" cam  b "), cam_b("p3", lens=85.0), cam_b("p4", body="Cam A")])
    day = ShootDay(id="d", scene_ids=["s"])
    project = Project(scenes=[scene], shoot_days=[day])
    plan = plan_day(project, day)
    line = build_call_sheet(project, day).scenes[0]
    # p1 and p2 share a setup; the 85 mm lens and the other body are two more.
    assert line.setups == 3 == len({s.camera_key for s in plan.shots})
    assert plan.story_resets.camera == 2


# --- minutes ----------------------------------------------------------------------------------------


def test_example_scene_one_has_one_estimate_on_the_call_sheet_the_shot_list_and_the_planner():
    project = load_project(EXAMPLE).project
    day = project.shoot_days[0]
    sheet = build_call_sheet(project, day)
    ctx = ShotListContext(project)
    groups = group_by_scene(shot_rows(project), ctx)
    plan = plan_day(project, day)
    # 135 min of estimates, three shots at the 15-minute default, five camera resets: 330.
    assert sheet.scenes[0].est_minutes == groups[0].subtotal(ctx).est_minutes == 330
    assert sheet.total_est_minutes == plan.plan_minutes == sum(g.subtotal(ctx).est_minutes for g in groups[:2])


def test_a_day_longer_than_its_shooting_call_to_wrap_is_warned_about_overnight_too():
    # Two 17-hour shots on one setup: 34 h of shooting on a 17:00 to 04:30 night.
    scene = Scene(id="s", panels=[shot("p1", "1", 35, est=1020), shot("p2", "1", 35, est=1020)])
    day = ShootDay(id="d", shooting_call="17:00", wrap="04:30", scene_ids=["s"])
    project = Project(scenes=[scene], shoot_days=[day])
    sheet = build_call_sheet(project, day)
    assert (sheet.total_est_minutes, sheet.day_length_minutes) == (2040, 690)
    found = [w for w in sheet.warnings if w.kind == cw.DAY_TOO_LONG]
    assert len(found) == 1 and "2040 min" in found[0].message and "690 min" in found[0].message
    assert found[0].message in [w.message for w in cw.call_sheet_warnings(project)]
    # Eleven hours of shots fit the same night; a day without a wrap is never warned about.
    scene.panels[1].est_minutes = 0
    scene.panels[0].est_minutes = 660
    assert not [w for w in build_call_sheet(project, day).warnings if w.kind == cw.DAY_TOO_LONG]
    day.wrap = ""
    scene.panels[0].est_minutes = 5000
    assert not [w for w in build_call_sheet(project, day).warnings if w.kind == cw.DAY_TOO_LONG]


# --- cast names and speakers ------------------------------------------------------------------------


def test_a_shout_on_its_own_line_is_no_speaker_on_the_board_or_in_the_cast():
    project = Project(scenes=[Scene(panels=[Panel(dialogue="STOP!\nShe runs.")])])
    assert not any(span.bold for paragraph in dialogue_paragraphs("STOP!\nShe runs.") for span in paragraph)
    assert cast_from_scenes(project) == []


def test_a_second_speaker_without_a_blank_line_is_a_speaker_on_the_board_and_in_the_cast():
    text = "MARA\nGo.\nDEZ (O.S.)\nNo."
    bold = [span.text for paragraph in dialogue_paragraphs(text) for span in paragraph if span.bold]
    assert bold == ["MARA", "DEZ (O.S.)"]
    assert dialogue_speakers(text) == ["MARA", "DEZ"]
    project = Project(scenes=[Scene(panels=[Panel(dialogue=text)])], cast=[CastMember(character="Mara")])
    assert [m.character for m in cast_from_scenes(project)] == ["DEZ"]


def test_cast_names_are_one_rule():
    mara = CastMember(id="m", character=" MARA ", actor="Ana  Lima")
    nobody = CastMember(id="n")
    actor_only = CastMember(id="a", actor="Lee")
    assert (cast_name(mara), cast_name(nobody), cast_name(actor_only)) == ("MARA", "(unnamed)", "Lee")
    assert (cast_label(mara), cast_label(mara, 3), cast_label(nobody)) == ("MARA (Ana Lima)", "#3 MARA (Ana Lima)", "(unnamed)")
    scene = Scene(panels=[Panel(cast_ids=["m", "n"])])
    project = Project(scenes=[scene], cast=[mara, nobody])
    assert cell_text("cast", scene, scene.panels[0], ShotListContext(project)) == "MARA, (unnamed)"


_LINES = st.sampled_from([
    "MARA", "DEZ (V.O.)", "AUNTIE WEN", "STOP!", "HEY, YOU", "(quietly)", "Drive.", "Not through my kitchen!",
    "NO WAY", "MARA: Go.", "Note: rain", "ЖЕНЯ", "Привет.", "", "",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_the_board_bolds_exactly_the_cues_the_cast_reads(lines):
    text = "\n".join(lines)
    bold = [span.text for paragraph in dialogue_paragraphs(text) for span in paragraph if span.bold]
    speakers = [speaker_name(cue.removesuffix(":")) for cue in bold]
    assert all(speakers)
    assert list(dict.fromkeys(speakers)) == dialogue_speakers(text)


def test_the_example_cast_speakers_are_the_boards_bold_cues():
    project = load_project(EXAMPLE).project
    for _scene, panel in project.iter_panels():
        bold = [s.text for p in dialogue_paragraphs(panel.dialogue) for s in p if s.bold]
        assert [speaker_name(cue.removesuffix(":")) for cue in bold] == dialogue_speakers(panel.dialogue)


@pytest.mark.parametrize("text", ["MARA", "MARA\n\nDrive.", "(V.O.)\nHi."])
def test_a_name_with_nothing_said_after_it_is_no_cue(text):
    assert dialogue_speakers(text) == []
    assert not any(span.bold for paragraph in dialogue_paragraphs(text) for span in paragraph)
