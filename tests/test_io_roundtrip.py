"""Saving and loading keep every byte of a project's meaning, and nothing else changes."""

from __future__ import annotations

import io
import json
import os

import pytest
from PIL import Image

from conftest import small_project, tree_digest
from storyboarder.io import BACKUP_FILE, ProjectError, dumps, load_project, save_project
from storyboarder.io import migrate as migrate_module
from storyboarder.io import load as load_module
from storyboarder.io.staging import add_image, stage_image
from storyboarder.model import CastCall, CrewCall, CrewMember, Panel, ShootDay


def _png(color=0) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (32, 18), color).save(buffer, "PNG")
    return buffer.getvalue()


def test_round_trip_is_byte_identical(tmp_path):
    project = small_project()
    save_project(project, tmp_path)
    first = (tmp_path / "project.json").read_bytes()
    loaded = load_project(tmp_path)
    assert loaded.warnings == []
    save_project(loaded.project, tmp_path)
    assert (tmp_path / "project.json").read_bytes() == first
    assert dumps(loaded.project) == first.decode()


def test_saved_file_has_the_documented_keys_in_a_stable_order(tmp_path):
    save_project(small_project(), tmp_path)
    doc = json.loads((tmp_path / "project.json").read_text())
    assert list(doc)[:2] == ["format", "version"]
    assert doc["format"] == "storyboarder" and doc["version"] == 1
    panel = doc["scenes"][0]["panels"][0]
    assert list(panel) == [
        "id", "shot", "new_shot", "image", "duration_ms", "action", "dialogue", "notes", "sound",
        "transition", "camera", "lighting", "cast_ids", "est_minutes", "layers", "layer_opacity",
        "status", "cut_reason", "shoot_order",
    ]
    assert panel["camera"]["lens_mm"] == 35
    assert panel["lighting"]["color_temp_k"] == 3200


def test_project_json_path_and_folder_both_work(tmp_path):
    save_project(small_project(), tmp_path / "project.json")
    assert load_project(tmp_path).project.title == "Test"
    assert load_project(tmp_path / "project.json").project.title == "Test"


def test_minimal_file_gets_defaults(tmp_path):
    (tmp_path / "project.json").write_text('{"format": "storyboarder", "version": 1, "scenes": [{"panels": [{}]}]}')
    project = load_project(tmp_path).project
    panel = project.scenes[0].panels[0]
    assert project.aspect_ratio == pytest.approx(1.7778) and project.fps == 24
    assert panel.new_shot is True and panel.duration_ms == 2000 and panel.camera.lens_mm is None
    assert panel.id and project.scenes[0].id


def test_unknown_keys_are_kept_at_every_level(tmp_path):
    project = small_project()
    project.crew.append(CrewMember(id="crew-1", name="Jo"))
    project.shoot_days.append(
        ShootDay(id="day-1", cast_calls=[CastCall(cast_id="cast-mara")], crew_calls=[CrewCall(crew_id="crew-1")])
    )
    save_project(project, tmp_path)
    doc = json.loads((tmp_path / "project.json").read_text())
    future = {"from_the_future": {"nested": [1, 2, {"x": None}]}}
    doc.update(future)
    doc["scenes"][0].update(future)
    doc["scenes"][0]["panels"][0].update(future)
    doc["scenes"][0]["panels"][0]["camera"].update(future)
    doc["scenes"][0]["panels"][0]["lighting"].update(future)
    for key in ("cast", "crew", "locations", "shoot_days"):
        doc[key][0].update(future)
    doc["shoot_days"][0]["cast_calls"][0].update(future)
    doc["shoot_days"][0]["crew_calls"][0].update(future)
    (tmp_path / "project.json").write_text(json.dumps(doc))

    loaded = load_project(tmp_path)
    loaded.project.scenes[0].panels[0].action = "edited"
    save_project(loaded.project, tmp_path)
    again = json.loads((tmp_path / "project.json").read_text())
    assert again["from_the_future"] == future["from_the_future"]
    assert again["scenes"][0]["from_the_future"] == future["from_the_future"]
    panel = again["scenes"][0]["panels"][0]
    assert panel["action"] == "edited"
    for obj in (panel, panel["camera"], panel["lighting"], again["cast"][0], again["crew"][0],
                again["locations"][0], again["shoot_days"][0], again["shoot_days"][0]["cast_calls"][0],
                again["shoot_days"][0]["crew_calls"][0]):
        assert obj["from_the_future"] == future["from_the_future"]


def test_save_keeps_the_previous_file_as_backup(tmp_path):
    project = small_project()
    save_project(project, tmp_path)
    before = (tmp_path / "project.json").read_bytes()
    project.title = "Renamed"
    save_project(project, tmp_path)
    assert (tmp_path / BACKUP_FILE).read_bytes() == before
    assert load_project(tmp_path).project.title == "Renamed"


def test_images_are_named_by_panel_id_and_written_only_when_new(tmp_path):
    project = small_project()
    panel = project.scenes[0].panels[1]
    path = stage_image(project, panel, _png(10))
    assert path.startswith(f"images/{panel.id}-") and path.endswith(".png")
    assert save_project(project, tmp_path) == 1
    image_state = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in (tmp_path / "images").iterdir()}

    project.scenes[0].panels[0].action = "a text edit"
    assert save_project(project, tmp_path) == 0
    assert {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in (tmp_path / "images").iterdir()} == image_state

    # Moving the panel to another position keeps its image file name.
    project.scenes[0].panels.reverse()
    save_project(project, tmp_path)
    assert load_project(tmp_path).project.scenes[0].panels[1].image == path


def test_replacing_an_image_never_deletes_the_old_one(tmp_path):
    project = small_project()
    panel = project.scenes[0].panels[0]
    old = stage_image(project, panel, _png(10))
    save_project(project, tmp_path)
    new = stage_image(project, panel, _png(200))
    save_project(project, tmp_path)
    assert old != new
    assert (tmp_path / old).is_file() and (tmp_path / new).is_file()
    # What undo does: put the old path back; it still opens without a warning.
    panel.image = old
    save_project(project, tmp_path)
    assert load_project(tmp_path).warnings == []


def test_newer_version_is_refused_and_left_untouched(tmp_path):
    save_project(small_project(), tmp_path)
    doc = json.loads((tmp_path / "project.json").read_text())
    doc["version"] = 7
    (tmp_path / "project.json").write_text(json.dumps(doc))
    before = tree_digest(tmp_path)
    with pytest.raises(ProjectError) as caught:
        load_project(tmp_path)
    message = str(caught.value)
    assert "project.json: version:" in message and "newer Storyboarder (format version 7)" in message
    assert tree_digest(tmp_path) == before


def test_older_version_migrates_on_load_and_only_the_save_writes_it(tmp_path, monkeypatch):
    """Pretend this build writes version 2, with a 1 → 2 step, and open a version-1 file."""
    save_project(small_project(), tmp_path)
    original = (tmp_path / "project.json").read_bytes()

    def one_to_two(doc):
        for scene in doc["scenes"]:
            scene["heading"] = scene["heading"].title()
        return doc

    monkeypatch.setattr(migrate_module, "FORMAT_VERSION", 2)
    monkeypatch.setattr(load_module, "FORMAT_VERSION", 2)
    monkeypatch.setitem(migrate_module.MIGRATIONS, 1, one_to_two)
    import storyboarder.io.save as save_module

    monkeypatch.setattr(save_module, "FORMAT_VERSION", 2)
    loaded = load_project(tmp_path)
    assert loaded.file_version == 1
    assert loaded.project.scenes[0].heading == "Ext. Market - Night"
    assert (tmp_path / "project.json").read_bytes() == original
    save_project(loaded.project, tmp_path)
    assert json.loads((tmp_path / "project.json").read_text())["version"] == 2
    assert (tmp_path / BACKUP_FILE).read_bytes() == original


def test_save_leaves_no_temporary_files(tmp_path):
    project = small_project()
    stage_image(project, project.scenes[0].panels[0], _png())
    save_project(project, tmp_path)
    save_project(project, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["images", "project.json", "project.json.bak"]
    assert all(not p.name.startswith(".") for p in (tmp_path / "images").iterdir())


def test_a_failed_save_keeps_the_old_project(tmp_path, monkeypatch):
    project = small_project()
    save_project(project, tmp_path)
    before = (tmp_path / "project.json").read_bytes()
    project.title = "never written"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ProjectError, match="No space left on device"):
        save_project(project, tmp_path)
    monkeypatch.undo()
    assert (tmp_path / "project.json").read_bytes() == before
    assert load_project(tmp_path).project.title == "Test"
    assert not any(p.name.startswith(".storyboarder-save-") for p in tmp_path.iterdir())


def test_panels_compare_by_identity():
    a, b = Panel(id="same"), Panel(id="same")
    assert a != b and [a, b].index(b) == 1


def test_saved_files_get_normal_permissions(tmp_path):
    project = small_project()
    stage_image(project, project.scenes[0].panels[0], _png())
    save_project(project, tmp_path)
    mask = os.umask(0)
    os.umask(mask)
    for path in (tmp_path / "project.json", *(tmp_path / "images").iterdir()):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_layers_are_named_by_panel_and_layer_and_checked_like_images(tmp_path):
    project = small_project()
    panel = project.scenes[0].panels[0]
    path = add_image(project, panel, _png(40), layer="sketch")
    assert path.startswith(f"images/{panel.id}-sketch-")
    panel.layers = {"sketch": path, "ink": "images/missing-ink.png"}
    panel.layer_opacity = {"reference": 0.4}
    save_project(project, tmp_path)
    loaded = load_project(tmp_path)
    again = loaded.project.scenes[0].panels[0]
    assert again.layers["sketch"] == path and again.layer_opacity == {"reference": 0.4}
    assert [w.where for w in loaded.warnings] == ["scenes[0].panels[0].layers.ink"]
