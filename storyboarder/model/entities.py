"""The entities of a Storyboarder project: plain data, no Qt, no file IO.

Each field is also a key of the project file with the same name, so the
codec in ``storyboarder.io`` reads and writes them from these declarations;
the file's header, its version and where image files go are io's business.
They are msgspec Structs because msgspec decodes and type-checks a whole
project straight from JSON bytes several times faster than ``json.load``
alone, with the JSON path of any problem. Keys a file has that this version
does not know are kept in each entity's ``extra`` mapping so that a save
loses nothing.
"""

from __future__ import annotations

import types
import uuid
from typing import Annotated

import msgspec

from .pages import MAX_EIGHTHS
from .pending import PendingImages

#: Longest text a single field may hold; longer text is refused, never cut.
MAX_TEXT = 1_000_000

Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]

#: Longest a panel may stay on screen: a day. More is a typing slip, not a board.
MAX_DURATION_MS = 24 * 60 * 60 * 1000
#: Longest a shot, a reset or any planner estimate may take: a whole day, in minutes.
MAX_MINUTES = 24 * 60

# The range of every number, declared once: msgspec enforces it when a file is read,
# and ``model.fields`` reads it for every editor, parser and the JSON Schema. Each is
# the widest a crew would still mean; anything outside is a slip of the keyboard.
#: Focal length: phone and fisheye lenses start at a few mm, the longest production
#: lenses (a 2000 mm reflex, a 1000 mm cine zoom with a 1.5x extender) end near 2000.
LensMM = Annotated[float, msgspec.Meta(ge=1, le=2000)]
#: A shot's own frame rate: from a time-lapse (a frame every 100 s) to high-speed
#: bodies, which reach tens of thousands of frames per second.
FrameRate = Annotated[float, msgspec.Meta(ge=0.01, le=100_000)]
#: Colour temperature: candlelight is about 1,800 K, a clear north sky about 12,000 K;
#: fixtures are sold from 1,650 K to 20,000 K.
Kelvin = Annotated[int, msgspec.Meta(ge=1000, le=20_000)]
DurationMS = Annotated[int, msgspec.Meta(ge=0, le=MAX_DURATION_MS)]
Minutes = Annotated[float, msgspec.Meta(ge=0, le=MAX_MINUTES)]
#: Degrees on the WGS 84 globe, as ``model.sun`` needs them.
Latitude = Annotated[float, msgspec.Meta(ge=-90, le=90)]
Longitude = Annotated[float, msgspec.Meta(ge=-180, le=180)]
Eighths = Annotated[int, msgspec.Meta(ge=0, le=MAX_EIGHTHS)]
#: Cast numbers count from 1; a cast list of ten thousand is a typing slip.
CastNumber = Annotated[int, msgspec.Meta(ge=1, le=9999)]
#: Background performers of one kind: the largest crowd scenes called a few hundred thousand.
Headcount = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
#: Place in a shooting order, counted from 1 across a day or a scene.
ShootNumber = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
#: Width over height: from a tall 1:10 strip to a 10:1 panorama.
AspectRatio = Annotated[float, msgspec.Meta(ge=0.1, le=10)]
#: The project's playback rate, which the animatic and editorial timing run on.
ProjectFps = Annotated[float, msgspec.Meta(ge=1, le=1000)]
Opacity = Annotated[float, msgspec.Meta(ge=0, le=1)]

DEFAULT_ASPECT_RATIO = 1.7778
DEFAULT_FPS = 24.0
DEFAULT_DURATION_MS = 2000
DEFAULT_SKIP_LETTERS = "IO"
#: What one camera reset (moving to a new setup) costs; crews reckon 20 to 60 minutes.
DEFAULT_CAMERA_RESET_MINUTES = 30.0
#: What one lighting reset (relighting for a new lighting setup) costs.
DEFAULT_LIGHTING_RESET_MINUTES = 45.0
#: Shooting time of a shot nobody has estimated yet.
DEFAULT_SHOT_MINUTES = 15.0

#: ``Panel.status`` values: empty for not shot yet, then shot, or cut (with ``cut_reason``).
STATUS_NOT_SHOT = ""
STATUS_SHOT = "shot"
STATUS_CUT = "cut"
SHOT_STATUSES = (STATUS_NOT_SHOT, STATUS_SHOT, STATUS_CUT)

def new_id(prefix: str) -> str:
    """Return a fresh id that is unique across projects and safe in a file name."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def field(*, default_factory):
    """Declare a field whose default is made fresh for each object."""
    return msgspec.field(default_factory=default_factory)


class Entity(msgspec.Struct, dict=True, eq=False, forbid_unknown_fields=True, repr_omit_defaults=True):
    """Base of every entity: compared by identity, with room for unknown keys.

    ``extra`` holds keys a newer release wrote; it is read-only here and
    replaced, never mutated, so the shared empty default stays empty.
    """

    extra = types.MappingProxyType({})


class CameraSpec(Entity):
    """How a shot is photographed."""

    shot_size: Text = ""
    angle: Text = ""
    movement: Text = ""
    lens_mm: LensMM | None = None
    camera: Text = ""
    rig: Text = ""
    frame_rate: FrameRate | None = None
    setup: Text = ""


class LightingSpec(Entity):
    """How a shot is lit."""

    setup: Text = ""
    style: Text = ""
    key: Text = ""
    fill: Text = ""
    back: Text = ""
    practicals: Text = ""
    color_temp_k: Kelvin | None = None
    notes: Text = ""


class Panel(Entity):
    """One storyboard frame: a drawing or image plus what the crew needs to shoot it."""

    id: Text = field(default_factory=lambda: new_id("p"))
    shot: Text = ""
    new_shot: bool = True
    image: Text | None = None
    duration_ms: DurationMS = DEFAULT_DURATION_MS
    action: Text = ""
    dialogue: Text = ""
    notes: Text = ""
    sound: Text = ""
    transition: Text = ""
    camera: CameraSpec = field(default_factory=CameraSpec)
    lighting: LightingSpec = field(default_factory=LightingSpec)
    cast_ids: list[Text] = field(default_factory=list)
    est_minutes: Minutes | None = None
    #: Drawing layers by name ("reference", "sketch", "ink", "notes"), each an image path;
    #: ``image`` holds their flattened composite, which thumbnails and exports use.
    layers: dict[str, Text] = field(default_factory=dict)
    #: Opacity (0 to 1) of layers that are not fully opaque, such as the reference.
    layer_opacity: dict[str, Opacity] = field(default_factory=dict)
    #: On-set status of the shot: "" not shot yet, "shot", or "cut" (see ``SHOT_STATUSES``).
    status: Text = STATUS_NOT_SHOT
    #: Why a cut shot was cut, for the "as shot" shot list.
    cut_reason: Text = ""
    #: Position in the planned shooting order (1 first), numbered across the shoot day that
    #: was planned, or across the scene when a scene was planned on its own; None when unplanned.
    shoot_order: ShootNumber | None = None


class Scene(Entity):
    """A scene of the script: a heading and the panels that board it.

    ``number`` is None while the scene is numbered automatically, or the
    locked number (for example ``12A``) once the script is locked.
    """

    id: Text = field(default_factory=lambda: new_id("s"))
    number: Text | None = None
    heading: Text = ""
    int_ext: Text = ""
    location_id: Text | None = None
    time_of_day: Text = ""
    description: Text = ""
    notes: Text = ""
    panels: list[Panel] = field(default_factory=list)
    #: Script length in eighths of a page (19 is "2 3/8"); see ``model.pages``. None when not counted.
    pages_eighths: Eighths | None = None


class CastMember(Entity):
    """An actor and the character they play."""

    id: Text = field(default_factory=lambda: new_id("c"))
    actor: Text = ""
    character: Text = ""
    phone: Text = ""
    email: Text = ""
    notes: Text = ""
    #: The cast number call sheets print, given once and kept when the cast is reordered or
    #: someone leaves (see ``model.cast``). None until one is given.
    number: CastNumber | None = None


class CrewMember(Entity):
    """A member of the crew."""

    id: Text = field(default_factory=lambda: new_id("w"))
    name: Text = ""
    department: Text = ""
    role: Text = ""
    phone: Text = ""
    email: Text = ""


class Location(Entity):
    """A place the production shoots, with what the call sheet needs about it."""

    id: Text = field(default_factory=lambda: new_id("l"))
    name: Text = ""
    address: Text = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    parking: Text = ""
    #: The nearest hospital's name, address and phone, one per line.
    nearest_hospital: Text = ""
    contact: Text = ""
    notes: Text = ""
    #: IANA time zone (for example ``Europe/Tallinn``); empty means derived from the coordinates.
    time_zone: Text = ""


class CastCall(Entity):
    """When one cast member is called on a shoot day."""

    cast_id: Text = ""
    pickup: Text = ""
    makeup: Text = ""
    on_set: Text = ""
    status: Text = ""
    remarks: Text = ""


class CrewCall(Entity):
    """When one crew member is called on a shoot day, overriding their department's call."""

    crew_id: Text = ""
    call: Text = ""


class DepartmentCall(Entity):
    """The call time of a whole department on a shoot day; ``CrewCall`` overrides it per person."""

    department: Text = ""
    call: Text = ""


class BackgroundCall(Entity):
    """Background performers (extras) of one kind called on a shoot day."""

    count: Headcount | None = None
    description: Text = ""
    report: Text = ""
    report_place: Text = ""
    notes: Text = ""


class SpecialInstructions(Entity):
    """A shoot day's notes to each department; ``model.departments`` lists them in call-sheet order."""

    camera: Text = ""
    grip_electric: Text = ""
    art: Text = ""
    props: Text = ""
    wardrobe: Text = ""
    hair_makeup: Text = ""
    vehicles: Text = ""
    sfx: Text = ""
    stunts: Text = ""
    animals: Text = ""
    minors: Text = ""


class ShootDay(Entity):
    """One day of principal photography: times, places, scenes and calls."""

    id: Text = field(default_factory=lambda: new_id("d"))
    date: Text = ""
    crew_call: Text = ""
    shooting_call: Text = ""
    lunch: Text = ""
    wrap: Text = ""
    location_ids: list[Text] = field(default_factory=list)
    scene_ids: list[Text] = field(default_factory=list)
    cast_calls: list[CastCall] = field(default_factory=list)
    crew_calls: list[CrewCall] = field(default_factory=list)
    weather: Text = ""
    notes: Text = ""
    safety: Text = ""
    breakfast: Text = ""
    department_calls: list[DepartmentCall] = field(default_factory=list)
    background: list[BackgroundCall] = field(default_factory=list)
    instructions: SpecialInstructions = field(default_factory=SpecialInstructions)
    #: Walkie-talkie channels, one per line, for example ``Ch 1  Production``.
    walkie_channels: Text = ""
    #: Crew members printed as the day's key contacts, in order; empty means the call sheet picks them.
    key_contact_ids: list[Text] = field(default_factory=list)
    closed_set: bool = False
    #: The colour of the current script revision, for example ``Blue``.
    revision_color: Text = ""


class Project(Entity):
    """A whole storyboard project: settings, scenes and production data."""

    title: Text = ""
    director: Text = ""
    #: Who wrote the screenplay (a Fountain title page's Author or Writer), printed "Written by".
    writer: Text = ""
    production: Text = ""
    aspect_ratio: AspectRatio = DEFAULT_ASPECT_RATIO
    fps: ProjectFps = DEFAULT_FPS
    skip_letters: Text = DEFAULT_SKIP_LETTERS
    #: Reset costs and the default shot time the shooting-order planner's clock runs on.
    camera_reset_minutes: Minutes = DEFAULT_CAMERA_RESET_MINUTES
    lighting_reset_minutes: Minutes = DEFAULT_LIGHTING_RESET_MINUTES
    default_shot_minutes: Minutes = DEFAULT_SHOT_MINUTES
    scenes: list[Scene] = field(default_factory=list)
    cast: list[CastMember] = field(default_factory=list)
    crew: list[CrewMember] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    shoot_days: list[ShootDay] = field(default_factory=list)

    @property
    def pending_images(self) -> PendingImages:
        """Encoded image files not yet on disk, by the path the panels name them with.

        Reading one may wait for its encoding. The path is io's choice
        (``storyboarder.io.staging``); to the model it is an opaque key.
        """
        try:
            return self.__dict__["_pending_images"]
        except KeyError:
            return self.__dict__.setdefault("_pending_images", PendingImages())

    def iter_panels(self):
        """Yield ``(scene, panel)`` for every panel in story order."""
        for scene in self.scenes:
            for panel in scene.panels:
                yield scene, panel

    def cast_by_id(self) -> dict[str, CastMember]:
        """Return the cast keyed by id."""
        return {member.id: member for member in self.cast}

    def location_by_id(self) -> dict[str, Location]:
        """Return the locations keyed by id."""
        return {location.id: location for location in self.locations}
