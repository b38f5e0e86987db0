"""The JSON Schema of the project file, generated from the model's declarations.

Types, ranges and defaults come from the entities (through
``msgspec.json.schema``), units from the field registry and the prose from
``schema_notes``, so the published schema cannot say something the loader
does not do. ``python -m storyboarder.io.schema`` rewrites
``resources/schema/project-v1.schema.json``; a test fails when the file and
the declarations drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import msgspec

from storyboarder.model import entities as e
from storyboarder.model.fields import ENTITIES, Bounds, specs
from storyboarder.resources_path import resource

from .migrate import FORMAT, FORMAT_VERSION
from .schema_notes import DESCRIPTIONS

#: The name of each entity's definition in the schema; the project is the schema's root.
DEF_NAMES: dict[type, str] = {
    e.Project: "",
    e.CameraSpec: "camera",
    e.LightingSpec: "lighting",
    e.Panel: "panel",
    e.Scene: "scene",
    e.CastMember: "cast_member",
    e.CrewMember: "crew_member",
    e.Location: "location",
    e.ShootDay: "shoot_day",
    e.CastCall: "cast_call",
    e.CrewCall: "crew_call",
    e.DepartmentCall: "department_call",
    e.BackgroundCall: "background_call",
    e.SpecialInstructions: "special_instructions",
}

#: Where a field's unit is found: in the registry, under the entity that owns the nested spec.
_UNIT_OWNER = {e.CameraSpec: (e.Panel, "camera."), e.LightingSpec: (e.Panel, "lighting.")}

#: What a file must hold; everything else may be left out and takes its default.
REQUIRED = ("format", "version", "scenes")

_KEY_ORDER = ("description", "type", "const", "$ref")


def schema_path() -> Path:
    """Where the published schema lives in the source tree."""
    return Path(str(resource("schema", "project-v1.schema.json")))


def project_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a version-``FORMAT_VERSION`` project file."""
    generated = msgspec.json.schema(e.Project)
    by_class_name = {cls.__name__: cls for cls in DEF_NAMES}
    defs = {}
    for class_name, definition in generated["$defs"].items():
        cls = by_class_name[class_name]
        defs[DEF_NAMES[cls]] = _definition(cls, definition)
    root = defs.pop("")
    defs = {name: defs[name] for name in DEF_NAMES.values() if name}
    del root["title"], root["additionalProperties"]
    # The header is the file's, not a field of the project: io writes it before the project's keys.
    notes = DESCRIPTIONS[""]
    properties = {
        "format": {"description": _words(notes["format"]), "type": "string", "const": FORMAT},
        "version": {"description": _words(notes["version"]), "type": "integer", "minimum": 0},
        **root.pop("properties"),
    }
    for name in REQUIRED:
        properties[name].pop("default", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Storyboarder project, format version {FORMAT_VERSION}",
        **root,
        "required": list(REQUIRED),
        "properties": properties,
        "additionalProperties": True,
        "$defs": defs,
    }


def _definition(cls: type, definition: dict) -> dict:
    notes = DESCRIPTIONS[DEF_NAMES[cls]]
    properties = {name: _property(cls, name, prop, notes) for name, prop in definition["properties"].items()}
    # Unknown keys are kept when a file is read and saved, so a newer release can add keys.
    title = DEF_NAMES[cls].replace("_", " ").capitalize()
    return {"title": title, "description": _words(notes[""]), "type": "object", "properties": properties,
            "additionalProperties": True}


def _property(cls: type, name: str, prop: dict, notes: dict[str, str]) -> dict:
    if "$ref" in prop:
        prop = {"$ref": "#/$defs/" + DEF_NAMES[_class(prop["$ref"])], "default": {}}
    elif prop.get("type") == "array" and "$ref" in prop["items"]:
        prop = {**prop, "items": {"$ref": "#/$defs/" + DEF_NAMES[_class(prop["items"]["$ref"])]}}
    prop = _nullable(prop)
    if name == "id":
        # A file should name every entry; the loader gives one left without an id (or with an empty one) a new id.
        prop = {**prop, "minLength": 1}
        prop.pop("default", None)
    description = _words(notes[name])
    sentence = _range_sentence(cls, name, prop)
    if sentence:
        description += " " + sentence
    prop = {"description": description, **prop}
    ordered = {key: prop[key] for key in _KEY_ORDER if key in prop}
    ordered.update((key, value) for key, value in prop.items() if key not in ordered and key != "default")
    if "default" in prop:
        ordered["default"] = prop["default"]
    return ordered


def _class(ref: str) -> type:
    name = ref.rsplit("/", 1)[1]
    return next(cls for cls in DEF_NAMES if cls.__name__ == name)


def _nullable(prop: dict) -> dict:
    """Write ``anyOf: [{type: number, ...}, {type: null}]`` the short way, ``type: [number, null]``."""
    options = prop.get("anyOf")
    if not options or len(options) != 2 or options[1] != {"type": "null"} or "type" not in options[0]:
        return prop
    rest = {key: value for key, value in prop.items() if key != "anyOf"}
    return {**options[0], "type": [options[0]["type"], "null"], **rest}


def _range_sentence(cls: type, name: str, prop: dict) -> str:
    """``Between 1 and 2000 mm.``: the declared range with the registry's unit."""
    low, high = prop.get("minimum", prop.get("exclusiveMinimum")), prop.get("maximum", prop.get("exclusiveMaximum"))
    if low is None and high is None:
        return ""
    bounds = Bounds(low, high, "exclusiveMinimum" in prop, "exclusiveMaximum" in prop)
    owner, prefix = _UNIT_OWNER.get(cls, (cls, ""))
    field = specs(owner).get(prefix + name) if owner in ENTITIES else None
    unit = field.unit if field is not None and field.kind in ("number", "integer") else ""
    text = bounds.text() + (f" {unit}" if unit else "")
    return text[0].upper() + text[1:] + "."


def _words(text: str) -> str:
    return text.format(version=FORMAT_VERSION, max_text=f"{e.MAX_TEXT:,}")


def schema_text() -> str:
    """The schema file's text, as it is written."""
    return json.dumps(project_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path | None = None) -> Path:
    """Write the generated schema (by default over the published one) and return where."""
    path = path or schema_path()
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover - a developer's command
    print(write_schema(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
