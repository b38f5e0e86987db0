"""What a camera setup and a lighting setup are: the one definition the call sheet, the planner and the shot list count by.

**Camera setup.** As a 1st AD counts them for the call sheet and the
production report: every new camera position is a setup, and so is every
lens change at a position, because each means the grips move or re-level
the camera, the camera team swaps the lens and focus marks are redone, and
each costs a camera reset.

* A shot that names its setup (``camera.setup``, such as ``3`` or ``3A``)
  shares it with the other shots *of the same scene* that name the same
  setup (spacing and case ignored) *with the same lens*. The same name with
  another lens is another setup (a lens change); a shot with no lens given
  is counted apart from one with a lens. Setup names are per scene, as on a
  slate: setup 1 of scene 3 is not setup 1 of scene 4.
* A shot that names no setup shares one with the other unnamed shots of
  the same scene filmed on the same camera body, lens and rig (each folded
  as setup names are): two identical 50 mm Cam B shots in a row are one
  setup and no camera reset, since nothing about the camera changes
  between them. A different lens, body or rig is another setup.
* An unnamed shot that gives no camera, lens or rig at all is a setup of
  its own: nothing says where its camera stands, and counting it apart
  errs toward a day that ends early rather than one that runs over.
* A shot's first panel decides; panels that continue a shot add no setup,
  even when their lens or setup field differs (a zoom within the shot).
* For a *named* setup the camera body (A or B camera) does not make a
  setup: two cameras rolling together at one position are one setup.

**Lighting setup.** The lighting the gaffer sets for a set: shots that name
the same ``lighting.setup`` at the same location (or in the same scene, for
a scene without a location) share it, so a set lit once serves every scene
shot there. A shot that names no lighting setup needs no relight: it has
no lighting setup, and neither causes nor ends a lighting reset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:
    from .shots import Shot, ShotId


# Setups are NamedTuples, not dataclasses: the planner hashes and compares them for every step it tries.
class CameraSetup(NamedTuple):
    """One camera setup: a named setup with its lens in a scene, an unnamed camera, lens and rig in a scene, or a shot's own."""

    scene_id: str
    #: The setup's name, folded (single spaces, one case); empty for an unnamed setup.
    name: str
    lens_mm: float | None
    #: The camera body and rig, folded, of an unnamed setup; empty for a named one (the body does not make it).
    camera: str = ""
    rig: str = ""
    #: The shot whose own setup this is, when it names no setup and gives no camera, lens or rig.
    own: ShotId | None = None


class LightingSetup(NamedTuple):
    """One lighting setup: a named lighting at a location, or in a scene that has no location."""

    #: ``("location", id)`` or ``("scene", id)``.
    place: tuple[str, str]
    #: The setup's name, folded.
    name: str


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def camera_setup(shot: Shot) -> CameraSetup:
    """The camera setup a shot is filmed from (see the module docstring)."""
    camera = shot.first.camera
    name = _folded(camera.setup)
    if name:
        return CameraSetup(shot.scene.id, name, camera.lens_mm)
    body, rig = _folded(camera.camera), _folded(camera.rig)
    if not body and not rig and camera.lens_mm is None:
        return CameraSetup(shot.scene.id, "", None, own=shot.id)
    return CameraSetup(shot.scene.id, "", camera.lens_mm, body, rig)


def lighting_setup(shot: Shot) -> LightingSetup | None:
    """The lighting setup a shot needs; None when it names none."""
    name = _folded(shot.first.lighting.setup)
    if not name:
        return None
    scene = shot.scene
    place = ("location", scene.location_id) if scene.location_id else ("scene", scene.id)
    return LightingSetup(place, name)


def setup_count(shots: Iterable[Shot]) -> int:
    """How many camera setups some shots need."""
    return len({camera_setup(shot) for shot in shots})


def lighting_setup_count(shots: Iterable[Shot]) -> int:
    """How many lighting setups some shots need (shots that name none need none)."""
    return len({key for shot in shots if (key := lighting_setup(shot)) is not None})
