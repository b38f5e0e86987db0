"""Generate large, realistic Storyboarder projects for the benchmarks.

A generated project has line-art PNG panels (1-bit drawings that repeat
among panels, or with ``images="sketch"`` a unique RGBA pencil sketch per
panel, as the drawing tool saves them), scenes with headings, panels
with action, dialogue, notes, camera and lighting filled in, and a cast,
crew, locations and shoot days that the panels and scenes refer to. The
same parameters and seed always give the same ``project.json`` and the same
image bytes (for a given Pillow version).

Use it from other benchmarks::

    from generate import cached_project
    folder = cached_project(panels=2000, scenes=40)

or from the shell::

    python benchmarks/generate.py OUT_DIR --panels 2000 --scenes 40
    python benchmarks/generate.py --panels 2000 --scenes 40   # into the cache
    python benchmarks/generate.py --panels 200 --images sketch  # unique RGBA sketches
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from storyboarder.io import IMAGES_DIR, save_project
from storyboarder.io.staging import stage_image
from storyboarder.model import (
    CameraSpec,
    CastCall,
    CastMember,
    CrewCall,
    CrewMember,
    LightingSpec,
    Location,
    Panel,
    Project,
    Scene,
    ShootDay,
)

#: Part of every cache key: bump it whenever a change here alters the output,
#: so that benchmarks never measure a project an older generator made.
GENERATOR_VERSION = 2

#: The kinds of panel drawing a project can be generated with.
IMAGE_KINDS = ("line", "unique-line", "sketch")

#: Where generated projects are kept between runs (ignored by git).
DATA_DIR = Path(__file__).resolve().parent / "_data"

#: How many distinct drawings a project uses; panels share their bytes.
IMAGE_VARIANTS = 50

DEFAULT_SIZE = (1920, 1080)

_CAST = [
    ("Amara Okafor", "MAYA"),
    ("Daniel Reyes", "THEO"),
    ("Ingrid Halvorsen", "DR. LUND"),
    ("Kenji Watanabe", "HIRO"),
    ("Lucía Ferrer", "CARMEN"),
    ("Patrick O'Neill", "SERGEANT BYRNE"),
    ("Zainab Haddad", "NOOR"),
    ("Marcus Bell", "ELI"),
    ("Sophie Lambert", "ODILE"),
    ("Tomasz Nowak", "THE COURIER"),
    ("Grace Adeyemi", "MRS. ABARA"),
    ("Oliver Grant", "YOUNG THEO"),
]

_CREW = [
    ("Rosa Lindqvist", "Direction", "1st AD"),
    ("Felix Moreau", "Camera", "Director of Photography"),
    ("Hana Kim", "Camera", "1st AC"),
    ("Jonah Price", "Grip", "Key Grip"),
    ("Leila Farouk", "Electric", "Gaffer"),
    ("Sam Whitaker", "Sound", "Production Sound Mixer"),
    ("Bea Castillo", "Art", "Production Designer"),
    ("Nikhil Rao", "Locations", "Location Manager"),
    ("Irene Vogel", "Script", "Script Supervisor"),
    ("Ade Mensah", "Production", "Unit Production Manager"),
]

_LOCATIONS = [
    ("Maya's Apartment", "INT", "214 Alder Street, Apt 5C"),
    ("Harbor Warehouse", "INT", "Pier 9, Eastern Docks"),
    ("Rooftop", "EXT", "1180 Mercer Avenue"),
    ("Lund Clinic", "INT", "52 Kingsway"),
    ("Night Market", "EXT", "Canal Road between 3rd and 5th"),
    ("Police Precinct", "INT", "400 Garrison Boulevard"),
    ("Coastal Highway", "EXT", "Route 1, mile marker 38"),
    ("Diner", "INT", "The Blue Kettle, 9 Station Square"),
    ("Subway Platform", "INT", "Franklin Street Station"),
    ("Abara House", "INT/EXT", "17 Willow Crescent"),
]

_TIMES = ["DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "CONTINUOUS", "LATER"]

_VERBS = [
    "crosses to {place} and stops",
    "turns sharply toward {other}",
    "sets {prop} down on {place}",
    "picks up {prop}, weighing it in one hand",
    "watches {other} from {place}",
    "steps into frame, out of breath",
    "hesitates at {place}",
    "slides {prop} across to {other}",
    "backs away from {other}",
    "glances at {prop}, then at the door",
    "sinks onto {place}",
    "pushes through the crowd toward {place}",
    "studies {prop} under the light",
    "reaches for {prop} but {other} gets there first",
    "exits frame left",
]

_PROPS = [
    "the envelope", "a cracked phone", "the brass key", "a cold cup of coffee",
    "the photograph", "a folded map", "the revolver", "her notebook",
    "the duffel bag", "a paper lantern", "the X-ray film", "his badge",
]

_PLACES = [
    "the window", "the kitchen counter", "the doorway", "the edge of the roof",
    "the hospital bed", "the stairwell", "the car", "a plastic chair",
    "the railing", "the booth by the window", "the platform edge", "the desk",
]

_FOLLOW_UPS = [
    "Rain streaks the glass behind them.",
    "A train roars past, drowning everything out.",
    "The neon sign outside flickers and dies.",
    "Somewhere below, a dog starts barking.",
    "Nobody moves.",
    "The clock on the wall reads 3:17.",
    "Steam curls up from a grate.",
    "A phone buzzes, unanswered.",
    "Headlights sweep across the ceiling.",
    "The silence stretches.",
]

_LINES = [
    "We can't stay here. Not tonight.",
    "You said it would be over by now.",
    "I know what I saw.",
    "Give me the key. Please.",
    "Who else knows about this?",
    "It's not what you think.",
    "Then tell me what it is.",
    "You're late. Again.",
    "I kept my side of the deal.",
    "Don't look at me like that.",
    "How long have you been standing there?",
    "It was already open when I got here.",
    "Say that again, slower.",
    "We have until morning. Maybe less.",
    "Everyone's looking for you, you know that?",
    "I didn't come back for you. I came back for her.",
    "(quietly) Thank you.",
    "Is that blood?",
    "Just drive.",
    "I'm not asking twice.",
]

_NOTES = [
    "Match eyeline with the previous setup.",
    "VFX: remove safety cable in post.",
    "Hold for the end of the line before cutting.",
    "Practical rain: needs the rain tower and a 20 min reset.",
    "Check continuity of the coffee level.",
    "Stunt coordinator on set for this shot.",
    "Possible pickup on second unit.",
    "Director wants the option of a slower push.",
    "Playback on the TV screen, 23.976 sync.",
    "Clear the background of logos.",
    "Shoot a clean plate after the take.",
    "Insert can be shot on the table-top day.",
]

_SOUNDS = [
    "Rain on windows", "Distant siren", "Room tone, fridge hum", "Traffic wash",
    "Footsteps on gravel", "Train announcement (PA)", "Heartbeat monitor",
    "Wind gusting", "Crowd walla", "Radio chatter",
]

_SHOT_SIZES = ["ECU", "CU", "MCU", "MS", "MWS", "WS", "EWS", "OTS", "Two-shot", "Insert"]
_ANGLES = ["Eye level", "Low angle", "High angle", "Dutch", "Overhead", "POV", "Shoulder level"]
_MOVES = ["Static", "Pan left", "Pan right", "Tilt up", "Tilt down", "Dolly in", "Dolly out",
          "Handheld", "Steadicam follow", "Crane up", "Push in", "Track right"]
_LENSES = [18.0, 24.0, 28.0, 35.0, 40.0, 50.0, 65.0, 85.0, 100.0, 135.0]
_RIGS = ["Sticks", "Dolly", "Steadicam", "Handheld", "Slider", "Crane", "Gimbal", "Hi-hat"]
_LIGHT_SETUPS = ["Day interior, window source", "Night interior, practicals", "Night exterior, moonlight",
                 "Golden hour exterior", "Overcast exterior", "Fluorescent office", "Car interior, process"]
_STYLES = ["High key", "Low key", "Naturalistic", "Silhouette", "Chiaroscuro", "Soft and even"]
_KEYS = ["4K HMI through the window, 1/2 grid", "Skypanel S60 through 8x8 silk", "Sun, negative fill camera right",
         "Astera tube overhead", "Fresnel 2K bounced off beadboard", "Practical lamp boosted to 100W"]
_FILLS = ["Bounce from the floor", "Negative fill", "Ambient only", "LiteMat 2 at 10%", "None"]
_BACKS = ["Kicker from the hallway", "Streetlight through the blinds", "Rim from 1K fresnel", "Haze and backlight", ""]
_PRACTICALS = ["Desk lamp", "Neon sign", "TV glow", "Candles", "Fridge light", "Fairy lights", ""]
_COLOR_TEMPS = [2700, 3200, 4300, 5600, 6500]
_TRANSITIONS = ["CUT TO:", "CUT TO:", "CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:", "MATCH CUT TO:"]


def cache_key(panels: int, scenes: int, seed: int, image_size: tuple[int, int], images: str = "line") -> str:
    """Name the cache folder of a project made with these parameters."""
    width, height = image_size
    kind = "" if images == "line" else f"-{images}"
    return f"project-v{GENERATOR_VERSION}-p{panels}-s{scenes}-seed{seed}-{width}x{height}{kind}"


def cached_project(
    panels: int = 2000,
    scenes: int = 40,
    seed: int = 0,
    image_size: tuple[int, int] = DEFAULT_SIZE,
    *,
    images: str = "line",
    verbose: bool = False,
) -> Path:
    """Return the folder of a generated project under ``_data/``, generating it on first use.

    Benchmarks that change the project must work on a copy (see
    ``working_copy``), so that the cached project stays as generated.
    """
    target = DATA_DIR / cache_key(panels, scenes, seed, image_size, images)
    if (target / "project.json").is_file():
        if verbose:
            print(f"using cached project {target}")
        return target
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Generate beside the target and rename, so an interrupted run never
    # leaves a half-made project that a later run would take as cached.
    temp = Path(tempfile.mkdtemp(prefix="generating-", dir=DATA_DIR))
    try:
        started = time.perf_counter()
        make_project(temp, panels=panels, scenes=scenes, seed=seed, image_size=image_size, images=images)
        elapsed = time.perf_counter() - started
        try:
            os.rename(temp, target)
        except OSError:
            if not (target / "project.json").is_file():
                raise
            shutil.rmtree(temp)  # another run made it at the same time
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if verbose:
        print(f"generated {panels} panels in {scenes} scenes in {elapsed:.1f} s: {target}")
    return target


def working_copy(source: Path, prefix: str = "work-") -> Path:
    """Make a throwaway copy of a project folder under ``_data/`` and return it.

    Images are hard links where the file system allows it: a save never
    rewrites an existing image in place, so the cached files stay intact.
    The caller removes the copy with ``shutil.rmtree``.
    """
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=DATA_DIR))
    shutil.copy2(source / "project.json", work / "project.json")
    images = source / IMAGES_DIR
    if images.is_dir():
        (work / IMAGES_DIR).mkdir()
        for entry in os.scandir(images):
            target = work / IMAGES_DIR / entry.name
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)
    return work


def make_project(
    folder: str | os.PathLike,
    panels: int = 2000,
    scenes: int = 40,
    seed: int = 0,
    image_size: tuple[int, int] = DEFAULT_SIZE,
    images: str = "line",
) -> Project:
    """Write a generated project into ``folder`` (created if needed) and return it.

    Every panel gets its own image file named by its id. With ``images="line"``
    the bytes repeat among ``IMAGE_VARIANTS`` 1-bit drawings so that
    generation stays fast; with ``images="unique-line"`` every panel has its
    own 1-bit drawing, and with ``images="sketch"`` its own RGBA sketch (see
    ``draw_sketch``): drawings that nothing can share.
    """
    if panels < 0 or scenes < 1:
        raise ValueError("a project needs at least one scene and cannot have negative panels")
    if images not in IMAGE_KINDS:
        raise ValueError(f"images must be one of {', '.join(IMAGE_KINDS)}, not {images!r}")
    folder = Path(folder)
    rng = random.Random(seed)
    project = build_project(rng, panels, scenes)
    if images in ("sketch", "unique-line"):
        draw = draw_sketch if images == "sketch" else draw_image
        (folder / IMAGES_DIR).mkdir(parents=True, exist_ok=True)
        for index, (_scene, panel) in enumerate(project.iter_panels()):
            # Written one by one, not staged: a thousand unique sketches would not fit in memory.
            stage_image(project, panel, draw(random.Random(f"{seed}-{images}-{index}"), image_size))
            _write_images(project, folder)
    else:
        variants = [draw_image(random.Random(f"{seed}-image-{i}"), image_size) for i in range(min(IMAGE_VARIANTS, panels))]
        for _scene, panel in project.iter_panels():
            stage_image(project, panel, variants[rng.randrange(len(variants))])
    _write_images(project, folder)
    save_project(project, folder)
    return project


def _write_images(project: Project, folder: Path) -> None:
    """Write the staged images without syncing each one and unstage them."""
    # save_project syncs every new image to disk; data made for a benchmark
    # needs no crash safety, and thousands of syncs would dominate generation.
    (folder / IMAGES_DIR).mkdir(parents=True, exist_ok=True)
    for relative, data in project.pending_images.items():
        (folder / relative).write_bytes(data)
    project.pending_images.clear()


def draw_image(rng: random.Random, size: tuple[int, int]) -> bytes:
    """Return the PNG bytes of a black-on-white line drawing of random shapes."""
    width, height = size
    image = Image.new("1", size, 1)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(6, 14)):
        x0, x1 = sorted((rng.randrange(width), rng.randrange(width)))
        y0, y1 = sorted((rng.randrange(height), rng.randrange(height)))
        stroke = rng.randint(2, 8)
        shape = rng.randrange(3)
        if shape == 0:
            draw.line((x0, y0, x1, y1) if rng.random() < 0.5 else (x0, y1, x1, y0), fill=0, width=stroke)
        elif shape == 1:
            draw.ellipse((x0, y0, x1, y1), outline=0, width=stroke)
        else:
            draw.rectangle((x0, y0, x1, y1), outline=0, width=stroke)
    out = io.BytesIO()
    # optimize=False: zlib's exhaustive search costs far more than it saves here.
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


#: Pencil greys of a sketch's strokes, dark to light.
_PENCIL = [(40, 40, 40), (70, 70, 70), (100, 100, 100), (140, 140, 140), (175, 175, 175)]
#: The coloured pencils of a sketch's accents (camera arrows, a highlighted prop).
_ACCENTS = [(200, 40, 40), (40, 90, 200), (30, 150, 70)]


def draw_sketch(rng: random.Random, size: tuple[int, int]) -> bytes:
    """Return the PNG bytes of an opaque RGBA pencil sketch, as the drawing tool saves a panel.

    Grey strokes of several weights and tones, soft-edged like pencil, some
    hatched shading, and in about one sketch in four a coloured accent. The
    drawing tool flattens every layer onto white paper in an image that has
    an alpha channel, so its PNGs are RGBA with every pixel opaque.
    """
    width, height = size
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(25, 60)):
        x0, x1 = sorted((rng.randrange(width), rng.randrange(width)))
        y0, y1 = sorted((rng.randrange(height), rng.randrange(height)))
        colour, stroke = rng.choice(_PENCIL), rng.randint(1, 6)
        shape = rng.randrange(4)
        if shape == 0:
            draw.line((x0, y0, x1, y1) if rng.random() < 0.5 else (x0, y1, x1, y0), fill=colour, width=stroke)
        elif shape == 1:
            draw.ellipse((x0, y0, x1, y1), outline=colour, width=stroke)
        elif shape == 2:
            draw.arc((x0, y0, x1, y1), rng.randrange(360), rng.randrange(360), fill=colour, width=stroke)
        else:
            for x in range(x0, x1, rng.randint(6, 14)):  # hatching
                draw.line((x, y0, x + (y1 - y0) // 3, y1), fill=colour, width=1)
    if rng.random() < 0.25:
        colour = rng.choice(_ACCENTS)
        x, y = rng.randrange(width // 2), rng.randrange(height // 2)
        draw.line((x, y, x + width // 3, y + height // 4), fill=colour, width=5)
        draw.polygon([(x + width // 3, y + height // 4), (x + width // 3 - 30, y + height // 4 - 5),
                      (x + width // 3 - 10, y + height // 4 - 28)], fill=colour)
    # Pencil edges are soft: a slight blur gives the antialiased greys of a real stroke.
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    image.putalpha(255)
    out = io.BytesIO()
    # Level 1, as the drawing tool writes its PNGs (fast, a little larger).
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


class _Ids:
    """Hands out ids in the app's ``prefix-12hex`` form, from the seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, prefix: str) -> str:
        while True:
            value = f"{prefix}-{self.rng.getrandbits(48):012x}"
            if value not in self.used:
                self.used.add(value)
                return value


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split ``total`` into ``parts`` uneven counts, as real scenes are."""
    weights = [rng.uniform(0.3, 2.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(parts), total - sum(counts)):
        counts[i] += 1
    return counts


def build_project(rng: random.Random, panels: int, scenes: int) -> Project:
    """Return a project with ``panels`` panels over ``scenes`` scenes, without images."""
    new_id = _Ids(rng)
    cast = [
        CastMember(
            id=new_id("c"),
            actor=actor,
            character=character,
            phone=f"+1 555 01{i:02d}",
            email=actor.lower().replace(" ", ".").replace("'", "") + "@example.com",
            notes=rng.choice(["", "Vegetarian", "Needs a driver", "Stunt double: see crew list", ""]),
        )
        for i, (actor, character) in enumerate(_CAST)
    ]
    crew = [
        CrewMember(
            id=new_id("w"),
            name=name,
            department=department,
            role=role,
            phone=f"+1 555 02{i:02d}",
            email=name.lower().replace(" ", ".") + "@example.com",
        )
        for i, (name, department, role) in enumerate(_CREW)
    ]
    locations = [
        Location(
            id=new_id("l"),
            name=name,
            address=address,
            latitude=round(rng.uniform(40.60, 40.85), 5),
            longitude=round(rng.uniform(-74.05, -73.85), 5),
            parking=rng.choice(["Street parking only", "Lot behind the building", "Unit base at the depot"]),
            nearest_hospital=rng.choice(["St. Vincent's, 2.1 km", "Mercy General, 4.5 km", "City Hospital, 1.2 km"]),
            contact=rng.choice(["Building manager, +1 555 0300", "Owner, +1 555 0301", "Port authority desk"]),
            notes=rng.choice(["", "No filming after 22:00", "Elevator fits a dolly", ""]),
        )
        for name, _int_ext, address in _LOCATIONS
    ]
    project_scenes = []
    for count in _split(rng, panels, scenes):
        location_index = rng.randrange(len(locations))
        name, int_ext, _address = _LOCATIONS[location_index]
        time_of_day = rng.choice(_TIMES)
        scene_cast = rng.sample(cast, rng.randint(1, 4))
        scene = Scene(
            id=new_id("s"),
            heading=f"{int_ext}. {name.upper()} - {time_of_day}",
            int_ext=int_ext,
            location_id=locations[location_index].id,
            time_of_day=time_of_day,
            description=_action(rng, scene_cast),
            notes=rng.choice(["", "", "Company move after this scene.", "Night shoot: check curfew."]),
        )
        scene.panels = [_panel(rng, new_id, scene_cast, last=i == count - 1) for i in range(count)]
        project_scenes.append(scene)
    return Project(
        title="The Night Courier",
        director="Rosa Lindqvist",
        production="Harbor Light Pictures",
        scenes=project_scenes,
        cast=cast,
        crew=crew,
        locations=locations,
        shoot_days=_shoot_days(rng, new_id, project_scenes, cast, crew),
    )


def _action(rng: random.Random, cast: list[CastMember]) -> str:
    """Return one to three sentences of screenplay action."""
    who = rng.choice(cast).character
    others = [member.character for member in cast if member.character != who] or ["the stranger"]
    sentence = rng.choice(_VERBS).format(place=rng.choice(_PLACES), prop=rng.choice(_PROPS), other=rng.choice(others))
    text = f"{who} {sentence}."
    for _ in range(rng.randint(0, 2)):
        text += " " + rng.choice(_FOLLOW_UPS)
    return text


def _panel(rng: random.Random, new_id: _Ids, cast: list[CastMember], last: bool) -> Panel:
    """Return one panel with its text, camera and lighting filled in."""
    in_shot = rng.sample(cast, rng.randint(0, min(3, len(cast))))
    dialogue = ""
    if in_shot and rng.random() < 0.5:
        speaker = rng.choice(in_shot).character
        dialogue = f"{speaker}: {rng.choice(_LINES)}"
        if rng.random() < 0.3:
            dialogue += " " + rng.choice(_LINES)
    return Panel(
        id=new_id("p"),
        new_shot=rng.random() < 0.7,
        duration_ms=rng.randrange(1000, 6001, 250),
        action=_action(rng, cast),
        dialogue=dialogue,
        notes=rng.choice(_NOTES) if rng.random() < 0.4 else "",
        sound=rng.choice(_SOUNDS) if rng.random() < 0.3 else "",
        transition=rng.choice(_TRANSITIONS) if last else "",
        camera=CameraSpec(
            shot_size=rng.choice(_SHOT_SIZES),
            angle=rng.choice(_ANGLES),
            movement=rng.choice(_MOVES),
            lens_mm=rng.choice(_LENSES),
            camera=rng.choice(["A", "A", "A", "B"]),
            rig=rng.choice(_RIGS),
            frame_rate=rng.choice([24.0] * 8 + [48.0, 60.0]),
            setup=str(rng.randint(1, 40)),
        ),
        lighting=LightingSpec(
            setup=rng.choice(_LIGHT_SETUPS),
            style=rng.choice(_STYLES),
            key=rng.choice(_KEYS),
            fill=rng.choice(_FILLS),
            back=rng.choice(_BACKS),
            practicals=rng.choice(_PRACTICALS),
            color_temp_k=rng.choice(_COLOR_TEMPS),
            notes=rng.choice(["", "", "Haze at 20%", "Flag the lens flare", "Dim practicals for the close-ups"]),
        ),
        cast_ids=[member.id for member in in_shot],
        est_minutes=round(rng.uniform(5, 45), 1) if rng.random() < 0.5 else None,
    )


def _shoot_days(
    rng: random.Random, new_id: _Ids, scenes: list[Scene], cast: list[CastMember], crew: list[CrewMember]
) -> list[ShootDay]:
    """Schedule the scenes over shoot days of about five scenes each."""
    days = []
    order = list(scenes)
    rng.shuffle(order)
    for number, start in enumerate(range(0, len(order), 5)):
        day_scenes = order[start : start + 5]
        cast_ids = sorted({cast_id for scene in day_scenes for panel in scene.panels for cast_id in panel.cast_ids})
        days.append(
            ShootDay(
                id=new_id("d"),
                date=(datetime.date(2025, 3, 3) + datetime.timedelta(days=number)).isoformat(),  # a real date however long the schedule
                crew_call="07:00",
                shooting_call="08:00",
                lunch="13:00",
                wrap="19:00",
                location_ids=sorted({scene.location_id for scene in day_scenes if scene.location_id}),
                scene_ids=[scene.id for scene in day_scenes],
                cast_calls=[
                    CastCall(cast_id=cast_id, pickup="05:45", makeup="06:15", on_set="07:45", status="W")
                    for cast_id in cast_ids
                ],
                crew_calls=[CrewCall(crew_id=member.id, call="07:00") for member in crew],
                weather=rng.choice(["Clear, 14°C", "Showers, 11°C", "Overcast, 9°C", "Windy, 12°C"]),
                notes=rng.choice(["", "Company move at lunch.", "Rain cover set: Diner."]),
                safety="Nearest hospital is on the call sheet. Stunts briefing at 07:30.",
            )
        )
    return days


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    """Generate a project from the command line and say how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", help="folder to write; omit to use the cache under benchmarks/_data/")
    parser.add_argument("--panels", type=int, default=2000)
    parser.add_argument("--scenes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, help="image size as WIDTHxHEIGHT (default 1920x1080)")
    parser.add_argument("--images", choices=IMAGE_KINDS, default="line",
                        help="line: 1-bit drawings shared among panels (default); unique-line: "
                        "a 1-bit drawing per panel; sketch: a unique RGBA sketch per panel")
    args = parser.parse_args(argv)
    if args.out_dir is None:
        cached_project(args.panels, args.scenes, args.seed, args.size, images=args.images, verbose=True)
        return 0
    out = Path(args.out_dir)
    if (out / "project.json").exists():
        parser.error(f"{out} already holds a project")
    started = time.perf_counter()
    make_project(out, panels=args.panels, scenes=args.scenes, seed=args.seed, image_size=args.size, images=args.images)
    print(f"generated {args.panels} panels in {args.scenes} scenes in {time.perf_counter() - started:.1f} s: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
