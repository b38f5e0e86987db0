"""Panel durations as whole frames and GIF ticks, with the rounding error carried, never summed.

Rounding each panel on its own drifts: forty 2.01 s panels at 24 fps
would each round to 48 frames and the cut would run 0.4 s short. Here every
panel ends at the frame (or tick) nearest to its exact end time in the
project, so the total is always the exact total, rounded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from storyboarder.model import scene_numbers, shot_labels

from .scene_selection import select_scenes

if TYPE_CHECKING:
    from storyboarder.model import Panel, Project, Scene

#: Frame rates written as decimals that mean the NTSC rates (24000/1001 and so on).
_NTSC = {23.976: 24000, 29.97: 30000, 47.952: 48000, 59.94: 60000, 119.88: 120000}


def exact_rate(fps: float | Fraction) -> Fraction:
    """The exact frame rate a decimal means: 23.976 (or 23.98, as editing software labels it) is 24000/1001, 25 is 25."""
    if isinstance(fps, Fraction):
        return fps
    for decimal, numerator in _NTSC.items():
        if abs(fps - decimal) < 0.005:
            return Fraction(numerator, 1001)
    return Fraction(fps).limit_denominator(1001)


def frame_counts(durations_ms: list[int], fps: float | Fraction, minimum: int = 1) -> list[int]:
    """Whole frames for each duration at ``fps``, ending each on the frame nearest its exact end."""
    rate = exact_rate(fps)
    return _carry([Fraction(ms) * rate / 1000 for ms in durations_ms], minimum)


def frames_to_ms(frames: int, fps: float | Fraction) -> int:
    """How long a number of frames runs at ``fps``, in whole milliseconds."""
    return _round_half_up(Fraction(frames) * 1000 / exact_rate(fps))


def gif_delays_cs(durations_ms: list[int], minimum: int = 2) -> list[int]:
    """GIF frame delays in hundredths of a second, the unit GIF stores, for the given durations.

    Most viewers play a delay under 2 (0.02 s) as 0.1 s, so shorter panels are held 0.02 s.
    """
    return _carry([Fraction(ms, 10) for ms in durations_ms], minimum)


#: The longest delay one GIF frame can carry: a 16-bit count of hundredths, 655.35 s.
MAX_GIF_DELAY_CS = 0xFFFF


def gif_delay_pieces(delay_cs: int) -> list[int]:
    """Split a delay into as few even pieces as fit GIF's 16-bit delay field, longest first.

    A panel held longer than 655.35 s is written as its frame followed by
    frames that repeat it, so the total is exact; every piece of a split
    delay is over five minutes, far above the 0.02 s viewers play correctly.
    """
    count = max(1, -(-delay_cs // MAX_GIF_DELAY_CS))
    base, longer = divmod(delay_cs, count)
    return [base + 1] * longer + [base] * (count - longer)


def _carry(lengths: list[Fraction], minimum: int) -> list[int]:
    counts = []
    exact_end = Fraction(0)
    emitted = 0
    for length in lengths:
        exact_end += max(Fraction(0), length)
        count = max(minimum, _round_half_up(exact_end) - emitted)
        counts.append(count)
        emitted += count
    return counts


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


@dataclass(frozen=True)
class Cue:
    """One panel's place in an animatic or a cut: which panel, its shot label, when it starts and how long it runs."""

    scene: Scene
    panel: Panel
    scene_number: str
    shot: str
    start_ms: int
    duration_ms: int


def cut_list(project: Project, scenes: str = "") -> list[Cue]:
    """The panels of the chosen scenes (``"1,3-5"``, empty for all) in story order, with their times.

    Play mode steps through these; the animatic and editorial exports write them.
    Raises StoryboardExportError for a selection that names no scene.
    """
    numbers = scene_numbers(project)
    labels = shot_labels(project)
    cues = []
    start = 0
    for scene in select_scenes(project, scenes):
        for panel in scene.panels:
            duration = max(0, int(panel.duration_ms))
            cues.append(Cue(scene, panel, numbers[scene.id], labels[panel.id].label, start, duration))
            start += duration
    return cues
