"""Broken and hostile project files get one clear message each and change nothing on disk."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from conftest import small_project, tree_digest
from storyboarder.io import ProjectError, load_project, save_project
from storyboarder.io.images import ImageProblem, check_images, open_panel_image


@pytest.fixture
def saved(tmp_path) -> Path:
    save_project(small_project(), tmp_path)
    return tmp_path


def _write_doc(folder: Path, doc) -> None:
    (folder / "project.json").write_text(json.dumps(doc), encoding="utf-8")


def _doc(folder: Path) -> dict:
    return json.loads((folder / "project.json").read_text(encoding="utf-8"))


def _refused(folder: Path) -> str:
    """Load a project that must fail; prove the files stayed as they were; return the message."""
    before = tree_digest(folder)
    with pytest.raises(ProjectError) as caught:
        load_project(folder)
    assert tree_digest(folder) == before
    message = str(caught.value)
    assert str(folder / "project.json") in message
    assert "Traceback" not in message
    return message


def test_truncated_json(saved):
    data = (saved / "project.json").read_bytes()
    (saved / "project.json").write_bytes(data[: len(data) // 2])
    message = _refused(saved)
    assert "line " in message and "column " in message and "not valid JSON" in message


def test_invalid_utf8_names_line_and_byte(saved):
    data = (saved / "project.json").read_bytes().replace(b'"title": "Test"', b'"title": "T\xffst"')
    (saved / "project.json").write_bytes(data)
    message = _refused(saved)
    assert "line 4 column 14" in message and "not valid UTF-8" in message and "0xff" in message


def test_utf8_bom_is_accepted(saved):
    data = (saved / "project.json").read_bytes()
    (saved / "project.json").write_bytes(b"\xef\xbb\xbf" + data)
    assert load_project(saved).project.title == "Test"


@pytest.mark.parametrize(
    "mutate, where, expected",
    [
        (lambda d: d["scenes"][0]["panels"][2]["camera"].update(lens_mm="35mm"),
         "scenes[0].panels[2].camera.lens_mm", "expected a number or null, found text"),
        (lambda d: d["scenes"][1]["panels"][0].update(duration_ms="2s"),
         "scenes[1].panels[0].duration_ms", "expected a whole number, found text"),
        (lambda d: d["scenes"][0]["panels"][0].update(new_shot=1),
         "scenes[0].panels[0].new_shot", "expected true or false, found a number"),
        (lambda d: d["scenes"][0].update(panels={"a": 1}),
         "scenes[0].panels", "expected a list of objects, found an object"),
        (lambda d: d["scenes"][0]["panels"][1].update(cast_ids=["cast-mara", 7]),
         "scenes[0].panels[1].cast_ids[1]", "expected text, found a number"),
        (lambda d: d.update(scenes=[3]), "scenes[0]", "expected an object, found a number"),
        (lambda d: d.update(title=None), "title", "expected text, found null"),
    ],
)
def test_wrong_types_name_the_json_path(saved, mutate, where, expected):
    doc = _doc(saved)
    mutate(doc)
    _write_doc(saved, doc)
    message = _refused(saved)
    assert f"project.json: {where}: {expected}" in message


def test_every_wrong_value_is_reported_at_once(saved):
    doc = _doc(saved)
    doc["fps"] = "fast"
    doc["scenes"][0]["panels"][0]["lighting"]["color_temp_k"] = "warm"
    _write_doc(saved, doc)
    message = _refused(saved)
    assert "fps: expected a number" in message
    assert "scenes[0].panels[0].lighting.color_temp_k: expected a whole number or null" in message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_are_refused(saved, literal):
    text = (saved / "project.json").read_text().replace('"fps": 24', f'"fps": {literal}')
    (saved / "project.json").write_text(text)
    message = _refused(saved)
    assert "not allowed in a project file" in message or "too large" in message


def test_a_duplicate_id_that_something_refers_to_is_refused(saved):
    # Which of the two the panels' cast_ids mean cannot be known, so the loader does not guess.
    doc = _doc(saved)
    doc["cast"].append({"id": "cast-mara", "character": "MARA'S TWIN"})
    _write_doc(saved, doc)
    message = _refused(saved)
    assert "cast[1].id: duplicate id 'cast-mara'; cast[0] has it too, and references to it cannot tell" in message


def test_nesting_100000_levels_deep(tmp_path):
    depth = 100_000
    (tmp_path / "project.json").write_text(
        '{"format": "storyboarder", "version": 1, "scenes": ' + "[" * depth + "]" * depth + "}"
    )
    message = _refused(tmp_path)
    assert "nested too deeply" in message


def test_50_mb_text_field_is_refused_not_cut(saved):
    doc = _doc(saved)
    doc["scenes"][0]["panels"][1]["notes"] = "x" * (50 * 1024 * 1024)
    _write_doc(saved, doc)
    message = _refused(saved)
    assert "scenes[0].panels[1].notes: the text is 52,428,800 characters long; the limit is 1,000,000" in message


@pytest.mark.parametrize(
    "doc, where, expected",
    [
        ([], "(top level)", "expected an object, found a list"),
        ({"format": "other", "version": 1, "scenes": []}, "format", "this is not a Storyboarder project"),
        ({"version": 1, "scenes": []}, "format", 'expected "storyboarder", found nothing'),
        ({"format": "storyboarder", "version": "1", "scenes": []}, "version", "expected a whole number, found text"),
        ({"format": "storyboarder", "version": 1}, "scenes", "the required list of scenes is missing"),
    ],
)
def test_header_problems(tmp_path, doc, where, expected):
    _write_doc(tmp_path, doc)
    message = _refused(tmp_path)
    assert f"project.json: {where}: " in message and expected in message


def test_missing_file_and_folder_given_as_file(tmp_path):
    with pytest.raises(ProjectError, match="no such project file"):
        load_project(tmp_path / "nothing")
    (tmp_path / "project.json").mkdir()
    with pytest.raises(ProjectError, match="found a folder"):
        load_project(tmp_path)


def _png(size=(64, 36)) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 128).save(buffer, "PNG")
    return buffer.getvalue()


def _set_image(folder: Path, panel_index: int, path: str) -> None:
    doc = _doc(folder)
    doc["scenes"][0]["panels"][panel_index]["image"] = path
    _write_doc(folder, doc)


def _loaded_with_warning(folder: Path, expected: str):
    before = tree_digest(folder)
    loaded = load_project(folder)
    assert tree_digest(folder) == before
    messages = [str(w) for w in loaded.warnings]
    assert any(expected in m and "scenes[0].panels[0].image" in m for m in messages), messages
    return loaded


def test_missing_image_loads_with_a_warning(saved):
    _set_image(saved, 0, "images/gone.png")
    loaded = _loaded_with_warning(saved, "'images/gone.png' is missing; a placeholder is shown")
    with pytest.raises(ImageProblem, match="missing"):
        open_panel_image(loaded.folder, "images/gone.png")


def test_file_that_is_not_an_image(saved):
    (saved / "images").mkdir(exist_ok=True)
    (saved / "images" / "fake.png").write_bytes(b"this is not a png at all")
    _set_image(saved, 0, "images/fake.png")
    loaded = load_project(saved)
    problems = [str(p) for p in check_images(loaded.project, loaded.folder, str(loaded.file))]
    assert any("scenes[0].panels[0].image" in p and "not an image Storyboarder can read" in p for p in problems)


def test_decompression_bomb_is_never_decoded(saved):
    (saved / "images").mkdir(exist_ok=True)
    buffer = io.BytesIO()
    # A PNG header claiming 20000 x 20000 pixels: far over Pillow's safety limit.
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    (saved / "images" / "bomb.png").write_bytes(buffer.getvalue())
    _set_image(saved, 0, "images/bomb.png")
    loaded = load_project(saved)
    problems = [str(p) for p in check_images(loaded.project, loaded.folder, str(loaded.file))]
    assert any("decompression bomb" in p for p in problems), problems
    with pytest.raises(ImageProblem, match="decompression bomb"):
        open_panel_image(loaded.folder, "images/bomb.png")


def test_postscript_is_never_handed_to_ghostscript(saved, monkeypatch):
    """Pillow "reads" EPS by running Ghostscript; a panel image named .png may be one."""
    from PIL import EpsImagePlugin

    ran = []
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", lambda *args, **kwargs: ran.append(args))
    (saved / "images").mkdir(exist_ok=True)
    (saved / "images" / "art.png").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\nshowpage\n")
    _set_image(saved, 0, "images/art.png")
    loaded = load_project(saved)
    problems = [str(p) for p in check_images(loaded.project, loaded.folder, str(loaded.file))]
    assert any("scenes[0].panels[0].image" in p and "not an image Storyboarder can read" in p for p in problems), problems
    for load in (False, True):
        with pytest.raises(ImageProblem, match="not an image Storyboarder can read"):
            open_panel_image(loaded.folder, "images/art.png", load=load)
    assert ran == []


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.png", "images/../../outside.png", "C:\\secret.png"])
def test_image_paths_out_of_the_project_are_never_read(saved, path):
    outside = saved.parent / "outside.png"
    outside.write_bytes(_png())
    _set_image(saved, 0, path)
    expected = "is absolute" if path.startswith(("/", "C:")) else "contains '..'"
    loaded = _loaded_with_warning(saved, expected)
    with pytest.raises(ImageProblem, match="only paths inside the project folder are read"):
        open_panel_image(loaded.folder, path)


def test_symlink_out_of_the_project_is_never_read(saved):
    outside = saved.parent / "secret.png"
    outside.write_bytes(_png())
    (saved / "images").mkdir(exist_ok=True)
    os.symlink(outside, saved / "images" / "link.png")
    _set_image(saved, 0, "images/link.png")
    loaded = _loaded_with_warning(saved, "leads through a symlink out of the project folder")
    with pytest.raises(ImageProblem, match="symlink"):
        open_panel_image(loaded.folder, "images/link.png")


def test_symlinked_images_folder_is_caught_too(saved, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "a.png").write_bytes(_png())
    os.symlink(elsewhere, saved / "images")
    _set_image(saved, 0, "images/a.png")
    _loaded_with_warning(saved, "symlink")


def test_good_image_opens_with_exif_orientation(saved):
    (saved / "images").mkdir(exist_ok=True)
    image = Image.new("RGB", (40, 20), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise: should display 20 wide, 40 high
    image.save(saved / "images" / "turned.jpg", exif=exif.tobytes())
    _set_image(saved, 0, "images/turned.jpg")
    loaded = load_project(saved)
    assert loaded.warnings == []
    assert open_panel_image(loaded.folder, "images/turned.jpg").size == (20, 40)
