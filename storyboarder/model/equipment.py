"""The equipment a shoot day needs, derived from the shots scheduled on it.

Camera and grip & electric prep from the storyboard itself: every camera
body, lens, rig, off-speed frame rate and lighting setup the day's shots
name, each with the shots that need it, as a checklist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyboarder.vocabulary import load_vocabulary

from .entities import Panel
from .fields import format_value, spec
from .shots import ShotId, project_shots
from .summaries import SEPARATOR

if TYPE_CHECKING:
    from storyboarder.vocabulary import Term

    from .entities import Project, Scene

#: Where a rig no standard term names is brought from.
_OTHER_RIGS = "Grip & Electric"

#: Numbers in lighting notes count as colour temperatures when a colour temperature could be one.
_KELVIN_RANGE = spec(Panel, "lighting.color_temp_k").bounds
_KELVIN = re.compile(r"(?<![\d.])(\d{4,5})\s*K\b")


@dataclass
class EquipmentItem:
    """One line of the day's equipment checklist."""

    department: str
    #: What kind of thing: camera, lens, rig, frame rate, lighting, colour temperature.
    kind: str
    label: str
    #: Extra detail printed after the label, such as a lighting setup's fixtures.
    detail: str = ""
    #: The shots that need it, in shooting order (printed by their labels, ``1A``, ``2C``).
    shots: list[ShotId] = field(default_factory=list)


def _rig_name(term: Term) -> str:
    return term.value[:1].upper() + term.value[1:]


def rig_names(text: str) -> list[str]:
    """Return the standard rigs (the vocabulary's ``rigs``) a rig or movement text names: ``"dolly in"`` → ``["Dolly"]``."""
    lowered = f" {text.casefold()} "
    found = []
    for term in load_vocabulary().rigs:
        words = (term.value, *term.aliases)
        if any(re.search(rf"(?<![a-z]){re.escape(word.casefold())}(?![a-z])", lowered) for word in words):
            found.append(_rig_name(term))
    if "Technocrane" in found and "Crane" in found:
        found.remove("Crane")  # "techno crane" is one rig, not two
    return found


def _rig_department(name: str) -> str:
    rigs = load_vocabulary().rigs
    return next((term.department for term in rigs if _rig_name(term) == name and term.department), _OTHER_RIGS)


def _camera_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        return ""
    return name if len(name) > 2 or name.casefold().startswith("cam") else f"Camera {name.upper()}"


def kelvins(*texts: str) -> list[int]:
    """Return the colour temperatures (``3200K``) written in texts, in the order found."""
    found: list[int] = []
    for text in texts:
        for match in _KELVIN.finditer(text):
            value = int(match.group(1))
            if value in _KELVIN_RANGE and value not in found:
                found.append(value)
    return found


def day_shot_order(project: Project, scenes: list[Scene]) -> list[ShotId]:
    """The shots of a day's scenes in the order the checklist prints them, each once."""
    return list(dict.fromkeys(shot.id for shot in project_shots(project, scenes)))


def shot_ranges(shots: list[ShotId], order: list[ShotId]) -> str:
    """Write shots by label, compactly, runs that follow each other in ``order`` as ranges: ``1A–1F, 2C``."""
    position = {shot: index for index, shot in enumerate(order)}
    known = sorted((s for s in shots if s in position), key=position.__getitem__)
    parts: list[str] = []
    run: list[str] = []
    for shot in known:
        if run and position[shot] == position[run[-1]] + 1:
            run.append(shot)
            continue
        if run:
            parts.append(_run_text(run))
        run = [shot]
    if run:
        parts.append(_run_text(run))
    parts.extend(str(s) for s in shots if s not in position)
    return ", ".join(parts)


def _run_text(run: list[ShotId]) -> str:
    if len(run) == 1:
        return str(run[0])
    return f"{run[0]}, {run[1]}" if len(run) == 2 else f"{run[0]}–{run[-1]}"


def equipment_checklist(project: Project, scenes: list[Scene]) -> list[EquipmentItem]:
    """Derive the checklist for a day that shoots ``scenes`` in this order.

    Items are grouped camera department first, then grip & electric; within
    a kind they come in the order the day first needs them (lenses by focal
    length). A panel that continues a shot adds nothing new but its gear.
    """
    items: dict[tuple[str, str], EquipmentItem] = {}

    def need(department: str, kind: str, label: str, shot: ShotId, detail: str = "") -> None:
        item = items.get((kind, label))
        if item is None:
            item = items[(kind, label)] = EquipmentItem(department, kind, label, detail)
        if shot not in item.shots:
            item.shots.append(shot)

    for shot in project_shots(project, scenes):
        for panel in shot.panels:
            _panel_needs(project, panel, shot.id, need)

    kinds = ("camera", "lens", "frame rate", "rig", "lighting", "colour temperature")
    ordered = sorted(
        items.values(),
        key=lambda item: (
            0 if item.department == "Camera" else 1,
            kinds.index(item.kind),
            _printed_number(item, "camera.lens_mm") if item.kind == "lens" else 0,
            _printed_number(item, "lighting.color_temp_k") if item.kind == "colour temperature" else 0,
        ),
    )
    return ordered


def _printed_number(item: EquipmentItem, path: str) -> float:
    """Read a label such as ``35mm`` or ``3200K`` back, so lenses and temperatures sort as numbers."""
    try:
        return spec(Panel, path).parse(item.label) or 0.0
    except ValueError:
        return 0.0


def _panel_needs(project: Project, panel: Panel, shot: ShotId, need) -> None:
    camera = panel.camera
    name = _camera_name(camera.camera)
    if name:
        need("Camera", "camera", name, shot)
    if camera.lens_mm is not None and camera.lens_mm > 0:
        need("Camera", "lens", format_value(Panel, "camera.lens_mm", camera.lens_mm), shot)
    if camera.frame_rate is not None and camera.frame_rate > 0 and abs(camera.frame_rate - project.fps) > 1e-6:
        rate = format_value(Panel, "camera.frame_rate", camera.frame_rate)
        need("Camera", "frame rate", rate, shot, "off-speed: check media and lighting flicker")
    # The rig field says what the camera is on; the movement only when no rig is given.
    rigs = rig_names(camera.rig) or rig_names(camera.movement)
    if not rigs and camera.rig.strip():
        rigs = [" ".join(camera.rig.split())]
    for rig in rigs:
        need(_rig_department(rig), "rig", rig, shot)

    lighting = panel.lighting
    fixtures = [(label, " ".join(value.split())) for label, value in
                (("key", lighting.key), ("fill", lighting.fill), ("back", lighting.back), ("practicals", lighting.practicals))]
    fixtures = [(label, value) for label, value in fixtures if value]
    setup = " ".join(lighting.setup.split())
    if setup or fixtures:
        title = setup or "Lighting"
        if lighting.style.strip():
            title += f" ({' '.join(lighting.style.split())})"
        detail = SEPARATOR.join(f"{label}: {value}" for label, value in fixtures)
        need("Grip & Electric", "lighting", title, shot, detail)
    temperatures = ([lighting.color_temp_k] if lighting.color_temp_k else []) + kelvins(*(value for _, value in fixtures))
    for kelvin in dict.fromkeys(temperatures):
        if kelvin and kelvin > 0:
            need("Grip & Electric", "colour temperature", format_value(Panel, "lighting.color_temp_k", kelvin), shot)
