"""Call sheets, derived from the project: page counts, cast numbers, who is in a scene, crew calls, the day's facts."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE
from storyboarder.io import load_project, save_project
from storyboarder.model import (
    CameraSpec,
    CastCall,
    CastMember,
    CrewCall,
    CrewMember,
    DepartmentCall,
    LightingSpec,
    Location,
    Panel,
    Project,
    Scene,
    ShootDay,
)
from storyboarder.model.call_sheet import build_call_sheet, crew_calls, hospital_of, key_contacts, producers
from storyboarder.model.cast import (
    assign_cast_numbers,
    cast_from_scenes,
    cast_numbers,
    dialogue_speakers,
    next_cast_number,
    scene_cast_ids,
)
from storyboarder.model.clock import is_before, parse_time
from storyboarder.model.departments import DEPARTMENTS, department_order, standard_department
from storyboarder.model.equipment import equipment_checklist, kelvins, rig_names, shot_ranges
from storyboarder.model.pages import format_eighths, parse_eighths, total_eighths
from storyboarder.model.scene_facts import int_ext, scene_day_night, set_name, time_of_day
from storyboarder.model.setups import setup_count
from storyboarder.model.shots import ShotId, scene_shots
from storyboarder.model.schedule import day_label, suggested_status


@pytest.fixture(scope="module")
def example() -> Project:
    return load_project(EXAMPLE).project


# --- page counts in eighths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "eighths"),
    [("2 3/8", 19), ("3/8", 3), ("2", 16), ("0", 0), ("1 4/8", 12), ("1 1/2", 12), ("1/4", 2), ("2-3/8", 19),
     ("  7/8 ", 7), ("2.5", 20), ("10 pages", 80), ("1 7/8 pp", 15), ("", None), ("   ", None)],
)
def test_page_counts_parse_as_eighths(text, eighths):
    assert parse_eighths(text) == eighths


@pytest.mark.parametrize(("eighths", "text"), [(19, "2 3/8"), (3, "3/8"), (16, "2"), (0, "0"), (12, "1 4/8"), (None, "")])
def test_page_counts_format_unreduced(eighths, text):
    assert format_eighths(eighths) == text


@pytest.mark.parametrize("eighths", range(0, 200))
def test_page_counts_round_trip(eighths):
    assert parse_eighths(format_eighths(eighths)) == eighths


@pytest.mark.parametrize("text", ["two", "2 3", "3/0", "1/3", "2 9/8", "2.3", "-1", "1/8/8", "99999"])
def test_bad_page_counts_are_refused_with_a_message(text):
    with pytest.raises(ValueError) as raised:
        parse_eighths(text)
    assert text.strip() in str(raised.value)


def test_page_totals_leave_out_uncounted_scenes():
    assert total_eighths([19, None, 3, 6]) == 28
    assert format_eighths(total_eighths([19, None, 3, 6])) == "3 4/8"


# --- cast numbers -------------------------------------------------------------------------------


def _cast(*numbers) -> Project:
    return Project(cast=[CastMember(id=f"c{i}", character=f"C{i}", number=n) for i, n in enumerate(numbers)])


def test_stored_cast_numbers_are_kept_and_the_rest_follow_the_highest():
    project = _cast(3, None, 1, None)
    assert cast_numbers(project) == {"c0": 3, "c1": 4, "c2": 1, "c3": 5}
    assert next_cast_number(project) == 6


def test_reordering_or_removing_cast_renumbers_nobody():
    project = _cast(1, 2, 3, 4)
    before = cast_numbers(project)
    project.cast.reverse()
    del project.cast[1]  # cast member 3 leaves
    after = cast_numbers(project)
    assert after == {cast_id: number for cast_id, number in before.items() if cast_id != "c2"}
    assert next_cast_number(project) == 5  # 3 is not given to anyone else


def test_assign_cast_numbers_stores_what_is_shown_and_reports_the_change():
    project = _cast(2, None, None)
    changed = assign_cast_numbers(project)
    assert changed == {"c1": 3, "c2": 4}
    assert [m.number for m in project.cast] == [2, 3, 4]
    assert assign_cast_numbers(project) == {}


# --- who is in a scene ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialogue", "speakers"),
    [
        ("MARA\nDrive.", ["MARA"]),
        ("MARA (V.O.)\nWhere are you?\n\nDEZ (O.S.)\nHere.", ["MARA", "DEZ"]),
        ("MARA (CONT'D)\nStill here.", ["MARA"]),
        ("MARA (CONT\u2019D)\nStill here.", ["MARA"]),
        ("AUNTIE WEN\nJuno! Not through my kitchen again!", ["AUNTIE WEN"]),
        ("MARA: Drive.\nDEZ: Fine.", ["MARA", "DEZ"]),
        ("MARA\n(quietly)\nDrive.", ["MARA"]),
        ("HEY! THAT'S NOT YOURS!\nShe runs.", []),  # shouted, not a name
        ("Just a line of speech.", []),
        ("MARA", []),  # a name with nothing said is not a cue
        ("ЖЕНЯ\nПривет.", ["ЖЕНЯ"]),
    ],
)
def test_dialogue_speakers(dialogue, speakers):
    assert dialogue_speakers(dialogue) == speakers


def test_scene_cast_comes_from_panels_and_dialogue():
    mara = CastMember(id="mara", character="Mara")
    dez = CastMember(id="dez", character="DEZ")
    wen = CastMember(id="wen", character="AUNTIE WEN")
    scene = Scene(panels=[Panel(cast_ids=["wen"]), Panel(dialogue="DEZ (V.O.)\nLate again."), Panel(dialogue="MARA: Sorry.")])
    project = Project(scenes=[scene], cast=[mara, dez, wen])
    assert scene_cast_ids(project, scene) == ["mara", "dez", "wen"]


def test_add_cast_from_scenes_makes_members_for_new_speakers_only():
    project = Project(
        scenes=[Scene(panels=[Panel(dialogue="MARA\nHi.\n\nVENDOR (O.S.)\nFresh noodles!"), Panel(dialogue="COP: Stop.")])],
        cast=[CastMember(id="mara", character="MARA", number=4)],
    )
    made = cast_from_scenes(project)
    assert [(m.character, m.number) for m in made] == [("VENDOR", 5), ("COP", 6)]
    assert len(project.cast) == 1  # returned for an undoable add, not added here
    assert len({m.id for m in made}) == 2


# --- scenes: INT/EXT, D/N, set, setups ------------------------------------------------------------


def test_scene_facts_come_from_fields_or_the_heading():
    scene = Scene(heading="EXT. ROOFTOP - NIGHT")
    assert (int_ext(scene), time_of_day(scene), set_name(scene)) == ("EXT", "NIGHT", "ROOFTOP")
    scene = Scene(heading="INT./EXT. COURIER VAN - MOVING - DAY")
    assert (int_ext(scene), time_of_day(scene), set_name(scene)) == ("I/E", "DAY", "COURIER VAN - MOVING")
    scene = Scene(heading="Kitchen", int_ext="int", time_of_day="dawn")
    assert (int_ext(scene), time_of_day(scene), set_name(scene)) == ("INT", "DAWN", "Kitchen")


def test_continuous_scenes_take_the_day_or_night_of_the_scene_before():
    project = Project(scenes=[
        Scene(id="a", heading="EXT. ROOF - NIGHT"),
        Scene(id="b", heading="INT. VAN - CONTINUOUS"),
        Scene(id="c", heading="EXT. BEACH - DAWN"),
        Scene(id="d", heading="EXT. BEACH - MOMENTS LATER"),
        Scene(id="e", heading="INT. OFFICE - DAY"),
    ])
    assert scene_day_night(project) == {"a": "N", "b": "N", "c": "Dawn", "d": "Dawn", "e": "D"}


def test_setups_count_shared_setups_once():
    scene = Scene(panels=[
        Panel(camera=CameraSpec(setup="1")),
        Panel(camera=CameraSpec(setup="2")),
        Panel(camera=CameraSpec(setup="1")),  # back to setup 1
        Panel(new_shot=False, camera=CameraSpec(setup="9")),  # continues the shot: not a setup
        Panel(),  # no setup named: one of its own
    ])
    assert setup_count(scene_shots(scene, "1")) == 3


# --- clock, departments ---------------------------------------------------------------------------


def test_times_read_as_crews_type_them():
    assert [parse_time(t) for t in ("06:30", "6:30", "0630", "6:30 pm", "12am", "25:15", "7h15")] == [390, 390, 390, 1110, 0, 1515, 435]
    assert [parse_time(t) for t in ("", "noon", "31:00", "13pm", "6:75")] == [None] * 5


def test_calls_across_midnight_compare_the_near_way_round():
    assert is_before(parse_time("23:30"), parse_time("00:15"))
    assert not is_before(parse_time("00:15"), parse_time("23:30"))
    assert is_before(parse_time("06:00"), parse_time("07:00"))
    assert not is_before(parse_time("07:00"), parse_time("07:00"))


def test_departments_map_common_spellings_and_sort_in_call_sheet_order():
    assert standard_department("Electric") == standard_department("G&E") == "Grip & Electric"
    assert standard_department("Hair and Make-up") == "Hair & Makeup"
    assert standard_department("costume") == "Wardrobe"
    assert standard_department("  VFX ") == "VFX"
    assert standard_department("") == "Other"
    names = ["Other", "VFX", "Catering", "Camera", "Production", "Stunts"]
    assert sorted(names, key=department_order) == ["Production", "Camera", "Catering", "Stunts", "VFX", "Other"]
    assert DEPARTMENTS[:4] == ("Production", "Direction", "Camera", "Grip & Electric")


# --- crew calls -----------------------------------------------------------------------------------


def test_crew_calls_resolve_from_override_then_department_then_general():
    project = Project(crew=[
        CrewMember(id="gaffer", name="Rosa", department="Electric", role="Gaffer"),
        CrewMember(id="grip", name="Tom", department="Grip & Electric", role="Key Grip"),
        CrewMember(id="mixer", name="Ife", department="Sound", role="Mixer"),
        CrewMember(id="pa", name="Al", department="", role="PA"),
        CrewMember(id="prod", name="Jo", department="Production", role="Producer"),
    ])
    day = ShootDay(crew_call="07:00", department_calls=[DepartmentCall(department="G&E", call="05:30")],
                   crew_calls=[CrewCall(crew_id="grip", call="05:00")])
    blocks = crew_calls(project, day)
    assert [b.department for b in blocks] == ["Production", "Grip & Electric", "Sound", "Other"]
    ge = blocks[1]
    assert ge.call == "05:30"
    assert [(line.name, line.call, line.source) for line in ge.crew] == [("Rosa", "05:30", "department"), ("Tom", "05:00", "own")]
    assert [(line.call, line.source) for line in blocks[2].crew] == [("07:00", "general")]


def test_key_contacts_default_to_production_direction_and_locations_with_a_phone():
    project = Project(crew=[
        CrewMember(id="ad", name="Priya", department="AD", role="1st AD", phone="1"),
        CrewMember(id="lp", name="Jonas", department="Production", role="Line Producer", phone="2"),
        CrewMember(id="dop", name="Ana", department="Camera", role="DoP", phone="3"),
        CrewMember(id="loc", name="Dan", department="Locations", role="Location Manager"),
    ])
    assert [c.name for c in key_contacts(project, ShootDay())] == ["Jonas", "Priya"]
    assert [c.name for c in key_contacts(project, ShootDay(key_contact_ids=["dop", "loc"]))] == ["Ana", "Dan"]
    assert producers(project) == ["Jonas (Line Producer)"]


def test_nearest_hospital_lines_are_name_address_phone():
    hospital = hospital_of(Location(nearest_hospital="St. Brigid\n1200 Cedar Ave\nPortside\n+1 555 0199\n"))
    assert (hospital.name, hospital.address, hospital.phone) == ("St. Brigid", "1200 Cedar Ave, Portside", "+1 555 0199")
    assert not hospital_of(Location())


# --- the example's call sheets ----------------------------------------------------------------------


def test_example_day_one(example):
    sheet = build_call_sheet(example, example.shoot_days[0])
    assert (sheet.day_number, sheet.day_count, sheet.date_text) == (1, 2, "Monday 15 March 2027")
    assert [(s.number, s.int_ext, s.day_night, s.set_name) for s in sheet.scenes] == [
        ("1", "EXT", "N", "NIGHT MARKET"), ("2", "INT", "N", "NOODLE STALL")]
    # Scene 1: Mara and Juno by panel and dialogue; scene 2 adds Auntie Wen (cast 3).
    assert [s.cast_numbers for s in sheet.scenes] == [[1, 2], [1, 2, 3]]
    # Seven panels, one continuing the pan: six shots on six setups; then five on five.
    assert [(s.shots, s.setups, s.running_ms) for s in sheet.scenes] == [(6, 6, 19500), (5, 5, 12200)]
    assert [s.pages_eighths for s in sheet.scenes] == [19, 12]
    assert (sheet.total_pages_eighths, sheet.pages_incomplete, sheet.total_shots) == (31, False, 11)
    assert format_eighths(sheet.total_pages_eighths) == "3 7/8"
    assert [(c.number, c.character, c.status) for c in sheet.cast] == [(1, "MARA", "SW"), (2, "JUNO", "SW"), (3, "AUNTIE WEN", "SWF")]
    assert sheet.background_count == 46
    assert sheet.locations[0].hospital.phone == "+1 555 0199"
    assert sheet.sun is not None and sheet.sun.time_zone == "America/Vancouver"
    assert sheet.advance is not None and sheet.advance.day_number == 2
    assert [s.number for s in sheet.advance.scenes] == ["3", "4"]
    # Eleven shots, ten camera resets and a relight take 10 h 45 min, inside 18:30 to 05:30.
    assert (sheet.total_est_minutes, sheet.day_length_minutes) == (645, 660)
    assert sheet.warnings == []


def test_example_crew_calls_and_equipment(example):
    sheet = build_call_sheet(example, example.shoot_days[0])
    departments = [block.department for block in sheet.crew]
    assert departments[:11] == [d for d in DEPARTMENTS if d in departments]
    assert departments[-2:] == ["Safety", "Stunts"]
    steadicam = next(line for block in sheet.crew for line in block.crew if line.crew_id == "crew-steadicam")
    assert (steadicam.call, steadicam.source) == ("17:30", "own")
    gaffer = next(line for block in sheet.crew for line in block.crew if line.crew_id == "crew-gaffer")
    assert (gaffer.call, gaffer.source) == ("15:00", "department")
    items = {(item.kind, item.label): item for item in sheet.equipment}
    assert items[("frame rate", "48 fps")].shots == [ShotId("scene-market", "1D")]
    assert items[("rig", "Steadicam")].shots == [ShotId("scene-market", "1B")]
    assert items[("rig", "Jib")].department == "Grip & Electric"
    assert items[("lens", "100mm")].shots == [ShotId("scene-market", "1D")]
    assert ("colour temperature", "5600K") in items  # from the back light's fixture text
    assert items[("lighting", "L1 (neon practicals)")].detail.startswith("key: SkyPanel S60")
    assert sheet.department_notes[0][0] == "Camera"


def test_example_last_day_has_no_advance_and_a_closed_set(example):
    sheet = build_call_sheet(example, example.shoot_days[1])
    assert sheet.advance is None and sheet.closed_set and sheet.revision_color == "Pink"
    assert [s.cast_numbers for s in sheet.scenes] == [[1, 2], [1, 4]]
    assert [s.day_night for s in sheet.scenes] == ["N", "N"]  # the van is CONTINUOUS after a night scene
    # Day 2 names no key contacts: production, direction and locations crew with a phone stand in.
    names = [c.name for c in sheet.key_contacts]
    assert names[:4] == ["Jonas Berg", "Claire Dubois", "Omar Haddad", "Priya Raman"]
    assert names[-1] == "Dan Murphy" and "Ana Sousa" not in names


def test_cast_called_defaults_to_the_cast_of_the_days_scenes():
    project = load_project(EXAMPLE).project
    day = project.shoot_days[1]
    day.cast_calls = []
    sheet = build_call_sheet(project, day)
    assert [(c.number, c.status, c.defaulted, c.status_derived) for c in sheet.cast] == [
        (1, "WF", True, True), (2, "WF", True, True), (4, "SWF", True, True)]


def test_statuses_follow_the_schedule():
    cast = [CastMember(id="a", character="A"), CastMember(id="b", character="B")]
    scenes = [Scene(id=f"s{i}", panels=[Panel(cast_ids=ids)]) for i, ids in enumerate([["a"], ["b"], ["a", "b"], ["a"]])]
    days = [ShootDay(id=f"d{i}", scene_ids=[f"s{i}"]) for i in range(4)]
    project = Project(scenes=scenes, cast=cast, shoot_days=days)
    assert [suggested_status(project, day, "a") for day in days] == ["SW", "H", "W", "WF"]
    assert [suggested_status(project, day, "b") for day in days] == ["", "SW", "WF", ""]
    assert day_label(project, days[2]) == "Day 3"


def test_deleted_things_are_left_out_not_raised():
    project = Project(
        scenes=[Scene(id="s1", heading="INT. ROOM - DAY", location_id="gone-location", panels=[Panel(cast_ids=["gone-cast"])])],
        shoot_days=[ShootDay(id="d1", scene_ids=["s1", "gone-scene"], location_ids=["gone"], cast_calls=[CastCall(cast_id="gone")],
                             crew_calls=[CrewCall(crew_id="gone")], key_contact_ids=["gone"])],
    )
    sheet = build_call_sheet(project, project.shoot_days[0])
    assert [s.scene_id for s in sheet.scenes] == ["s1"]
    assert sheet.cast == [] and sheet.locations == [] and sheet.key_contacts == []
    assert sheet.scenes[0].cast_numbers == []


def test_rigs_temperatures_and_shot_ranges():
    assert rig_names("dolly in") == ["Dolly"]
    assert rig_names("Steadicam") == ["Steadicam"]
    assert rig_names("technocrane") == ["Technocrane"]
    assert rig_names("static") == []
    assert kelvins("HMI @ 5600K", "tungsten 3200 K, 12x12", "not 123K") == [5600, 3200]
    order = ["1A", "1B", "1C", "1D", "2A", "2B"]
    assert shot_ranges(["1A", "1B", "1C", "2A", "2B"], order) == "1A–1C, 2A, 2B"
    assert shot_ranges(["2B", "1A"], order) == "1A, 2B"


def test_equipment_for_an_unknown_rig_and_off_speed():
    project = Project(fps=24.0, scenes=[Scene(id="s", panels=[
        Panel(camera=CameraSpec(camera="A", rig="Russian arm", frame_rate=120.0, lens_mm=35),
              lighting=LightingSpec(setup="L9", key="Dedo @ 3200K")),
    ])])
    items = {(i.kind, i.label) for i in equipment_checklist(project, project.scenes)}
    assert {("camera", "Camera A"), ("rig", "Russian arm"), ("frame rate", "120 fps"), ("lens", "35mm"),
            ("lighting", "L9"), ("colour temperature", "3200K")} == items


def test_new_fields_survive_a_save_and_load(tmp_path, example):
    save_project(example, tmp_path / "copy")
    again = load_project(tmp_path / "copy").project
    day = again.shoot_days[0]
    assert again.scenes[0].pages_eighths == 19 and again.cast[3].number == 4
    assert again.locations[0].time_zone == "America/Vancouver"
    assert day.breakfast == "16:30" and day.background[0].count == 40 and day.instructions.stunts.startswith("Counter vault")
    assert day.department_calls[3].department == "Grip & Electric" and day.revision_color == "Blue"
    assert day.cast_calls[0].remarks and "Ch 1" in day.walkie_channels and day.key_contact_ids[0] == "crew-producer"
    assert again.shoot_days[1].closed_set is True
