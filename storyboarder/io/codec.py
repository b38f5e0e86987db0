"""Turn project JSON into model objects and back.

Two roads lead in. The fast one hands the bytes to msgspec, which decodes
and type-checks a whole project in C; it is taken whenever the file holds
only keys this version knows and every value is right, which is every file
we write. Anything else, an unknown key from a newer release or a wrong
value, takes the checked road: ``json.loads`` and a walk over the document
that keeps unknown keys and names the JSON path of each problem in words a
user reads. The field list, types, ranges and defaults come from the
model's declarations, so a key is declared once. A number of the right type
but outside its declared range is not worth losing a project over: it is
read as if the key were missing, with a warning that names its place.
"""

from __future__ import annotations

import math
import typing

import msgspec
import msgspec.inspect as mi

from storyboarder.model import entities
from storyboarder.model.entities import MAX_TEXT, Entity
from storyboarder.model.fields import Bounds, plain_number, unwrap

from .migrate import FORMAT, HEADER_KEYS

_STR, _OPT_STR, _INT, _OPT_INT, _NUM, _OPT_NUM, _BOOL, _STR_LIST, _OBJ, _OBJ_LIST, _STR_MAP, _NUM_MAP = range(12)

_EXPECTED = {
    _STR: "text",
    _OPT_STR: "text or null",
    _INT: "a whole number",
    _OPT_INT: "a whole number or null",
    _NUM: "a number",
    _OPT_NUM: "a number or null",
    _BOOL: "true or false",
    _STR_LIST: "a list of text",
    _OBJ: "an object",
    _OBJ_LIST: "a list of objects",
    _STR_MAP: "an object of text values",
    _NUM_MAP: "an object of numbers",
}

_MISSING = object()


def _kind(declared) -> tuple[int, type | None, Bounds | None]:
    """How the checked road reads a field of a declared type: its kind, entity class and number range."""
    info, optional = unwrap(declared)
    if isinstance(info, mi.StrType):
        return (_OPT_STR if optional else _STR), None, None
    if isinstance(info, mi.BoolType):
        return _BOOL, None, None
    if isinstance(info, mi.IntType):
        return (_OPT_INT if optional else _INT), None, Bounds.of(info)
    if isinstance(info, mi.FloatType):
        return (_OPT_NUM if optional else _NUM), None, Bounds.of(info)
    if isinstance(info, mi.StructType):
        return _OBJ, info.cls, None
    item = unwrap(info.item_type if isinstance(info, mi.ListType) else getattr(info, "value_type", None))[0]
    if isinstance(info, mi.ListType) and isinstance(item, mi.StrType):
        return _STR_LIST, None, None
    if isinstance(info, mi.ListType) and isinstance(item, mi.StructType):
        return _OBJ_LIST, item.cls, None
    if isinstance(info, mi.DictType) and isinstance(item, mi.StrType):
        return _STR_MAP, None, None
    if isinstance(info, mi.DictType) and isinstance(item, mi.FloatType):
        return _NUM_MAP, None, Bounds.of(item)
    raise TypeError(f"unsupported type {declared!r}")  # pragma: no cover - a declaration this codec cannot read


class _Spec:
    """The decoding plan for one entity class, from its declarations (types, ranges, defaults)."""

    def __init__(self, cls: type):
        self.cls = cls
        self.fields: list[tuple[str, int, typing.Callable[[], object], type | None, Bounds | None]] = []
        for info in mi.type_info(cls).fields:
            try:
                kind, sub, bounds = _kind(info.type)
            except TypeError as exc:  # pragma: no cover - a model declaration this codec cannot read
                raise TypeError(f"{cls.__name__}.{info.name}: {exc}") from None
            if info.default_factory is not msgspec.NODEFAULT:
                factory = info.default_factory
            else:
                factory = lambda value=info.default: value  # noqa: E731 - immutable default
            self.fields.append((info.name, kind, factory, sub, bounds))
        self.known = frozenset(name for name, *_ in self.fields)


_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _Spec(cls)
    return spec


_FAST_DECODER = msgspec.json.Decoder(entities.Project)

# How every file this version writes begins (``dumps`` puts the header first, two-space
# indented); only such files take the fast road, so a header or ``scenes`` left out by
# another writer is still reported.
_SCENES = b'\n  "scenes": ['


def _header(version: int) -> bytes:
    return b'{\n  "format": "%s",\n  "version": %d,\n' % (FORMAT.encode("ascii"), version)


def fast_decode(data: bytes, version: int) -> entities.Project | None:
    """Decode a file of ``version`` that only we could have written, or return None to take the checked road."""
    header = _header(version)
    if not data.startswith(header) or _SCENES not in data:
        return None
    try:
        # The header is the file's, not the project's: the entity never sees it.
        return _FAST_DECODER.decode(b"{\n" + data[len(header):])
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, RecursionError):
        return None


def describe(value: object) -> str:
    """Name a JSON value's type the way a user reads it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def format_path(path: tuple | None) -> str:
    """Turn a nested ``(parent, key)`` path into ``scenes[3].panels[2].camera``."""
    parts: list[str] = []
    while path is not None:
        path, segment = path
        parts.append(f"[{segment}]" if segment.__class__ is int else f".{segment}")
    return "".join(reversed(parts)).lstrip(".")


class Decoder:
    """Decode a parsed document field by field, collecting every problem with its JSON path."""

    def __init__(self, *, strict: bool = False) -> None:
        self.problems: list[tuple[str, str]] = []
        #: Values repaired rather than refused, each with its JSON path.
        self.warnings: list[tuple[str, str]] = []
        #: Refuse what a file would keep or repair, unknown keys and numbers out of range (for data
        #: that is never a file, so that nothing is lost by refusing it).
        self.strict = strict

    def fail(self, path: tuple | None, message: str) -> None:
        """Record a problem at a JSON path."""
        self.problems.append((format_path(path) or "(top level)", message))

    def out_of_range(self, path: tuple, expected: str, bounds: Bounds, value: float, repair: str) -> None:
        """Record a number outside its declared range, which is treated as if the key were missing.

        A number out of range has the right type, so the project keeps its
        meaning; refusing the whole file over one lens would lose far more.
        """
        found = plain_number(value) if abs(value) < 1e16 else "a number far too large"
        if self.strict:
            self.fail(path, f"expected {expected} {bounds.text()}, found {found}")
        else:
            self.warnings.append((format_path(path), f"expected {expected} {bounds.text()}, found {found}; {repair}"))

    def _number(self, path: tuple, kind: int, bounds: Bounds | None, value, factory, repair: str = ""):
        """The value a number field keeps, or _MISSING (after a warning) when it is out of range."""
        if bounds is None or value in bounds:
            return value
        default = factory()
        repair = repair or ("left empty" if default is None else f"the default {plain_number(default)} is used")
        self.out_of_range(path, "a whole number" if kind in (_INT, _OPT_INT) else "a number", bounds, value, repair)
        return _MISSING

    def project(self, doc: dict) -> entities.Project:
        """Decode the root object of a document (its header already checked)."""
        return self._object(_spec(entities.Project), {k: v for k, v in doc.items() if k not in HEADER_KEYS}, None)

    def entity(self, cls: type[Entity], data: object, path: tuple | None = None) -> Entity:
        """Decode one entity found at ``path`` (a ``(parent, key)`` chain) of some document."""
        return self._object(_spec(cls), data, path)

    def _object(self, spec: _Spec, data: object, path: tuple | None):
        if data.__class__ is not dict:
            self.fail(path, f"expected an object, found {describe(data)}")
            return spec.cls()
        values = {}
        present = 0
        for key, kind, factory, sub, bounds in spec.fields:
            value = data.get(key, _MISSING)
            if value is _MISSING:
                continue
            present += 1
            cls = value.__class__
            if kind == _STR:
                if cls is str and len(value) <= MAX_TEXT:
                    values[key] = value
                    continue
            elif kind == _OPT_STR:
                if value is None or (cls is str and len(value) <= MAX_TEXT):
                    values[key] = value
                    continue
            elif kind == _BOOL:
                if cls is bool:
                    values[key] = value
                    continue
            elif kind == _INT or kind == _OPT_INT:
                if value is None and kind == _OPT_INT:
                    values[key] = value
                    continue
                if cls is int or (cls is float and value.is_integer()):
                    value = self._number((path, key), kind, bounds, value, factory)
                    if value is not _MISSING:
                        values[key] = int(value)
                    continue
            elif kind == _NUM or kind == _OPT_NUM:
                if value is None and kind == _OPT_NUM:
                    values[key] = value
                    continue
                if cls is float or cls is int:
                    value = self._number((path, key), kind, bounds, value, factory)
                    if value is not _MISSING:
                        values[key] = float(value)
                    continue
            elif kind == _STR_LIST:
                if cls is list and all(item.__class__ is str and len(item) <= MAX_TEXT for item in value):
                    values[key] = list(value)
                    continue
            elif kind == _STR_MAP:
                if cls is dict and all(v.__class__ is str and len(v) <= MAX_TEXT for v in value.values()):
                    values[key] = dict(value)
                    continue
            elif kind == _NUM_MAP:
                if cls is dict and all(v.__class__ in (int, float) for v in value.values()):
                    kept = {name: self._number(((path, key), name), kind, bounds, v, dict, "left out") for name, v in value.items()}
                    values[key] = {name: float(v) for name, v in kept.items() if v is not _MISSING}
                    continue
            elif kind == _OBJ:
                values[key] = self._object(_spec(sub), value, (path, key))
                continue
            elif kind == _OBJ_LIST:
                if cls is list:
                    item_spec = _spec(sub)
                    values[key] = [self._object(item_spec, item, ((path, key), i)) for i, item in enumerate(value)]
                    continue
            self._bad_value((path, key), kind, value)
        obj = spec.cls(**values)
        if present < len(data):
            unknown = {k: v for k, v in data.items() if k not in spec.known}
            if self.strict:
                for key in unknown:
                    self.fail((path, key[:80]), "this key is not a field Storyboarder knows")
            else:
                obj.extra = unknown
        return obj

    def _bad_value(self, path: tuple, kind: int, value: object) -> None:
        if value.__class__ is str and len(value) > MAX_TEXT:
            self.fail(path, f"the text is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
        elif kind == _STR_LIST and value.__class__ is list:
            index = next(i for i, item in enumerate(value) if item.__class__ is not str or len(item) > MAX_TEXT)
            self._bad_value((path, index), _STR, value[index])
        else:
            self.fail(path, f"expected {_EXPECTED[kind]}, found {describe(value)}")


def encode(project: entities.Project, version: int) -> dict:
    """Return the JSON document of a project, with a stable key order.

    msgspec turns the entities into plain data in C; a walk in Python then
    adds the unknown keys kept from the file and makes number fields floats,
    so that ``35`` typed in code and ``35.0`` read back save alike.
    """
    doc = {"format": FORMAT, "version": version}
    doc.update(msgspec.to_builtins(project))
    _finish(project, doc)
    return doc


def _finish(obj: Entity, out: dict) -> None:
    spec = _spec(type(obj))
    for key, kind, _factory, sub, _bounds in spec.fields:
        if kind == _OBJ:
            _finish(getattr(obj, key), out[key])
        elif kind == _OBJ_LIST:
            for item, item_out in zip(getattr(obj, key), out[key]):
                _finish(item, item_out)
        elif kind == _NUM or kind == _OPT_NUM:
            value = out[key]
            if value.__class__ is int:
                out[key] = float(value)
            elif value.__class__ is float and not math.isfinite(value):
                raise ValueError(f"{key} is not a finite number")
        elif kind == _NUM_MAP:
            mapping = out[key]
            for name, value in mapping.items():
                if not math.isfinite(value):
                    raise ValueError(f"{key}.{name} is not a finite number")
                mapping[name] = float(value)
    extra = obj.extra
    if extra:
        for key, value in extra.items():
            out.setdefault(key, value)
