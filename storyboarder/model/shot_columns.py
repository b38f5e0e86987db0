"""The shot list's columns: stable keys, header titles, what each shows and which field it edits.

The Qt shot list, the CSV export and the PDF export all read cells through
here, so a column means the same thing everywhere. A column with a
``path`` is editable: the path is the dotted field (``camera.shot_size``)
of the panel, or of the scene for ``owner == "scene"`` columns, as
``edits.set_fields`` takes it; ``parse_cell`` turns typed or pasted text
into the value to store there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import fields
from .cast import cast_name
from .digits import natural_key
from .entities import STATUS_CUT, STATUS_NOT_SHOT, STATUS_SHOT, Panel, Scene
from .fields import FieldError, FieldSpec
from .numbering import scene_numbers
from .problems import ProblemsError
from .shooting_time import shooting_times
from .shots import scene_shot_labels, shot_labels

if TYPE_CHECKING:
    from .entities import Project
    from .shots import ShotLabel


class ShotListError(ProblemsError, ValueError):
    """A column list, a cell value or a filter that does not make sense, with one line per problem."""


@dataclass(frozen=True)
class Column:
    """One column of the shot list.

    A column that shows a field (``kind`` empty) takes its label, range,
    vocabulary and text form from the field's declaration in ``model.fields``.
    """

    key: str
    #: The header a view or a printed list shows.
    title: str
    #: The header of a CSV file, which names units so that numbers stay numbers.
    csv_title: str
    #: What a column that is not simply a field holds: label, image, cast, location, status, scheduled.
    kind: str = ""
    #: Whose field it is: "panel", "scene", or "" for a computed, read-only column.
    owner: str = "panel"
    #: The dotted field path on the owner; empty for a read-only column.
    path: str = ""

    @property
    def editable(self) -> bool:
        """Whether a cell of this column can be edited in place."""
        return bool(self.path)

    @property
    def spec(self) -> FieldSpec | None:
        """The declaration of the field the column shows, or None for a computed or special column."""
        if self.kind or not self.path:
            return None
        return fields.spec(Scene if self.owner == "scene" else Panel, self.path)

    @property
    def vocabulary(self) -> str:
        """The vocabulary list (``storyboarder.vocabulary.LISTS``) an editor offers, if any."""
        spec = self.spec
        return spec.vocabulary if spec is not None else ""

    @property
    def multiline(self) -> bool:
        """Whether the text keeps its line breaks (action, dialogue, notes)."""
        spec = self.spec
        return spec is not None and spec.kind == "block"

    @property
    def numeric(self) -> bool:
        """Whether the column holds numbers (lens, duration, minutes, shoot number, scheduled minutes)."""
        spec = self.spec
        return self.kind == "scheduled" or (spec is not None and spec.numeric)


COLUMNS: tuple[Column, ...] = (
    Column("scene", "Sc", "Scene", "label", owner=""),
    Column("shot", "Shot", "Shot", "label", owner=""),
    Column("thumbnail", "Frame", "Image", "image", owner=""),
    Column("shot_size", "Size", "Shot size", path="camera.shot_size"),
    Column("angle", "Angle", "Angle", path="camera.angle"),
    Column("movement", "Move", "Movement", path="camera.movement"),
    Column("lens", "Lens", "Lens (mm)", path="camera.lens_mm"),
    Column("camera", "Cam", "Camera", path="camera.camera"),
    Column("rig", "Rig", "Rig", path="camera.rig"),
    Column("setup", "Setup", "Camera setup", path="camera.setup"),
    Column("lighting_setup", "Light setup", "Lighting setup", path="lighting.setup"),
    Column("lighting_style", "Light style", "Lighting style", path="lighting.style"),
    Column("cast", "Cast", "Cast", "cast", path="cast_ids"),
    Column("action", "Action", "Action", path="action"),
    Column("dialogue", "Dialogue", "Dialogue", path="dialogue"),
    Column("duration", "Dur.", "Duration (s)", path="duration_ms"),
    Column("est_minutes", "Est. min", "Est. minutes", path="est_minutes"),
    # The shot's share of its day: its minutes and the resets before it, on the shot's first row only,
    # so that a spreadsheet's sum is what the call sheet and the planner say.
    Column("sched_minutes", "Sched. min", "Scheduled minutes", "scheduled", owner=""),
    Column("notes", "Notes", "Notes", path="notes"),
    Column("int_ext", "I/E", "INT/EXT", owner="scene", path="int_ext"),
    Column("location", "Location", "Location", "location", owner="scene", path="location_id"),
    Column("time_of_day", "Time", "Time of day", owner="scene", path="time_of_day"),
    Column("shoot_order", "Shoot #", "Shoot #", path="shoot_order"),
    Column("status", "Status", "Status", "status", path="status"),
    Column("cut_reason", "Cut reason", "Cut reason", path="cut_reason"),
)

COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}

#: What a view shows before the user chooses: every column but the on-set ones.
DEFAULT_COLUMNS: tuple[str, ...] = tuple(
    c.key for c in COLUMNS if c.key not in ("shoot_order", "status", "cut_reason", "sched_minutes")
)

#: What a CSV holds by default: every column a spreadsheet can use (the image as its path).
CSV_COLUMNS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.key not in ("status", "cut_reason"))

#: What a printed list shows by default. INT/EXT, location and time of day print in
#: each scene's header instead, and the frame only with thumbnails asked for.
PDF_COLUMNS: tuple[str, ...] = tuple(
    key for key in DEFAULT_COLUMNS if key not in ("thumbnail", "int_ext", "location", "time_of_day")
)

#: The columns an "as shot" list adds.
AS_SHOT_COLUMNS: tuple[str, ...] = ("status", "cut_reason")

#: Other names the column parser accepts, as crews and spreadsheets write them.
ALIASES = {
    "sc": "scene",
    "size": "shot_size",
    "move": "movement",
    "cam": "camera",
    "light": "lighting_setup",
    "lighting": "lighting_setup",
    "style": "lighting_style",
    "dur": "duration",
    "est": "est_minutes",
    "minutes": "est_minutes",
    "thumb": "thumbnail",
    "image": "thumbnail",
    "frame": "thumbnail",
    "ie": "int_ext",
    "int/ext": "int_ext",
    "time": "time_of_day",
    "shoot": "shoot_order",
    "shoot#": "shoot_order",
    "order": "shoot_order",
}

STATUS_TEXT = {STATUS_NOT_SHOT: "", STATUS_SHOT: "shot", STATUS_CUT: "cut"}


def parse_columns(text: str) -> tuple[str, ...]:
    """Parse a comma-separated column list (keys, titles or aliases) into column keys, in the user's order."""
    keys = []
    problems = []
    for part in (text or "").split(","):
        name = part.strip()
        if not name:
            continue
        key = column_key(name)
        if key is None:
            problems.append(f"columns: unknown column {name!r}; choose from {','.join(COLUMN_BY_KEY)}")
        else:
            keys.append(key)
    if problems:
        raise ShotListError(problems)
    if not keys:
        raise ShotListError(f"columns: none given; choose from {','.join(COLUMN_BY_KEY)}")
    return tuple(dict.fromkeys(keys))


def column_key(name: str) -> str | None:
    """The key of the column a user's name for it means, or None."""
    folded = " ".join(name.split()).casefold()
    snake = folded.replace(" ", "_").replace(".", "")
    if snake in COLUMN_BY_KEY:
        return snake
    if folded.replace(" ", "") in ALIASES:
        return ALIASES[folded.replace(" ", "")]
    for column in COLUMNS:
        if folded in (column.title.casefold(), column.csv_title.casefold()):
            return column.key
    return None


class ShotListContext:
    """What cells need from the whole project: scene numbers, shot labels, cast and location names.

    Build a new one after a change to numbering, the cast or the locations;
    it is cheap (one pass over the project).
    """

    def __init__(self, project: Project):
        self.project = project
        self.numbers: dict[str, str] = scene_numbers(project)
        self.labels: dict[str, ShotLabel] = shot_labels(project)
        self.cast_names: dict[str, str] = {m.id: cast_name(m) for m in project.cast}
        self.location_names: dict[str, str] = {loc.id: " ".join(loc.name.split()) or loc.id for loc in project.locations}
        self._scheduled: dict[str, float] | None = None

    def relabel(self, scene: Scene) -> None:
        """Bring the labels up to date after a change to one scene's panels (labels are per scene: ``model.shots``)."""
        self.labels.update(scene_shot_labels(scene, self.numbers.get(scene.id, "?"), self.project.skip_letters))
        self._scheduled = None  # a shot's minutes may have changed with its panels

    def scheduled_minutes(self, panel: Panel) -> float | None:
        """A shot's minutes with the resets before it (``model.shooting_time``), for its first panel; else None."""
        if self._scheduled is None:
            times = shooting_times(self.project)
            self._scheduled = {entry.shot.first.id: entry.minutes for entry in times.entries.values()}
        return self._scheduled.get(panel.id)

    def shot_label(self, panel: Panel) -> str:
        """The printed label of a panel's shot, such as ``3B`` or ``3B-2``."""
        label = self.labels.get(panel.id)
        return label.label if label else ""


def _owner(column: Column, scene: Scene, panel: Panel):
    return scene if column.owner == "scene" else panel


def cell_value(column: Column | str, scene: Scene, panel: Panel) -> Any:
    """The stored value behind a cell (what an editor starts from); None for a computed column."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if not column.path:
        return None
    obj = _owner(column, scene, panel)
    for name in column.path.split("."):
        obj = getattr(obj, name)
    return obj


def cell_text(column: Column | str, scene: Scene, panel: Panel, ctx: ShotListContext) -> str:
    """The text a cell shows in the view and in a printed list."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    kind = column.kind
    if column.key == "scene":
        return ctx.numbers.get(scene.id, "")
    if column.key == "shot":
        return ctx.shot_label(panel)
    if kind == "image":
        return panel.image or ""
    value = cell_value(column, scene, panel)
    if kind == "cast":
        return ", ".join(ctx.cast_names.get(cid, cid) for cid in value)
    if kind == "location":
        return ctx.location_names.get(value, value) if value else ""
    if kind == "status":
        return STATUS_TEXT.get(value, value)
    if kind == "scheduled":
        minutes = ctx.scheduled_minutes(panel)
        return "" if minutes is None else f"{minutes:g}"  # a sum of minutes: six figures are plenty
    return column.spec.format(value)


def csv_text(column: Column | str, scene: Scene, panel: Panel, ctx: ShotListContext) -> str:
    """The text a CSV cell holds: like ``cell_text``, but numbers plain (seconds, millimetres) so spreadsheets can sum them."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if column.spec is not None and column.spec.numeric:
        return column.spec.edit_text(cell_value(column, scene, panel))
    return cell_text(column, scene, panel, ctx)


def parse_cell(column: Column | str, text: str, ctx: ShotListContext) -> Any:
    """Turn typed, pasted or CSV text into the value an editable column stores; raises ShotListError."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if not column.editable:
        raise ShotListError(f"{column.title}: this column is computed and cannot be edited")
    kind = column.kind
    if kind == "cast":
        return parse_cast(text, ctx)
    if kind == "location":
        return parse_location(text, ctx)
    if kind == "status":
        folded = text.strip().casefold()
        for value, shown in STATUS_TEXT.items():
            if folded in (value, shown):
                return value
        if folded in ("not shot", "-", "todo"):
            return STATUS_NOT_SHOT
        if folded in ("✓", "done", "yes", "x"):
            return STATUS_SHOT
        raise ShotListError(f"status: {text.strip()!r} is not a status; use shot, cut or leave it empty")
    try:
        return column.spec.parse(text)
    except FieldError as exc:
        raise ShotListError(str(exc)) from None


def parse_cast(text: str, ctx: ShotListContext) -> list[str]:
    """Read a comma-separated list of characters (or actors, or ids) into cast ids."""
    by_name: dict[str, str] = {}
    for member in ctx.project.cast:
        for name in (member.id, member.actor, member.character, ctx.cast_names[member.id]):
            key = " ".join(name.split()).casefold()
            if key:
                by_name.setdefault(key, member.id)
    ids, unknown = [], []
    for part in text.split(","):
        name = " ".join(part.split()).casefold()
        if not name:
            continue
        if name in by_name:
            ids.append(by_name[name])
        else:
            unknown.append(part.strip())
    if unknown:
        raise ShotListError(f"cast: {', '.join(map(repr, unknown))} is not in the project's cast")
    return list(dict.fromkeys(ids))


def parse_location(text: str, ctx: ShotListContext) -> str | None:
    """Read a location name (or id) into a location id; empty text means no location."""
    name = " ".join(text.split()).casefold()
    if not name:
        return None
    for loc_id, shown in ctx.location_names.items():
        if name in (loc_id.casefold(), shown.casefold()):
            return loc_id
    raise ShotListError(f"location: {text.strip()!r} is not one of the project's locations")


def sort_key(column: Column | str, scene: Scene, panel: Panel, ctx: ShotListContext) -> tuple:
    """A key that sorts a column's cells sensibly: numbers as numbers, labels naturally, blanks last."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if column.spec is not None and column.spec.numeric:
        value = cell_value(column, scene, panel)
        return (value is None, value if value is not None else 0.0)
    text = cell_text(column, scene, panel, ctx)
    return (not text, natural_key(text))
