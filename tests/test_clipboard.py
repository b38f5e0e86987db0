"""Copied panels paste into any project with their pictures, and hostile clipboard data is refused clearly."""

from __future__ import annotations

import base64
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import small_project
from storyboarder.io import ProjectError, dumps, save_project
from storyboarder.io import clipboard as clipboard_module
from storyboarder.io import limits
from storyboarder.io import load as load_module
from storyboarder.io import migrate as migrate_module
from storyboarder.io.clipboard import decode_panels, encode_panels
from storyboarder.io.staging import add_image, stage_image
from storyboarder.model import CastMember, Project, Scene
from storyboarder.model.entities import MAX_TEXT


def _png(color: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (16, 9), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def copied(tmp_path) -> bytes:
    """Two panels copied from a saved project: one with a saved image and layers, one drawn since the save."""
    project = small_project()
    first, second = project.scenes[0].panels[:2]
    stage_image(project, first, _png(10))
    first.layers = {"ink": add_image(project, first, _png(20), layer="ink")}
    first.layer_opacity = {"ink": 0.5}
    save_project(project, tmp_path / "source")
    stage_image(project, second, _png(30))
    return encode_panels(project, tmp_path / "source", [first, second])


def _other_project() -> Project:
    return Project(scenes=[Scene()], cast=[CastMember(id="cast-mara", character="MARA")])


def _refused(data: bytes, where: str, message: str) -> str:
    """Paste bytes that must be refused; prove nothing was staged; return the whole message."""
    project = _other_project()
    with pytest.raises(ProjectError) as caught:
        decode_panels(data, project)
    text = str(caught.value)
    assert f"clipboard: {where}: {message}" in text, text
    assert all(p.file == "clipboard" for p in caught.value.problems)
    assert "Traceback" not in text
    assert dict(project.pending_images) == {}
    return text


def _changed(data: bytes, change) -> bytes:
    doc = json.loads(data)
    change(doc)
    return json.dumps(doc).encode()


def test_panels_paste_with_their_pictures_new_ids_and_only_known_cast(copied):
    project = _other_project()
    pasted = decode_panels(copied, project)
    source = small_project().scenes[0].panels[:2]

    assert [p.action for p in pasted] == [p.action for p in source]
    assert [p.camera.lens_mm for p in pasted] == [p.camera.lens_mm for p in source]
    assert all(p.id not in {s.id for s in source} for p in pasted)
    assert [project.pending_images[p.image] for p in pasted] == [_png(10), _png(30)]
    # Layers belong to the source project; the flattened picture travels instead.
    assert all(p.layers == {} and p.layer_opacity == {} for p in pasted)
    assert all(set(p.cast_ids) <= {"cast-mara"} for p in pasted)


def test_cast_from_another_project_is_dropped(copied):
    project = Project(scenes=[Scene()])
    assert all(p.cast_ids == [] for p in decode_panels(copied, project))


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda d: d["panels"][0]["panel"].update(duration_ms="long"), "panels[0].panel.duration_ms", "expected a whole number, found text"),
        (lambda d: d["panels"][1]["panel"]["camera"].update(lens_mm=[35]), "panels[1].panel.camera.lens_mm", "expected a number or null, found a list"),
        (lambda d: d["panels"][0]["panel"].update(sneaky=1), "panels[0].panel.sneaky", "this key is not a field Storyboarder knows"),
        (lambda d: d["panels"][0]["panel"]["lighting"].update(gel="CTO"), "panels[0].panel.lighting.gel", "this key is not a field Storyboarder knows"),
        (lambda d: d["panels"][0].update(script="rm -rf"), "panels[0].script", "this key is not part of copied panels"),
        (lambda d: d.update(owner="x"), "owner", "this key is not part of copied panels"),
        (lambda d: d["panels"][0]["panel"].update(action="x" * (MAX_TEXT + 1)), "panels[0].panel.action", f"the text is {MAX_TEXT + 1:,} characters long"),
        (lambda d: d["panels"][0]["panel"].update(image="../../etc/passwd"), "panels[0].panel.image", "the image path '../../etc/passwd' contains '..'"),
        (lambda d: d["panels"][0]["panel"].update(layers={"ink": "/etc/shadow"}), "panels[0].panel.layers.ink", "the image path '/etc/shadow' is absolute"),
        (lambda d: d["panels"][0]["panel"].update(duration_ms=-5), "panels[0].panel.duration_ms", "expected a whole number between 0 and 86400000, found -5"),
        (lambda d: d["panels"][0]["panel"].update(shoot_order=0), "panels[0].panel.shoot_order", "expected a whole number between 1 and 1000000, found 0"),
        (lambda d: d["panels"][0]["panel"]["camera"].update(lens_mm=500_000_000), "panels[0].panel.camera.lens_mm", "expected a number between 1 and 2000, found 500000000"),
        (lambda d: d["panels"][0].update(image_data="not base64!"), "panels[0].image_data", "the image is not valid base64"),
        (lambda d: d["panels"][0].update(image_data=base64.b64encode(b"MZ\x90\x00").decode()), "panels[0].image_data", "'copied image' is not an image Storyboarder can read"),
        (lambda d: d["panels"][0].update(image_data=7), "panels[0].image_data", "expected base64 text or null, found a number"),
        (lambda d: d["panels"][0].update(image_ext="exe"), "panels[0].image_ext", "expected an image file extension"),
        (lambda d: d["panels"][0].pop("panel"), "panels[0]", "the panel is missing"),
        (lambda d: d["panels"].append("panel"), "panels[2]", "expected an object, found text"),
        (lambda d: d.update(panels={"0": {}}), "panels", "expected a list of panels, found an object"),
        (lambda d: d.update(format="storyboarder"), "format", "this is not panels copied from Storyboarder"),
        (lambda d: d.pop("format"), "format", "this is not panels copied from Storyboarder"),
        (lambda d: d.update(version="1"), "version", "expected a whole number, found text"),
        (lambda d: d.update(version=99), "version", "the panels were copied from a newer Storyboarder (format version 99)"),
    ],
    ids=lambda part: part if isinstance(part, str) else "",
)
def test_hostile_clipboard_data_is_refused_with_the_place(copied, change, where, message):
    _refused(_changed(copied, change), where, message)


def test_one_bad_panel_refuses_the_whole_paste_and_every_problem_is_listed(copied):
    def change(doc):
        doc["panels"][0]["panel"]["duration_ms"] = "long"
        doc["panels"][1]["panel"]["camera"]["lens_mm"] = "wide"

    text = _refused(_changed(copied, change), "panels[0].panel.duration_ms", "expected a whole number")
    assert "clipboard: panels[1].panel.camera.lens_mm: expected a number or null, found text" in text


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b'{"format": "storyboarder-panels", "panels": [', "line 1 column 46", "not valid JSON: the file ends too early"),
        (b"\xff\xfe{}", "line 1 column 1", "the file is not valid UTF-8"),
        (b"[1, 2]", "(top level)", "expected an object, found a list"),
        (b'{"a": NaN}', "", "NaN is not allowed in a project file"),
        (b"[" * 100_000 + b"]" * 100_000, "", "nested too deeply"),
    ],
    ids=["truncated", "not-utf8", "a-list", "nan", "deep"],
)
def test_what_is_not_json_is_refused_like_a_broken_file(data, where, message):
    project = _other_project()
    with pytest.raises(ProjectError) as caught:
        decode_panels(data, project)
    expected = f"clipboard: {where}: " if where else "clipboard: "
    assert str(caught.value).startswith(expected) and message in str(caught.value), str(caught.value)


def test_a_huge_clipboard_is_refused_before_it_is_parsed(monkeypatch, copied):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    with pytest.raises(ProjectError, match=r"^clipboard: the copied panels are [\d,]+ bytes; at most 100 are pasted$"):
        decode_panels(copied, _other_project())


def test_too_many_panels_are_refused_before_they_are_decoded(monkeypatch, copied):
    monkeypatch.setattr(clipboard_module, "MAX_PANELS", 1)
    _refused(copied, "panels", "2 panels were copied; at most 1 are pasted at once")


def test_older_clipboards_are_migrated_like_older_files(copied, monkeypatch):
    """Pretend this build writes version 2, with a 1 → 2 step, and paste version-1 panels."""

    def one_to_two(doc):
        for panel in doc["scenes"][0]["panels"]:
            panel["action"] = panel["action"].upper()
        return doc

    monkeypatch.setattr(migrate_module, "FORMAT_VERSION", 2)
    monkeypatch.setattr(clipboard_module, "FORMAT_VERSION", 2)
    monkeypatch.setattr(load_module, "FORMAT_VERSION", 2)
    monkeypatch.setitem(migrate_module.MIGRATIONS, 1, one_to_two)
    pasted = decode_panels(copied, _other_project())
    assert pasted[0].action == small_project().scenes[0].panels[0].action.upper()


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)

_PLACES = [
    (),
    ("panels",),
    ("panels", 0),
    ("panels", 0, "panel"),
    ("panels", 0, "panel", "camera"),
    ("panels", 0, "panel", "cast_ids"),
    ("panels", 0, "panel", "layers"),
    ("panels", 0, "panel", "image"),
    ("panels", 0, "image_data"),
    ("panels", 0, "image_ext"),
    ("version",),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PLACES), _json_values)
def test_any_json_anywhere_pastes_or_raises_project_error(place, value):
    doc = json.loads(_COPIED)
    if place:
        target = doc
        for key in place[:-1]:
            target = target[key]
        target[place[-1]] = value
    else:
        doc = value
    project = _other_project()
    try:
        pasted = decode_panels(json.dumps(doc).encode(), project)
    except ProjectError as exc:
        assert exc.problems and all(p.file == "clipboard" and p.message for p in exc.problems)
        assert dict(project.pending_images) == {}
    else:
        # What was pasted can be saved, as any panel of a project.
        project.scenes[0].panels.extend(pasted)
        dumps(project)


def _copied_once() -> bytes:
    project = small_project()
    stage_image(project, project.scenes[0].panels[0], _png(40))
    return encode_panels(project, None, project.scenes[0].panels[:1])


_COPIED = _copied_once()
