"""Plan the order shots are filmed in, so that camera and lighting setups are reset as rarely as possible.

A plan covers a *unit*: one scene, or one shoot day (the scenes in its
``scene_ids``, in that order). It orders whole shots (a panel with
``new_shot`` false stays with its shot) and is kept in ``Panel.shoot_order``,
numbered 1..N across the unit; story order is never touched.

What counts as the same setup:

* **Camera**: the same ``camera.setup`` name and the same lens, within one
  scene. Setup names are numbered per scene, as on a slate, so setup 1 of
  scene 3 is not setup 1 of scene 4. A shot with no setup name is a setup of
  its own: every shot needs a camera position unless told it shares one.
* **Lighting**: the same ``lighting.setup`` name at the same location (or in
  the same scene, for a scene without a location): a set lit once may serve
  several scenes. A shot with no lighting setup needs no relight, so it
  neither causes nor ends a lighting reset.

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

import re
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Hashable, Iterable

from .entities import DEFAULT_CAMERA_RESET_MINUTES, DEFAULT_LIGHTING_RESET_MINUTES, DEFAULT_SHOT_MINUTES
from .numbering import scene_numbers, scene_shot_labels

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene, ShootDay


@dataclass(frozen=True, eq=False)
class Shot:
    """One shot of a planning unit: its panels, its setups and its estimated shooting time."""

    # Left out of the repr: a scene's repr holds every panel, and a plan holds every shot.
    scene: Scene = field(repr=False)
    panels: tuple[Panel, ...] = field(repr=False)
    #: The shot's label, such as ``12A``.
    label: str
    #: Position in the unit's story order, from 0.
    position: int
    camera_key: Hashable
    #: None when the shot names no lighting setup.
    lighting_key: Hashable | None
    minutes: float
    #: Whether the minutes are the project default because no panel of the shot is estimated.
    estimated: bool = True

    @property
    def first(self) -> Panel:
        """The panel that starts the shot."""
        return self.panels[0]

    @property
    def shoot_order(self) -> int | None:
        """The saved shoot number: the first one any of its panels has."""
        return next((p.shoot_order for p in self.panels if p.shoot_order is not None), None)


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


@dataclass
class ShootingPlan:
    """A unit's shots in story order and in the planned order, with the resets and time of each."""

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


def camera_key(scene: Scene, panel: Panel) -> Hashable:
    """What makes two shots share a camera setup: setup name and lens within a scene."""
    setup = " ".join(panel.camera.setup.split()).casefold()
    if not setup:
        return ("own", panel.id)
    return ("camera", scene.id, setup, panel.camera.lens_mm)


def lighting_key(scene: Scene, panel: Panel) -> Hashable | None:
    """What makes two shots share a lighting setup: its name at one location; None for no setup."""
    setup = " ".join(panel.lighting.setup.split()).casefold()
    if not setup:
        return None
    place = ("location", scene.location_id) if scene.location_id else ("scene", scene.id)
    return ("lighting", place, setup)


def shot_minutes(panels: Iterable[Panel], default: float) -> tuple[float, bool]:
    """A shot's estimated minutes: the sum of its panels' estimates, or ``default`` when none has one.

    Returns the minutes and whether they were estimated (False for the default).
    """
    estimates = [p.est_minutes for p in panels if p.est_minutes is not None]
    if not estimates:
        return default, False
    return max(0.0, sum(estimates)), True


def scene_shots(scene: Scene, number: str, skip: str, costs: Costs, start: int = 0) -> list[Shot]:
    """The shots of one scene in story order, positions counted from ``start``."""
    labels = scene_shot_labels(scene, number, skip)
    groups: list[list[Panel]] = []
    for index, panel in enumerate(scene.panels):
        if panel.new_shot or index == 0:
            groups.append([panel])
        else:
            groups[-1].append(panel)
    shots = []
    for offset, panels in enumerate(groups):
        first = panels[0]
        minutes, estimated = shot_minutes(panels, costs.shot)
        shots.append(
            Shot(
                scene,
                tuple(panels),
                labels[first.id].shot,
                start + offset,
                camera_key(scene, first),
                lighting_key(scene, first),
                minutes,
                estimated,
            )
        )
    return shots


def unit_shots(project: Project, scenes: Iterable[Scene], costs: Costs | None = None) -> list[Shot]:
    """The shots of several scenes, scene after scene, in story order within each."""
    costs = costs or Costs.of(project)
    numbers = scene_numbers(project)
    shots: list[Shot] = []
    for scene in scenes:
        shots.extend(scene_shots(scene, numbers[scene.id], project.skip_letters, costs, len(shots)))
    return shots


def day_scenes(project: Project, day: ShootDay) -> list[Scene]:
    """The scenes a shoot day lists, in its order; unknown ids and repeats are skipped."""
    by_id = {scene.id: scene for scene in project.scenes}
    return [by_id[sid] for sid in dict.fromkeys(day.scene_ids) if sid in by_id]


_CALL = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def parse_call_time(text: str) -> float | None:
    """Read a call time such as ``18:30``, ``6:30 pm`` or ``7am`` as minutes after midnight; None if it isn't one."""
    match = _CALL.match(text or "")
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        return None  # a bare number is not a time
    if hours > 23 or minutes > 59:
        return None
    return float(hours * 60 + minutes)


def format_clock(minutes: float, start: float | None = None) -> str:
    """Format a clock reading: ``19:45`` from a start time (wrapping past midnight), else elapsed ``+1:15``."""
    total = round(minutes + (start or 0.0))
    if start is None:
        hours, mins = divmod(max(0, total), 60)
        return f"+{hours}:{mins:02d}"
    hours, mins = divmod(total % (24 * 60), 60)
    return f"{hours:02d}:{mins:02d}"


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
        now += costs.camera_reset * camera_reset + costs.lighting_reset * lighting_reset
        entries.append(ClockEntry(shot, now, now + shot.minutes, camera_reset, lighting_reset))
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


def plan_scene(project: Project, scene: Scene) -> ShootingPlan:
    """Plan one scene on its own."""
    costs = Costs.of(project)
    shots = unit_shots(project, [scene], costs)
    return ShootingPlan(shots, plan_order(shots, costs), costs)


def plan_day(project: Project, day: ShootDay) -> ShootingPlan:
    """Plan a shoot day: the shots of its scenes, with the clock starting at its shooting call."""
    costs = Costs.of(project)
    shots = unit_shots(project, day_scenes(project, day), costs)
    return ShootingPlan(shots, plan_order(shots, costs), costs, parse_call_time(day.shooting_call))


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
