"""Plan the order shots are filmed in, so that camera and lighting setups are reset as rarely as possible.

A plan covers a *unit*: one scene, or one shoot day (the scenes in its
``scene_ids``, in that order). It orders whole shots (a panel with
``new_shot`` false stays with its shot) and is kept in ``Panel.shoot_order``,
numbered 1..N across the unit; story order is never touched.

What counts as the same camera or lighting setup is ``model.setups``'s
rule (a named setup with its lens, within a scene; a lighting setup by name
at a location), and which panels form a shot, and how long a shot takes,
``model.shots``'s.

A reset is a change between two consecutive shots; the first shot of a
unit is set up before the shooting call, so it costs none. The plan is
chosen among a few orderings (camera setups together, then lighting; lighting
together, then camera; a greedy cheapest-next order; story order) as the one
with the fewest reset minutes (then resets) whose camera *and* lighting
resets are each no more than story order's; story order itself when no
other saves anything. Shots that share both setups keep their story order,
and the same input always gives the same plan.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Hashable, Iterable

from .clock import parse_time
from .entities import DEFAULT_CAMERA_RESET_MINUTES, DEFAULT_LIGHTING_RESET_MINUTES, DEFAULT_SHOT_MINUTES
from .numbering import scene_numbers
from .schedule import day_scenes
from .setups import CameraSetup, LightingSetup, camera_setup, lighting_setup
from .shots import scene_shots, shot_minutes

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene, ShootDay
    from . import shots as shot_model


@dataclass(frozen=True, eq=False)
class Shot:
    """One shot of a planning unit: the shot, where it sits in the unit, its setups and its estimated shooting time."""

    # Left out of the repr: a shot's repr holds its scene, and a plan holds every shot.
    shot: shot_model.Shot = field(repr=False)
    #: Position in the unit's story order, from 0.
    position: int
    camera_key: CameraSetup
    #: None when the shot names no lighting setup.
    lighting_key: LightingSetup | None
    minutes: float
    #: Whether the minutes are the project default because no panel of the shot is estimated.
    estimated: bool = True

    @property
    def id(self) -> shot_model.ShotId:
        """Which shot this is (scene and label)."""
        return self.shot.id

    @property
    def scene(self) -> Scene:
        """The scene the shot belongs to."""
        return self.shot.scene

    @property
    def panels(self) -> tuple[Panel, ...]:
        """The shot's panels in story order."""
        return self.shot.panels

    @property
    def label(self) -> str:
        """The shot's label, such as ``12A``."""
        return self.shot.label

    @property
    def first(self) -> Panel:
        """The panel that starts the shot."""
        return self.shot.first

    @property
    def shoot_order(self) -> int | None:
        """The saved shoot number: the first one any of its panels has."""
        return self.shot.shoot_order


@dataclass(frozen=True)
class Costs:
    """What the clock charges: minutes per camera reset, per lighting reset, and per unestimated shot."""

    camera_reset: float = DEFAULT_CAMERA_RESET_MINUTES
    lighting_reset: float = DEFAULT_LIGHTING_RESET_MINUTES
    shot: float = DEFAULT_SHOT_MINUTES

    @classmethod
    def of(cls, project: Project) -> Costs:
        """The costs a project is configured with (negative values count as 0)."""
        return cls(
            max(0.0, project.camera_reset_minutes),
            max(0.0, project.lighting_reset_minutes),
            max(0.0, project.default_shot_minutes),
        )


@dataclass(frozen=True)
class Resets:
    """How many camera and lighting resets an order needs."""

    camera: int = 0
    lighting: int = 0

    def minutes(self, costs: Costs) -> float:
        """The time these resets take."""
        return self.camera * costs.camera_reset + self.lighting * costs.lighting_reset


@dataclass(frozen=True)
class ClockEntry:
    """One shot on the day's clock: when it starts and ends, and what was reset before it."""

    shot: Shot
    #: Minutes from the start of shooting (the shooting call, when the unit has one).
    start: float
    end: float
    camera_reset: bool
    lighting_reset: bool

    #: The minutes of the resets before it (charged to this shot).
    reset_minutes: float = 0.0

    @property
    def minutes(self) -> float:
        """The shot's share of the unit's time: the resets before it and its own shooting time."""
        return self.reset_minutes + (self.end - self.start)


@dataclass
class ShootingPlan:
    """A unit's shots in story order and in the planned order, with the resets and time of each.

    ``order`` is the order the unit will be shot in, which every paper's
    estimate runs on: the shoot numbers kept from an earlier plan when any
    shot has one, else the planner's proposal.
    """

    shots: list[Shot]
    planned: list[Shot]
    costs: Costs
    #: Minutes after midnight that shooting starts (the day's shooting call), or None.
    start: float | None = None
    story_resets: Resets = field(init=False)
    plan_resets: Resets = field(init=False)

    def __post_init__(self) -> None:
        self.story_resets = count_resets(self.shots)
        self.plan_resets = count_resets(self.planned)

    @property
    def kept(self) -> bool:
        """Whether an order was kept before (some shot has a shoot number)."""
        return any(shot.shoot_order is not None for shot in self.shots)

    @property
    def order(self) -> list[Shot]:
        """The order the unit will be shot in: the kept one, else the planner's."""
        return saved_order(self.shots) if self.kept else list(self.planned)

    @property
    def minutes(self) -> float:
        """How long shooting in ``order`` takes, resets included: the unit's estimate on every paper."""
        return total_minutes(self.order, self.costs)

    @property
    def story_minutes(self) -> float:
        """How long shooting in story order takes, resets included."""
        return total_minutes(self.shots, self.costs)

    @property
    def plan_minutes(self) -> float:
        """How long shooting in the planned order takes, resets included."""
        return total_minutes(self.planned, self.costs)

    def clock(self) -> list[ClockEntry]:
        """The planned order on the clock."""
        return running_clock(self.planned, self.costs)


# Units -------------------------------------------------------------------------


def planned_shots(scene: Scene, number: str, skip: str, costs: Costs, start: int = 0) -> list[Shot]:
    """The shots of one scene in story order, ready to plan, positions counted from ``start``."""
    shots = []
    for offset, shot in enumerate(scene_shots(scene, number, skip)):
        minutes, estimated = shot_minutes(shot.panels, costs.shot)
        shots.append(Shot(shot, start + offset, camera_setup(shot), lighting_setup(shot), minutes, estimated))
    return shots


def unit_shots(project: Project, scenes: Iterable[Scene], costs: Costs | None = None,
               numbers: dict[str, str] | None = None) -> list[Shot]:
    """The shots of several scenes, scene after scene, in story order within each (``numbers``: the scene numbers, if known)."""
    costs = costs or Costs.of(project)
    numbers = numbers if numbers is not None else scene_numbers(project)
    shots: list[Shot] = []
    for scene in dict.fromkeys(scenes):
        shots.extend(planned_shots(scene, numbers[scene.id], project.skip_letters, costs, len(shots)))
    return shots


def format_clock(minutes: float, start: float | None = None) -> str:
    """Format a clock reading: ``19:45`` from a start time (wrapping past midnight), else elapsed ``+1:15``.

    A reading a whole day or more after the start says so, ``07:00+2d``: a
    plan can run for days (a shot may be estimated at a day), and without the
    count its clock would read as if it were the same day.
    """
    total = round(minutes + (start or 0.0))
    if start is None:
        hours, mins = divmod(max(0, total), 60)
        return f"+{hours}:{mins:02d}"
    hours, mins = divmod(total % (24 * 60), 60)
    days = int(max(0.0, minutes) // (24 * 60))
    return f"{hours:02d}:{mins:02d}" + (f"+{days}d" if days else "")


# Counting ----------------------------------------------------------------------


def _steps(order: list[Shot]) -> Iterable[tuple[Shot, bool, bool]]:
    """Yield each shot with whether a camera and a lighting reset come before it."""
    camera: Hashable = object()
    light: Hashable | None = None
    for index, shot in enumerate(order):
        camera_reset = index > 0 and shot.camera_key != camera
        lighting_reset = shot.lighting_key is not None and light is not None and shot.lighting_key != light
        camera = shot.camera_key
        if shot.lighting_key is not None:
            light = shot.lighting_key
        yield shot, camera_reset, lighting_reset


def count_resets(order: list[Shot]) -> Resets:
    """Count the camera and lighting resets shooting in this order needs."""
    camera = lighting = 0
    for _shot, camera_reset, lighting_reset in _steps(order):
        camera += camera_reset
        lighting += lighting_reset
    return Resets(camera, lighting)


def running_clock(order: list[Shot], costs: Costs) -> list[ClockEntry]:
    """Put an order on the clock: each shot's start and end, resets before it included."""
    entries = []
    now = 0.0
    for shot, camera_reset, lighting_reset in _steps(order):
        resets = costs.camera_reset * camera_reset + costs.lighting_reset * lighting_reset
        now += resets
        entries.append(ClockEntry(shot, now, now + shot.minutes, camera_reset, lighting_reset, resets))
        now += shot.minutes
    return entries


def total_minutes(order: list[Shot], costs: Costs) -> float:
    """How long shooting in this order takes, resets included."""
    return sum(shot.minutes for shot in order) + count_resets(order).minutes(costs)


# Planning ----------------------------------------------------------------------


def plan_order(shots: list[Shot], costs: Costs = Costs()) -> list[Shot]:
    """Return the shots in the order to film them (see the module docstring for the rules)."""
    if len(shots) < 2:
        return list(shots)
    story = count_resets(shots)
    candidates: list[Callable[[list[Shot]], list[Shot]]] = [
        lambda s: _grouped(s, lambda x: x.camera_key, lambda x: x.lighting_key),
        lambda s: _grouped(s, lambda x: x.lighting_key, lambda x: x.camera_key),
        lambda s: _greedy(s, costs),
    ]
    # Story order wins a tie: shots are never shuffled for nothing.
    best, best_rank = list(shots), (story.minutes(costs), story.camera, story.lighting, -1)
    for index, build in enumerate(candidates):
        order = build(shots)
        resets = count_resets(order)
        if resets.camera > story.camera or resets.lighting > story.lighting:
            continue
        rank = (resets.minutes(costs), resets.camera, resets.lighting, index)
        if rank < best_rank:
            best, best_rank = order, rank
    return best


def _grouped(shots: list[Shot], outer: Callable[[Shot], Hashable], inner: Callable[[Shot], Hashable]) -> list[Shot]:
    """Shots grouped by ``outer`` key, and by ``inner`` key inside each group.

    Groups follow one another so that the inner key carries across a
    boundary where it can: the next group is the first one that has the
    inner key the last shot ended on, and a group ends on an inner key a
    later group shares.
    """
    blocks: dict[Hashable, dict[Hashable, list[Shot]]] = {}
    for shot in shots:
        blocks.setdefault(outer(shot), {}).setdefault(inner(shot), []).append(shot)
    order = list(blocks)
    # Which blocks hold each inner key, in first-appearance order, for finding the next block.
    holders: dict[Hashable, deque[Hashable]] = {}
    remaining_with: dict[Hashable, int] = {}
    for key in order:
        for inner_key in blocks[key]:
            holders.setdefault(inner_key, deque()).append(key)
            remaining_with[inner_key] = remaining_with.get(inner_key, 0) + 1
    done: set[Hashable] = set()
    pending = deque(order)
    result: list[Shot] = []
    state: Hashable | None = None
    while pending:
        chosen = None
        if state is not None and state in holders:
            queue = holders[state]
            while queue and queue[0] in done:
                queue.popleft()
            if queue:
                chosen = queue[0]
        if chosen is None:
            while pending[0] in done:
                pending.popleft()
            chosen = pending[0]
        done.add(chosen)
        while pending and pending[0] in done:
            pending.popleft()
        groups = blocks[chosen]
        for inner_key in groups:
            remaining_with[inner_key] -= 1
        first_appearance = list(groups)
        ordered = sorted(
            first_appearance,
            key=lambda k: (k != state, remaining_with[k] > 0, first_appearance.index(k)),
        )
        for inner_key in ordered:
            result.extend(groups[inner_key])
            if inner_key is not None:
                state = inner_key
    return result


def _greedy(shots: list[Shot], costs: Costs) -> list[Shot]:
    """Cheapest next shot first (ties to the earliest in story order), starting from the first shot.

    Only the earliest remaining shot of each bucket can be the cheapest of
    its kind, so each step looks at a handful of bucket heads, not every shot.
    """
    by_camera: dict[Hashable, deque[Shot]] = {}
    by_light: dict[Hashable | None, deque[Shot]] = {}
    by_pair: dict[tuple, deque[Shot]] = {}
    for shot in shots:
        by_camera.setdefault(shot.camera_key, deque()).append(shot)
        by_light.setdefault(shot.lighting_key, deque()).append(shot)
        by_pair.setdefault((shot.camera_key, shot.lighting_key), deque()).append(shot)
    everything = deque(shots)
    taken: set[int] = set()

    def head(queue: deque[Shot] | None) -> Shot | None:
        while queue and id(queue[0]) in taken:
            queue.popleft()
        return queue[0] if queue else None

    result: list[Shot] = []
    camera: Hashable = object()
    light: Hashable | None = None
    while len(result) < len(shots):
        if not result:
            heads = [head(everything)]
        else:
            heads = [
                head(by_pair.get((camera, light))),
                head(by_pair.get((camera, None))),
                head(by_camera.get(camera)),
                head(by_light.get(light)),
                head(by_light.get(None)),
                head(everything),
            ]

        def cost(shot: Shot) -> float:
            camera_cost = costs.camera_reset if result and shot.camera_key != camera else 0.0
            changes_light = shot.lighting_key is not None and light is not None and shot.lighting_key != light
            return camera_cost + (costs.lighting_reset if changes_light else 0.0)

        chosen = min((s for s in heads if s is not None), key=lambda s: (cost(s), s.position))
        taken.add(id(chosen))
        result.append(chosen)
        camera = chosen.camera_key
        if chosen.lighting_key is not None:
            light = chosen.lighting_key
    return result


def plan_scene(project: Project, scene: Scene, numbers: dict[str, str] | None = None) -> ShootingPlan:
    """Plan one scene on its own (``numbers``: the project's scene numbers, when the caller has them)."""
    costs = Costs.of(project)
    shots = unit_shots(project, [scene], costs, numbers)
    return ShootingPlan(shots, plan_order(shots, costs), costs)


def plan_day(project: Project, day: ShootDay, numbers: dict[str, str] | None = None) -> ShootingPlan:
    """Plan a shoot day: the shots of its scenes, with the clock starting at its shooting call."""
    costs = Costs.of(project)
    shots = unit_shots(project, day_scenes(project, day), costs, numbers)
    return ShootingPlan(shots, plan_order(shots, costs), costs, parse_time(day.shooting_call))


def saved_order(shots: list[Shot]) -> list[Shot]:
    """The shots in their saved shooting order: numbered ones by number, then the rest in story order."""
    return sorted(shots, key=lambda s: (s.shoot_order is None, s.shoot_order or 0, s.position))


def move_shot(order: list[Shot], source: int, destination: int) -> list[Shot]:
    """Return an order with one shot moved, as a drag in a list does (``destination`` counted before the move)."""
    result = list(order)
    shot = result.pop(source)
    result.insert(destination - 1 if destination > source else destination, shot)
    return result


def shoot_order_values(order: list[Shot]) -> tuple[list[Panel], list[int]]:
    """The panels of an order and the shoot number each gets (one number per shot), for ``edits.set_fields``."""
    panels: list[Panel] = []
    values: list[int] = []
    for number, shot in enumerate(order, start=1):
        for panel in shot.panels:
            panels.append(panel)
            values.append(number)
    return panels, values


def apply_shoot_order(project: Project, order: list[Shot]) -> list[int | None]:
    """Store an order in ``shoot_order`` through the model's edits; return the old values, for undo."""
    from .edits import set_fields

    panels, values = shoot_order_values(order)
    return set_fields(project, panels, "shoot_order", values)
