"""Load a project folder into the model, refusing bad input with clear messages.

Loading never writes: whatever is wrong, the files on disk stay as they were.
Damage that loses meaning (bad JSON, wrong types, a newer version) refuses the
file; a reference that names nothing is repaired in memory with a warning.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from storyboarder.model import Project, edits
from storyboarder.model.fields import one_line_repairs
from storyboarder.model.references import (
    KINDS,
    NOUNS,
    ONE,
    ROWS,
    Place,
    changes_dropping,
    dangling_references,
    entities,
    ids_of,
    references_to,
)

from . import limits
from .codec import Decoder, describe, fast_decode
from .errors import Problem, ProjectError
from .fingerprint import Fingerprint, fingerprint_of
from .migrate import FORMAT, FORMAT_VERSION, migrate
from .paths import ImageDirectory, UnreadableFile, panel_image_paths, project_paths, read_regular
from .surrogates import may_hold_surrogates, repair_surrogates


@dataclass
class LoadedProject:
    """A project read from disk, where it came from, and what was odd about it."""

    project: Project
    folder: Path
    file: Path
    warnings: list[Problem] = field(default_factory=list)
    #: The format version the file had on disk, before any migration.
    file_version: int = FORMAT_VERSION
    #: The bytes read, to notice before a save that someone else changed the file since (None: not from disk).
    fingerprint: Fingerprint | None = None


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
    if doc.get("format") != FORMAT:
        found = describe(doc["format"]) if "format" in doc else "nothing"
        if isinstance(doc.get("format"), str):
            found = repr(doc["format"][:40])
        raise ProjectError.single(file, "format", f'expected "{FORMAT}", found {found}; this is not a Storyboarder project')
    version = check_version(
        doc, file, "the project was saved by", ". The file was not changed; update Storyboarder to open it"
    )
    if "scenes" not in doc:
        raise ProjectError.single(file, "scenes", "the required list of scenes is missing")
    return version


def check_version(doc: dict, file: str, written: str, advice: str = "") -> int:
    """Check a document's format ``version`` against this build's and return it.

    ``written`` says how a newer one came to be ("the project was saved
    by"), ``advice`` what to do about it.
    """
    version = doc.get("version")
    if version.__class__ is not int:
        raise ProjectError.single(file, "version", f"expected a whole number, found {describe(version)}")
    if version > FORMAT_VERSION:
        raise ProjectError.single(
            file,
            "version",
            f"{written} a newer Storyboarder (format version {version}); "
            f"this one reads up to version {FORMAT_VERSION}{advice}",
        )
    if version < 0:
        raise ProjectError.single(file, "version", f"format version {version} does not exist")
    return version


def repair_references(project: Project, file: str) -> list[Problem]:
    """Repair ids and references that name nothing, in memory, and return a warning for each repair.

    An empty or duplicate id gets a new one and a reference to a missing
    entity is dropped (a call with it), so such a project still opens and its
    next save is clean. Only a duplicate id that something refers to is
    refused: which of the two is meant cannot be known.
    """
    warnings = _repair_ids(project, file)
    dangling = dangling_references(project)
    warnings += [Problem(file, place.where, _dangling_message(place)) for place in dangling]
    for change in changes_dropping(dangling):
        edits.set_fields(project, change.objects, change.path, change.values)
    return warnings


def _repair_ids(project: Project, file: str) -> list[Problem]:
    warnings: list[Problem] = []
    errors: list[Problem] = []
    for kind in KINDS:
        ids = ids_of(project, kind)
        if "" not in ids and len(set(ids)) == len(ids):
            continue
        seen: dict[str, str] = {}
        clashes = []
        for where, item in entities(project, kind):
            if item.id and item.id not in seen:
                seen[item.id] = where
            else:
                clashes.append((where, item))
        referenced = {p.target_id for p in references_to(project, {kind: {item.id for _w, item in clashes}})}
        for where, item in clashes:
            if item.id and item.id in referenced:
                errors.append(Problem(file, f"{where}.id", f"duplicate id {item.id!r}; {seen[item.id]} has it too, and "
                                      "references to it cannot tell the two apart; give one of them another id"))
                continue
            new = _unused(item.id or kind, seen)
            if item.id:
                message = f"duplicate id {item.id!r}; {seen[item.id]} has it too; this one was given the id {new!r}"
            else:
                message = f"the id is empty; it was given the id {new!r}"
            warnings.append(Problem(file, f"{where}.id", message))
            item.id = new
            seen[new] = where
    if errors:
        raise ProjectError(errors)
    return warnings


def _unused(base: str, taken: dict[str, str]) -> str:
    """The first of ``base``, ``base-2``, ``base-3``… that no entity of the kind has."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _dangling_message(place: Place) -> str:
    ref = place.reference
    noun = NOUNS[ref.target]
    if place.target_id:
        problem = f"refers to {noun} {place.target_id!r}, which is not in the project"
    else:
        problem = f"names no {noun} (the id is empty)"
    if ref.shape == ROWS:
        return f"{problem}; the {ref.row} was dropped"
    if ref.shape == ONE:
        return f"{problem}; the reference was cleared"
    return f"{problem}; the reference was dropped"


def repair_one_line_text(project: Project, file: str) -> list[Problem]:
    """Replace line breaks and control characters in one-line fields (a scene number, a title), warning for each place.

    The editor never types them (``fields.one_line``), but a hand-edited file
    can hold them, and a scene number of ``"\\n"`` broke every caption and
    timeline name.
    """
    return [
        Problem(file, where, "a one-line field held line breaks or control characters; "
                + ("it was cleared" if fixed is None else f"it is now {fixed[:60]!r}"))
        for where, fixed in one_line_repairs(project)
    ]


def image_warnings(project: Project, folder: Path, file: str) -> list[Problem]:
    """Warn about image paths that are missing or unsafe, without opening any image."""
    images = ImageDirectory(folder)
    warnings = []
    for si, scene in enumerate(project.scenes):
        for pi, panel in enumerate(scene.panels):
            for where, relative in panel_image_paths(panel):
                long_name = limits.name_too_long(relative)
                problem = f"{long_name}; a placeholder is shown" if long_name else images.problem(relative)
                if problem:
                    warnings.append(Problem(file, f"scenes[{si}].panels[{pi}].{where}", problem))
    return warnings


def load_project(path: str | os.PathLike) -> LoadedProject:
    """Read a project folder (or its ``project.json``) into the model.

    Raises ProjectError with every problem found; never writes to disk.
    """
    folder, project_file = project_paths(path)
    data = read_project_bytes(project_file)
    try:
        mtime_ns = project_file.stat().st_mtime_ns
    except OSError:
        mtime_ns = 0  # gone since: the hash of what was read still decides
    loaded = load_document(data, folder, project_file)
    loaded.fingerprint = fingerprint_of(data, mtime_ns)
    return loaded


def _link_out_of_folder(path: Path) -> str:
    """Where a project file that is a symlink leads when that is outside its folder (else ''): a shared folder
    must not make the program read, and a save copy into the folder's backup, a file from elsewhere."""
    if not path.is_symlink() or not path.is_file():
        return ""  # a link to a FIFO or a device is refused for what it is
    target = path.resolve()
    return "" if path.parent.resolve() in target.parents else str(target)


def read_project_bytes(path: Path, missing: str = "no such project file") -> bytes:
    """Read a project file's bytes, refusing huge files, FIFOs and devices; errors name the file."""
    file = str(path)
    try:
        outside = _link_out_of_folder(path)
        if outside:
            raise ProjectError.single(file, "", f"this is a link to {outside}, outside the project folder; it is not read")
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise ProjectError.single(file, "", limits.file_too_large(size))
        return read_regular(path, limits.MAX_FILE_BYTES)
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


def decode_project(data: bytes, file: str) -> tuple[Project, int, list[Problem]]:
    """Decode and check a project document; return it with the version it had on disk and what was repaired."""
    project = fast_decode(data, FORMAT_VERSION)
    if project is not None:
        return project, FORMAT_VERSION, []
    doc = parse_document(data, file)
    # msgspec refuses lone surrogates, so only this road can meet them.
    repaired = repair_surrogates(doc, file) if may_hold_surrogates(data) else []
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
    return project, version, repaired + [Problem(file, where, message) for where, message in decoder.warnings]


def load_document(data: bytes, folder: Path, project_file: Path) -> LoadedProject:
    """Turn the bytes of a ``project.json`` into a loaded project."""
    file = str(project_file)
    project, version, repaired = decode_project(data, file)
    warnings = repaired + repair_one_line_text(project, file) + repair_references(project, file)
    warnings += image_warnings(project, folder, file)
    return LoadedProject(project, folder, project_file, warnings, version)
