"""One-line summaries of a panel's camera and lighting, as crews write them.

The grid, the inspector and every export print the same lines from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dialogue import speech_lines
from .entities import Panel
from .fields import format_value

if TYPE_CHECKING:
    from .entities import CameraSpec, LightingSpec, Scene

SEPARATOR = " · "


def camera_line(camera: CameraSpec) -> str:
    """Summarise a camera spec, for example ``MCU · low · dolly in · 35mm · Cam A``."""
    parts = [camera.shot_size, camera.angle, camera.movement]
    parts.append(format_value(Panel, "camera.lens_mm", camera.lens_mm))
    if camera.camera:
        name = camera.camera.strip()
        parts.append(name if len(name) > 2 or name.lower().startswith("cam") else f"Cam {name}")
    parts.append(camera.rig)
    if camera.setup:
        parts.append(f"setup {camera.setup}")
    return SEPARATOR.join(p.strip() for p in parts if p and p.strip())


def lighting_line(lighting: LightingSpec) -> str:
    """Summarise a lighting spec, for example ``L2 · low key · key: HMI 4K · 5600K``."""
    parts = [lighting.setup, lighting.style]
    for label, value in (("key", lighting.key), ("fill", lighting.fill), ("back", lighting.back), ("practicals", lighting.practicals)):
        if value.strip():
            parts.append(f"{label}: {value.strip()}")
    parts.append(format_value(Panel, "lighting.color_temp_k", lighting.color_temp_k))
    return SEPARATOR.join(p.strip() for p in parts if p and p.strip())


def first_line(text: str) -> str:
    """Return the first non-empty line of a text field."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def scene_title(scene: Scene, number: str) -> str:
    """Return how a scene is named in lists: ``3  INT. KITCHEN - NIGHT``."""
    heading = scene.heading.strip() or "(no heading)"
    return f"{number}  {heading}"


def card_line(panel: Panel) -> str:
    """The line of text a board card shows under its camera line: the action, or (with no action) who says what."""
    return first_line(panel.action) or next(iter(speech_lines(panel.dialogue)), "")


def frame_speech(panel: Panel) -> str:
    """The dialogue a board card with no drawing writes in its frame: each speech its card line does not print."""
    lines = speech_lines(panel.dialogue)
    return "\n".join(lines if first_line(panel.action) else lines[1:])


def stand_in_text(panel: Panel, subtitled: bool) -> str:
    """What a card standing in for a missing drawing says under the shot label (the animatic's, play mode's).

    The action; with no action, the dialogue (``MARA: Drive.`` per speech), unless
    subtitles already show it over the card (``subtitled``).
    """
    action = " ".join(panel.action.split())
    if action or subtitled:
        return action
    return "\n".join(speech_lines(panel.dialogue))
