"""Every field is declared once: its range on the entity, its label, unit and text form in the registry.

No Qt here: these are the rules every editor, export and the loader share.
"""

from __future__ import annotations

import json
import math

import msgspec.inspect as mi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyboarder.export.plan_text import describe_plan
from storyboarder.io import load_project, save_project
from storyboarder.model import CameraSpec, Panel, Project, Scene, camera_line, entities
from storyboarder.model.equipment import equipment_checklist, rig_names
from storyboarder.model.fields import ENTITIES, NUMERIC, FieldError, FieldSpec, number_types, plain_number, spec, specs
from storyboarder.model.shooting_order import plan_scene
from storyboarder.model.shot_columns import COLUMN_BY_KEY, ShotListContext, ShotListError, cell_text, csv_text, parse_cell
from storyboarder.vocabulary import load_vocabulary

NUMBER_SPECS = [(entity, field) for entity in ENTITIES for field in specs(entity).values() if field.numeric]


def _id(item) -> str:
    entity, field = item
    return f"{entity.__name__}.{field.path}"


# Every number is declared ---------------------------------------------------------------


def _scalar_numbers(cls: type, prefix: str = ""):
    for info in mi.type_info(cls).fields:
        kind = info.type
        if isinstance(kind, mi.UnionType):
            kind = next(t for t in kind.types if not isinstance(t, mi.NoneType))
        if isinstance(kind, mi.StructType):
            yield from _scalar_numbers(kind.cls, prefix + info.name + ".")
        elif isinstance(kind, (mi.IntType, mi.FloatType)):
            yield prefix + info.name


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda entity: entity.__name__)
def test_every_number_of_every_entity_has_a_field_spec(entity):
    numbers = set(_scalar_numbers(entity)) - {"version"}  # the file header, checked before decoding
    declared = {path for path, field in specs(entity).items() if field.numeric}
    assert numbers == declared


def test_every_entity_is_in_the_registry_or_edited_inside_one():
    inside = {entities.CameraSpec, entities.LightingSpec, entities.SpecialInstructions}
    assert set(entities.Entity.__subclasses__()) == set(ENTITIES) | inside


def test_every_number_anywhere_declares_both_ends_of_its_range():
    for entity in ENTITIES:
        for path, kind in number_types(entity):
            if path == "version":
                continue
            bounds = (kind.ge if kind.gt is None else kind.gt, kind.le if kind.lt is None else kind.lt)
            assert None not in bounds, f"{entity.__name__}.{path} needs msgspec.Meta(ge=..., le=...)"


def test_defaults_are_in_range():
    for entity, field in NUMBER_SPECS:
        if field.default is not None:
            assert field.check(field.default) == field.default, _id((entity, field))


def test_the_duration_maximum_is_one_constant():
    assert spec(Panel, "duration_ms").bounds.high == entities.MAX_DURATION_MS == 24 * 3600 * 1000


# Text forms ---------------------------------------------------------------------------------


def _values(field: FieldSpec):
    low, high = field.bounds.low, field.bounds.high
    if field.kind in ("integer", "duration", "pages"):
        return st.integers(int(low), int(high))
    return st.floats(low, high, allow_nan=False, exclude_min=field.bounds.low_open, exclude_max=field.bounds.high_open)


@pytest.mark.parametrize("item", NUMBER_SPECS, ids=_id)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_edit_text_reads_back_exactly_and_printed_text_reads_back_as_printed(item, data):
    _entity, field = item
    value = data.draw(_values(field))
    assert field.parse(field.edit_text(value)) == value
    printed = field.format(value)
    if field.kind == "duration":
        # A board prints tenths of a second (whole seconds past an hour); that much reads back.
        assert field.format(field.parse(printed)) == printed
    else:
        assert field.parse(printed) == value


@pytest.mark.parametrize("item", NUMBER_SPECS, ids=_id)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_values_out_of_range_are_refused_with_one_message(item, data):
    _entity, field = item
    low, high = field.bounds.low, field.bounds.high
    below = st.floats(max_value=low, exclude_max=not field.bounds.low_open, allow_nan=False, allow_infinity=False, min_value=low - 1e9)
    above = st.floats(min_value=high, exclude_min=not field.bounds.high_open, allow_nan=False, allow_infinity=False, max_value=high + 1e9)
    value = data.draw(below | above)
    if field.kind in ("integer", "duration", "pages"):
        value = math.floor(value) if value < low else math.ceil(value)
    message = f"{field.label} must be {field.range_text()}"
    with pytest.raises(FieldError) as typed:
        field.parse(plain_number(value) if field.kind != "duration" else plain_number(value / 1000))
    with pytest.raises(FieldError) as stored:
        field.check(value)
    if field.kind != "pages":  # a page count past the longest scene is refused by the page reader
        assert str(typed.value) == message
    assert str(stored.value) == message


def test_examples_from_the_issue_are_refused_by_the_lens_everywhere():
    lens = spec(Panel, "camera.lens_mm")
    ctx = ShotListContext(Project())
    for text in ("0", "500000000", "-5"):
        with pytest.raises(FieldError, match="^lens must be between 1 and 2000 mm$"):
            lens.parse(text)
        with pytest.raises(ShotListError) as cell:
            parse_cell("lens", text, ctx)
        assert str(cell.value) == "lens must be between 1 and 2000 mm"
    with pytest.raises(ShotListError, match="^duration must be between 0 s and 24 h$"):
        parse_cell("duration", str(10 * 24 * 3600), ctx)
    with pytest.raises(FieldError, match="^latitude must be between -90 and 90 degrees$"):
        spec(entities.Location, "latitude").parse("500")


def test_numbers_read_with_units_commas_and_spaces():
    lens = spec(Panel, "camera.lens_mm")
    assert [lens.parse(t) for t in ("35", "35mm", " 35 MM ", "35,5", "")] == [35.0, 35.0, 35.0, 35.5, None]
    kelvin = spec(Panel, "lighting.color_temp_k")
    assert kelvin.parse("3200K") == 3200 and isinstance(kelvin.parse("3200"), int)
    with pytest.raises(FieldError, match="whole number"):
        kelvin.parse("3200.5")
    with pytest.raises(FieldError):
        lens.parse("35 fps")
    for junk in ("nan", "inf", "1e999", "3..5", "--3"):
        with pytest.raises(FieldError):
            lens.parse(junk)


def test_vocabulary_fields_store_the_crews_abbreviation():
    size = spec(Panel, "camera.shot_size")
    assert size.vocabulary == "shot_sizes" and size.parse("  extreme   close-up ") == "ECU"
    assert size.parse("my own term") == "my own term"
    for name in ("shot_sizes", "angles", "movements", "rigs", "lighting_styles"):
        field = next(f for f in specs(Panel).values() if f.vocabulary == name)
        for term in load_vocabulary().terms(name):
            assert field.parse(field.format(term.value)) == term.value


# One text form everywhere --------------------------------------------------------------------


def _lens_project(lens: float | None) -> Project:
    panel = Panel(id="p", camera=CameraSpec(lens_mm=lens, setup="1"))
    return Project(scenes=[Scene(id="s", panels=[panel])])


def test_boards_shot_lists_plans_and_equipment_print_the_lens_alike():
    project = _lens_project(27.5)
    scene, panel = project.scenes[0], project.scenes[0].panels[0]
    ctx = ShotListContext(project)
    assert "27.5mm" in camera_line(panel.camera)
    assert cell_text("lens", scene, panel, ctx) == "27.5mm"
    assert csv_text("lens", scene, panel, ctx) == "27.5"  # spreadsheets get the plain number
    assert [item.label for item in equipment_checklist(project, [scene]) if item.kind == "lens"] == ["27.5mm"]
    assert "27.5mm" in "\n".join(describe_plan("Scene 1", plan_scene(project, scene)))
    assert COLUMN_BY_KEY["lens"].spec is spec(Panel, "camera.lens_mm")


def test_every_rig_of_the_vocabulary_is_named_by_the_equipment_list():
    rigs = load_vocabulary().rigs
    assert all(term.department in ("Camera", "Grip & Electric") for term in rigs)
    for term in rigs:
        assert rig_names(term.value) == [term.value[:1].upper() + term.value[1:]]
        for alias in term.aliases:
            assert rig_names(alias) == [term.value[:1].upper() + term.value[1:]], alias


# The loader ---------------------------------------------------------------------------------


def _write(folder, doc) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "project.json").write_text(json.dumps(doc), encoding="utf-8")


def test_an_out_of_range_lens_in_a_file_is_left_empty_with_its_place_named(tmp_path):
    doc = {"format": "storyboarder", "version": 1, "scenes": [
        {"id": "s", "panels": [{"id": "a"}, {"id": "b"}, {"id": "c", "camera": {"lens_mm": -5, "setup": "1"}}]}]}
    _write(tmp_path / "film", doc)
    loaded = load_project(tmp_path / "film")
    file = str(tmp_path / "film" / "project.json")
    assert [str(w) for w in loaded.warnings] == [
        f"{file}: scenes[0].panels[2].camera.lens_mm: expected a number between 1 and 2000, found -5; left empty"
    ]
    panel = loaded.project.scenes[0].panels[2]
    assert panel.camera.lens_mm is None and "-5mm" not in camera_line(panel.camera)
    # The next save writes it clean, and the file then opens without a word.
    save_project(loaded.project, tmp_path / "film")
    assert load_project(tmp_path / "film").warnings == []


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("scenes", 0, "panels", 0, "duration_ms"), 10 * 24 * 3600 * 1000,
         "expected a whole number between 0 and 86400000, found 864000000; the default 2000 is used"),
        (("locations", 0, "latitude"), 500, "expected a number between -90 and 90, found 500; left empty"),
        (("fps",), 0, "expected a number between 1 and 1000, found 0; the default 24 is used"),
        (("scenes", 0, "panels", 0, "layer_opacity", "reference"), 3, "expected a number between 0 and 1, found 3; left out"),
    ],
    ids=lambda part: ".".join(map(str, part)) if isinstance(part, tuple) else None,
)
def test_other_numbers_out_of_range_are_repaired_with_a_warning(tmp_path, where, value, expected):
    doc = {"format": "storyboarder", "version": 1, "locations": [{"id": "l"}],
           "scenes": [{"id": "s", "panels": [{"id": "p", "layer_opacity": {}}]}]}
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    _write(tmp_path / "film", doc)
    loaded = load_project(tmp_path / "film")
    place = ".".join(str(k) for k in where).replace(".0.", "[0].").replace(".0", "[0]")
    assert [(w.where, w.message) for w in loaded.warnings] == [(place, expected)]


def test_every_kind_is_known():
    kinds = {field.kind for entity in ENTITIES for field in specs(entity).values()}
    assert kinds <= {"text", "block", "term", "flag"} | NUMERIC
