"""Every editable field of every entity, declared once: label, kind, unit, range, vocabulary and text form.

A field's type and range are its annotation in ``model.entities`` (for
example ``LensMM = Annotated[float, msgspec.Meta(ge=1, le=2000)]``); this
registry reads them from there and adds what people need: a label for
messages, the unit, the list of standard terms, how the value prints
(``35mm``, ``0:02.0``, ``2 3/8``) and how typed text is read back. The
inspector, the shot list, the production tables, the loader's messages,
the CSV and PDF exports and the JSON Schema all ask here, so a lens means
the same thing everywhere. Plain Python, no Qt.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import msgspec.inspect as mi

from . import entities as e
from .numbering import format_duration, parse_duration_ms
from .pages import format_eighths, parse_eighths


class FieldError(ValueError):
    """Text or a value a field cannot hold; the message names the field and says what it takes."""


def plain_number(value: float | int) -> str:
    """Write a number the shortest way that reads back exactly: ``35``, ``23.976``, ``0.00001``."""
    if value.__class__ is int:
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    # repr turns to exponents below 1e-4; nobody types a latitude as 1e-05.
    return format(Decimal(text), "f") if "e-" in text else text


#: What a one-line field (kind ``text`` or ``term``) never holds: control characters and line breaks.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

#: The kinds of text that hold one line: a title, a scene number, a lens name.
ONE_LINE = frozenset({"text", "term"})


def one_line(text: str) -> str:
    """Text as a one-line field holds it: line breaks, tabs and other control characters as spaces, runs of spaces as one."""
    return " ".join(_NOT_ONE_LINE.sub(" ", text).split())


def holds_one_line(text: str) -> bool:
    """Say whether text has no control character or line break, as every one-line field's value must."""
    return _NOT_ONE_LINE.search(text) is None


@dataclass(frozen=True)
class Bounds:
    """The range ``msgspec.Meta`` declares on a number: ``ge`` or ``gt`` below, ``le`` or ``lt`` above."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def of(cls, info: mi.IntType | mi.FloatType) -> Bounds | None:
        """The bounds of a number type as ``msgspec.inspect`` describes it; None when it declares none."""
        low, low_open = (info.gt, True) if info.gt is not None else (info.ge, False)
        high, high_open = (info.lt, True) if info.lt is not None else (info.le, False)
        return None if low is None and high is None else cls(low, high, low_open, high_open)

    def __contains__(self, value: float) -> bool:
        if value.__class__ is float and not math.isfinite(value):
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return self.high is None or not (value > self.high or (self.high_open and value == self.high))

    def text(self, show=plain_number) -> str:
        """The range in words: ``between 1 and 2000``, ``at least 0``, ``greater than 0 and at most 1``."""
        if self.low is not None and self.high is not None and not (self.low_open or self.high_open):
            return f"between {show(self.low)} and {show(self.high)}"
        parts = []
        if self.low is not None:
            parts.append(f"{'greater than' if self.low_open else 'at least'} {show(self.low)}")
        if self.high is not None:
            parts.append(f"{'less than' if self.high_open else 'at most'} {show(self.high)}")
        return " and ".join(parts)


def _duration_words(ms: float) -> str:
    if ms and ms % 3_600_000 == 0:
        return f"{plain_number(ms // 3_600_000)} h"
    return f"{plain_number(ms / 1000)} s"


#: The kinds whose values are numbers.
NUMERIC = frozenset({"number", "integer", "duration", "pages"})

_NUMBER_TEXT = re.compile(r"^\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?)\s*([^\d\s.,+-]*)\s*$", re.IGNORECASE)
_FLAG_TEXT = {"yes": True, "y": True, "true": True, "1": True, "x": True, "✓": True,
              "no": False, "n": False, "false": False, "0": False, "": False}


@dataclass(frozen=True)
class FieldSpec:
    """One editable field: how it is named, what it holds and how it reads and prints as text."""

    #: The dotted path on its entity, as ``edits.set_fields`` takes it (``camera.lens_mm``).
    path: str
    #: How messages and accessible names call it: ``lens``, ``frame rate``.
    label: str
    #: text, block (keeps line breaks), term (from a vocabulary), flag, number, integer, duration, pages.
    kind: str
    #: The unit messages name: ``mm``, ``fps``, ``K``, ``min``, ``degrees``; empty for counts.
    unit: str = ""
    #: What printed text puts after a number: ``mm`` prints ``35mm``.
    suffix: str = ""
    #: The list of standard terms (``storyboarder.vocabulary.LISTS``) a term field offers.
    vocabulary: str = ""
    #: Whether the field may be empty (None for numbers).
    optional: bool = False
    bounds: Bounds | None = None
    max_length: int | None = None
    default: Any = None

    @property
    def numeric(self) -> bool:
        """Whether the field holds a number."""
        return self.kind in NUMERIC

    def range_text(self) -> str:
        """The allowed range in a user's words, with the unit: ``between 1 and 2000 mm``."""
        if self.bounds is None:
            return ""
        if self.kind == "duration":
            return self.bounds.text(_duration_words)
        if self.kind == "pages":
            return self.bounds.text(lambda eighths: format_eighths(int(eighths))) + " pages"
        return self.bounds.text() + (f" {self.unit}" if self.unit else "")

    def _wants(self) -> str:
        if self.kind == "duration":
            return f"{self.label} must be seconds (2.5) or minutes and seconds (0:02.5), {self.range_text()}"
        if self.kind == "pages":
            return f"{self.label} must be a page count such as 2 3/8, {self.range_text()}"
        what = "a whole number" if self.kind == "integer" else "a number"
        return f"{self.label} must be {what} {self.range_text()}".rstrip()

    def format(self, value: Any) -> str:
        """How boards, cells and call sheets print a value: ``35mm``, ``48 fps``, ``0:02.0``, ``2 3/8``."""
        if value is None:
            return ""
        if self.kind == "duration":
            return format_duration(value)
        if self.kind == "pages":
            return format_eighths(value)
        if self.kind in ("number", "integer"):
            return plain_number(value) + self.suffix
        if self.kind == "flag":
            return "yes" if value else "no"
        return value

    def edit_text(self, value: Any) -> str:
        """The exact text an editor starts from and a CSV holds: a plain number in the unit, seconds for a duration."""
        if value is None:
            return ""
        if self.kind == "duration":
            return plain_number(value / 1000)
        if self.kind in ("number", "integer"):
            return plain_number(value)
        return self.format(value)

    def check(self, value: Any) -> Any:
        """Return a value the field can hold; raise FieldError (the message ``parse`` gives) for one it cannot."""
        if value is None and self.optional:
            return None
        if self.numeric:
            whole = self.kind != "number"
            if value is None or isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
                raise FieldError(self._wants())
            if self.bounds is not None and value not in self.bounds:
                raise FieldError(f"{self.label} must be {self.range_text()}")
        elif self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            raise FieldError(f"{self.label} may hold at most {self.max_length:,} characters")
        return value

    def parse(self, text: str) -> Any:
        """Read typed, pasted or CSV text as this field's value; raise FieldError saying what the field takes."""
        if self.kind == "block":
            return self.check(text)
        stripped = one_line(text)
        if self.kind == "text":
            return self.check(stripped)
        if self.kind == "term":
            from storyboarder.vocabulary import canonical, load_vocabulary

            return self.check(canonical(load_vocabulary().terms(self.vocabulary), stripped))
        if self.kind == "flag":
            if stripped.casefold() not in _FLAG_TEXT:
                raise FieldError(f"{self.label} must be yes or no")
            return _FLAG_TEXT[stripped.casefold()]
        if not stripped:
            if self.optional:
                return None
            raise FieldError(self._wants())
        if self.kind == "duration":
            try:
                value = parse_duration_ms(stripped)
            except ValueError:
                raise FieldError(self._wants()) from None
        elif self.kind == "pages":
            try:
                value = parse_eighths(stripped)
            except ValueError as exc:
                raise FieldError(f"{self.label}: {exc}") from None
        else:
            value = self._number(stripped)
        return self.check(value)

    def _number(self, text: str) -> float | int:
        match = _NUMBER_TEXT.match(text)
        units = {"", self.unit.casefold(), self.suffix.strip().casefold()} | _UNIT_WORDS.get(self.unit, set())
        if not match or match.group(2).casefold() not in units:
            raise FieldError(self._wants())
        try:
            number = float(match.group(1).replace(",", "."))
        except ValueError:  # pragma: no cover - the pattern only lets numbers through
            raise FieldError(self._wants()) from None
        if not math.isfinite(number):
            raise FieldError(self._wants())
        if self.kind == "integer":
            if not number.is_integer():
                raise FieldError(self._wants())
            return int(number)
        return number


#: Other ways people write a unit after a number.
_UNIT_WORDS = {"min": {"mins", "minutes", "m"}, "K": {"kelvin"}, "degrees": {"°", "deg"}, "fps": {"f/s"}}


class Number(NamedTuple):
    """What the registry adds to a number's declared type and range."""

    label: str
    unit: str = ""
    suffix: str = ""
    kind: str = ""


#: Every number a person edits. A number field missing here stops the registry from
#: being built, so a new one cannot be added without saying how it reads and prints.
NUMBERS: dict[tuple[type, str], Number] = {
    (e.CameraSpec, "lens_mm"): Number("lens", "mm", "mm"),
    (e.CameraSpec, "frame_rate"): Number("frame rate", "fps", " fps"),
    (e.LightingSpec, "color_temp_k"): Number("colour temperature", "K", "K"),
    (e.Panel, "duration_ms"): Number("duration", kind="duration"),
    (e.Panel, "est_minutes"): Number("estimate", "min"),
    (e.Panel, "shoot_order"): Number("shoot number"),
    (e.Scene, "pages_eighths"): Number("page count", kind="pages"),
    (e.CastMember, "number"): Number("cast number"),
    (e.Location, "latitude"): Number("latitude", "degrees"),
    (e.Location, "longitude"): Number("longitude", "degrees"),
    (e.BackgroundCall, "count"): Number("background count"),
    (e.Project, "aspect_ratio"): Number("aspect ratio"),
    (e.Project, "fps"): Number("frame rate", "fps", " fps"),
    (e.Project, "camera_reset_minutes"): Number("camera reset", "min"),
    (e.Project, "lighting_reset_minutes"): Number("lighting reset", "min"),
    (e.Project, "default_shot_minutes"): Number("unestimated shot", "min"),
}

#: Text fields offering a list of standard terms (``storyboarder.vocabulary``).
VOCABULARY: dict[tuple[type, str], str] = {
    (e.CameraSpec, "shot_size"): "shot_sizes",
    (e.CameraSpec, "angle"): "angles",
    (e.CameraSpec, "movement"): "movements",
    (e.CameraSpec, "rig"): "rigs",
    (e.LightingSpec, "style"): "lighting_styles",
}

#: Text fields that keep their line breaks.
BLOCKS: frozenset[tuple[type, str]] = frozenset({
    (e.Panel, "action"), (e.Panel, "dialogue"), (e.Panel, "notes"), (e.Panel, "cut_reason"),
    (e.LightingSpec, "notes"), (e.Scene, "description"), (e.Scene, "notes"), (e.CastMember, "notes"),
    (e.Location, "address"), (e.Location, "parking"), (e.Location, "nearest_hospital"), (e.Location, "notes"),
    (e.ShootDay, "notes"), (e.ShootDay, "safety"), (e.ShootDay, "walkie_channels"),
})

#: Labels that are not simply the field's name with spaces.
LABELS: dict[tuple[type, str], str] = {
    (e.Panel, "shot"): "shot number",
    (e.CameraSpec, "setup"): "camera setup",
    (e.LightingSpec, "setup"): "lighting setup",
    (e.LightingSpec, "notes"): "lighting notes",
    (e.LightingSpec, "key"): "key light",
    (e.LightingSpec, "fill"): "fill light",
    (e.LightingSpec, "back"): "back light",
    (e.LightingSpec, "style"): "lighting style",
    (e.CameraSpec, "angle"): "camera angle",
    (e.CameraSpec, "movement"): "camera movement",
    (e.Scene, "number"): "scene number",
    (e.Scene, "int_ext"): "INT/EXT",
}

#: Fields that are references or paths: never typed as text.
_NOT_TEXT = frozenset({"id", "image"})

#: The entities whose fields people edit; camera, lighting and instructions are edited inside their owners.
ENTITIES = (e.Panel, e.Scene, e.CastMember, e.CrewMember, e.Location, e.ShootDay,
            e.CastCall, e.CrewCall, e.DepartmentCall, e.BackgroundCall, e.Project)


def unwrap(info) -> tuple[Any, bool]:
    """The type a ``msgspec.inspect`` field type declares and whether it may be None (``X | None``)."""
    optional = False
    if isinstance(info, mi.Metadata):
        info = info.type
    if isinstance(info, mi.UnionType):
        others = [t for t in info.types if not isinstance(t, mi.NoneType)]
        optional = len(others) < len(info.types)
        info = others[0] if len(others) == 1 else info
    if isinstance(info, mi.Metadata):
        info = info.type
    return info, optional


def _specs_of(struct: mi.StructType, prefix: str):
    cls = struct.cls
    for info in struct.fields:
        kind, optional = unwrap(info.type)
        key = (cls, info.name)
        path = prefix + info.name
        if isinstance(kind, mi.StructType):
            yield from _specs_of(kind, path + ".")
        elif isinstance(kind, (mi.IntType, mi.FloatType)):
            if info.name in _NOT_TEXT:
                continue
            if key not in NUMBERS:
                raise TypeError(f"{cls.__name__}.{info.name}: a number needs its label and unit in model.fields.NUMBERS")
            number = NUMBERS[key]
            yield FieldSpec(
                path, number.label, number.kind or ("integer" if isinstance(kind, mi.IntType) else "number"),
                number.unit, number.suffix, optional=optional, bounds=Bounds.of(kind), default=info.default,
            )
        elif isinstance(kind, mi.BoolType):
            yield FieldSpec(path, LABELS.get(key, info.name.replace("_", " ")), "flag", default=info.default)
        elif isinstance(kind, mi.StrType) and info.name not in _NOT_TEXT and not info.name.endswith("_id"):
            vocabulary = VOCABULARY.get(key, "")
            text_kind = "term" if vocabulary else "block" if key in BLOCKS else "text"
            yield FieldSpec(
                path, LABELS.get(key, info.name.replace("_", " ")), text_kind, vocabulary=vocabulary,
                optional=optional, max_length=kind.max_length, default=info.default,
            )


@functools.cache
def specs(entity: type) -> dict[str, FieldSpec]:
    """Every editable field of an entity by dotted path, in declaration order (a panel's include ``camera.*``)."""
    return {spec.path: spec for spec in _specs_of(mi.type_info(entity), "")}


def spec(entity: type, path: str) -> FieldSpec:
    """The declaration of one field, such as ``spec(Panel, "camera.lens_mm")``; KeyError if it is not editable."""
    return specs(entity)[path]


def format_value(entity: type, path: str, value: Any) -> str:
    """Print one field's value the way every board and list does (``35mm``)."""
    return spec(entity, path).format(value)


@functools.cache
def _one_line_layout(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """An entity's one-line text fields, its fields holding an entity, and its lists of entities."""
    declared = specs(cls)
    texts, inner, lists = [], [], []
    for info in mi.type_info(cls).fields:
        kind, _optional = unwrap(info.type)
        if isinstance(kind, mi.StrType):
            if info.name in declared and declared[info.name].kind in ONE_LINE:
                texts.append(info.name)
        elif isinstance(kind, mi.StructType):
            inner.append(info.name)
        elif isinstance(kind, mi.ListType) and isinstance(unwrap(kind.item_type)[0], mi.StructType):
            lists.append(info.name)
    return tuple(texts), tuple(inner), tuple(lists)


def one_line_repairs(entity: Any) -> list[tuple[str, str | None]]:
    """Make every one-line field in an entity and what it holds hold one line; return each place changed and its new value.

    A place is a dotted path from the entity (``scenes[0].number``). An
    optional field left empty becomes None: a scene number that held only a
    line break is numbered automatically again.
    """
    changed: list[tuple[str, str | None]] = []
    _repair(entity, "", changed)
    return changed


def _repair(entity: Any, where: str, changed: list) -> None:
    texts, inner, lists = _one_line_layout(entity.__class__)
    for name in texts:
        value = getattr(entity, name)
        # isprintable() is a quick test in C that almost every value passes; the rest are looked at closely.
        if value and not value.isprintable() and not holds_one_line(value):
            fixed = one_line(value) or (None if specs(entity.__class__)[name].optional else "")
            setattr(entity, name, fixed)
            changed.append((where + name, fixed))
    for name in inner:
        _repair(getattr(entity, name), f"{where}{name}.", changed)
    for name in lists:
        for index, item in enumerate(getattr(entity, name)):
            _repair(item, f"{where}{name}[{index}].", changed)


def number_types(cls: type, prefix: str = ""):
    """Yield ``(path, type)`` for every number anywhere in an entity, dict values and list items included."""
    for info in mi.type_info(cls).fields:
        yield from _numbers_in(info.type, prefix + info.name)


def _numbers_in(info, path: str):
    info, _optional = unwrap(info)
    if isinstance(info, (mi.IntType, mi.FloatType)):
        yield path, info
    elif isinstance(info, mi.StructType):
        for field in info.fields:
            yield from _numbers_in(field.type, f"{path}.{field.name}")
    elif isinstance(info, mi.ListType):
        yield from _numbers_in(info.item_type, f"{path}[]")
    elif isinstance(info, mi.DictType):
        yield from _numbers_in(info.value_type, f"{path}{{}}")

