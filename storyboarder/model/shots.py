"""Which panels form a shot, what a shot is called, and how long it takes to shoot: one rule for every view and paper.

A shot is the panels of one scene that carry one shot label:

* A panel with ``new_shot`` true (and always a scene's first panel) starts a
  *run*; a panel with ``new_shot`` false continues the run before it.
* Each run takes the next letter (``1A``, ``1B`` … leaving out the project's
  ``skip_letters``), or the name in its first panel's ``shot`` override; an
  override still uses up its letter, so overriding one shot never renumbers
  the others.
* Runs of one scene that end up with the same label are one shot: the board
  cuts back to it, as to an intercut master, and the crew shoots it once.
  So a shot's panels need not be next to each other.

Labels are per scene, as on a slate: ``INSERT`` in scene 3 and ``INSERT`` in
scene 4 are two shots. Everything that keys, counts or marks shots does so
by ``ShotId`` (the scene id and the label), never by the label alone.

A shot's estimated shooting time is the sum of its panels' ``est_minutes``,
or the project's ``default_shot_minutes`` when none of its panels has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .numbering import scene_numbers, shot_index, shot_letters

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene


class ShotId(NamedTuple):
    """Which shot: the scene's id and the shot's label in it (``INSERT`` of scene 3 is not ``INSERT`` of scene 4).

    A NamedTuple, so that the many maps keyed by shot hash it in C.
    """

    scene_id: str
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class ShotLabel:
    """The shot a panel belongs to and where it sits within that shot."""

    shot: str
    index: int  # 1-based panel index within its shot
    count: int  # panels in the shot

    @property
    def label(self) -> str:
        """The text printed on a board: ``1A``, or ``1A-2`` for a shot of several panels."""
        return self.shot if self.count == 1 else f"{self.shot}-{self.index}"


@dataclass(frozen=True, eq=False)
class Shot:
    """One shot of a scene: its identity and its panels in story order."""

    id: ShotId
    # Left out of the repr: a scene's repr holds every panel.
    scene: Scene = field(repr=False)
    panels: tuple[Panel, ...] = field(repr=False)

    @property
    def label(self) -> str:
        """The shot's label, such as ``12A``."""
        return self.id.label

    @property
    def first(self) -> Panel:
        """The panel that starts the shot; its camera, lighting and status are the shot's."""
        return self.panels[0]

    @property
    def status(self) -> str:
        """The shot's on-set status: its first panel's."""
        return self.panels[0].status

    @property
    def shoot_order(self) -> int | None:
        """The saved shoot number: the first one any of its panels has."""
        return next((p.shoot_order for p in self.panels if p.shoot_order is not None), None)


def panel_runs(scene: Scene) -> list[list[Panel]]:
    """The scene's panels cut into runs: each starts at a panel with ``new_shot`` (or the first panel)."""
    runs: list[list[Panel]] = []
    for panel in scene.panels:
        if panel.new_shot or not runs:
            runs.append([panel])
        else:
            runs[-1].append(panel)
    return runs


def _runs_by_label(scene: Scene, scene_number: str, skip: str) -> dict[str, list[Panel]]:
    by_label: dict[str, list[Panel]] = {}
    for index, run in enumerate(panel_runs(scene)):
        label = run[0].shot.strip() or f"{scene_number}{shot_letters(index, skip)}"
        by_label.setdefault(label, []).extend(run)
    return by_label


def scene_shots(scene: Scene, scene_number: str, skip: str = "IO") -> list[Shot]:
    """The shots of one scene, in the order they first appear in the story."""
    return [Shot(ShotId(scene.id, label), scene, tuple(panels))
            for label, panels in _runs_by_label(scene, scene_number, skip).items()]


def project_shots(project: Project, scenes: Iterable[Scene] | None = None) -> list[Shot]:
    """The shots of the given scenes (all by default), scene after scene."""
    numbers = scene_numbers(project)
    chosen = project.scenes if scenes is None else scenes
    return [shot for scene in chosen for shot in scene_shots(scene, numbers.get(scene.id, "?"), project.skip_letters)]


def scene_shot_labels(scene: Scene, scene_number: str, skip: str = "IO") -> dict[str, ShotLabel]:
    """Return the shot label of every panel of one scene, by panel id."""
    labels: dict[str, ShotLabel] = {}
    for label, panels in _runs_by_label(scene, scene_number, skip).items():
        count = len(panels)
        for index, panel in enumerate(panels, start=1):
            labels[panel.id] = ShotLabel(label, index, count)
    return labels


def shot_labels(project: Project) -> dict[str, ShotLabel]:
    """Return the shot label of every panel in the project, by panel id."""
    numbers = scene_numbers(project)
    labels: dict[str, ShotLabel] = {}
    for scene in project.scenes:
        labels.update(scene_shot_labels(scene, numbers[scene.id], project.skip_letters))
    return labels


def shot_ids(project: Project) -> dict[str, ShotId]:
    """The shot every panel of the project belongs to, by panel id."""
    return {panel.id: shot.id for shot in project_shots(project) for panel in shot.panels}


def shot_count(project: Project, scene: Scene | None = None) -> int:
    """How many shots a scene has, or the whole project when no scene is given."""
    numbers = scene_numbers(project)
    return sum(_scene_shot_count(s, numbers.get(s.id, "?"), project.skip_letters)
               for s in (project.scenes if scene is None else [scene]))


def _scene_shot_count(scene: Scene, scene_number: str, skip: str) -> int:
    """``len(_runs_by_label(...))`` without making a label: the editor's status bar counts a whole film after every edit.

    Runs without an override have labels of their own (their letters differ);
    an override is one more shot unless it names another run's own label.
    """
    plain: set[int] = set()
    overrides: set[str] = set()
    index = -1
    for panel in scene.panels:
        if panel.new_shot or index < 0:
            index += 1
            override = panel.shot.strip()
            if override:
                overrides.add(override)
            else:
                plain.add(index)
    taken = 0
    for override in overrides:
        if override.startswith(scene_number) and shot_index(override[len(scene_number):], skip) in plain:
            taken += 1
    return len(plain) + len(overrides) - taken


def whole_shots(project: Project, panels: Iterable[Panel]) -> list[Panel]:
    """Every panel of the shots the given panels belong to, in story order: marking one panel marks its shot."""
    wanted = {id(panel) for panel in panels}
    found: list[Panel] = []
    for shot in project_shots(project):
        if any(id(panel) in wanted for panel in shot.panels):
            found.extend(shot.panels)
    order = {id(panel): index for index, (_scene, panel) in enumerate(project.iter_panels())}
    return sorted(found, key=lambda panel: order[id(panel)])


class ShotMinutes(NamedTuple):
    """A shot's estimated shooting time, and whether anyone estimated it (False: the project default)."""

    minutes: float
    estimated: bool


def shot_minutes(panels: Iterable[Panel], default: float) -> ShotMinutes:
    """A shot's shooting time: the sum of its panels' estimates (below 0 counts 0), or ``default`` when none has one."""
    estimates = [p.est_minutes for p in panels if p.est_minutes is not None]
    if not estimates:
        return ShotMinutes(max(0.0, default), False)
    return ShotMinutes(sum(max(0.0, value) for value in estimates), True)
