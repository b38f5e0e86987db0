"""Load a project folder into the model, refusing bad input with clear messages.

Loading never writes: whatever is wrong, the files on disk stay as they were.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from storyboarder.model import Project

from .codec import Decoder, describe, fast_decode
from .errors import Problem, ProjectError
from .migrate import FORMAT_VERSION, migrate
from .paths import ImageDirectory, UnreadableFile, panel_image_paths, project_paths, read_regular

#: Project files larger than this are refused before they are read.
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass
class LoadedProject:
    """A project read from disk, where it came from, and what was odd about it."""

    project: Project
    folder: Path
    file: Path
    warnings: list[Problem] = field(default_factory=list)
    #: The format version the file had on disk, before any migration.
    file_version: int = FORMAT_VERSION


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a project file")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def parse_document(data: bytes, file: str) -> dict:
    """Parse project JSON bytes, or raise ProjectError naming the line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise ProjectError.single(
            file, f"line {line} column {col}", f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        ) from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_float=_parse_float)
    except json.JSONDecodeError as exc:
        what = "the file ends too early (truncated?)" if exc.pos >= len(text.rstrip()) else exc.msg
        raise ProjectError.single(file, f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {what}") from None
    except RecursionError:
        raise ProjectError.single(file, "", "the JSON is nested too deeply to be a project") from None
    except ValueError as exc:
        raise ProjectError.single(file, "", f"not a valid project: {exc}") from None
    if not isinstance(doc, dict):
        raise ProjectError.single(file, "(top level)", f"expected an object, found {describe(doc)}")
    return doc


def check_header(doc: dict, file: str) -> int:
    """Check ``format`` and ``version`` and return the version."""
    if doc.get("format") != "storyboarder":
        found = describe(doc["format"]) if "format" in doc else "nothing"
        if isinstance(doc.get("format"), str):
            found = repr(doc["format"][:40])
        raise ProjectError.single(file, "format", f'expected "storyboarder", found {found}; this is not a Storyboarder project')
    version = doc.get("version")
    if version.__class__ is not int:
        raise ProjectError.single(file, "version", f"expected a whole number, found {describe(version)}")
    if version > FORMAT_VERSION:
        raise ProjectError.single(
            file,
            "version",
            f"the project was saved by a newer Storyboarder (format version {version}); "
            f"this one reads up to version {FORMAT_VERSION}. The file was not changed; update Storyboarder to open it",
        )
    if version < 0:
        raise ProjectError.single(file, "version", f"format version {version} does not exist")
    if "scenes" not in doc:
        raise ProjectError.single(file, "scenes", "the required list of scenes is missing")
    return version


def check_references(project: Project) -> list[tuple[str, str]]:
    """Find duplicate ids and references to ids that do not exist."""
    problems: list[tuple[str, str]] = []

    def unique(items, where):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if not item.id:
                problems.append((f"{where(i)}.id", "the id must not be empty"))
            elif item.id in seen:
                problems.append((f"{where(i)}.id", f"duplicate id {item.id!r}; {where(seen[item.id])} has it too"))
            else:
                seen[item.id] = i
        return seen

    scene_ids = unique(project.scenes, lambda i: f"scenes[{i}]")
    panel_where: list[str] = []
    panels = []
    for si, scene in enumerate(project.scenes):
        for pi, panel in enumerate(scene.panels):
            panels.append(panel)
            panel_where.append(f"scenes[{si}].panels[{pi}]")
    unique(panels, panel_where.__getitem__)
    cast_ids = unique(project.cast, lambda i: f"cast[{i}]")
    crew_ids = unique(project.crew, lambda i: f"crew[{i}]")
    location_ids = unique(project.locations, lambda i: f"locations[{i}]")
    unique(project.shoot_days, lambda i: f"shoot_days[{i}]")

    def ref(value, known, where, what):
        if value not in known:
            problems.append((where, f"refers to {what} {value!r}, which is not in the project"))

    for si, scene in enumerate(project.scenes):
        if scene.location_id is not None:
            ref(scene.location_id, location_ids, f"scenes[{si}].location_id", "location")
        for pi, panel in enumerate(scene.panels):
            for ci, cast_id in enumerate(panel.cast_ids):
                ref(cast_id, cast_ids, f"scenes[{si}].panels[{pi}].cast_ids[{ci}]", "cast member")
    for di, day in enumerate(project.shoot_days):
        where = f"shoot_days[{di}]"
        for i, value in enumerate(day.location_ids):
            ref(value, location_ids, f"{where}.location_ids[{i}]", "location")
        for i, value in enumerate(day.scene_ids):
            ref(value, scene_ids, f"{where}.scene_ids[{i}]", "scene")
        for i, call in enumerate(day.cast_calls):
            ref(call.cast_id, cast_ids, f"{where}.cast_calls[{i}].cast_id", "cast member")
        for i, call in enumerate(day.crew_calls):
            ref(call.crew_id, crew_ids, f"{where}.crew_calls[{i}].crew_id", "crew member")
        for i, value in enumerate(day.key_contact_ids):
            ref(value, crew_ids, f"{where}.key_contact_ids[{i}]", "crew member")
    return problems


def image_warnings(project: Project, folder: Path, file: str) -> list[Problem]:
    """Warn about image paths that are missing or unsafe, without opening any image."""
    images = ImageDirectory(folder)
    warnings = []
    for si, scene in enumerate(project.scenes):
        for pi, panel in enumerate(scene.panels):
            for where, relative in panel_image_paths(panel):
                problem = images.problem(relative)
                if problem:
                    warnings.append(Problem(file, f"scenes[{si}].panels[{pi}].{where}", problem))
    return warnings


def load_project(path: str | os.PathLike) -> LoadedProject:
    """Read a project folder (or its ``project.json``) into the model.

    Raises ProjectError with every problem found; never writes to disk.
    """
    folder, project_file = project_paths(path)
    return load_document(read_project_bytes(project_file), folder, project_file)


def read_project_bytes(path: Path, missing: str = "no such project file") -> bytes:
    """Read a project file's bytes, refusing huge files, FIFOs and devices; errors name the file."""
    file = str(path)
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise ProjectError.single(file, "", missing) from None
    except (IsADirectoryError, UnreadableFile) as exc:
        if isinstance(exc, IsADirectoryError) or exc.kind == "folder":
            raise ProjectError.single(file, "", f"expected a {path.name} file, found a folder") from None
        if exc.kind:
            raise ProjectError.single(file, "", f"this is a {exc.kind}, not a project file; it is not read") from None
        raise ProjectError.single(file, "", str(exc)) from None
    except OSError as exc:
        raise ProjectError.single(file, "", f"cannot read the file: {exc.strerror or exc}") from None


# How every file this version writes begins; only such files take the fast road,
# so a header or ``scenes`` left out by another writer is still reported.
_OUR_HEADER = b'{\n  "format": "storyboarder",\n  "version": %d,\n' % FORMAT_VERSION
_OUR_SCENES = b'\n  "scenes": ['


def decode_project(data: bytes, file: str) -> tuple[Project, int]:
    """Decode and check a project document; return it with the version it had on disk."""
    if data.startswith(_OUR_HEADER) and _OUR_SCENES in data:
        project = fast_decode(data)
        if project is not None and project.version == FORMAT_VERSION:
            return project, FORMAT_VERSION
    doc = parse_document(data, file)
    version = check_header(doc, file)
    if version < FORMAT_VERSION:
        try:
            doc = migrate(doc, version)
        except (LookupError, KeyError, TypeError, ValueError) as exc:
            raise ProjectError.single(file, "version", f"cannot migrate from format version {version}: {exc}") from None
    decoder = Decoder()
    project = decoder.project(doc)
    if decoder.problems:
        raise ProjectError([Problem(file, where, message) for where, message in decoder.problems])
    project.version = FORMAT_VERSION
    return project, version


def load_document(data: bytes, folder: Path, project_file: Path) -> LoadedProject:
    """Turn the bytes of a ``project.json`` into a loaded project."""
    file = str(project_file)
    project, version = decode_project(data, file)
    problems = check_references(project)
    if problems:
        raise ProjectError([Problem(file, where, message) for where, message in problems])
    aspect = project.aspect_ratio
    if not 0.1 <= aspect <= 10:
        raise ProjectError.single(file, "aspect_ratio", f"{aspect} is not a usable aspect ratio (0.1 to 10)")
    if not 1 <= project.fps <= 1000:
        raise ProjectError.single(file, "fps", f"{project.fps} is not a usable frame rate (1 to 1000)")
    for name in ("camera_reset_minutes", "lighting_reset_minutes", "default_shot_minutes"):
        if getattr(project, name) < 0:
            raise ProjectError.single(file, name, f"{getattr(project, name):g} minutes cannot be negative")
    for si, scene in enumerate(project.scenes):
        for pi, panel in enumerate(scene.panels):
            if panel.shoot_order is not None and panel.shoot_order < 1:
                raise ProjectError.single(file, f"scenes[{si}].panels[{pi}].shoot_order", "a shoot number starts at 1")
            if panel.duration_ms < 0:
                raise ProjectError.single(file, f"scenes[{si}].panels[{pi}].duration_ms", "a duration cannot be negative")
    warnings = image_warnings(project, folder, file)
    return LoadedProject(project, folder, project_file, warnings, version)
