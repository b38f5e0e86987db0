"""Each schedule warning fires on the problem it names, names the day and the thing, and stays quiet otherwise."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE
from storyboarder.io import load_project
from storyboarder.model import CastCall, CastMember, CrewCall, CrewMember, Location, Panel, Project, Scene, ShootDay
from storyboarder.model import call_sheet_warnings as cw
from storyboarder.model.call_sheet import build_call_sheet


def clean() -> Project:
    """A one-day schedule with nothing wrong in it."""
    market = Location(id="market", name="Night market", nearest_hospital="St Mary's\n1 Road\n555 0100", latitude=51.5, longitude=-0.1)
    mara = CastMember(id="mara", actor="Ana Lima", character="MARA", number=1)
    jin = CastMember(id="jin", actor="Jin Park", character="VENDOR", number=2)
    scene = Scene(id="s1", heading="EXT. MARKET - NIGHT", location_id="market",
                  panels=[Panel(cast_ids=["mara"]), Panel(dialogue="VENDOR\nFresh noodles!")])
    day = ShootDay(id="d1", date="2027-03-15", crew_call="17:00", location_ids=["market"], scene_ids=["s1"],
                   cast_calls=[CastCall(cast_id="mara", makeup="16:30", on_set="18:00"), CastCall(cast_id="jin", on_set="18:00")],
                   crew_calls=[CrewCall(crew_id="gaffer", call="15:00")])
    return Project(scenes=[scene], cast=[mara, jin], crew=[CrewMember(id="gaffer", name="Rosa")], locations=[market],
                   shoot_days=[day])


def kinds(project: Project) -> list[str]:
    return [w.kind for w in cw.call_sheet_warnings(project)]


def only(project: Project, kind: str) -> cw.CallSheetWarning:
    found = [w for w in cw.call_sheet_warnings(project) if w.kind == kind]
    assert len(found) == 1, cw.call_sheet_warnings(project)
    return found[0]


def test_a_clean_schedule_and_the_example_have_no_warnings():
    assert cw.call_sheet_warnings(clean()) == []
    assert cw.call_sheet_warnings(load_project(EXAMPLE).project) == []


def test_actor_on_set_before_their_makeup_call():
    project = clean()
    project.shoot_days[0].cast_calls[0].on_set = "16:00"
    warning = only(project, cw.ON_SET_BEFORE_MAKEUP)
    assert warning.day == "Day 1 (2027-03-15)" and warning.day_id == "d1"
    assert warning.subject == "#1 MARA (Ana Lima)"
    assert str(warning) == "Day 1 (2027-03-15): #1 MARA (Ana Lima) is due on set at 16:00, before their hair and makeup call at 16:30"


def test_makeup_before_midnight_and_on_set_after_is_fine():
    project = clean()
    call = project.shoot_days[0].cast_calls[0]
    call.makeup, call.on_set = "23:30", "00:15"
    assert kinds(project) == []


def test_scene_needing_a_location_nobody_booked():
    project = clean()
    project.locations.append(Location(id="roof", name="Rooftop", nearest_hospital="St Mary's"))
    project.scenes[0].location_id = "roof"
    warning = only(project, cw.LOCATION_NOT_BOOKED)
    assert "scene 1 (EXT. MARKET - NIGHT) needs Rooftop, which the day has not booked" in str(warning)
    # The sheet still lists it, marked as not booked.
    sheet = build_call_sheet(project, project.shoot_days[0])
    assert [(line.name, line.booked) for line in sheet.locations] == [("Night market", True), ("Rooftop", False)]


def test_day_with_no_nearest_hospital():
    project = clean()
    project.locations[0].nearest_hospital = "  "
    assert "no nearest hospital is listed for the day's locations" in str(only(project, cw.NO_HOSPITAL))
    project.shoot_days[0].location_ids = []
    project.scenes[0].location_id = None
    assert "it has no location" in str(only(project, cw.NO_HOSPITAL))


def test_cast_member_in_a_scene_but_not_called():
    project = clean()
    del project.shoot_days[0].cast_calls[1]  # the vendor speaks in scene 1
    warning = only(project, cw.CAST_NOT_CALLED)
    assert str(warning) == "Day 1 (2027-03-15): #2 VENDOR (Jin Park) is in scene 1 (EXT. MARKET - NIGHT) but not called"


def test_no_cast_calls_means_the_scene_cast_is_called():
    project = clean()
    project.shoot_days[0].cast_calls = []
    assert kinds(project) == []


def test_two_shoot_days_on_one_date():
    project = clean()
    project.shoot_days.append(ShootDay(id="d2", date="2027-03-15", location_ids=["market"]))
    found = [w for w in cw.call_sheet_warnings(project) if w.kind == cw.SAME_DATE]
    assert [str(w) for w in found] == [
        "Day 1 (2027-03-15): 2027-03-15 is also the date of Day 2 (2027-03-15)",
        "Day 2 (2027-03-15): 2027-03-15 is also the date of Day 1 (2027-03-15)",
    ]


@pytest.mark.parametrize(
    ("break_it", "text"),
    [
        (lambda p: p.shoot_days[0].scene_ids.append("s-gone"), "scene 's-gone' is scheduled but no longer in the project"),
        (lambda p: p.shoot_days[0].location_ids.append("l-gone"), "location 'l-gone' is booked but no longer in the project"),
        (lambda p: p.shoot_days[0].cast_calls.append(CastCall(cast_id="c-gone")), "cast member 'c-gone' is called but no longer in the cast"),
        (lambda p: p.shoot_days[0].crew_calls.append(CrewCall(crew_id="w-gone")), "crew member 'w-gone' has a call but is no longer in the crew"),
        (lambda p: p.shoot_days[0].key_contact_ids.append("k-gone"), "key contact 'k-gone' is no longer in the crew"),
        (lambda p: setattr(p.scenes[0], "location_id", "l-gone"), "needs location 'l-gone', which is no longer in the project"),
    ],
)
def test_references_to_deleted_things(break_it, text):
    project = clean()
    break_it(project)
    warnings = [w for w in cw.call_sheet_warnings(project) if w.kind == cw.MISSING_REFERENCE]
    assert len(warnings) == 1 and text in warnings[0].message
    assert warnings[0].kind in cw.PRINTED_KINDS


def test_dates_times_and_time_zones_that_are_not_one():
    project = clean()
    day = project.shoot_days[0]
    day.date = "15/03/2027"
    day.lunch = "noonish"
    day.cast_calls[0].pickup = "25:99"
    project.locations[0].time_zone = "Mars/Olympus_Mons"
    messages = [str(w) for w in cw.call_sheet_warnings(project)]
    assert "Day 1 (15/03/2027): the date '15/03/2027' is not a date; write it as YYYY-MM-DD" in messages
    assert "Day 1 (15/03/2027): the lunch 'noonish' is not a time such as 07:30" in messages
    assert any("#1 MARA (Ana Lima): the pickup '25:99' is not a time" in m for m in messages)
    assert any("'Mars/Olympus_Mons' is not one the time zone database knows" in m for m in messages)


def test_two_cast_members_with_one_number():
    project = clean()
    project.cast[1].number = 1
    warning = only(project, cw.DUPLICATE_CAST_NUMBER)
    assert warning.day == "" and str(warning) == "cast number 1 is given to MARA (Ana Lima) and VENDOR (Jin Park)"
