"""The published JSON Schema of the v1 project file matches the model and what we save."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import msgspec
import msgspec.inspect as mi
import pytest

from storyboarder.io import FORMAT_VERSION, load_project, save_project
from storyboarder.io.migrate import HEADER_KEYS
from storyboarder.io.schema import schema_path, schema_text
from storyboarder.model.entities import (
    BackgroundCall,
    CameraSpec,
    CastCall,
    CastMember,
    CrewCall,
    CrewMember,
    DepartmentCall,
    Entity,
    LightingSpec,
    Location,
    Panel,
    Project,
    Scene,
    ShootDay,
    SpecialInstructions,
)
from storyboarder.model.fields import Bounds, unwrap
from storyboarder.resources_path import resource

EXAMPLE_PROJECT = Path(__file__).resolve().parents[1] / "examples" / "night-market" / "project.json"

#: Which ``$defs`` entry describes which model entity; ``None`` is the schema root.
DEFS: dict[str | None, type[Entity]] = {
    None: Project,
    "camera": CameraSpec,
    "lighting": LightingSpec,
    "panel": Panel,
    "scene": Scene,
    "cast_member": CastMember,
    "crew_member": CrewMember,
    "location": Location,
    "shoot_day": ShootDay,
    "cast_call": CastCall,
    "crew_call": CrewCall,
    "department_call": DepartmentCall,
    "background_call": BackgroundCall,
    "special_instructions": SpecialInstructions,
}

_DEF_OF = {cls: name for name, cls in DEFS.items()}

#: The JSON Schema ``type`` of each kind of declared type (``msgspec.inspect``).
_JSON_TYPE = {mi.StrType: "string", mi.IntType: "integer", mi.FloatType: "number", mi.BoolType: "boolean"}


def _json_type(declared) -> str | list[str] | None:
    info, optional = unwrap(declared)
    name = _JSON_TYPE.get(type(info))
    return None if name is None else [name, "null"] if optional else name


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resource("schema", "project-v1.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


def _def(schema: dict, name: str | None) -> dict:
    return schema if name is None else schema["$defs"][name]


def _resolve(schema: dict, prop: dict) -> dict:
    ref = prop.get("$ref")
    if ref is None:
        return prop
    prefix = "#/$defs/"
    assert ref.startswith(prefix), ref
    return schema["$defs"][ref[len(prefix):]]


def _sample_project() -> Project:
    mara = CastMember(id="cast-mara", actor="Ana Lima", character="MARA", phone="+44 20 7946 0000")
    jin = CastMember(id="cast-jin", actor="Jin Park", character="VENDOR")
    gaffer = CrewMember(id="crew-gaffer", name="Sam Okafor", department="Electric", role="Gaffer")
    market = Location(
        id="loc-market",
        name="Night market",
        address="1 Canal Street",
        latitude=51.5,
        longitude=-0.1,
        nearest_hospital="St Mary's",
    )
    wide = Panel(
        id="p-wide",
        action="Lanterns sway over the stalls.",
        duration_ms=3000,
        camera=CameraSpec(shot_size="WS", angle="high", movement="crane down", lens_mm=24, rig="crane", frame_rate=24.0),
        lighting=LightingSpec(setup="L1", style="low key", practicals="lanterns", color_temp_k=3200),
        cast_ids=["cast-mara", "cast-jin"],
        est_minutes=45.0,
    )
    close = Panel(
        id="p-close",
        dialogue="MARA\nHow much?",
        new_shot=True,
        camera=CameraSpec(shot_size="CU", lens_mm=85.0),
        lighting=LightingSpec(key="Kino from camera left", color_temp_k=5600),
        cast_ids=["cast-mara"],
    )
    push = Panel(id="p-push", new_shot=False, duration_ms=1500, transition="CUT")
    scene = Scene(
        id="s-market",
        heading="EXT. NIGHT MARKET - NIGHT",
        int_ext="EXT",
        location_id="loc-market",
        time_of_day="NIGHT",
        panels=[wide, close, push],
    )
    day = ShootDay(
        id="d-1",
        date="2025-03-14",
        crew_call="17:00",
        shooting_call="18:30",
        lunch="23:00",
        wrap="05:00",
        location_ids=["loc-market"],
        scene_ids=["s-market"],
        cast_calls=[
            CastCall(cast_id="cast-mara", pickup="16:30", makeup="17:00", on_set="18:15", status="SW"),
            CastCall(cast_id="cast-jin", on_set="18:15", status="W"),
        ],
        crew_calls=[CrewCall(crew_id="crew-gaffer", call="16:00")],
        safety="Cables across walkways.",
    )
    return Project(
        title="Night Market",
        director="D. Rivera",
        scenes=[scene],
        cast=[mara, jin],
        crew=[gaffer],
        locations=[market],
        shoot_days=[day],
    )


def _minimal_document() -> dict:
    return {
        "format": "storyboarder",
        "version": 1,
        "scenes": [{"id": "s1", "panels": [{"id": "p1", "duration_ms": 2000, "camera": {"lens_mm": 35}}]}],
    }


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_saved_project_validates(tmp_path, validator):
    save_project(_sample_project(), tmp_path)
    doc = json.loads((tmp_path / "project.json").read_text(encoding="utf-8"))
    validator.validate(doc)
    # The document is one the loader accepts too, so the check above means something.
    assert load_project(tmp_path).project.shoot_days[0].cast_calls[1].cast_id == "cast-jin"


def test_night_market_example_validates(validator):
    assert EXAMPLE_PROJECT.is_file(), f"missing example project {EXAMPLE_PROJECT}"
    validator.validate(json.loads(EXAMPLE_PROJECT.read_text(encoding="utf-8")))


def test_every_entity_has_a_def(schema):
    assert set(schema["$defs"]) == {name for name in DEFS if name is not None}
    assert set(Entity.__subclasses__()) == set(DEFS.values())


@pytest.mark.parametrize("name", list(DEFS), ids=lambda name: name or "root")
def test_def_properties_match_model_fields(schema, name):
    definition = _def(schema, name)
    fields = [info.name for info in msgspec.structs.fields(DEFS[name])]
    in_schema, in_model = set(definition["properties"]), set(fields)
    if name is None:
        # The file's header is io's, not a field of the project.
        in_model |= set(HEADER_KEYS)
    assert in_schema == in_model, f"only in schema: {in_schema - in_model}; only in model: {in_model - in_schema}"
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is True


@pytest.mark.parametrize("name", list(DEFS), ids=lambda name: name or "root")
def test_def_types_and_defaults_match_model(schema, name):
    definition = _def(schema, name)
    required = set(definition.get("required", ()))
    declared = {info.name: info for info in mi.type_info(DEFS[name]).fields}
    for info in msgspec.structs.fields(DEFS[name]):
        prop = definition["properties"][info.name]
        where = f"{name or 'root'}.{info.name}"
        assert prop.get("description"), f"{where} has no description"
        kind = unwrap(declared[info.name].type)[0]
        if _json_type(declared[info.name].type) is not None:
            assert prop["type"] == _json_type(declared[info.name].type), where
        elif isinstance(kind, mi.DictType):
            assert prop["type"] == "object", where
            assert prop["additionalProperties"]["type"] == _json_type(kind.value_type), where
        elif isinstance(kind, mi.ListType):
            assert prop["type"] == "array", where
            item = unwrap(kind.item_type)[0]
            if isinstance(item, mi.StructType):
                assert _resolve(schema, prop["items"]) is _def(schema, _DEF_OF[item.cls]), where
            else:
                assert prop["items"]["type"] == "string", where
        else:
            assert isinstance(kind, mi.StructType), where
            assert _resolve(schema, prop) is _def(schema, _DEF_OF[kind.cls]), where
        if isinstance(kind, (mi.IntType, mi.FloatType)):
            # The range the loader enforces is the range the schema publishes.
            bounds = Bounds.of(kind)
            assert (prop.get("minimum"), prop.get("maximum")) == (bounds.low, bounds.high), where

        if info.name in required:
            continue
        if info.name == "id":
            # A fresh id is made for each object, so there is no fixed default.
            assert "default" not in prop, where
            assert prop["minLength"] == 1, where
            continue
        assert "default" in prop, f"{where} has no default"
        if info.default_factory is not msgspec.NODEFAULT:
            model_default = msgspec.to_builtins(info.default_factory())
            if isinstance(model_default, dict):
                # An omitted nested object means every one of its keys at its default.
                assert prop["default"] == {}, where
                continue
        else:
            model_default = info.default
        assert prop["default"] == model_default, where
        assert type(prop["default"]) is type(model_default), where


def test_published_schema_is_the_generated_one():
    # Regenerate with ``python -m storyboarder.io.schema`` after changing a declaration.
    assert schema_path().read_text(encoding="utf-8") == schema_text()


def test_every_number_states_its_range_in_words(schema):
    lens = schema["$defs"]["camera"]["properties"]["lens_mm"]
    assert (lens["minimum"], lens["maximum"]) == (1, 2000)
    assert lens["description"].endswith("Between 1 and 2000 mm.")
    latitude = schema["$defs"]["location"]["properties"]["latitude"]
    assert latitude["description"].endswith("Between -90 and 90 degrees.")


def test_header_and_requirements(schema):
    assert schema["required"] == ["format", "version", "scenes"]
    assert schema["properties"]["format"]["const"] == "storyboarder"
    version = schema["properties"]["version"]
    assert (version["type"], version["minimum"]) == ("integer", 0)
    assert f"up to version {FORMAT_VERSION}" in version["description"]


def test_unknown_keys_are_allowed(validator):
    doc = _minimal_document()
    doc["from_the_future"] = {"anything": [1, 2]}
    doc["scenes"][0]["mood"] = "tense"
    doc["scenes"][0]["panels"][0]["camera"]["sensor"] = "S35"
    validator.validate(doc)


def _set(doc: dict, path: tuple, value) -> dict:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("format",), "other"),
        (("version",), "1"),
        (("version",), -1),
        (("scenes", 0, "panels", 0, "duration_ms"), "2000"),
        (("scenes", 0, "panels", 0, "duration_ms"), 1.5),
        (("scenes", 0, "panels", 0, "camera", "lens_mm"), "35"),
        (("scenes", 0, "panels", 0, "lighting"), {"color_temp_k": "3200"}),
        (("scenes", 0, "panels", 0, "new_shot"), "yes"),
        (("scenes", 0, "id"), ""),
        (("scenes", 0, "panels", 0, "camera", "lens_mm"), -5),
        (("scenes", 0, "panels", 0, "camera", "lens_mm"), 500_000_000),
        (("scenes", 0, "panels", 0, "duration_ms"), 10 * 24 * 3600 * 1000),
    ],
    ids=lambda part: "-".join(map(str, part)) if isinstance(part, tuple) else repr(part),
)
def test_schema_rejects_bad_values(validator, path, value):
    validator.validate(_minimal_document())
    assert not validator.is_valid(_set(_minimal_document(), path, value))


def test_schema_rejects_missing_required_keys(validator):
    for key in ("format", "version", "scenes"):
        doc = _minimal_document()
        del doc[key]
        assert not validator.is_valid(doc), key
