"""The crew's departments in call-sheet order, and the other fixed lists a call sheet uses.

Crew members type their department freely ("Electric", "G&E", "Costume");
``standard_department`` maps the common spellings onto the standard
departments so that department calls and the crew list group them together.
"""

from __future__ import annotations

import re

#: The standard departments, in the order call sheets list them.
DEPARTMENTS: tuple[str, ...] = (
    "Production",
    "Direction",
    "Camera",
    "Grip & Electric",
    "Sound",
    "Art",
    "Wardrobe",
    "Hair & Makeup",
    "Locations",
    "Transport",
    "Catering",
)

#: Other names crews use for the standard departments, normalised (lower case, letters only).
_ALIASES: dict[str, str] = {
    "production": "Production",
    "productionoffice": "Production",
    "producers": "Production",
    "direction": "Direction",
    "directing": "Direction",
    "director": "Direction",
    "ad": "Direction",
    "ads": "Direction",
    "assistantdirectors": "Direction",
    "adteam": "Direction",
    "camera": "Camera",
    "cameradepartment": "Camera",
    "photography": "Camera",
    "cinematography": "Camera",
    "grip": "Grip & Electric",
    "grips": "Grip & Electric",
    "electric": "Grip & Electric",
    "electrical": "Grip & Electric",
    "electrics": "Grip & Electric",
    "lighting": "Grip & Electric",
    "ge": "Grip & Electric",
    "gripandelectric": "Grip & Electric",
    "gripelectric": "Grip & Electric",
    "sound": "Sound",
    "audio": "Sound",
    "art": "Art",
    "artdepartment": "Art",
    "props": "Art",
    "property": "Art",
    "setdecoration": "Art",
    "setdressing": "Art",
    "construction": "Art",
    "wardrobe": "Wardrobe",
    "costume": "Wardrobe",
    "costumes": "Wardrobe",
    "hairmakeup": "Hair & Makeup",
    "hairandmakeup": "Hair & Makeup",
    "makeuphair": "Hair & Makeup",
    "makeupandhair": "Hair & Makeup",
    "hmu": "Hair & Makeup",
    "makeup": "Hair & Makeup",
    "hair": "Hair & Makeup",
    "locations": "Locations",
    "location": "Locations",
    "transport": "Transport",
    "transportation": "Transport",
    "drivers": "Transport",
    "catering": "Catering",
    "craftservice": "Catering",
    "craftservices": "Catering",
    "crafty": "Catering",
}

#: Where crew with no department are listed.
NO_DEPARTMENT = "Other"

#: The departments of a shoot day's special instructions: ``SpecialInstructions`` field and printed label.
SPECIAL_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("camera", "Camera"),
    ("grip_electric", "Grip & Electric"),
    ("art", "Art"),
    ("props", "Props"),
    ("wardrobe", "Wardrobe"),
    ("hair_makeup", "Hair & Makeup"),
    ("vehicles", "Vehicles"),
    ("sfx", "SFX"),
    ("stunts", "Stunts"),
    ("animals", "Animals"),
    ("minors", "Minors"),
)

#: Cast work statuses on a day, as call sheets abbreviate them, with what they mean.
CAST_STATUSES: dict[str, str] = {
    "SW": "start work",
    "W": "work",
    "WF": "work finish",
    "SWF": "start, work and finish",
    "H": "hold",
    "T": "travel",
    "R": "rehearsal",
    "WD": "work drop",
    "D": "drop",
}

_NOT_LETTERS = re.compile(r"[^a-z]+")
_AND = re.compile(r"\band\b|&")


def _key(text: str) -> str:
    return _NOT_LETTERS.sub("", _AND.sub("", text.lower()))


# Aliases are compared with "and" dropped too, so "Hair and Makeup" and "Hair & Make-up" agree.
_BY_KEY = {_key(alias): name for alias, name in _ALIASES.items()} | {_key(name): name for name in DEPARTMENTS}


def standard_department(text: str) -> str:
    """Return the standard department a typed one belongs to, or the typed name tidied up.

    ``"Electric"`` → ``Grip & Electric``; an unknown department such as
    ``"VFX"`` stays itself; an empty one is ``Other``.
    """
    name = " ".join(text.split())
    if not name:
        return NO_DEPARTMENT
    return _BY_KEY.get(_key(name), name)


def department_order(name: str) -> tuple[int, str]:
    """Sort key that puts departments in call-sheet order: standard ones first, then by name, ``Other`` last."""
    if name in DEPARTMENTS:
        return (DEPARTMENTS.index(name), "")
    if name == NO_DEPARTMENT:
        return (len(DEPARTMENTS) + 1, "")
    return (len(DEPARTMENTS), name.casefold())
