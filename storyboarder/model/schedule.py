"""The shooting schedule: day numbers, dates, and who works which day.

Shoot days are numbered in the order of ``Project.shoot_days``, which is
the schedule: "Day 2 of 5" is the second entry.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from .cast import scene_cast_ids

if TYPE_CHECKING:
    from .entities import Project, Scene, ShootDay

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

#: Cast statuses that do not mean working in front of the camera that day.
NOT_WORKING = frozenset({"H", "T", "D"})


def parse_date(text: str) -> datetime.date | None:
    """Read a shoot day's ISO date (``2027-03-15``); None when empty or not a date."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def format_date(date: datetime.date) -> str:
    """Write a date as call sheets do: ``Monday 15 March 2027``."""
    return f"{_WEEKDAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]} {date.year}"


def day_number(project: Project, day: ShootDay) -> int:
    """Return a shoot day's number (1-based) in the schedule; 0 if it is not in the project."""
    for index, candidate in enumerate(project.shoot_days, start=1):
        if candidate is day or candidate.id == day.id:
            return index
    return 0


def day_label(project: Project, day: ShootDay) -> str:
    """Name a shoot day in messages: ``Day 2 (2027-03-16)``, or ``Day 2`` without a date."""
    number = day_number(project, day)
    date = " ".join(day.date.split())
    return f"Day {number} ({date})" if date else f"Day {number}"


def day_scenes(project: Project, day: ShootDay) -> list[Scene]:
    """The scenes a day shoots, in shooting order; ids of deleted scenes, and repeats, are left out."""
    by_id = {scene.id: scene for scene in project.scenes}
    return [by_id[scene_id] for scene_id in dict.fromkeys(day.scene_ids) if scene_id in by_id]


def day_cast_ids(project: Project, day: ShootDay) -> list[str]:
    """The cast in a day's scenes, in cast-list order: who the day calls unless told otherwise."""
    found: set[str] = set()
    for scene in day_scenes(project, day):
        found.update(scene_cast_ids(project, scene))
    return [member.id for member in project.cast if member.id in found]


def next_day(project: Project, day: ShootDay) -> ShootDay | None:
    """The shoot day after this one in the schedule, or None on the last day."""
    number = day_number(project, day)
    if 0 < number < len(project.shoot_days):
        return project.shoot_days[number]
    return None


def work_days(project: Project) -> dict[str, list[int]]:
    """Return, by cast id, the numbers of the days each cast member works (in a scene, or called to work)."""
    days: dict[str, list[int]] = {}
    for number, day in enumerate(project.shoot_days, start=1):
        working = set(day_cast_ids(project, day))
        for call in day.cast_calls:
            if call.status.strip().upper() not in NOT_WORKING:
                working.add(call.cast_id)
        for cast_id in working:
            days.setdefault(cast_id, []).append(number)
    return days


def suggested_status(project: Project, day: ShootDay, cast_id: str, worked: dict[str, list[int]] | None = None) -> str:
    """The status the schedule implies for a cast member on a day: SW, W, WF, SWF, H, or empty.

    SW on the first day they work, WF on the last, SWF when it is both, W in
    between, and H (hold) on a day between two work days that they don't work.
    """
    worked = work_days(project) if worked is None else worked
    numbers = worked.get(cast_id, [])
    today = day_number(project, day)
    if not numbers or not today:
        return ""
    if today not in numbers:
        return "H" if numbers[0] < today < numbers[-1] else ""
    first, last = today == numbers[0], today == numbers[-1]
    if first and last:
        return "SWF"
    if first:
        return "SW"
    if last:
        return "WF"
    return "W"
