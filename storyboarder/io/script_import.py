"""Turn a parsed screenplay into scenes, panels, cast and locations: a new project, or more of an open one.

The import is planned first (``plan_import``): new scenes, and the cast and
locations they need that the project does not have yet, matched by name.
A plan changes nothing, so the GUI can apply it as undoable commands, and
``apply_plan`` applies it directly for the CLI and tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache

import msgspec

from storyboarder.model import CastMember, Location, Panel, Project, Scene
from storyboarder.model.cast import next_cast_number
from storyboarder.model.fields import one_line, one_line_repairs

from . import limits
from .errors import Problem
from .fountain import Block, Screenplay, ScriptError, ScriptScene, character_key, cue_name, read_fountain

#: How a scene is cut into panels: one panel for the whole scene, or one per paragraph or speech.
PANEL_MODES = ("scene", "paragraph")


@dataclass(frozen=True)
class ImportOptions:
    """Choices a user makes when importing a screenplay."""

    #: "scene": one panel per scene; "paragraph": one per action paragraph or dialogue block.
    panels: str = "scene"
    #: Keep ``[[notes]]`` as panel (or scene) notes; otherwise they are dropped like the spec says.
    keep_notes: bool = False

    def check(self) -> None:
        """Raise ValueError for options that cannot be used."""
        if self.panels not in PANEL_MODES:
            raise ValueError(f"panels: {self.panels!r} is not one of {', '.join(PANEL_MODES)}")


@dataclass
class ImportPlan:
    """What importing a screenplay adds to a project; nothing is changed until it is applied."""

    screenplay: Screenplay
    scenes: list[Scene] = field(default_factory=list)
    #: Cast and locations the scenes refer to that the project does not have yet.
    new_cast: list[CastMember] = field(default_factory=list)
    new_locations: list[Location] = field(default_factory=list)
    #: Project fields the title page fills where the project has none (``title``, ``writer``, ``director``).
    project_fields: dict[str, str] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Problem]:
        """What was odd about the script, by line."""
        return self.screenplay.warnings

    @property
    def panel_count(self) -> int:
        """How many panels the import adds."""
        return sum(len(scene.panels) for scene in self.scenes)


def name_key(name: str) -> str:
    """The key by which cast and locations are matched: case, spacing and apostrophe style ignored."""
    return character_key(name)


def plan_import(project: Project, screenplay: Screenplay, options: ImportOptions | None = None) -> ImportPlan:
    """Plan adding a screenplay's scenes to ``project``, matching cast and locations by name."""
    options = options or ImportOptions()
    options.check()
    _check_scene_count(project, screenplay)
    plan = ImportPlan(screenplay)
    cast = {}
    for member in project.cast:
        key = name_key(cue_name(member.character)[0]) if member.character.strip() else ""
        if key:
            cast.setdefault(key, member.id)
    # New cast are numbered after everyone the project already shows, as Add Cast from Scenes does.
    number = next_cast_number(project)
    for name in screenplay.characters:
        key = name_key(name)
        if key not in cast:
            member = CastMember(character=name, number=number + len(plan.new_cast))
            plan.new_cast.append(member)
            cast[key] = member.id
    locations = {name_key(location.name): location.id for location in project.locations if location.name.strip()}
    for script_scene in screenplay.scenes:
        name = script_scene.heading.location
        if name and name_key(name) not in locations:
            location = Location(name=name)
            plan.new_locations.append(location)
            locations[name_key(name)] = location.id
        scene = _scene(script_scene, locations, cast, options)
        _check_lengths(scene, script_scene, screenplay.file)
        plan.scenes.append(scene)
    # The writer stays the writer: a script's Author is not the film's director (issue 14, bug 3).
    for name in ("title", "writer", "director"):
        value = getattr(screenplay, name)
        if value and not getattr(project, name).strip():
            plan.project_fields[name] = value
    # One-line fields hold one line, as the loader would otherwise repair them with a warning each.
    for entity in (*plan.new_cast, *plan.new_locations, *plan.scenes):
        one_line_repairs(entity)
    plan.project_fields.update((name, one_line(value)) for name, value in plan.project_fields.items())
    _check_plan(project, plan)
    return plan


def apply_plan(project: Project, plan: ImportPlan) -> None:
    """Add a planned import to a project: scenes at the end, then its new cast and locations."""
    project.cast.extend(plan.new_cast)
    project.locations.extend(plan.new_locations)
    project.scenes.extend(plan.scenes)
    for name, value in plan.project_fields.items():
        setattr(project, name, value)


def import_fountain(path: str | os.PathLike, options: ImportOptions | None = None) -> tuple[Project, ImportPlan]:
    """Read a Fountain file into a new project; return it and the plan (for its warnings)."""
    screenplay = read_fountain(path)
    project = Project()
    plan = plan_import(project, screenplay, options)
    apply_plan(project, plan)
    return project, plan


def merge_fountain(project: Project, path: str | os.PathLike, options: ImportOptions | None = None) -> ImportPlan:
    """Read a Fountain file and plan appending it to an open project (apply with ``apply_plan``)."""
    return plan_import(project, read_fountain(path), options)


def _scene(script_scene: ScriptScene, locations: dict[str, str], cast: dict[str, str], options: ImportOptions) -> Scene:
    heading = script_scene.heading
    scene = Scene(
        number=heading.number,
        heading=heading.text,
        int_ext=heading.int_ext,
        time_of_day=heading.time_of_day,
        location_id=locations.get(name_key(heading.location)) if heading.location else None,
        description="\n".join(script_scene.synopses),
        notes="\n".join(script_scene.notes) if options.keep_notes else "",
    )
    blocks = script_scene.blocks
    if options.panels == "paragraph":
        scene.panels = [_panel([block], cast, options) for block in blocks]
    elif blocks:
        scene.panels = [_panel(blocks, cast, options)]
    if not scene.panels:
        scene.panels = [Panel()]  # every scene gets a frame to draw in
    return scene


def _panel(blocks: list[Block], cast: dict[str, str], options: ImportOptions) -> Panel:
    action = [block.text for block in blocks if block.kind == "action"]
    dialogue = [block.text for block in blocks if block.kind == "dialogue"]
    speakers = dict.fromkeys(cast[name_key(name)] for block in blocks for name in block.characters)
    notes = [note for block in blocks for note in block.notes] if options.keep_notes else []
    transition = next((block.transition for block in reversed(blocks) if block.transition), "")
    return Panel(
        action="\n\n".join(action),
        dialogue="\n\n".join(dialogue),
        notes="\n".join(notes),
        transition=transition,
        cast_ids=list(speakers),
    )


def _check_lengths(scene: Scene, script_scene: ScriptScene, file: str) -> None:
    """Refuse a scene the loader would refuse, saying what to do about the usual case: one huge panel."""
    for panel in scene.panels:
        for name in ("action", "dialogue", "notes"):
            if len(getattr(panel, name)) > limits.MAX_TEXT:
                raise ScriptError.single(
                    file,
                    f"line {script_scene.line}",
                    f"scene {script_scene.heading.text[:80]!r} has more than {limits.MAX_TEXT:,} characters of {name}; "
                    "import it with one panel per paragraph",
                )
    problem = limits.declared_problem(scene)
    if problem:
        raise ScriptError.single(file, f"line {script_scene.line}", f"scene {script_scene.heading.text[:80]!r}: {problem}")


def _check_plan(project: Project, plan: ImportPlan) -> None:
    """Refuse an import whose project file the loader would refuse: a name or title too long, a file too large."""
    file = plan.screenplay.file
    for noun, items in (("character", plan.new_cast), ("location", plan.new_locations)):
        for item in items:
            problem = limits.declared_problem(item)
            if problem:
                raise ScriptError.single(file, "", f"a {noun} cannot be imported: {problem}")
    problem = limits.declared_problem(Project(**plan.project_fields))
    if problem:
        raise ScriptError.single(file, "title page", problem)
    merged = msgspec.structs.replace(
        project,
        scenes=project.scenes + plan.scenes,
        cast=project.cast + plan.new_cast,
        locations=project.locations + plan.new_locations,
        **plan.project_fields,
    )
    _refuse_size(file, limits.estimated_file_bytes(merged))


def _check_scene_count(project: Project, screenplay: Screenplay) -> None:
    # Even an empty scene takes some hundred bytes of project file: refuse at once what cannot fit.
    least = len(screenplay.scenes) * _empty_scene_bytes()
    if least > limits.MAX_FILE_BYTES:
        _refuse_size(screenplay.file, least)


@cache
def _empty_scene_bytes() -> int:
    return limits.estimated_file_bytes(Project(scenes=[Scene(panels=[Panel()])])) - limits.estimated_file_bytes(Project())


def _refuse_size(file: str, size: int) -> None:
    if size > limits.MAX_FILE_BYTES:
        raise ScriptError.single(
            file,
            "",
            f"the project would need a project file of about {size:,} bytes, and a project file may be at most "
            f"{limits.MAX_FILE_BYTES:,}; nothing was imported (import the screenplay in parts, or one panel per scene)",
        )
