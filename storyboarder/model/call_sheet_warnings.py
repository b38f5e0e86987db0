"""What is wrong or missing in the shooting schedule, as plain data each naming the day and the thing.

The editors show these beside the shoot days, ``storyboarder validate``
lists them, and the call sheet prints the ones that mean something it
should show is gone (a deleted scene, cast member or location).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cast import cast_label, cast_numbers, scene_cast_ids
from .clock import is_before, is_time, parse_time
from .numbering import scene_numbers
from .schedule import day_label, day_scenes, parse_date
from .shooting_time import day_fit
from .sun import known_time_zone

if TYPE_CHECKING:
    from .entities import CastMember, Project, Scene, ShootDay
    from .shooting_time import UnitTime

ON_SET_BEFORE_MAKEUP = "on_set_before_makeup"
LOCATION_NOT_BOOKED = "location_not_booked"
NO_HOSPITAL = "no_hospital"
CAST_NOT_CALLED = "cast_not_called"
SAME_DATE = "same_date"
MISSING_REFERENCE = "missing_reference"
BAD_DATE = "bad_date"
BAD_TIME = "bad_time"
UNKNOWN_TIME_ZONE = "unknown_time_zone"
DUPLICATE_CAST_NUMBER = "duplicate_cast_number"
DAY_TOO_LONG = "day_too_long"

#: Warnings the printed call sheet shows, because something it should list is gone.
PRINTED_KINDS = frozenset({MISSING_REFERENCE})


@dataclass(frozen=True)
class CallSheetWarning:
    """One problem with the schedule: which day (if any), what kind, about what, in words."""

    #: The shoot day's id, or empty for a problem of the whole cast list.
    day_id: str
    #: ``Day 2 (2027-03-16)``, or empty.
    day: str
    kind: str
    #: The thing it is about, as a user names it: ``scene 3``, ``MARA (Lena Okafor)``, ``crew call``.
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.day}: {self.message}" if self.day else self.message


def _scene_name(scene: Scene, numbers: dict[str, str]) -> str:
    heading = " ".join(scene.heading.split())
    number = numbers.get(scene.id, "?")
    return f"scene {number} ({heading})" if heading else f"scene {number}"


def day_warnings(project: Project, day: ShootDay, time: UnitTime | None = None) -> list[CallSheetWarning]:
    """Find what is wrong with one shoot day (``time``: the day on the clock, when the caller has it already)."""
    label = day_label(project, day)
    found: list[CallSheetWarning] = []

    def warn(kind: str, subject: str, message: str) -> None:
        found.append(CallSheetWarning(day.id, label, kind, subject, message))

    numbers = scene_numbers(project)
    scenes_by_id = {scene.id: scene for scene in project.scenes}
    cast = project.cast_by_id()
    crew_ids = {member.id for member in project.crew}
    locations = project.location_by_id()
    cast_no = cast_numbers(project)

    for scene_id in day.scene_ids:
        if scene_id not in scenes_by_id:
            warn(MISSING_REFERENCE, f"scene {scene_id}", f"scene {scene_id!r} is scheduled but no longer in the project")
    for location_id in day.location_ids:
        if location_id not in locations:
            warn(MISSING_REFERENCE, f"location {location_id}", f"location {location_id!r} is booked but no longer in the project")
    for call in day.cast_calls:
        if call.cast_id not in cast:
            warn(MISSING_REFERENCE, f"cast {call.cast_id}", f"cast member {call.cast_id!r} is called but no longer in the cast")
    for call in day.crew_calls:
        if call.crew_id not in crew_ids:
            warn(MISSING_REFERENCE, f"crew {call.crew_id}", f"crew member {call.crew_id!r} has a call but is no longer in the crew")
    for crew_id in day.key_contact_ids:
        if crew_id not in crew_ids:
            warn(MISSING_REFERENCE, f"crew {crew_id}", f"key contact {crew_id!r} is no longer in the crew")

    if day.date.strip() and parse_date(day.date) is None:
        warn(BAD_DATE, "date", f"the date {day.date.strip()[:40]!r} is not a date; write it as YYYY-MM-DD")
    for name, text in (("breakfast", day.breakfast), ("crew call", day.crew_call), ("shooting call", day.shooting_call),
                       ("lunch", day.lunch), ("estimated wrap", day.wrap)):
        if not is_time(text):
            warn(BAD_TIME, name, f"the {name} {text.strip()[:40]!r} is not a time such as 07:30")

    for call in day.cast_calls:
        member = cast.get(call.cast_id)
        if member is None:
            continue
        who = cast_label(member, cast_no.get(member.id))
        for name, text in (("pickup", call.pickup), ("hair and makeup call", call.makeup), ("on-set call", call.on_set)):
            if not is_time(text):
                warn(BAD_TIME, who, f"{who}: the {name} {text.strip()[:40]!r} is not a time such as 07:30")
        makeup, on_set = parse_time(call.makeup), parse_time(call.on_set)
        if makeup is not None and on_set is not None and is_before(on_set, makeup):
            warn(ON_SET_BEFORE_MAKEUP, who,
                 f"{who} is due on set at {call.on_set.strip()}, before their hair and makeup call at {call.makeup.strip()}")

    scenes = day_scenes(project, day)
    booked = set(day.location_ids)
    for scene in scenes:
        location_id = scene.location_id
        if not location_id:
            continue
        location = locations.get(location_id)
        if location is None:
            warn(MISSING_REFERENCE, _scene_name(scene, numbers),
                 f"{_scene_name(scene, numbers)} needs location {location_id!r}, which is no longer in the project")
        elif location_id not in booked:
            name = " ".join(location.name.split()) or location_id
            warn(LOCATION_NOT_BOOKED, _scene_name(scene, numbers),
                 f"{_scene_name(scene, numbers)} needs {name}, which the day has not booked")

    used = [locations[i] for i in dict.fromkeys([*day.location_ids, *(s.location_id for s in scenes if s.location_id)]) if i in locations]
    if not any(location.nearest_hospital.strip() for location in used):
        where = "the day's locations" if used else "the day (it has no location)"
        warn(NO_HOSPITAL, "nearest hospital", f"no nearest hospital is listed for {where}")
    for location in used:
        typed = location.time_zone.strip()
        if typed and not known_time_zone(typed):
            name = " ".join(location.name.split()) or location.id
            warn(UNKNOWN_TIME_ZONE, name, f"{name}: the time zone {typed[:60]!r} is not one the time zone database knows; "
                                          "sun times use the time zone at its coordinates")

    if day.cast_calls:
        called = {call.cast_id for call in day.cast_calls}
        for scene in scenes:
            for cast_id in scene_cast_ids(project, scene):
                if cast_id not in called:
                    who = cast_label(cast[cast_id], cast_no.get(cast_id))
                    warn(CAST_NOT_CALLED, who, f"{who} is in {_scene_name(scene, numbers)} but not called")
                    called.add(cast_id)  # once per person, at the first scene that needs them

    fit = day_fit(project, day, time)
    if fit.over > 0:
        warn(DAY_TOO_LONG, "estimated wrap", day_too_long_message(day, fit.needed, fit.available))

    found.extend(_same_date(project, day))
    return found


def day_too_long_message(day: ShootDay, needed: float, available: float | None) -> str:
    """Say that a day's shots need more time than its shooting call to wrap allows."""
    # Plain minutes: the hours-and-minutes wording belongs to the field formatters (``model.fields``).
    allowed = available or 0.0
    return (f"the day's shots are estimated at {needed:.0f} min with resets, but shooting call "
            f"{day.shooting_call.strip()} to wrap {day.wrap.strip()} allows {allowed:.0f} min "
            f"({needed - allowed:.0f} min over)")


def _same_date(project: Project, day: ShootDay) -> list[CallSheetWarning]:
    date = parse_date(day.date)
    if date is None:
        return []
    others = [other for other in project.shoot_days if other is not day and parse_date(other.date) == date]
    if not others:
        return []
    names = ", ".join(day_label(project, other) for other in others)
    label = day_label(project, day)
    return [CallSheetWarning(day.id, label, SAME_DATE, "date", f"{date.isoformat()} is also the date of {names}")]


def cast_list_warnings(project: Project) -> list[CallSheetWarning]:
    """Find cast numbers that two cast members share."""
    holders: dict[int, list[CastMember]] = {}
    for member in project.cast:
        if member.number is not None and member.number >= 1:
            holders.setdefault(member.number, []).append(member)
    found = []
    for number, members in sorted(holders.items()):
        if len(members) > 1:
            names = " and ".join(cast_label(member) for member in members)
            found.append(CallSheetWarning("", "", DUPLICATE_CAST_NUMBER, f"cast #{number}", f"cast number {number} is given to {names}"))
    return found


def call_sheet_warnings(project: Project) -> list[CallSheetWarning]:
    """Find everything wrong with the shooting schedule: the cast list, then each day in order."""
    found = cast_list_warnings(project)
    for day in project.shoot_days:
        found.extend(day_warnings(project, day))
    return found
