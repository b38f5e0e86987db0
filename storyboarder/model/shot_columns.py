"""The columns of a shot list: what each shows, how it sorts and which field it edits.

The Qt shot-list view and the shot-list exports read the same catalogue, so
a column means the same thing on screen, in CSV and on paper. Plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .entities import CastMember, Location, Panel, Project, Scene
from .numbering import ShotLabel, format_duration, scene_numbers, shot_labels
from .summaries import first_line


@dataclass(frozen=True)
class ShotRow:
    """One panel of a shot list with what its columns need to know about its scene and project."""

    scene: Scene
    panel: Panel
    scene_number: str
    label: ShotLabel | None
    cast: dict[str, CastMember]
    locations: dict[str, Location]

    @property
    def shot(self) -> str:
        """The shot number, such as ``12A`` or ``12A-2``."""
        return self.label.label if self.label else "?"


class ShotRowContext:
    """Numbers, cast and locations of a project, worked out once and shared by every row."""

    def __init__(self, project: Project):
        self.project = project
        self.scene_numbers = scene_numbers(project)
        self.labels = shot_labels(project)
        self.cast = project.cast_by_id()
        self.locations = project.location_by_id()

    def row(self, scene: Scene, panel: Panel) -> ShotRow:
        """The row of one panel."""
        return ShotRow(
            scene, panel, self.scene_numbers.get(scene.id, "?"), self.labels.get(panel.id), self.cast, self.locations
        )


@dataclass(frozen=True)
class Column:
    """One column: a stable key (used in settings and on the command line), a title and its reader.

    ``path`` is the panel field the column edits (dotted, as ``edits.set_field``
    takes it), or empty when the column is read-only in a shot list. ``kind``
    tells an editor what to offer: ``text``, ``block`` (several lines),
    ``term:<vocabulary list>``, ``number``, ``integer``, ``seconds``, or ``image``.
    """

    key: str
    title: str
    read: Callable[[ShotRow], Any]
    path: str = ""
    kind: str = "text"
    width: int = 90

    def text(self, row: ShotRow) -> str:
        """The cell as text, for display, CSV and print."""
        value = self.read(row)
        if value is None:
            return ""
        if self.kind == "seconds":
            return format_duration(int(value))
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def sort_key(self, row: ShotRow) -> tuple:
        """A key that sorts numbers as numbers and puts empty cells last."""
        value = self.read(row)
        if value is None or value == "":
            return (1, 0, "")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (0, float(value), "")
        return (0, 0, _natural(str(value)))


def _natural(text: str) -> str:
    # Shot and scene numbers sort as 2 < 10 < 10A when digits are padded.
    out, digits = [], ""
    for char in text.casefold():
        if char.isdigit():
            digits += char
            continue
        if digits:
            out.append(digits.zfill(8))
            digits = ""
        out.append(char)
    if digits:
        out.append(digits.zfill(8))
    return "".join(out)


def _cast_names(row: ShotRow) -> str:
    names = []
    for cast_id in row.panel.cast_ids:
        member = row.cast.get(cast_id)
        if member is not None:
            names.append(member.character or member.actor or "?")
    return ", ".join(names)


def _location(row: ShotRow) -> str:
    location = row.locations.get(row.scene.location_id or "")
    return location.name if location else ""


def _one_line(path: str) -> Callable[[ShotRow], str]:
    def read(row: ShotRow) -> str:
        return getattr(row.panel, path)

    return read


def _camera(name: str) -> Callable[[ShotRow], Any]:
    return lambda row: getattr(row.panel.camera, name)


def _lighting(name: str) -> Callable[[ShotRow], Any]:
    return lambda row: getattr(row.panel.lighting, name)


#: Every shot-list column, in the order a shot list shows them by default.
COLUMNS: tuple[Column, ...] = (
    Column("scene", "Scene", lambda r: r.scene_number, width=52),
    Column("shot", "Shot", lambda r: r.shot, path="shot", width=60),
    Column("thumbnail", "Frame", lambda r: r.panel.image, kind="image", width=76),
    Column("shot_size", "Size", _camera("shot_size"), path="camera.shot_size", kind="term:shot_sizes", width=70),
    Column("angle", "Angle", _camera("angle"), path="camera.angle", kind="term:angles", width=80),
    Column("movement", "Movement", _camera("movement"), path="camera.movement", kind="term:movements", width=90),
    Column("lens", "Lens", _camera("lens_mm"), path="camera.lens_mm", kind="number", width=52),
    Column("camera", "Camera", _camera("camera"), path="camera.camera", width=64),
    Column("rig", "Rig", _camera("rig"), path="camera.rig", kind="term:rigs", width=80),
    Column("setup", "Setup", _camera("setup"), path="camera.setup", width=56),
    Column("lighting_setup", "Light setup", _lighting("setup"), path="lighting.setup", width=76),
    Column("lighting_style", "Light style", _lighting("style"), path="lighting.style", kind="term:lighting_styles", width=84),
    Column("cast", "Cast", _cast_names, width=110),
    Column("action", "Action", _one_line("action"), path="action", kind="block", width=220),
    Column("dialogue", "Dialogue", _one_line("dialogue"), path="dialogue", kind="block", width=180),
    Column("duration", "Duration", lambda r: r.panel.duration_ms, path="duration_ms", kind="seconds", width=64),
    Column("est_minutes", "Est. min", lambda r: r.panel.est_minutes, path="est_minutes", kind="number", width=60),
    Column("notes", "Notes", _one_line("notes"), path="notes", kind="block", width=160),
    Column("int_ext", "INT/EXT", lambda r: r.scene.int_ext, width=60),
    Column("location", "Location", _location, width=110),
    Column("time_of_day", "Time", lambda r: r.scene.time_of_day, width=64),
)

COLUMN_KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS)


def column(key: str) -> Column:
    """Return a column by key."""
    for candidate in COLUMNS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def matches_text(row: ShotRow, needle: str) -> bool:
    """Whether a free-text filter finds its words anywhere in a row (case-insensitive, every word)."""
    words = needle.casefold().split()
    if not words:
        return True
    panel = row.panel
    haystack = " ".join(
        [
            row.scene_number,
            row.shot,
            row.scene.heading,
            panel.action,
            panel.dialogue,
            panel.notes,
            panel.sound,
            *(str(getattr(panel.camera, f) or "") for f in ("shot_size", "angle", "movement", "lens_mm", "camera", "rig", "setup")),
            *(str(getattr(panel.lighting, f) or "") for f in ("setup", "style", "key", "fill", "back", "practicals")),
            _cast_names(row),
            _location(row),
        ]
    ).casefold()
    return all(word in haystack for word in words)


@dataclass(frozen=True)
class ShotFilter:
    """What a shot list is narrowed to: free text and exact facets (empty means any)."""

    text: str = ""
    scene_id: str = ""
    location_id: str = ""
    camera_setup: str = ""
    lighting_setup: str = ""
    cast_id: str = ""

    @property
    def active(self) -> bool:
        """Whether the filter hides anything at all."""
        return any((self.text.strip(), self.scene_id, self.location_id, self.camera_setup, self.lighting_setup, self.cast_id))

    def accepts(self, row: ShotRow) -> bool:
        """Whether a row passes every part of the filter."""
        if self.scene_id and row.scene.id != self.scene_id:
            return False
        if self.location_id and (row.scene.location_id or "") != self.location_id:
            return False
        if self.camera_setup and row.panel.camera.setup.strip() != self.camera_setup:
            return False
        if self.lighting_setup and row.panel.lighting.setup.strip() != self.lighting_setup:
            return False
        if self.cast_id and self.cast_id not in row.panel.cast_ids:
            return False
        return matches_text(row, self.text)


def facet_values(project: Project) -> dict[str, list[str]]:
    """The distinct camera and lighting setups in a project, for filter menus."""
    camera, lighting = set(), set()
    for _scene, panel in project.iter_panels():
        if panel.camera.setup.strip():
            camera.add(panel.camera.setup.strip())
        if panel.lighting.setup.strip():
            lighting.add(panel.lighting.setup.strip())
    return {"camera_setup": sorted(camera, key=_natural), "lighting_setup": sorted(lighting, key=_natural)}


def parse_cell(column: Column, text: str) -> Any:
    """Turn typed or pasted text into the value a column's field stores; raise ValueError if it can't be.

    Numbers accept a decimal comma; durations accept seconds (``2.5``) or
    ``m:ss`` (``1:05``); an empty cell clears a number.
    """
    text = text.strip()
    try:
        return _parse(column, text)
    except ValueError:
        raise ValueError(f"{column.title}: {text!r} is not {_EXPECTED.get(column.kind, 'a value this column takes')}") from None


_EXPECTED = {
    "number": "a number",
    "integer": "a whole number",
    "seconds": "a duration in seconds (2.5) or minutes and seconds (1:05)",
}


def _parse(column: Column, text: str) -> Any:
    if column.kind in ("number", "integer"):
        if not text:
            return None
        number = float(text.replace(",", ".").rstrip("mMkK").strip())
        if number != number or number in (float("inf"), float("-inf")) or number < 0:
            raise ValueError(text)
        return int(round(number)) if column.kind == "integer" else number
    if column.kind == "seconds":
        if ":" in text:
            minutes, _, seconds = text.partition(":")
            total = int(minutes or 0) * 60 + float(seconds.replace(",", ".") or 0)
        else:
            total = float(text.replace(",", ".").rstrip("sS").strip())
        if not 0 < total <= 24 * 3600:
            raise ValueError(text)
        return int(round(total * 1000))
    if column.kind == "image" or not column.path:
        raise ValueError(text)
    return text
