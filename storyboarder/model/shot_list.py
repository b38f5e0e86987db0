"""The rows of a shot list: one per panel, in story or shooting order, grouped by scene, with subtotals and filters.

Plain functions over the model; the Qt view and both exports read the
same rows, groups and filters from here, and their cells through
``shot_columns``. Shots are ``model.shots``'s and their minutes
``model.shooting_time``'s, so a subtotal says what the call sheet and the
planner say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .entities import STATUS_CUT, STATUS_SHOT
from .shooting_time import ShootingTimes, shooting_times
from .shot_columns import COLUMNS, Column, ShotListContext, cell_text
from .shots import ShotId, shot_ids
from .summaries import scene_title

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene

ORDERS = ("story", "shoot")


@dataclass(frozen=True, eq=False)
class ShotRow:
    """One row of the shot list: a panel, its scene, and where it sits in story order."""

    scene: Scene
    panel: Panel
    #: Position of the panel in the whole project's story order, from 0.
    position: int
    #: The shot the panel belongs to (None for a row made up outside ``shot_rows``).
    shot: ShotId | None = None


def shot_rows(project: Project, scenes: Iterable[Scene] | None = None) -> list[ShotRow]:
    """One row per panel of the given scenes (all by default), in story order."""
    wanted = None if scenes is None else {scene.id for scene in scenes}
    shots = shot_ids(project)
    rows = []
    position = 0
    for scene in project.scenes:
        for panel in scene.panels:
            if wanted is None or scene.id in wanted:
                rows.append(ShotRow(scene, panel, position, shots[panel.id]))
            position += 1
    return rows


def order_rows(rows: list[ShotRow], order: str = "story") -> list[ShotRow]:
    """Put rows in story order, or in shooting order (``shoot_order``, unplanned shots last in story order)."""
    if order == "story":
        return sorted(rows, key=lambda r: r.position)
    if order == "shoot":
        numbers = _shoot_numbers(rows)
        return sorted(rows, key=lambda r: (numbers[id(r)] is None, numbers[id(r)] or 0, r.position))
    raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")


def _shoot_numbers(rows: list[ShotRow]) -> dict[int, int | None]:
    """Each row's shoot number; a panel without one takes its shot's (the first any panel of the shot has)."""
    shared: dict[object, int | None] = {}
    for row in sorted(rows, key=lambda r: r.position):
        key = row.shot or row.panel.id
        if shared.get(key) is None:
            shared[key] = row.panel.shoot_order
    return {id(row): row.panel.shoot_order if row.panel.shoot_order is not None else shared[row.shot or row.panel.id]
            for row in rows}


@dataclass
class SceneGroup:
    """Consecutive rows of one scene, with the subtotals a group header or footer prints."""

    scene: Scene
    number: str
    title: str
    rows: list[ShotRow] = field(default_factory=list)
    #: Whether an earlier group holds rows of the same scene (shooting order can split a scene).
    continued: bool = False

    @property
    def panels(self) -> int:
        """How many panels (rows) the group has."""
        return len(self.rows)

    def subtotal(self, ctx: ShotListContext, times: ShootingTimes | None = None) -> Subtotal:
        """Count the group's shots and add up its running time and estimated shooting minutes."""
        return subtotal(self.rows, ctx, times)


@dataclass(frozen=True)
class Subtotal:
    """Shots, panels, running time and estimated shooting minutes of some rows."""

    shots: int
    panels: int
    duration_ms: int
    #: Estimated shooting time, with the resets before each shot (``model.shooting_time``).
    est_minutes: float
    #: Shots with no estimate on any panel, counted at the project's default minutes.
    unestimated_shots: int
    shot: int = 0
    cut: int = 0


def subtotal(rows: list[ShotRow], ctx: ShotListContext, times: ShootingTimes | None = None) -> Subtotal:
    """Add up rows. A shot split by a filter counts once, and always with its whole time and the resets before it.

    ``times`` is the project on the clock (``shooting_times``); pass it when
    adding up several groups of one project, so it is worked out once.
    """
    times = times if times is not None else shooting_times(ctx.project)
    shots: dict[ShotId, Panel] = {}
    for row in rows:
        shots.setdefault(_shot_of(row, ctx), row.panel)
    unestimated = shot = cut = 0
    for shot_id, panel in shots.items():
        entry = times.entries.get(shot_id)
        unestimated += entry is not None and not entry.shot.estimated
        # A shot's status is its first panel's, even when a filter hides that panel.
        status = entry.shot.first.status if entry is not None else panel.status
        shot += status == STATUS_SHOT
        cut += status == STATUS_CUT
    return Subtotal(
        shots=len(shots),
        panels=len(rows),
        duration_ms=sum(row.panel.duration_ms for row in rows),
        est_minutes=times.total(shots),
        unestimated_shots=unestimated,
        shot=shot,
        cut=cut,
    )


def _shot_of(row: ShotRow, ctx: ShotListContext) -> ShotId:
    if row.shot is not None:
        return row.shot
    label = ctx.labels.get(row.panel.id)
    return ShotId(row.scene.id, label.shot if label else row.panel.id)


def group_by_scene(rows: list[ShotRow], ctx: ShotListContext) -> list[SceneGroup]:
    """Group consecutive rows of the same scene, in the rows' order."""
    groups: list[SceneGroup] = []
    seen: set[str] = set()
    for row in rows:
        if not groups or groups[-1].scene is not row.scene:
            number = ctx.numbers.get(row.scene.id, "")
            groups.append(SceneGroup(row.scene, number, scene_title(row.scene, number), continued=row.scene.id in seen))
            seen.add(row.scene.id)
        groups[-1].rows.append(row)
    return groups


# Filtering ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShotFilter:
    """What the shot list shows: rows matching every part that is set.

    ``text`` matches when each of its words appears in some cell. Each set
    matches when the row has one of its members: scene ids, location ids
    (``""`` for a scene with no location), camera setup names, lighting
    setup names (``""`` for none) and cast ids (any of them in the shot).
    """

    text: str = ""
    scene_ids: frozenset[str] = frozenset()
    location_ids: frozenset[str] = frozenset()
    camera_setups: frozenset[str] = frozenset()
    lighting_setups: frozenset[str] = frozenset()
    cast_ids: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        """Whether the filter lets every row through."""
        return not (
            self.text.strip() or self.scene_ids or self.location_ids or self.camera_setups or self.lighting_setups or self.cast_ids
        )


def _setup(text: str) -> str:
    return " ".join(text.split())


def row_text(row: ShotRow, ctx: ShotListContext, columns: Iterable[Column] = COLUMNS) -> str:
    """Everything a row shows, folded for searching."""
    # Frames and the scheduled minutes (worked out from the whole day) are not what anyone searches for.
    return "\n".join(cell_text(c, row.scene, row.panel, ctx) for c in columns if c.kind not in ("image", "scheduled")).casefold()


def row_matches(row: ShotRow, flt: ShotFilter, ctx: ShotListContext, columns: Iterable[Column] = COLUMNS) -> bool:
    """Whether a row passes a filter; ``columns`` are the ones free text searches (default: all)."""
    if flt.scene_ids and row.scene.id not in flt.scene_ids:
        return False
    if flt.location_ids and (row.scene.location_id or "") not in flt.location_ids:
        return False
    if flt.camera_setups and _setup(row.panel.camera.setup) not in flt.camera_setups:
        return False
    if flt.lighting_setups and _setup(row.panel.lighting.setup) not in flt.lighting_setups:
        return False
    if flt.cast_ids and not flt.cast_ids.intersection(row.panel.cast_ids):
        return False
    words = flt.text.casefold().split()
    if words:
        haystack = row_text(row, ctx, columns)
        return all(word in haystack for word in words)
    return True


def filter_rows(rows: list[ShotRow], flt: ShotFilter, ctx: ShotListContext, columns: Iterable[Column] = COLUMNS) -> list[ShotRow]:
    """The rows that pass a filter, in their order."""
    if flt.is_empty:
        return list(rows)
    columns = tuple(columns)
    return [row for row in rows if row_matches(row, flt, ctx, columns)]


@dataclass(frozen=True)
class FilterChoices:
    """What each filter can choose from, as ``(value, label)`` pairs in the order a menu lists them."""

    scenes: tuple[tuple[str, str], ...]
    locations: tuple[tuple[str, str], ...]
    camera_setups: tuple[tuple[str, str], ...]
    lighting_setups: tuple[tuple[str, str], ...]
    cast: tuple[tuple[str, str], ...]


def filter_choices(project: Project, ctx: ShotListContext | None = None) -> FilterChoices:
    """List the scenes, locations, setups and cast a shot list of this project can be filtered by."""
    from .digits import natural_key

    ctx = ctx or ShotListContext(project)
    scenes = tuple((s.id, scene_title(s, ctx.numbers[s.id])) for s in project.scenes)
    used_locations = {s.location_id or "" for s in project.scenes}
    locations = tuple((loc_id, name) for loc_id, name in ctx.location_names.items() if loc_id in used_locations)
    if "" in used_locations:
        locations += (("", "(no location)"),)
    camera = sorted({_setup(p.camera.setup) for _, p in project.iter_panels()}, key=lambda t: (not t, natural_key(t)))
    lighting = sorted({_setup(p.lighting.setup) for _, p in project.iter_panels()}, key=lambda t: (not t, natural_key(t)))
    cast = tuple((m.id, ctx.cast_names[m.id]) for m in project.cast)
    return FilterChoices(
        scenes,
        locations,
        tuple((t, t or "(no setup)") for t in camera),
        tuple((t, t or "(no setup)") for t in lighting),
        cast,
    )
