"""How long shooting takes, per shot, scene and day, resets included: the one estimate every paper prints.

The call sheet, the shot list (view, PDF and CSV), the planner's dialog and
``storyboarder plan`` all read their minutes from here:

* A shot takes its estimate (``shots.shot_minutes``: its panels'
  ``est_minutes``, or the project's ``default_shot_minutes``).
* Shots are filmed in *units*: each shoot day (the scenes it lists, in its
  order), then each scene that no day lists, on its own. A scene listed by
  several days belongs, here, to the first of them; each day's call sheet
  still counts it in full.
* A unit is filmed in ``ShootingPlan.order``: the shoot numbers kept from
  an earlier plan when any shot has one, else the planner's proposal, which
  is also what the plan dialog opens with.
* Before every shot but a unit's first come the camera and lighting resets
  the planner counts (``shooting_order.running_clock``). A reset is charged
  to the shot it comes before, so a scene's minutes are its shots' minutes
  plus the resets before them, and a day's are the sum of its scenes'.

A day's length is its shooting call to its estimated wrap, read with
``model.clock`` (which also reads a night shoot's wrap after midnight:
17:00 to 04:30 is 11 h 30 min).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .clock import minutes_after, parse_time
from .numbering import scene_numbers
from .schedule import day_scenes
from .shooting_order import ClockEntry, ShootingPlan, plan_day, plan_scene, running_clock

if TYPE_CHECKING:
    from .entities import Project, Scene, ShootDay
    from .shots import ShotId


@dataclass
class UnitTime:
    """One unit's shots on the clock in the order they will be shot, with what each scene adds up to."""

    plan: ShootingPlan
    #: The unit's day, or None for a scene planned on its own.
    day: ShootDay | None
    entries: list[ClockEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entries = running_clock(self.plan.order, self.plan.costs)

    @property
    def minutes(self) -> float:
        """The unit's estimate: every shot and every reset."""
        return sum(entry.minutes for entry in self.entries)

    def scene_minutes(self, scene: Scene) -> float:
        """A scene's share of the unit: its shots and the resets before them."""
        return sum(entry.minutes for entry in self.entries if entry.shot.scene is scene)

    def entry_of(self) -> dict[ShotId, ClockEntry]:
        """Each shot's clock entry by shot."""
        return {entry.shot.id: entry for entry in self.entries}


def day_time(project: Project, day: ShootDay, numbers: dict[str, str] | None = None) -> UnitTime:
    """A shoot day's shots on the clock, as it will be shot."""
    return UnitTime(plan_day(project, day, numbers), day)


def scene_time(project: Project, scene: Scene, numbers: dict[str, str] | None = None) -> UnitTime:
    """A scene planned on its own, on the clock."""
    return UnitTime(plan_scene(project, scene, numbers), None)


@dataclass
class ShootingTimes:
    """Every unit of the project on the clock: what each shot, scene and day takes."""

    units: list[UnitTime]
    #: Each shot's entry in its unit, by shot.
    entries: dict[ShotId, ClockEntry]
    #: Each scene's minutes in its unit (its first day's, or its own), by scene id.
    scenes: dict[str, float]
    #: Each shoot day's minutes, by day id.
    days: dict[str, float]

    def shot_minutes(self, shot: ShotId) -> float:
        """A shot's share of its unit: the resets before it and its own time (0 for a shot not in the project)."""
        entry = self.entries.get(shot)
        return entry.minutes if entry is not None else 0.0

    def total(self, shots: Iterable[ShotId]) -> float:
        """What some shots take, each counted once, with the resets before each."""
        return sum(self.shot_minutes(shot) for shot in dict.fromkeys(shots))


def shooting_times(project: Project) -> ShootingTimes:
    """Put every shoot day, and every scene on no day, on the clock."""
    numbers = scene_numbers(project)
    units: list[UnitTime] = []
    placed: set[str] = set()
    for day in project.shoot_days:
        placed.update(scene.id for scene in day_scenes(project, day))
        units.append(day_time(project, day, numbers))
    for scene in project.scenes:
        if scene.id not in placed and scene.panels:
            units.append(scene_time(project, scene, numbers))
            placed.add(scene.id)
    entries: dict[ShotId, ClockEntry] = {}
    scenes: dict[str, float] = {}
    days: dict[str, float] = {}
    for unit in units:
        if unit.day is not None:
            days.setdefault(unit.day.id, unit.minutes)
        for entry in unit.entries:
            if entry.shot.id in entries:
                continue  # a scene on a later day too: it belongs to its first
            entries[entry.shot.id] = entry
            scenes[entry.shot.scene.id] = scenes.get(entry.shot.scene.id, 0.0) + entry.minutes
    return ShootingTimes(units, entries, scenes, days)


@dataclass(frozen=True)
class DayLength:
    """How long a shoot day is (shooting call to estimated wrap) against what its shots need."""

    #: Minutes from the shooting call to the wrap, or None when either is missing or not a time.
    available: float | None
    needed: float

    @property
    def over(self) -> float:
        """How many minutes the estimate runs past the wrap (0 when it fits or the day has no times)."""
        if self.available is None:
            return 0.0
        return max(0.0, self.needed - self.available)


def day_length(day: ShootDay) -> float | None:
    """Minutes from a day's shooting call to its estimated wrap, across midnight; None without both times."""
    start, wrap = parse_time(day.shooting_call), parse_time(day.wrap)
    if start is None or wrap is None:
        return None
    return float(minutes_after(wrap, start))


def day_fit(project: Project, day: ShootDay, time: UnitTime | None = None) -> DayLength:
    """Whether a day's estimated shooting time fits between its shooting call and its wrap."""
    time = time if time is not None else day_time(project, day)
    return DayLength(day_length(day), time.minutes)
