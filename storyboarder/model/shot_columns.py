"""The shot list's columns: stable keys, header titles, what each shows and which field it edits.

The Qt shot list, the CSV export and the PDF export all read cells through
here, so a column means the same thing everywhere. A column with a
``path`` is editable: the path is the dotted field (``camera.shot_size``)
of the panel, or of the scene for ``owner == "scene"`` columns, as
``edits.set_fields`` takes it; ``parse_cell`` turns typed or pasted text
into the value to store there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .digits import natural_key
from .entities import STATUS_CUT, STATUS_NOT_SHOT, STATUS_SHOT
from .numbering import format_duration, scene_numbers, shot_labels

if TYPE_CHECKING:
    from .entities import Panel, Project, Scene
    from .numbering import ShotLabel


class ShotListError(ValueError):
    """A column list, a cell value or a filter that does not make sense, with one line per problem."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Column:
    """One column of the shot list."""

    key: str
    #: The header a view or a printed list shows.
    title: str
    #: The header of a CSV file, which names units so that numbers stay numbers.
    csv_title: str
    #: What the column holds: text, number, lens, duration, minutes, cast, location, status, order, label, image.
    kind: str = "text"
    #: Whose field it is: "panel", "scene", or "" for a computed, read-only column.
    owner: str = "panel"
    #: The dotted field path on the owner; empty for a read-only column.
    path: str = ""
    #: The vocabulary list (``storyboarder.vocabulary.LISTS``) an editor offers, if any.
    vocabulary: str = ""
    #: Relative width in a printed table.
    weight: float = 1.0
    #: Whether the text keeps its line breaks (action, dialogue, notes).
    multiline: bool = False

    @property
    def editable(self) -> bool:
        """Whether a cell of this column can be edited in place."""
        return bool(self.path)


COLUMNS: tuple[Column, ...] = (
    Column("scene", "Sc", "Scene", "label", owner="", weight=0.45),
    Column("shot", "Shot", "Shot", "label", owner="", weight=0.6),
    Column("thumbnail", "Frame", "Image", "image", owner="", weight=1.5),
    Column("shot_size", "Size", "Shot size", path="camera.shot_size", vocabulary="shot_sizes", weight=0.65),
    Column("angle", "Angle", "Angle", path="camera.angle", vocabulary="angles", weight=0.75),
    Column("movement", "Move", "Movement", path="camera.movement", vocabulary="movements", weight=0.8),
    Column("lens", "Lens", "Lens (mm)", "lens", path="camera.lens_mm", weight=0.5),
    Column("camera", "Cam", "Camera", path="camera.camera", weight=0.45),
    Column("rig", "Rig", "Rig", path="camera.rig", vocabulary="rigs", weight=0.7),
    Column("setup", "Setup", "Camera setup", path="camera.setup", weight=0.5),
    Column("lighting_setup", "Light setup", "Lighting setup", path="lighting.setup", weight=0.55),
    Column("lighting_style", "Light style", "Lighting style", path="lighting.style", vocabulary="lighting_styles", weight=0.75),
    Column("cast", "Cast", "Cast", "cast", path="cast_ids", weight=1.0),
    Column("action", "Action", "Action", path="action", weight=2.4, multiline=True),
    Column("dialogue", "Dialogue", "Dialogue", path="dialogue", weight=2.0, multiline=True),
    Column("duration", "Dur.", "Duration (s)", "duration", path="duration_ms", weight=0.55),
    Column("est_minutes", "Est. min", "Est. minutes", "minutes", path="est_minutes", weight=0.5),
    Column("notes", "Notes", "Notes", path="notes", weight=1.6, multiline=True),
    Column("int_ext", "I/E", "INT/EXT", owner="scene", path="int_ext", weight=0.45),
    Column("location", "Location", "Location", "location", owner="scene", path="location_id", weight=0.9),
    Column("time_of_day", "Time", "Time of day", owner="scene", path="time_of_day", weight=0.6),
    Column("shoot_order", "Shoot #", "Shoot #", "order", path="shoot_order", weight=0.5),
    Column("status", "Status", "Status", "status", path="status", weight=0.55),
    Column("cut_reason", "Cut reason", "Cut reason", path="cut_reason", weight=1.1, multiline=True),
)

COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}

#: What a view shows before the user chooses: every column but the on-set ones.
DEFAULT_COLUMNS: tuple[str, ...] = tuple(
    c.key for c in COLUMNS if c.key not in ("shoot_order", "status", "cut_reason")
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
        self.cast_names: dict[str, str] = {m.id: cast_name(m.character, m.actor, m.id) for m in project.cast}
        self.location_names: dict[str, str] = {loc.id: " ".join(loc.name.split()) or loc.id for loc in project.locations}

    def shot_label(self, panel: Panel) -> str:
        """The printed label of a panel's shot, such as ``3B`` or ``3B-2``."""
        label = self.labels.get(panel.id)
        return label.label if label else ""


def cast_name(character: str, actor: str, fallback: str) -> str:
    """How the shot list names a cast member: the character, else the actor."""
    return " ".join(character.split()) or " ".join(actor.split()) or fallback


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


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
    if kind == "lens":
        return f"{_number(value)}mm" if value is not None else ""
    if kind == "duration":
        return format_duration(value)
    if kind in ("minutes", "order", "number"):
        return _number(value)
    if kind == "cast":
        return ", ".join(ctx.cast_names.get(cid, cid) for cid in value)
    if kind == "location":
        return ctx.location_names.get(value, value) if value else ""
    if kind == "status":
        return STATUS_TEXT.get(value, value)
    return value


def csv_text(column: Column | str, scene: Scene, panel: Panel, ctx: ShotListContext) -> str:
    """The text a CSV cell holds: like ``cell_text``, but numbers plain (seconds, millimetres) so spreadsheets can sum them."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if column.kind == "lens":
        return _number(cell_value(column, scene, panel))
    if column.kind == "duration":
        return f"{cell_value(column, scene, panel) / 1000:g}"
    return cell_text(column, scene, panel, ctx)


_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d+(?:\.\d*)?)$")


def parse_duration_ms(text: str) -> int:
    """Read a duration typed as seconds (``2.5``, ``2.5s``) or as ``M:SS.s`` / ``H:MM:SS`` into milliseconds."""
    value = text.strip().lower().removesuffix("s").strip()
    match = _CLOCK.match(value)
    try:
        if match:
            hours, minutes, seconds = int(match.group(1) or 0), int(match.group(2)), float(match.group(3))
            total = (hours * 60 + minutes) * 60 + seconds
        else:
            total = float(value)
    except ValueError:
        raise ShotListError(f"{text!r} is not a duration such as 2.5 or 0:02.5") from None
    if not total >= 0 or total > 10 * 24 * 3600:
        raise ShotListError(f"{text!r} is not a duration between 0 and 10 days")
    return round(total * 1000)


def _parse_number(text: str, what: str, suffix: str = "") -> float | None:
    value = text.strip().lower()
    if suffix:
        value = value.removesuffix(suffix).strip()
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise ShotListError(f"{text!r} is not {what}") from None
    if not (0 <= number < 1e9):
        raise ShotListError(f"{text!r} is not {what}")
    return number


def parse_cell(column: Column | str, text: str, ctx: ShotListContext) -> Any:
    """Turn typed, pasted or CSV text into the value an editable column stores; raises ShotListError."""
    column = COLUMN_BY_KEY[column] if isinstance(column, str) else column
    if not column.editable:
        raise ShotListError(f"{column.title}: this column is computed and cannot be edited")
    kind = column.kind
    if kind == "lens":
        return _parse_number(text, "a focal length in millimetres, such as 35", "mm")
    if kind == "minutes":
        return _parse_number(text, "a number of minutes, such as 20", "min")
    if kind == "duration":
        return parse_duration_ms(text) if text.strip() else 0
    if kind == "order":
        number = _parse_number(text, "a shoot number such as 3")
        if number is None:
            return None
        if number < 1 or number != int(number):
            raise ShotListError(f"{text!r} is not a shoot number (1, 2, 3 …)")
        return int(number)
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
        raise ShotListError(f"{text!r} is not a status; use shot, cut or leave it empty")
    if column.multiline:
        return text
    typed = " ".join(text.split())
    if column.vocabulary:
        from storyboarder.vocabulary import canonical, load_vocabulary

        return canonical(load_vocabulary().terms(column.vocabulary), typed)
    return typed


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
    if column.kind in ("lens", "minutes", "order", "duration"):
        value = cell_value(column, scene, panel)
        return (value is None, value if value is not None else 0.0)
    text = cell_text(column, scene, panel, ctx)
    return (not text, natural_key(text))
