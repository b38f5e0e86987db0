"""Which fields refer to other entities by id, and what keeps those references whole.

``REFERENCES`` declares, once, every field of the model that holds the id of
another entity and which kind of entity that id names. Three questions are
answered from it: every place that refers to some entities
(``references_to``), the field changes that drop those places when the
entities are deleted (``dropping_references``, which undo commands are built
from, as orange-canvas-core's ``remove_node`` removes a node's links), and
every reference in a project that names nothing (``dangling_references``,
which the loader repairs).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .entities import Entity, Project

# Kinds of entity, each with ids unique among its kind.
CAST = "cast"
CREW = "crew"
LOCATION = "location"
SCENE = "scene"
PANEL = "panel"
SHOOT_DAY = "shoot_day"

#: Every kind of entity with an id, in the order a project file lists them.
KINDS = (SCENE, PANEL, CAST, CREW, LOCATION, SHOOT_DAY)

#: What a crew calls one entity of each kind.
NOUNS = {
    CAST: "cast member",
    CREW: "crew member",
    LOCATION: "location",
    SCENE: "scene",
    PANEL: "panel",
    SHOOT_DAY: "shoot day",
}

#: The kind of entity each production list of a project holds (see ``edits.ITEM_LISTS``).
LIST_KINDS = {"cast": CAST, "crew": CREW, "locations": LOCATION, "shoot_days": SHOOT_DAY}
_LIST_NAMES = {kind: name for name, kind in LIST_KINDS.items()}

# How a reference field holds its ids.
ONE = "one"  # one id, or None
IDS = "ids"  # a list of ids
ROWS = "rows"  # a list of rows (such as calls), each naming one id in ``Reference.key``


@dataclass(frozen=True)
class Reference:
    """A field of one kind of entity that holds ids of another kind."""

    owner: str
    path: str
    target: str
    shape: str
    #: For ``ROWS``: the field of each row that holds the id.
    key: str = ""
    #: For ``ROWS``: what one row is called ("call").
    row: str = ""


#: Every field of the model that refers to another entity. Panels are referred to by
#: nothing yet; a field that will (a shot's panels, a review note) is declared here.
REFERENCES = (
    Reference(SCENE, "location_id", LOCATION, ONE),
    Reference(PANEL, "cast_ids", CAST, IDS),
    Reference(SHOOT_DAY, "location_ids", LOCATION, IDS),
    Reference(SHOOT_DAY, "scene_ids", SCENE, IDS),
    Reference(SHOOT_DAY, "cast_calls", CAST, ROWS, key="cast_id", row="call"),
    Reference(SHOOT_DAY, "crew_calls", CREW, ROWS, key="crew_id", row="call"),
    Reference(SHOOT_DAY, "key_contact_ids", CREW, IDS),
)


class Place(NamedTuple):
    """One place that refers to an entity: which object, which field, which entry of it."""

    owner: Entity
    reference: Reference
    #: The entry of a list field, or None for a ``ONE`` field.
    index: int | None
    target_id: str
    #: The JSON path of the id, such as ``shoot_days[0].key_contact_ids[2]``.
    where: str


class FieldChange(NamedTuple):
    """One field set on several objects, a new value each: what one ``SetFieldCommand`` does."""

    objects: list
    path: str
    values: list


def _indexed(project: Project, kind: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(json_path_prefix, entities)`` runs: a scene's panels share their scene's prefix."""
    if kind == PANEL:
        for si, scene in enumerate(project.scenes):
            yield f"scenes[{si}].panels", scene.panels
    else:
        name = "scenes" if kind == SCENE else _LIST_NAMES[kind]
        yield name, getattr(project, name)


def entities(project: Project, kind: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(json_path, entity)`` for every entity of a kind, in file order."""
    for prefix, items in _indexed(project, kind):
        for i, item in enumerate(items):
            yield f"{prefix}[{i}]", item


def ids_of(project: Project, kind: str) -> list[str]:
    """The ids of every entity of a kind, in file order (quicker than ``entities`` for big projects)."""
    return [item.id for _prefix, items in _indexed(project, kind) for item in items]


def deleted_ids(kind: str, deleted: Iterable[Any]) -> dict[str, set[str]]:
    """The ids, by kind, that deleting some entities removes: a scene takes its panels with it."""
    deleted = list(deleted)
    gone = {kind: {item.id for item in deleted}}
    if kind == SCENE:
        gone[PANEL] = {panel.id for scene in deleted for panel in scene.panels}
    return gone


def _places(project: Project, ids: Mapping[str, Collection[str]], inside: bool, references: Iterable[Reference]) -> Iterator[Place]:
    """The places whose id is (``inside``) or is not in ``ids`` of its target kind."""
    by_owner: dict[str, list[Reference]] = {}
    for reference in references:
        by_owner.setdefault(reference.owner, []).append(reference)
    # Loops by hand, with the JSON path made only for a place found: loading runs this over every panel.
    for kind, owned in by_owner.items():
        for prefix, owners in _indexed(project, kind):
            for n, owner in enumerate(owners):
                for ref in owned:
                    value, wanted = getattr(owner, ref.path), ids[ref.target]
                    if ref.shape == ONE:
                        if value is not None and (value in wanted) is inside:
                            yield Place(owner, ref, None, value, f"{prefix}[{n}].{ref.path}")
                        continue
                    for i, item in enumerate(value):
                        target = getattr(item, ref.key) if ref.key else item
                        if (target in wanted) is inside:
                            suffix = f".{ref.key}" if ref.key else ""
                            yield Place(owner, ref, i, target, f"{prefix}[{n}].{ref.path}[{i}]{suffix}")


def references_to(project: Project, gone: Mapping[str, Collection[str]]) -> list[Place]:
    """Every place in a project that refers to one of the given entities (ids by kind)."""
    concerned = [r for r in REFERENCES if gone.get(r.target)]
    return list(_places(project, gone, True, concerned))


def dangling_references(project: Project) -> list[Place]:
    """Every place that refers to an entity the project does not have (an empty id names none)."""
    known = {kind: set(ids_of(project, kind)) - {""} for kind in {r.target for r in REFERENCES}}
    return list(_places(project, known, False, REFERENCES))


def changes_dropping(places: Iterable[Place]) -> list[FieldChange]:
    """The field changes that remove the given places: list entries dropped, a single id cleared.

    Changes are grouped by field, one per field with an object each, in the
    order of ``REFERENCES``; each value is a new list, so the old one stays
    intact for undo.
    """
    indices: dict[tuple[int, Reference], tuple[Entity, set]] = {}
    for place in places:
        indices.setdefault((id(place.owner), place.reference), (place.owner, set()))[1].add(place.index)
    by_field: dict[Reference, FieldChange] = {}
    for (_key, ref), (owner, dropped) in indices.items():
        if ref.shape == ONE:
            value = None
        else:
            value = [entry for i, entry in enumerate(getattr(owner, ref.path)) if i not in dropped]
        change = by_field.setdefault(ref, FieldChange([], ref.path, []))
        change.objects.append(owner)
        change.values.append(value)
    return [by_field[ref] for ref in REFERENCES if ref in by_field]


def dropping_references(project: Project, gone: Mapping[str, Collection[str]]) -> list[FieldChange]:
    """The field changes that drop every reference to entities about to be deleted (ids by kind)."""
    return changes_dropping(references_to(project, gone))
