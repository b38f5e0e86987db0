"""A shoot day's call sheet as plain data, derived from the project rather than retyped.

``build_call_sheet`` gathers everything a call sheet prints for one day:
the scenes with their pages, cast numbers, shots, setups and running time
from the storyboard; the cast called (by default the cast of the day's
scenes) with statuses the schedule implies; crew calls resolved from
department calls and personal overrides; sun times at the location; the
equipment the day's shots need; and the next day's scenes. The PDF export
and the editors both read this, so every rule lives here once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .call_sheet_warnings import CallSheetWarning, day_warnings
from .cast import cast_numbers, scene_cast_ids
from .departments import SPECIAL_INSTRUCTIONS, department_order, standard_department
from .equipment import EquipmentItem, day_shot_order, equipment_checklist
from .numbering import scene_duration_ms, scene_numbers
from .pages import total_eighths
from .scene_facts import int_ext, scene_day_night, set_name
from .schedule import day_cast_ids, day_number, day_scenes, format_date, next_day, parse_date, suggested_status, work_days
from .setups import setup_count
from .shooting_time import UnitTime, day_length, day_time
from .sun import SunTimes, location_time_zone, sun_times, valid_coordinates

if TYPE_CHECKING:
    from .entities import BackgroundCall, Location, Project, Scene, ShootDay

#: Crew roles printed in the header as the producers.
_PRODUCER_WORDS = ("producer",)
_NOT_PRODUCER_WORDS = ("assistant", "coordinator", "secretary")
#: Departments whose crew are the key contacts when a day names none.
KEY_CONTACT_DEPARTMENTS = ("Production", "Direction", "Locations")


@dataclass
class Hospital:
    """The nearest hospital, read from a location's ``nearest_hospital`` lines: name, address, phone."""

    name: str = ""
    address: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.address or self.phone)


@dataclass
class LocationLine:
    """A location the day uses, as the call sheet lists it."""

    location_id: str
    name: str
    address: str
    parking: str
    hospital: Hospital
    contact: str
    notes: str
    time_zone: str
    latitude: float | None
    longitude: float | None
    #: False for a location a scene needs that the day did not book.
    booked: bool = True


@dataclass
class SceneLine:
    """One scene of the day (or of the advance schedule)."""

    scene_id: str
    number: str
    heading: str
    set_name: str
    description: str
    int_ext: str
    day_night: str
    pages_eighths: int | None
    cast_numbers: list[int]
    shots: int
    setups: int
    running_ms: int
    #: Estimated shooting time on the day, resets before its shots included (``model.shooting_time``).
    est_minutes: float
    #: Shots of the scene nobody estimated, counted at the project's default minutes.
    unestimated_shots: int
    location: str


@dataclass
class CastLine:
    """One cast member called on the day."""

    cast_id: str
    number: int
    character: str
    actor: str
    status: str
    pickup: str = ""
    makeup: str = ""
    on_set: str = ""
    remarks: str = ""
    #: True when the status is the one the schedule implies, not one typed for the day.
    status_derived: bool = False
    #: True when the day has no cast calls and this member is called because they are in its scenes.
    defaulted: bool = False


@dataclass
class CrewLine:
    """One crew member and their call."""

    crew_id: str
    name: str
    role: str
    phone: str
    call: str
    #: Where the call comes from: ``own`` (a personal override), ``department`` or ``general``.
    source: str


@dataclass
class DepartmentBlock:
    """A department's crew and its call on the day, in call-sheet order."""

    department: str
    call: str
    crew: list[CrewLine] = field(default_factory=list)


@dataclass
class Contact:
    """A key contact: who, what they do, how to reach them."""

    name: str
    role: str
    phone: str


@dataclass
class AdvanceDay:
    """The next shoot day, as the advance schedule prints it."""

    day_number: int
    date: str
    crew_call: str
    scenes: list[SceneLine]
    locations: list[str]
    total_pages_eighths: int


@dataclass
class CallSheet:
    """Everything one shoot day's call sheet prints."""

    day_id: str
    day_number: int
    day_count: int
    date: datetime.date | None
    date_text: str
    production: str
    title: str
    director: str
    producers: list[str]
    crew_call: str
    shooting_call: str
    breakfast: str
    lunch: str
    wrap: str
    closed_set: bool
    revision_color: str
    weather: str
    sun: SunTimes | None
    #: Where the sun times are for, or why there are none.
    sun_place: str
    locations: list[LocationLine]
    scenes: list[SceneLine]
    total_pages_eighths: int
    #: True when some scene of the day has no page count, so the total is a lower bound.
    pages_incomplete: bool
    total_shots: int
    total_setups: int
    total_running_ms: int
    #: The day's estimated shooting time, resets included: what the planner's clock says the day takes.
    total_est_minutes: float
    #: Shots of the day nobody estimated, counted at the project's default minutes.
    unestimated_shots: int
    #: Minutes from the shooting call to the estimated wrap, or None without both.
    day_length_minutes: float | None
    cast: list[CastLine]
    background: list[BackgroundCall]
    crew: list[DepartmentBlock]
    department_notes: list[tuple[str, str]]
    equipment: list[EquipmentItem]
    #: The day's shot labels in shooting order, to print the shots an item serves as ranges.
    shot_order: list[str]
    advance: AdvanceDay | None
    notes: str
    safety: str
    walkie_channels: list[str]
    key_contacts: list[Contact]
    warnings: list[CallSheetWarning]

    @property
    def background_count(self) -> int:
        """How many background performers are called in all."""
        return sum(call.count for call in self.background if call.count is not None and call.count > 0)


def hospital_of(location: Location) -> Hospital:
    """Read a location's nearest hospital: first line the name, the last a phone when it looks like one."""
    lines = [" ".join(line.split()) for line in location.nearest_hospital.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Hospital()
    name, rest = lines[0], lines[1:]
    phone = ""
    if rest and _looks_like_phone(rest[-1]):
        phone = rest.pop()
    return Hospital(name, ", ".join(rest), phone)


def _looks_like_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return digits >= 3 and digits >= len(text.replace(" ", "")) * 0.5


def _location_line(location: Location, booked: bool) -> LocationLine:
    return LocationLine(
        location_id=location.id,
        name=" ".join(location.name.split()),
        address=location.address.strip(),
        parking=location.parking.strip(),
        hospital=hospital_of(location),
        contact=location.contact.strip(),
        notes=location.notes.strip(),
        time_zone=location_time_zone(location),
        latitude=location.latitude,
        longitude=location.longitude,
        booked=booked,
    )


def scene_line(project: Project, scene: Scene, numbers: dict[str, str], cast_no: dict[str, int],
               day_night: dict[str, str], time: UnitTime) -> SceneLine:
    """Describe one scene as a call sheet's scene table prints it, timed as part of its day (``time``)."""
    locations = project.location_by_id()
    location = locations.get(scene.location_id or "")
    shots = [entry.shot for entry in time.entries if entry.shot.scene is scene]
    return SceneLine(
        scene_id=scene.id,
        number=numbers.get(scene.id, "?"),
        heading=" ".join(scene.heading.split()),
        set_name=set_name(scene),
        description=scene.description.strip(),
        int_ext=int_ext(scene),
        day_night=day_night.get(scene.id, ""),
        pages_eighths=scene.pages_eighths if scene.pages_eighths is not None and scene.pages_eighths >= 0 else None,
        cast_numbers=sorted(cast_no[cast_id] for cast_id in scene_cast_ids(project, scene) if cast_id in cast_no),
        shots=len(shots),
        setups=setup_count(shot.shot for shot in shots),
        running_ms=scene_duration_ms(scene),
        est_minutes=time.scene_minutes(scene),
        unestimated_shots=sum(not shot.estimated for shot in shots),
        location=" ".join(location.name.split()) if location else "",
    )


def producers(project: Project) -> list[str]:
    """The producers the header names: crew whose role is a producer, as ``Name (Role)``."""
    names = []
    for member in project.crew:
        role = member.role.casefold()
        if any(word in role for word in _PRODUCER_WORDS) and not any(word in role for word in _NOT_PRODUCER_WORDS):
            name = " ".join(member.name.split())
            if name:
                names.append(f"{name} ({' '.join(member.role.split())})")
    return names


def crew_calls(project: Project, day: ShootDay) -> list[DepartmentBlock]:
    """Resolve every crew member's call: their own, else their department's, else the general crew call."""
    defaults: dict[str, str] = {}
    for department_call in day.department_calls:
        department = standard_department(department_call.department)
        if department_call.call.strip() and department not in defaults:
            defaults[department] = department_call.call.strip()
    own = {call.crew_id: call.call.strip() for call in day.crew_calls if call.call.strip()}
    general = day.crew_call.strip()
    blocks: dict[str, DepartmentBlock] = {}
    for department, call in defaults.items():
        blocks[department] = DepartmentBlock(department, call)
    for member in project.crew:
        department = standard_department(member.department)
        block = blocks.get(department)
        if block is None:
            block = blocks[department] = DepartmentBlock(department, defaults.get(department, general))
        if member.id in own:
            call, source = own[member.id], "own"
        elif department in defaults:
            call, source = defaults[department], "department"
        else:
            call, source = general, "general"
        block.crew.append(CrewLine(member.id, " ".join(member.name.split()), " ".join(member.role.split()),
                                   member.phone.strip(), call, source))
    return sorted(blocks.values(), key=lambda block: department_order(block.department))


def key_contacts(project: Project, day: ShootDay) -> list[Contact]:
    """The day's key contacts: the crew it names, or else production, direction and locations crew with a phone."""
    crew = {member.id: member for member in project.crew}
    if day.key_contact_ids:
        members = [crew[crew_id] for crew_id in day.key_contact_ids if crew_id in crew]
    else:
        members = [m for m in project.crew if standard_department(m.department) in KEY_CONTACT_DEPARTMENTS and m.phone.strip()]
        members.sort(key=lambda m: department_order(standard_department(m.department)))
    return [Contact(" ".join(m.name.split()), " ".join(m.role.split()), m.phone.strip()) for m in members]


def cast_called(project: Project, day: ShootDay) -> list[CastLine]:
    """The cast the day calls, by cast number: its cast calls, or else the cast of its scenes."""
    numbers = cast_numbers(project)
    members = project.cast_by_id()
    worked = work_days(project)
    lines: list[CastLine] = []
    if day.cast_calls:
        for call in day.cast_calls:
            member = members.get(call.cast_id)
            if member is None:
                continue  # a deleted cast member: ``day_warnings`` names it
            status = " ".join(call.status.split()).upper()
            derived = not status
            if derived:
                status = suggested_status(project, day, member.id, worked)
            lines.append(CastLine(member.id, numbers[member.id], " ".join(member.character.split()),
                                  " ".join(member.actor.split()), status, call.pickup.strip(), call.makeup.strip(),
                                  call.on_set.strip(), call.remarks.strip(), derived))
    else:
        for cast_id in day_cast_ids(project, day):
            member = members[cast_id]
            lines.append(CastLine(member.id, numbers[member.id], " ".join(member.character.split()),
                                  " ".join(member.actor.split()), suggested_status(project, day, cast_id, worked),
                                  status_derived=True, defaulted=True))
    lines.sort(key=lambda line: line.number)
    return lines


def day_locations(project: Project, day: ShootDay, scenes: list[Scene]) -> list[LocationLine]:
    """The locations a day lists: those booked, then any a scene needs that nobody booked."""
    by_id = project.location_by_id()
    lines = [_location_line(by_id[location_id], True) for location_id in dict.fromkeys(day.location_ids) if location_id in by_id]
    booked = set(day.location_ids)
    for scene in scenes:
        if scene.location_id and scene.location_id not in booked and scene.location_id in by_id:
            booked.add(scene.location_id)
            lines.append(_location_line(by_id[scene.location_id], False))
    return lines


def _sun(date: datetime.date | None, locations: list[LocationLine]) -> tuple[SunTimes | None, str]:
    if date is None:
        return None, "no date for the day"
    for line in locations:
        if valid_coordinates(line.latitude, line.longitude):
            return sun_times(line.latitude, line.longitude, date, line.time_zone), line.name or "(unnamed location)"
    if not locations:
        return None, "no location for the day"
    return None, "no coordinates for the day's locations"


def build_call_sheet(project: Project, day: ShootDay) -> CallSheet:
    """Gather everything one shoot day's call sheet prints, derived from the project."""
    numbers = scene_numbers(project)
    cast_no = cast_numbers(project)
    day_night = scene_day_night(project)
    scenes = day_scenes(project, day)
    time = day_time(project, day)
    lines = [scene_line(project, scene, numbers, cast_no, day_night, time) for scene in scenes]
    date = parse_date(day.date)
    locations = day_locations(project, day, scenes)
    sun, sun_place = _sun(date, locations)
    instructions = day.instructions
    notes = [(label, getattr(instructions, name).strip()) for name, label in SPECIAL_INSTRUCTIONS]
    upcoming = next_day(project, day)
    advance = None
    if upcoming is not None:
        upcoming_scenes = day_scenes(project, upcoming)
        upcoming_time = day_time(project, upcoming)
        upcoming_lines = [scene_line(project, scene, numbers, cast_no, day_night, upcoming_time) for scene in upcoming_scenes]
        upcoming_date = parse_date(upcoming.date)
        advance = AdvanceDay(
            day_number=day_number(project, upcoming),
            date=format_date(upcoming_date) if upcoming_date else " ".join(upcoming.date.split()),
            crew_call=upcoming.crew_call.strip(),
            scenes=upcoming_lines,
            locations=[line.name for line in day_locations(project, upcoming, upcoming_scenes)],
            total_pages_eighths=total_eighths(line.pages_eighths for line in upcoming_lines),
        )
    return CallSheet(
        day_id=day.id,
        day_number=day_number(project, day),
        day_count=len(project.shoot_days),
        date=date,
        date_text=format_date(date) if date else " ".join(day.date.split()),
        production=" ".join(project.production.split()),
        title=" ".join(project.title.split()),
        director=" ".join(project.director.split()),
        producers=producers(project),
        crew_call=day.crew_call.strip(),
        shooting_call=day.shooting_call.strip(),
        breakfast=day.breakfast.strip(),
        lunch=day.lunch.strip(),
        wrap=day.wrap.strip(),
        closed_set=day.closed_set,
        revision_color=" ".join(day.revision_color.split()),
        weather=day.weather.strip(),
        sun=sun,
        sun_place=sun_place,
        locations=locations,
        scenes=lines,
        total_pages_eighths=total_eighths(line.pages_eighths for line in lines),
        pages_incomplete=any(line.pages_eighths is None for line in lines),
        total_shots=sum(line.shots for line in lines),
        total_setups=sum(line.setups for line in lines),
        total_running_ms=sum(line.running_ms for line in lines),
        total_est_minutes=time.minutes,
        unestimated_shots=sum(line.unestimated_shots for line in lines),
        day_length_minutes=day_length(day),
        cast=cast_called(project, day),
        background=list(day.background),
        crew=crew_calls(project, day),
        department_notes=[(label, text) for label, text in notes if text],
        equipment=equipment_checklist(project, scenes),
        shot_order=day_shot_order(project, scenes),
        advance=advance,
        notes=day.notes.strip(),
        safety=day.safety.strip(),
        walkie_channels=[" ".join(line.split()) for line in day.walkie_channels.splitlines() if line.strip()],
        key_contacts=key_contacts(project, day),
        warnings=day_warnings(project, day, time),
    )


__all__ = [
    "AdvanceDay",
    "CallSheet",
    "CastLine",
    "Contact",
    "CrewLine",
    "DepartmentBlock",
    "Hospital",
    "LocationLine",
    "SceneLine",
    "build_call_sheet",
    "cast_called",
    "crew_calls",
    "day_locations",
    "hospital_of",
    "key_contacts",
    "producers",
    "scene_line",
]
