"""Properties of reference integrity, for random projects: whatever is deleted, the saved file reopens clean.

Deletes go through the model the way ``ui.document`` does it: the field
changes from ``model.references``, then the removal from ``model.edits``.
"""

from __future__ import annotations

import tempfile
import typing
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from storyboarder.io import dumps, load_project, save_project
from storyboarder.model import CastCall, CastMember, CrewCall, CrewMember, Location, Panel, Project, Scene, ShootDay, edits
from storyboarder.model.entities import Entity
from storyboarder.model.references import (
    CAST,
    CREW,
    KINDS,
    LOCATION,
    REFERENCES,
    SHOOT_DAY,
    LIST_KINDS,
    PANEL,
    SCENE,
    dangling_references,
    deleted_ids,
    dropping_references,
    entities,
    references_to,
)

_LISTS = {kind: name for name, kind in LIST_KINDS.items()}
_CLASSES = {CAST: CastMember, CREW: CrewMember, LOCATION: Location, SCENE: Scene, PANEL: Panel, SHOOT_DAY: ShootDay}


def test_every_field_named_like_a_reference_is_declared_once():
    # The delete path, the loader and the properties below all read REFERENCES, so a field left
    # out of it would be left out of all of them: this test reads the entities themselves.
    classes, stack = set(), [Entity]
    while stack:
        for sub in stack.pop().__subclasses__():
            classes.add(sub)
            stack.append(sub)
    named = {(cls, f.name) for cls in classes for f in msgspec.structs.fields(cls) if f.name.endswith(("_id", "_ids"))}
    declared = []
    for ref in REFERENCES:
        owner = _CLASSES[ref.owner]
        if ref.key:
            row_type = typing.get_args(next(f.type for f in msgspec.structs.fields(owner) if f.name == ref.path))[0]
            declared.append((row_type, ref.key))
        else:
            declared.append((owner, ref.path))
    assert len(declared) == len(set(declared))
    assert set(declared) == named


def _some(pool: list[str], max_size: int = 3):
    return st.lists(st.sampled_from(pool), max_size=max_size) if pool else st.just([])


def _one(pool: list[str]):
    return st.one_of(st.none(), st.sampled_from(pool)) if pool else st.none()


@st.composite
def projects(draw, ghosts: tuple[str, ...] = ()):
    """A random project whose references name its own entities (and any ``ghosts``, which it lacks)."""
    def ids(prefix: str, most: int) -> list[str]:
        return [f"{prefix}{i}" for i in range(draw(st.integers(0, most)))]

    cast, crew, places, scene_ids = ids("c", 4), ids("w", 4), ids("l", 3), ids("s", 4)
    pool = {name: found + list(ghosts) for name, found in (("c", cast), ("w", crew), ("l", places), ("s", scene_ids))}
    scenes = [
        Scene(id=sid, location_id=draw(_one(pool["l"])),
              panels=[Panel(id=f"{sid}-p{i}", cast_ids=draw(_some(pool["c"]))) for i in range(draw(st.integers(0, 3)))])
        for sid in scene_ids
    ]
    days = [
        ShootDay(
            id=f"d{i}",
            location_ids=draw(_some(pool["l"])),
            scene_ids=draw(_some(pool["s"])),
            cast_calls=[CastCall(cast_id=c, pickup=f"{n}:00") for n, c in enumerate(draw(_some(pool["c"])))],
            crew_calls=[CrewCall(crew_id=w, call=f"{n}:30") for n, w in enumerate(draw(_some(pool["w"])))],
            key_contact_ids=draw(_some(pool["w"])),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return Project(
        scenes=scenes,
        cast=[CastMember(id=i, character=i.upper()) for i in cast],
        crew=[CrewMember(id=i, name=i) for i in crew],
        locations=[Location(id=i, name=i) for i in places],
        shoot_days=days,
    )


def delete(project: Project, kind: str, item) -> None:
    """Delete one entity as the document's delete commands do: drop its references, then remove it."""
    for change in dropping_references(project, deleted_ids(kind, [item])):
        edits.set_fields(project, change.objects, change.path, change.values)
    if kind == PANEL:
        scene = next(s for s in project.scenes if any(p is item for p in s.panels))
        edits.remove_panels(project, scene, next(i for i, p in enumerate(scene.panels) if p is item), 1)
    elif kind == SCENE:
        edits.remove_scene(project, next(i for i, s in enumerate(project.scenes) if s is item))
    else:
        items = getattr(project, _LISTS[kind])
        edits.remove_items(project, _LISTS[kind], next(i for i, x in enumerate(items) if x is item), 1)


def save_and_load(project: Project):
    with tempfile.TemporaryDirectory() as folder:
        save_project(project, Path(folder))
        return load_project(Path(folder))


deletes = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 20)), max_size=6)


@settings(max_examples=100, deadline=None)
@given(projects(), deletes)
def test_after_any_deletes_the_saved_project_reopens_without_warnings(project, to_delete):
    for kind, n in to_delete:
        found = [item for _where, item in entities(project, kind)]
        if found:
            delete(project, kind, found[n % len(found)])
    assert dangling_references(project) == []
    loaded = save_and_load(project)
    assert loaded.warnings == []
    assert dangling_references(loaded.project) == []
    assert dumps(loaded.project) == dumps(project)


@st.composite
def project_and_deleted(draw):
    project = draw(projects())
    gone = {}
    for kind in KINDS:
        found = [item.id for _where, item in entities(project, kind)]
        gone[kind] = set(draw(st.lists(st.sampled_from(found), unique=True))) if found else set()
    return project, gone


def _kept(project: Project, gone: dict[str, set[str]]) -> list[tuple]:
    """Every reference that does not point at a deleted entity: owner, field and the id."""
    everything = {kind: {item.id for _w, item in entities(project, kind)} for kind in KINDS}
    return [(id(p.owner), p.reference.path, p.target_id)
            for p in references_to(project, everything) if p.target_id not in gone[p.reference.target]]


@settings(max_examples=120, deadline=None)
@given(project_and_deleted())
def test_dropping_references_removes_exactly_those_and_undo_gives_the_project_back(case):
    project, gone = case
    before, kept = dumps(project), _kept(project, gone)
    changes = dropping_references(project, gone)
    old = [edits.set_fields(project, c.objects, c.path, c.values) for c in changes]
    assert references_to(project, gone) == []
    assert _kept(project, gone) == kept
    for change, values in reversed(list(zip(changes, old))):
        edits.set_fields(project, change.objects, change.path, values)
    assert dumps(project) == before


@settings(max_examples=80, deadline=None)
@given(projects(ghosts=("ghost", "")))
def test_the_loader_drops_each_dangling_reference_with_one_warning_and_saves_clean(project):
    dangling = [place.where for place in dangling_references(project)]
    loaded = save_and_load(project)
    assert [w.where for w in loaded.warnings] == dangling
    assert dangling_references(loaded.project) == []
    assert save_and_load(loaded.project).warnings == []
