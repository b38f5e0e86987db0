"""A reference to something missing never loses a project: it opens with a warning, and saves clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import ProjectError, load_project, save_project


@pytest.fixture
def saved(tmp_path) -> Path:
    project = small_project()
    project.crew = []
    save_project(project, tmp_path / "film")
    return tmp_path / "film"


def _edit(folder: Path, change) -> None:
    doc = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    change(doc)
    (folder / "project.json").write_text(json.dumps(doc), encoding="utf-8")


def _day(**fields) -> dict:
    return {"id": "day-1", **fields}


def _crew(doc) -> None:
    doc["crew"] = [{"id": "crew-1ad", "name": "Priya"}]


# (how the file is broken, the place named, what the warning says, what the loaded project then holds)
DANGLING = [
    (lambda d: d["scenes"][0]["panels"][1].update(cast_ids=["cast-ghost", "cast-mara"]),
     "scenes[0].panels[1].cast_ids[0]", "refers to cast member 'cast-ghost', which is not in the project; the reference was dropped",
     lambda p: p.scenes[0].panels[1].cast_ids == ["cast-mara"]),
    (lambda d: d["scenes"][0].update(location_id="loc-nowhere"),
     "scenes[0].location_id", "refers to location 'loc-nowhere', which is not in the project; the reference was cleared",
     lambda p: p.scenes[0].location_id is None),
    (lambda d: d.update(shoot_days=[_day(location_ids=["loc-market", "loc-gone"])]),
     "shoot_days[0].location_ids[1]", "refers to location 'loc-gone'",
     lambda p: p.shoot_days[0].location_ids == ["loc-market"]),
    (lambda d: d.update(shoot_days=[_day(scene_ids=["s9", "s2"])]),
     "shoot_days[0].scene_ids[0]", "refers to scene 's9', which is not in the project; the reference was dropped",
     lambda p: p.shoot_days[0].scene_ids == ["s2"]),
    (lambda d: d.update(shoot_days=[_day(cast_calls=[{"cast_id": "cast-mara"}, {"cast_id": "cast-ghost", "pickup": "6:00"}])]),
     "shoot_days[0].cast_calls[1].cast_id", "refers to cast member 'cast-ghost', which is not in the project; the call was dropped",
     lambda p: [c.cast_id for c in p.shoot_days[0].cast_calls] == ["cast-mara"]),
    (lambda d: (_crew(d), d.update(shoot_days=[_day(crew_calls=[{"crew_id": "crew-gaffer", "call": "7:00"}])])),
     "shoot_days[0].crew_calls[0].crew_id", "refers to crew member 'crew-gaffer', which is not in the project; the call was dropped",
     lambda p: p.shoot_days[0].crew_calls == []),
    (lambda d: (_crew(d), d.update(shoot_days=[_day(key_contact_ids=["crew-producer", "crew-1ad"])])),
     "shoot_days[0].key_contact_ids[0]",
     "refers to crew member 'crew-producer', which is not in the project; the reference was dropped",
     lambda p: p.shoot_days[0].key_contact_ids == ["crew-1ad"]),
    (lambda d: d.update(shoot_days=[_day(cast_calls=[{"pickup": "6:00"}])]),
     "shoot_days[0].cast_calls[0].cast_id", "names no cast member (the id is empty); the call was dropped",
     lambda p: p.shoot_days[0].cast_calls == []),
    (lambda d: d["scenes"][1].update(location_id=""),
     "scenes[1].location_id", "names no location (the id is empty); the reference was cleared",
     lambda p: p.scenes[1].location_id is None),
]


def _opens_with_one_warning(folder: Path, where: str, message: str):
    before = tree_digest(folder)
    loaded = load_project(folder)
    assert tree_digest(folder) == before, "loading must never write"
    assert len(loaded.warnings) == 1, [str(w) for w in loaded.warnings]
    assert str(loaded.warnings[0]).startswith(f"{folder / 'project.json'}: {where}: ")
    assert message in loaded.warnings[0].message
    return loaded


@pytest.mark.parametrize("damage, where, message, repaired", DANGLING, ids=[d[1] for d in DANGLING])
def test_a_dangling_reference_is_dropped_with_a_warning_and_the_next_save_is_clean(saved, damage, where, message, repaired):
    _edit(saved, damage)
    loaded = _opens_with_one_warning(saved, where, message)
    assert repaired(loaded.project)
    save_project(loaded.project, saved)
    again = load_project(saved)
    assert again.warnings == []
    assert repaired(again.project)


def test_a_duplicate_panel_id_is_renamed_and_keeps_its_images(saved):
    def damage(doc):
        doc["scenes"][1]["panels"][0]["id"] = "p1-0"
        doc["scenes"][1]["panels"][0]["image"] = "images/p1-0-abc.png"
    _edit(saved, damage)
    loaded = load_project(saved)
    duplicate = [w for w in loaded.warnings if w.where == "scenes[1].panels[0].id"]
    assert [w.message for w in duplicate] == [
        "duplicate id 'p1-0'; scenes[0].panels[0] has it too; this one was given the id 'p1-0-2'"
    ]
    panel = loaded.project.scenes[1].panels[0]
    # Image paths are stored, not derived from the id: the renamed panel shows the same picture.
    assert (panel.id, panel.image) == ("p1-0-2", "images/p1-0-abc.png")
    assert loaded.project.scenes[0].panels[0].id == "p1-0"


def test_duplicate_and_empty_ids_nothing_refers_to_get_new_ids(saved):
    def damage(doc):
        doc["shoot_days"] = [_day(), _day(), {"id": ""}]
        doc["cast"].append({"id": "cast-extra"})
        doc["cast"].append({"id": "cast-extra", "actor": "Bo"})
        doc["scenes"][1]["panels"][0]["id"] = ""
    _edit(saved, damage)
    loaded = load_project(saved)
    assert {(w.where, w.message) for w in loaded.warnings} == {
        ("scenes[1].panels[0].id", "the id is empty; it was given the id 'panel'"),
        ("cast[2].id", "duplicate id 'cast-extra'; cast[1] has it too; this one was given the id 'cast-extra-2'"),
        ("shoot_days[1].id", "duplicate id 'day-1'; shoot_days[0] has it too; this one was given the id 'day-1-2'"),
        ("shoot_days[2].id", "the id is empty; it was given the id 'shoot_day'"),
    }
    save_project(loaded.project, saved)
    assert load_project(saved).warnings == []


def test_a_duplicate_scene_id_a_shoot_day_uses_is_refused_unchanged(saved):
    _edit(saved, lambda d: (d["scenes"][1].update(id="s1"), d.update(shoot_days=[_day(scene_ids=["s1"])])))
    before = tree_digest(saved)
    with pytest.raises(ProjectError) as caught:
        load_project(saved)
    assert tree_digest(saved) == before
    assert str(caught.value) == (
        f"{saved / 'project.json'}: scenes[1].id: duplicate id 's1'; scenes[0] has it too, and references to it "
        "cannot tell the two apart; give one of them another id"
    )


def test_every_dangling_reference_at_once(saved):
    def damage(doc):
        for change, *_ in DANGLING:
            change(doc)
        doc["shoot_days"] = [_day(scene_ids=["s9"], cast_calls=[{"cast_id": "cast-ghost"}], crew_calls=[{"crew_id": "w"}],
                                  key_contact_ids=["w"], location_ids=["l"])]
    _edit(saved, damage)
    loaded = load_project(saved)
    assert [w.where for w in loaded.warnings] == [
        "scenes[0].location_id",
        "scenes[1].location_id",
        "scenes[0].panels[1].cast_ids[0]",
        "shoot_days[0].location_ids[0]",
        "shoot_days[0].scene_ids[0]",
        "shoot_days[0].cast_calls[0].cast_id",
        "shoot_days[0].crew_calls[0].crew_id",
        "shoot_days[0].key_contact_ids[0]",
    ]


def test_the_command_line_shows_the_repair_as_a_warning(saved, capsys):
    _edit(saved, lambda d: d.update(shoot_days=[_day(key_contact_ids=["crew-producer"])]))
    assert main(["validate", str(saved)]) == 0
    captured = capsys.readouterr()
    assert "ok (2 scenes, 4 panels" in captured.out
    lines = [line for line in captured.err.splitlines() if "key_contact_ids" in line]
    assert lines == [f"warning: {saved / 'project.json'}: shoot_days[0].key_contact_ids[0]: refers to crew member "
                     "'crew-producer', which is not in the project; the reference was dropped"]
