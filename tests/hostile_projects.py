"""Hostile project folders, in families, for the CI sample (tests/test_hostile_sweep.py) and tools/hostile_sweep.py.

A case is a name and a function that builds a project folder (plus, for
some, a font or a screenplay beside it). The families:

* ``types``: every field the entity declarations in ``model.entities`` name,
  walked with ``msgspec.inspect`` so that a new field is covered without an
  edit here, given each JSON type it does not take;
* ``numbers``: every number field at its declared bounds, one beyond them,
  0, -1, 2^63, 1e308, the smallest float, and NaN and infinity (as text and
  as the bare JSON literals Python writes);
* ``encodings``: lone and split surrogates, bad and overlong UTF-8, a BOM,
  UTF-16, NUL and terminal controls, long runs of combining marks, numbers
  written with thousands of digits;
* ``files``: FIFOs as an image, as ``project.json``, as the lock and the
  recovery copy, ``/dev/zero`` behind a link, links and a folder link out of
  the project, a hard link, a path component over 255 bytes;
* ``sizes``: the same project at growing doublings (panels, a long word, a
  Fountain heading padded with blanks), for time growth;
* ``damaged``: cut-short and bomb PNGs, PostScript under a ``.png`` name,
  cut-short and foreign fonts given to ``--font``.

Everything a case writes stays inside the folder ``build`` is given: the
project in ``project/``, fonts and scripts in ``inputs/``, and what a link
points out of the project at in ``outside/`` (whose files nothing may open).
Plain Python and Pillow: no Qt.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi
from PIL import Image

from storyboarder.io import dumps
from storyboarder.io.paths import LOCK_FILE, RECOVERY_FILE
from storyboarder.model import entities as e
from storyboarder.model.fields import unwrap

#: Where a case's parts go inside its work folder.
PROJECT, INPUTS, OUTSIDE = "project", "inputs", "outside"

#: A real TrueType font to damage; Debian's fonts-dejavu-core (which CI installs).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

POSTSCRIPT = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 36\nnewpath 0 0 moveto 64 36 lineto stroke\nshowpage\n%%EOF\n"


@dataclass(frozen=True)
class Case:
    """One hostile project: ``build(work)`` makes ``work/project`` (and any inputs) from nothing."""

    family: str
    name: str
    build: Callable[[Path], None]
    #: A file under ``inputs/`` that the exports get as ``--font``.
    font: str | None = None
    #: A screenplay under ``inputs/`` that ``import fountain`` reads.
    script: str | None = None
    #: For the size family: the size this case stands for, to compare times by.
    size: int = 0

    @property
    def id(self) -> str:
        return f"{self.family}:{self.name}"


# The base project: one of everything -----------------------------------------------------------------


def png_bytes(width: int = 64, height: int = 36, shade: int = 180) -> bytes:
    """A small grey PNG drawing."""
    data = io.BytesIO()
    Image.new("RGB", (width, height), (shade, shade, shade)).save(data, "PNG")
    return data.getvalue()


def noisy_png(width: int = 120, height: int = 80) -> bytes:
    """A PNG of noise: it does not compress, so a cut anywhere cuts pixel data."""
    data = io.BytesIO()
    Image.effect_noise((width, height), 60).convert("RGB").save(data, "PNG")
    return data.getvalue()


def _fill(cls: type) -> Any:
    """An instance of an entity whose every list of entities holds one filled item, so every field is present."""
    info = mi.type_info(cls)
    values = {}
    for field in info.fields:
        kind, _optional = unwrap(field.type)
        if isinstance(kind, mi.ListType) and isinstance(unwrap(kind.item_type)[0], mi.StructType):
            values[field.name] = [_fill(unwrap(kind.item_type)[0].cls)]
        elif isinstance(kind, mi.StructType):
            values[field.name] = _fill(kind.cls)
    return cls(**values)


def base_project() -> e.Project:
    """A small project that every command can work on: two scenes, drawings, cast, crew, a location and a shoot day.

    Lists the hand-made part leaves empty are filled from the declarations, so
    a new kind of entity is present (and so attacked) without an edit here.
    """
    mara = e.CastMember(id="cast-mara", actor="Ana Lima", character="MARA", number=1)
    crew = e.CrewMember(id="crew-dp", name="Jo Park", department="Camera", role="DP", phone="555")
    market = e.Location(id="loc-market", name="Night market", address="1 Pier Rd", latitude=51.5, longitude=-0.1,
                        time_zone="Europe/London")
    scene1 = e.Scene(id="s1", heading="EXT. MARKET - NIGHT", int_ext="EXT", location_id="loc-market",
                     time_of_day="NIGHT", pages_eighths=11)
    scene2 = e.Scene(id="s2", heading="INT. VAN - NIGHT", int_ext="INT", time_of_day="NIGHT", number="2A")
    for i in range(3):
        scene1.panels.append(e.Panel(
            id=f"p1-{i}", action=f"Mara runs, beat {i}", duration_ms=1500 + 500 * i,
            image="images/drawing.png" if i < 2 else None,
            layers={"ink": "images/ink.png"} if i == 0 else {}, layer_opacity={"ink": 0.5} if i == 0 else {},
            camera=e.CameraSpec(shot_size="MCU", angle="low", movement="dolly in", lens_mm=35, camera="A",
                                frame_rate=48, setup="A1"),
            lighting=e.LightingSpec(setup="L1", style="low key", color_temp_k=3200),
            cast_ids=["cast-mara"], est_minutes=20, shoot_order=i + 1,
        ))
    scene2.panels.append(e.Panel(id="p2-0", dialogue="MARA\nDrive.", duration_ms=2500, status="shot"))
    day = _fill(e.ShootDay)
    day.id, day.date, day.crew_call, day.shooting_call = "day-1", "2027-03-15", "06:00", "07:00"
    day.location_ids, day.scene_ids = ["loc-market"], ["s1", "s2"]
    day.cast_calls[0].cast_id, day.cast_calls[0].on_set = "cast-mara", "07:30"
    day.crew_calls[0].crew_id, day.crew_calls[0].call = "crew-dp", "05:30"
    day.department_calls[0].department, day.department_calls[0].call = "Camera", "06:00"
    day.background[0].count, day.background[0].description = 12, "shoppers"
    day.key_contact_ids = ["crew-dp"]
    project = _fill(e.Project)
    for name, value in {"title": "Night Market", "director": "D. Rector", "writer": "W. Riter",
                        "production": "Hostile Films", "scenes": [scene1, scene2], "cast": [mara], "crew": [crew],
                        "locations": [market], "shoot_days": [day]}.items():
        setattr(project, name, value)
    return project


def base_document() -> dict:
    """The base project as the JSON document a save writes (header included)."""
    return json.loads(dumps(base_project()))


def write_project(work: Path, document: dict | None = None, *, text: str | None = None, data: bytes | None = None,
                  images: bool = True) -> Path:
    """Write ``work/project`` from a document, its JSON text or raw bytes, with the base drawings; return the folder."""
    folder = work / PROJECT
    (folder / "images").mkdir(parents=True, exist_ok=True)
    if data is None:
        if text is None:
            text = json.dumps(base_document() if document is None else document, indent=2, ensure_ascii=False)
        data = text.encode("utf-8", "surrogatepass")
    project_json = folder / "project.json"
    if not project_json.is_symlink() and not _special(project_json):
        project_json.write_bytes(data)
    if images:
        for name in ("drawing.png", "ink.png"):
            target = folder / "images" / name
            if not target.exists() and not target.is_symlink():
                target.write_bytes(png_bytes(shade=120 if name == "ink.png" else 180))
    return folder


def _special(path: Path) -> bool:
    return path.exists() and not path.is_file()


# Walking the declarations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A field in the base document: its path of keys and indexes, and the type the declarations give it."""

    path: tuple
    type: Any
    optional: bool

    @property
    def where(self) -> str:
        text = ""
        for key in self.path:
            text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
        return text


def places(document: dict | None = None) -> Iterator[Place]:
    """Every field of every entity in the base document, found from ``model.entities``: new fields appear here by themselves."""
    document = base_document() if document is None else document
    yield from _walk(mi.type_info(e.Project), document, ())


def _walk(struct: mi.StructType, node: dict, path: tuple) -> Iterator[Place]:
    for field in struct.fields:
        kind, optional = unwrap(field.type)
        here = (*path, field.encode_name)
        yield Place(here, kind, optional)
        value = node.get(field.encode_name)
        if isinstance(kind, mi.StructType) and isinstance(value, dict):
            yield from _walk(kind, value, here)
        elif isinstance(kind, mi.ListType) and value:
            item, item_optional = unwrap(kind.item_type)
            if isinstance(item, mi.StructType):
                yield from _walk(item, value[0], (*here, 0))
            else:
                yield Place((*here, 0), item, item_optional)
        elif isinstance(kind, mi.DictType) and value:
            key = next(iter(value))
            yield Place((*here, key), unwrap(kind.value_type)[0], False)


def set_at(document: dict, path: tuple, value: Any) -> dict:
    """Put ``value`` at ``path`` in ``document`` (changed in place) and return it."""
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


def wrong_values(kind: Any, optional: bool) -> list[tuple[str, Any]]:
    """JSON values of every type a field of ``kind`` does not take, each with a short name."""
    values = {
        "text": "7", "int": 7, "float": 7.5, "true": True, "list": [1], "object": {"a": 1}, "null": None,
        "empty-list": [], "empty-object": {},
    }
    if isinstance(kind, mi.StrType):
        drop = {"text"}
    elif isinstance(kind, mi.IntType):
        drop = {"int"}
    elif isinstance(kind, mi.FloatType):
        drop = {"int", "float"}
    elif isinstance(kind, mi.BoolType):
        drop = {"true"}
    elif isinstance(kind, mi.ListType):
        drop = {"list", "empty-list"}
        values["list-of-wrong"] = [[["deep"]]]
    elif isinstance(kind, (mi.DictType, mi.StructType)):
        drop = {"object", "empty-object"}
        values["object-of-wrong"] = {"k": [[1]]}
    else:
        drop = set()
    if optional:
        drop.add("null")
    return [(name, value) for name, value in values.items() if name not in drop]


def _doc_case(family: str, name: str, change: Callable[[dict], Any], **kwargs) -> Case:
    def build(work: Path) -> None:
        document = base_document()
        change(document)
        write_project(work, document)

    return Case(family, name, build, **kwargs)


def _text_case(family: str, name: str, make_text: Callable[[str], str]) -> Case:
    """A case whose project.json is the base document's text, changed as text (for literals JSON has no value for)."""

    def build(work: Path) -> None:
        write_project(work, text=make_text(json.dumps(base_document(), indent=2, ensure_ascii=False)))

    return Case(family, name, build)


def type_cases() -> list[Case]:
    """Family ``types``: each field given each JSON type it does not take, and the file's header too."""
    cases = []
    for place in places():
        for name, value in wrong_values(place.type, place.optional):
            cases.append(_doc_case("types", f"{place.where}={name}",
                                   lambda doc, p=place.path, v=value: set_at(doc, p, v)))
    for key, value in [("format", 1), ("format", "other"), ("version", "1"), ("version", 2**63), ("version", -1),
                       ("version", 1.5)]:
        cases.append(_doc_case("types", f"{key}={value!r}", lambda doc, k=key, v=value: doc.update({k: v})))
    cases.append(Case("types", "document=list", lambda work: write_project(work, text="[]")))
    cases.append(Case("types", "document=string", lambda work: write_project(work, text='"project"')))
    return cases


# Extreme numbers -----------------------------------------------------------------------------------------


def number_places() -> list[Place]:
    """Every number field of the base document (dict values and list items included)."""
    return [p for p in places() if isinstance(p.type, (mi.IntType, mi.FloatType))]


def extreme_values(kind: mi.IntType | mi.FloatType) -> list[tuple[str, Any]]:
    """The declared bounds and one beyond, 0, -1, 2^63, 1e308 and friends, for one number type."""
    integer = isinstance(kind, mi.IntType)
    low = kind.ge if kind.ge is not None else kind.gt
    high = kind.le if kind.le is not None else kind.lt
    step = 1 if integer else max(abs(high or 1), 1) * 1e-9
    values: list[tuple[str, Any]] = []
    if low is not None:
        values += [("min", low), ("below-min", low - step)]
    if high is not None:
        values += [("max", high), ("above-max", high + step)]
    values += [("zero", 0), ("minus-one", -1), ("2^63", 2**63), ("-2^63", -(2**63)), ("2^64", 2**64)]
    if not integer:
        values += [("1e308", 1e308), ("-1e308", -1e308), ("tiny", 5e-324), ("just-above-min", (low or 0) + 1e-7)]
    values += [("NaN-text", "NaN"), ("inf-text", "Infinity")]
    return values


def number_cases() -> list[Case]:
    """Family ``numbers``: every number field at its extremes; NaN and infinity also as bare JSON literals."""
    cases = []
    for place in number_places():
        for name, value in extreme_values(place.type):
            cases.append(_doc_case("numbers", f"{place.where}={name}",
                                   lambda doc, p=place.path, v=value: set_at(doc, p, v)))
        for literal in ("NaN", "Infinity", "-Infinity", "1e400", "-0.0", "1" + "0" * 5000):
            cases.append(_text_case("numbers", f"{place.where}=literal {literal[:8]}",
                                    lambda text, p=place, lit=literal: _with_literal(text, p, lit)))
    return cases


def _with_literal(text: str, place: Place, literal: str) -> str:
    marker = "__HOSTILE_LITERAL__"
    document = set_at(json.loads(text), place.path, marker)
    return json.dumps(document, indent=2, ensure_ascii=False).replace(f'"{marker}"', literal)


# Encodings and surrogates ------------------------------------------------------------------------------


#: Text that is hard to encode, print or lay out, by name.
HOSTILE_TEXTS = {
    "lone-high-surrogate": "Night \ud800",
    "lone-low-surrogate": "\udfff day",
    "reversed-pair": "\udc00\ud800",
    "nul": "a\x00b",
    "terminal-escapes": "\x1b]0;PWNED\x07\x1b[2J\x9b31m",
    "bidi-override": "\u202eTHGIN - .TXE",
    "combining-10k": "e" + "\u0301" * 10_000,
    "emoji-zwj": "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 50,
    "newline-only": "\n",
    "digits-5000": "9" * 5000,
    "long-word-20k": "x" * 20_000,
    "noncharacters": "\ufffe\uffff\U0010ffff",
}

#: The text fields hostile text goes into: what prints on every export, scene numbers and image paths.
TEXT_PLACES = {
    "title": ("title",),
    "heading": ("scenes", 0, "heading"),
    "scene-number": ("scenes", 1, "number"),
    "action": ("scenes", 0, "panels", 0, "action"),
    "dialogue": ("scenes", 1, "panels", 0, "dialogue"),
    "character": ("cast", 0, "character"),
    "lens-camera": ("scenes", 0, "panels", 0, "camera", "camera"),
    "day-date": ("shoot_days", 0, "date"),
    "call-time": ("shoot_days", 0, "crew_call"),
    "time-zone": ("locations", 0, "time_zone"),
    "image-path": ("scenes", 0, "panels", 1, "image"),
    "cast-id": ("cast", 0, "id"),
    "extra-key": ("extra \ud800",),
}

def _raw_bytes_case(name: str, change: Callable[[bytes], bytes]) -> Case:
    def build(work: Path) -> None:
        write_project(work, data=change(json.dumps(base_document(), indent=2).encode()))

    return Case("encodings", name, build)


def encoding_cases() -> list[Case]:
    """Family ``encodings``: hostile text in every printed kind of field, and the file's bytes damaged."""
    cases = []
    for place_name, path in TEXT_PLACES.items():
        for text_name, text in HOSTILE_TEXTS.items():
            cases.append(_doc_case("encodings", f"{place_name}={text_name}",
                                   lambda doc, p=path, t=text: set_at(doc, p, t)))
    title = b'"title": "Night Market"'
    for name, replacement in [
        ("invalid-utf8", b'"title": "Night \xff Market"'),
        ("overlong-utf8", b'"title": "Night \xc0\xaf Market"'),
        ("cesu8-surrogate-bytes", b'"title": "Night \xed\xa0\x80 Market"'),
        ("cut-mid-character", b'"title": "Night \xe2\x82'),
        ("escaped-nul", b'"title": "Night \\u0000 Market"'),
    ]:
        cases.append(_raw_bytes_case(name, lambda data, r=replacement: data.replace(title, r)))
    cases.append(_raw_bytes_case("bom", lambda data: b"\xef\xbb\xbf" + data))
    cases.append(_raw_bytes_case("double-bom", lambda data: b"\xef\xbb\xbf\xef\xbb\xbf" + data))
    cases.append(_raw_bytes_case("utf-16", lambda data: data.decode().encode("utf-16")))
    cases.append(_raw_bytes_case("utf-32", lambda data: data.decode().encode("utf-32")))
    cases.append(_raw_bytes_case("nul-bytes", lambda data: data.replace(b"\n", b"\x00\n", 3)))
    cases.append(_raw_bytes_case("empty-file", lambda data: b""))
    cases.append(_raw_bytes_case("deep-nesting", lambda data: b'{"scenes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"))
    cases.append(_raw_bytes_case("duplicate-keys", lambda data: data.replace(title, title + b', "title": "Other"')))
    return cases


# File-system objects -------------------------------------------------------------------------------------


def _fifo(path: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    os.mkfifo(path)


def _link(path: Path, target: str | Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _outside(work: Path, name: str, data: bytes) -> Path:
    """A file outside the project that nothing may open (the sweep's audit hook watches ``outside/``)."""
    (work / OUTSIDE).mkdir(exist_ok=True)
    path = work / OUTSIDE / name
    path.write_bytes(data)
    return path


def _fs(name: str, make: Callable[[Path, Path], None]) -> Case:
    def build(work: Path) -> None:
        make(write_project(work), work)

    return Case("files", name, build)


def _long_component(folder: Path, work: Path) -> None:
    document = base_document()
    name = "images/" + "n" * 300 + ".png"
    document["scenes"][0]["panels"][1]["image"] = name
    write_project(work, document)


def _long_utf8_component(folder: Path, work: Path) -> None:
    # 100 characters, 300 bytes: short in characters, over 255 in bytes.
    document = base_document()
    document["scenes"][0]["panels"][1]["image"] = "images/" + "\u00e9" * 100 + ".png"
    write_project(work, document)


def _project_json_fifo(folder: Path, work: Path) -> None:
    _fifo(folder / "project.json")


def _project_json_dev_zero(folder: Path, work: Path) -> None:
    _link(folder / "project.json", "/dev/zero")


def _project_json_outside(folder: Path, work: Path) -> None:
    data = (folder / "project.json").read_bytes()
    _link(folder / "project.json", _outside(work, "project.json", data))


def _images_dir_outside(folder: Path, work: Path) -> None:
    (work / OUTSIDE).mkdir(exist_ok=True)
    (work / OUTSIDE / "drawing.png").write_bytes(png_bytes(shade=20))
    (work / OUTSIDE / "ink.png").write_bytes(png_bytes(shade=30))
    for child in (folder / "images").iterdir():
        child.unlink()
    (folder / "images").rmdir()
    _link(folder / "images", work / OUTSIDE)


def _hard_link(folder: Path, work: Path) -> None:
    target = _outside(work, "hard.png", png_bytes(shade=40))
    (folder / "images" / "drawing.png").unlink()
    os.link(target, folder / "images" / "drawing.png")


FILE_SYSTEM = {
    "fifo-as-image": lambda folder, work: _fifo(folder / "images" / "drawing.png"),
    "fifo-as-layer": lambda folder, work: _fifo(folder / "images" / "ink.png"),
    "fifo-as-project-json": _project_json_fifo,
    "fifo-as-lock": lambda folder, work: _fifo(folder / LOCK_FILE),
    "fifo-as-recovery": lambda folder, work: _fifo(folder / RECOVERY_FILE),
    "fifo-as-backup": lambda folder, work: _fifo(folder / "project.json.bak"),
    "fifo-as-images-dir": lambda folder, work: (_clear(folder / "images"), _fifo(folder / "images")),
    "dev-zero-as-project-json": _project_json_dev_zero,
    "dev-zero-as-image": lambda folder, work: _link(folder / "images" / "drawing.png", "/dev/zero"),
    "dev-zero-as-lock": lambda folder, work: _link(folder / LOCK_FILE, "/dev/zero"),
    "dev-zero-as-recovery": lambda folder, work: _link(folder / RECOVERY_FILE, "/dev/zero"),
    "symlink-image-outside": lambda folder, work: _link(folder / "images" / "drawing.png",
                                                        _outside(work, "secret.png", png_bytes(shade=10))),
    "symlink-lock-outside": lambda folder, work: _link(folder / LOCK_FILE, _outside(work, "lock", b"{}")),
    "symlink-recovery-outside": lambda folder, work: _link(
        folder / RECOVERY_FILE, _outside(work, "recovery.json", (folder / "project.json").read_bytes())),
    "symlink-images-dir-outside": _images_dir_outside,
    "symlink-project-json-outside": _project_json_outside,
    "symlink-loop-image": lambda folder, work: _link(folder / "images" / "drawing.png", "drawing.png"),
    "dangling-symlink-image": lambda folder, work: _link(folder / "images" / "drawing.png", "gone.png"),
    "hard-link-image-outside": _hard_link,
    "directory-as-image": lambda folder, work: (_unlink(folder / "images" / "drawing.png"),
                                                (folder / "images" / "drawing.png").mkdir()),
    "directory-as-project-json": lambda folder, work: (_unlink(folder / "project.json"),
                                                       (folder / "project.json").mkdir()),
    "unreadable-image": lambda folder, work: (folder / "images" / "drawing.png").chmod(0),
    "component-over-255-bytes": _long_component,
    "utf8-component-over-255-bytes": _long_utf8_component,
    "socket-as-image": lambda folder, work: _socket(folder / "images" / "drawing.png"),
    "unused-images-for-clean": lambda folder, work: _unused_images(folder, work),
}


def _unused_images(folder: Path, work: Path) -> None:
    # What `clean` finds in images/ that nothing names: a drawing, a FIFO, a link out and a link to a device.
    (folder / "images" / "old.png").write_bytes(png_bytes(shade=90))
    os.mkfifo(folder / "images" / "pipe.png")
    _link(folder / "images" / "secret.png", _outside(work, "secret.png", png_bytes(shade=10)))
    _link(folder / "images" / "zero.png", "/dev/zero")


def _clear(folder: Path) -> None:
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


def _unlink(path: Path) -> None:
    path.unlink()


def _socket(path: Path) -> None:
    import socket

    path.unlink()
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(path))
        except OSError:  # a path too long for a socket: a FIFO stands in
            os.mkfifo(path)


def file_cases() -> list[Case]:
    """Family ``files``: FIFOs, devices, links and long names where the program reads."""
    return [_fs(name, make) for name, make in FILE_SYSTEM.items()]


# Sizes at growing doublings ------------------------------------------------------------------------------

#: The sizes of each size kind: the sweep times the last two; CI builds only the first.
DOUBLINGS = {"panels": (64, 128, 256, 512), "long-word": (20_000, 40_000, 80_000, 160_000),
             "heading-blanks": (20_000, 40_000, 80_000, 160_000)}


def _many_panels(count: int) -> Callable[[Path], None]:
    def build(work: Path) -> None:
        document = base_document()
        panels = document["scenes"][0]["panels"]
        template = panels[1]
        panels[:] = [dict(template, id=f"p-{i}", new_shot=i % 3 == 0, action=f"beat {i}") for i in range(count)]
        write_project(work, document)

    return build


def _long_word(length: int) -> Callable[[Path], None]:
    def build(work: Path) -> None:
        document = base_document()
        word = "w" * length
        document["scenes"][0]["panels"][0]["action"] = word
        document["shoot_days"][0]["notes"] = word
        document["scenes"][0]["heading"] = "EXT. " + word[: length // 4] + " - NIGHT"
        write_project(work, document)

    return build


def _heading_blanks(length: int) -> Callable[[Path], None]:
    def build(work: Path) -> None:
        write_project(work)
        (work / INPUTS).mkdir(exist_ok=True)
        heading = "INT. X" + " \t" * (length // 2) + "y - DAY"
        (work / INPUTS / "script.fountain").write_text(f"Title: Blanks\n\n{heading}\n\nMara runs.\n\nMARA\nGo.\n")

    return build


def size_cases() -> list[Case]:
    """Family ``sizes``: each kind of size at growing doublings (compare the times of the last two)."""
    makers = {"panels": _many_panels, "long-word": _long_word, "heading-blanks": _heading_blanks}
    return [
        Case("sizes", f"{kind}={size}", makers[kind](size), size=size,
             script="script.fountain" if kind == "heading-blanks" else None)
        for kind, sizes in DOUBLINGS.items() for size in sizes
    ]


# Damaged images and fonts ---------------------------------------------------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG header that claims ``width`` x ``height`` pixels over a few bytes of data."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + _chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + _chunk(b"IEND", b"")


def _gif_bomb() -> bytes:
    return b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00" + b",\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02D\x01\x00;"


def _jpeg(cut: float = 1.0) -> bytes:
    data = io.BytesIO()
    Image.effect_noise((120, 80), 60).convert("RGB").save(data, "JPEG")
    raw = data.getvalue()
    return raw[: int(len(raw) * cut)]


#: Bytes put where the first drawing should be, by name.
DAMAGED_IMAGES: dict[str, Callable[[], bytes]] = {
    "png-cut-10": lambda: noisy_png()[: len(noisy_png()) // 10],
    "png-cut-50": lambda: noisy_png()[: len(noisy_png()) // 2],
    "png-cut-99": lambda: noisy_png()[:-20],
    "png-header-only": lambda: b"\x89PNG\r\n\x1a\n",
    "png-bomb-header": png_bomb,
    "png-bomb-1x1e9": lambda: png_bomb(1, 1_000_000_000),
    "png-zero-size": lambda: png_bomb(0, 0),
    "gif-bomb-header": _gif_bomb,
    "jpeg-cut-50": lambda: _jpeg(0.5),
    "postscript-as-png": lambda: POSTSCRIPT,
    "eps-binary-header-as-png": lambda: b"\xc5\xd0\xd3\xc6" + struct.pack("<IIIIII", 30, len(POSTSCRIPT), 0, 0, 0, 0)
    + b"\xff\xff" + POSTSCRIPT,
    "pdf-as-png": lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "svg-as-png": lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    "empty-file": lambda: b"",
    "random-bytes": lambda: bytes((i * 7919) % 251 for i in range(4096)),
}


def _image_case(name: str, make: Callable[[], bytes]) -> Case:
    def build(work: Path) -> None:
        folder = write_project(work)
        (folder / "images" / "drawing.png").write_bytes(make())

    return Case("damaged", f"image={name}", build)


def _font_case(name: str, make: Callable[[Path], None]) -> Case:
    def build(work: Path) -> None:
        write_project(work)
        (work / INPUTS).mkdir(exist_ok=True)
        make(work / INPUTS / "font.ttf")

    return Case("damaged", f"font={name}", build, font="font.ttf")


def _font_bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data())


def _dejavu(cut: float) -> bytes:
    raw = DEJAVU.read_bytes()
    return raw[: int(len(raw) * cut)]


def _font_table_lies() -> bytes:
    # A TrueType header whose table directory points past the end of the file.
    raw = bytearray(DEJAVU.read_bytes()[:4096])
    struct.pack_into(">I", raw, 12 + 8, 0x7FFFFFF0)
    return bytes(raw)


#: What a ``--font`` file holds, by name.
DAMAGED_FONTS: dict[str, Callable[[Path], None]] = {
    "ttf-cut-1": _font_bytes(lambda: _dejavu(0.01)),
    "ttf-cut-50": _font_bytes(lambda: _dejavu(0.5)),
    "ttf-header-only": _font_bytes(lambda: _dejavu(0.0)[:0] + DEJAVU.read_bytes()[:12]),
    "ttf-table-offset-past-end": _font_bytes(_font_table_lies),
    "empty-file": _font_bytes(lambda: b""),
    "png-as-font": _font_bytes(png_bytes),
    "postscript-as-font": _font_bytes(lambda: POSTSCRIPT),
    "fifo-as-font": lambda path: os.mkfifo(path),
    "dev-zero-as-font": lambda path: path.symlink_to("/dev/zero"),
    "directory-as-font": lambda path: path.mkdir(),
    "missing-font": lambda path: None,
}


def damaged_cases() -> list[Case]:
    """Family ``damaged``: damaged images where drawings are, damaged fonts given to ``--font``."""
    cases = [_image_case(name, make) for name, make in DAMAGED_IMAGES.items()]
    if DEJAVU.is_file():
        cases += [_font_case(name, make) for name, make in DAMAGED_FONTS.items()]
    return cases


FAMILIES: dict[str, Callable[[], list[Case]]] = {
    "types": type_cases,
    "numbers": number_cases,
    "encodings": encoding_cases,
    "files": file_cases,
    "sizes": size_cases,
    "damaged": damaged_cases,
}


def all_cases() -> dict[str, list[Case]]:
    """Every case of every family."""
    return {family: make() for family, make in FAMILIES.items()}


def sample(cases: list[Case], count: int) -> list[Case]:
    """``count`` cases spread evenly over a family (always the same ones, so CI is repeatable)."""
    if count >= len(cases):
        return list(cases)
    step = len(cases) / count
    return [cases[int(i * step)] for i in range(count)]


def encoded_equal(a: Any, b: Any) -> bool:
    """Whether two projects hold the same data, by their encoded builtins."""
    return msgspec.to_builtins(a) == msgspec.to_builtins(b)
