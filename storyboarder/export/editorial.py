"""Editorial export: the boards as a cut of stills that an NLE opens, through OpenTimelineIO.

One video track of clips, one per panel, named by shot number, each as many
frames long as its duration at the project's fps (rounding carried, so the
cut runs as long as the board), starting at 01:00:00:00 as edit suites
expect. Every still is written next to the timeline in ``OUT_media/`` at the
sequence's frame size (drawings letterboxed, missing ones as a card with
the shot and action), so the timeline ships with what it references.

The files: FCP 7 XML (``.xml``: Premiere, Resolve, FCP 7), FCP X XML
(``.fcpxml``), CMX 3600 EDL (``.edl``), written in one pass by
``edit_writers`` to the text OTIO's adapters write (theirs take time in the
square of the clips), and OTIO's own JSON (``.otio``) by OTIO.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import opentimelineio as otio

from storyboarder.model.numbering import format_duration

from . import edit_writers
from .animatic_frames import FramePainter, frame_size
from .output import PartialFile, check_output_folder, check_output_path
from .staging import StagedFolder, staged_folder
from .storyboard_options import StoryboardExportError
from .timing import Cue, cut_list, exact_rate, frame_counts

if TYPE_CHECKING:
    from storyboarder.model import Project

#: The adapter that writes each kind of file, by suffix.
EDIT_FORMATS = {".xml": "fcp_xml", ".fcpxml": "fcpx_xml", ".edl": "cmx_3600", ".otio": "otio_json"}
START_TIMECODE = "01:00:00:00"
#: The frame rates a timeline is written at: SMPTE timecode's, which every format here and
#: the editing software reading them take (OTIO refuses any other), the NTSC ones exact.
EDIT_RATES = tuple(sorted({Fraction(24), Fraction(25), Fraction(30), Fraction(48), Fraction(50), Fraction(60)}
                          | {Fraction(n, 1001) for n in (24000, 30000, 48000, 60000)}))
#: An EDL's timecode counts hours in two digits and wraps at 24:00:00:00; from 01:00:00:00 that leaves 23 hours.
MAX_EDL_MS = 23 * 60 * 60 * 1000
MIN_WIDTH, MAX_WIDTH = 64, 7680
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


class EditExportError(StoryboardExportError):
    """A timeline that cannot be written; ``problems`` holds one line per problem."""


@dataclass(frozen=True)
class EditOptions:
    """What an editorial export holds and how its stills look."""

    #: A selection such as ``"1,3-5"`` against scene numbers; empty for all.
    scenes: str = ""
    #: Width of the stills; their height follows the project's aspect ratio.
    width: int = 1920
    #: Burn the shot number and dialogue into the stills (off: editors add their own titles).
    captions: bool = False
    #: A TrueType font for captions and placeholder cards; None finds one.
    font: str | None = None

    def check(self) -> None:
        """Raise EditExportError for options out of range."""
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            raise EditExportError(f"width: {self.width} is outside {MIN_WIDTH} to {MAX_WIDTH} pixels")


@dataclass
class EditResult:
    """What an editorial export wrote, and what the user should know."""

    path: Path
    media: Path
    clips: int = 0
    frames: int = 0
    #: The timeline's frame rate (``timeline_rate`` of the project's).
    rate: Fraction = Fraction(24)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


def edit_format(out: str | os.PathLike) -> str:
    """The OTIO adapter name for an output file, from its suffix; raise EditExportError for others."""
    suffix = Path(out).suffix.lower()
    if suffix not in EDIT_FORMATS:
        raise EditExportError(f"output: {Path(out).name!r} must end in {', '.join(EDIT_FORMATS)}")
    return EDIT_FORMATS[suffix]


def edit_outputs(out: str | os.PathLike) -> list[tuple[Path, str]]:
    """What an edit export writes, for ``output.check_outputs``: the timeline and its stills folder."""
    kind = {".edl": "edl", ".otio": "otio"}.get(Path(out).suffix.lower(), "xml")
    return [(Path(out), kind), (media_folder(out), "folder")]


def media_folder(out: str | os.PathLike) -> Path:
    """Where an export puts the stills its timeline references: ``OUT_media/`` beside ``OUT.xml``."""
    out = Path(out)
    return out.with_name(f"{out.stem}_media")


def timeline_rate(fps: float) -> Fraction:
    """The rate a timeline runs at for a project's fps: the fps itself when timecode has it, else the nearest whole rate.

    23.976 stays 24000/1001; 12 becomes 24 and 1000 becomes 60. A panel keeps
    its duration either way: only the number of frames it spans changes.
    """
    exact = exact_rate(fps)
    if exact in EDIT_RATES:
        return exact
    whole = [rate for rate in EDIT_RATES if rate.denominator == 1]
    return min(whole, key=lambda rate: (abs(rate - exact), -rate))


def rate_text(rate: Fraction) -> str:
    """A frame rate as editing software labels it: ``23.976``, ``24``, ``29.97``."""
    return f"{float(rate):.3f}".rstrip("0").rstrip(".") if rate.denominator != 1 else str(rate.numerator)


def build_timeline(project: Project, cues: list[Cue], media: list[str], rate: Fraction | None = None) -> otio.schema.Timeline:
    """A timeline of ``cues`` as stills, clip ``i`` showing ``media[i]`` (a URL or path), at ``rate`` (``timeline_rate`` of the project's fps)."""
    rate = rate or timeline_rate(project.fps)
    counts = frame_counts([cue.duration_ms for cue in cues], rate)
    timeline = otio.schema.Timeline(name=xml_safe(" ".join(project.title.split())) or "Storyboard")
    timeline.global_start_time = otio.opentime.from_timecode(START_TIMECODE, float(rate))
    track = otio.schema.Track(name="Boards", kind=otio.schema.TrackKind.Video)
    timeline.tracks.append(track)
    for cue, count, url in zip(cues, counts, media):
        span = otio.opentime.TimeRange(otio.opentime.RationalTime(0, float(rate)), otio.opentime.RationalTime(count, float(rate)))
        reference = otio.schema.ExternalReference(target_url=url, available_range=span)
        clip = otio.schema.Clip(name=xml_safe(cue.shot), media_reference=reference, source_range=span)
        clip.metadata["storyboarder"] = {
            "panel_id": xml_safe(cue.panel.id),
            "scene": xml_safe(cue.scene_number),
            "shot": xml_safe(cue.shot),
            "duration_ms": cue.duration_ms,
        }
        # An EDL reel is at most 8 characters; the shot number is what an editor wants to read there.
        clip.metadata["cmx_3600"] = {"reel": (_UNSAFE_NAME.sub("", cue.shot.upper()) or "AX")[:8]}
        track.append(clip)
    return timeline


#: Characters XML 1.0 cannot hold (the FCP formats are XML), and line breaks, which would end an EDL line.
_NOT_IN_XML = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]+")


def xml_safe(text: str) -> str:
    """Text with every control character, line break and non-character replaced by a space, as a clip or timeline name."""
    return " ".join(_NOT_IN_XML.sub(" ", text).split()) if _NOT_IN_XML.search(text) else text


def timecode_rate(fps: float) -> float:
    """The rate OTIO's timecode functions accept for a project fps (23.976 as 24000/1001)."""
    return float(timeline_rate(fps))


def export_edit(
    project: Project,
    folder: str | os.PathLike,
    out_path: str | os.PathLike,
    options: EditOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> EditResult:
    """Write the boards as a timeline (``.xml``, ``.fcpxml``, ``.edl`` or ``.otio``) with its stills in ``OUT_media/``.

    ``progress(done, total)`` counts each still and then each clip of the
    timeline written (``total`` is twice the panels); ``cancelled()`` is asked
    between stills and every ``edit_writers.STEP`` clips. A cancelled, failed
    or interrupted export writes no timeline and leaves ``OUT_media/`` as it
    was (removed again when it made it).
    """
    options = options or EditOptions()
    options.check()
    out = Path(out_path)
    adapter = edit_format(out)
    media = media_folder(out)
    check_output_path(out, folder)
    check_output_folder(media, folder)
    cues = cut_list(project, options.scenes)
    if not cues:
        raise EditExportError("scenes: the chosen scenes have no panels; nothing to cut")
    rate = timeline_rate(project.fps)
    if adapter == "cmx_3600":
        _check_edl_length(cues)
    size = frame_size(options.width, project.aspect_ratio)
    painter = FramePainter.create(size, options.captions, options.font)
    result = EditResult(out, media, warnings=list(painter.warnings), rate=rate)
    painter.warnings.clear()
    if rate != exact_rate(project.fps):
        result.warnings.append(
            f"fps: timecode has no rate of {project.fps:g} fps (only {', '.join(rate_text(r) for r in EDIT_RATES)}); "
            f"the timeline runs at {rate_text(rate)} fps, every panel keeping its duration"
        )
    try:
        # Stills are staged and the timeline is a partial file until both are complete, so a
        # cancelled or failed export leaves OUT_media/ and the timeline as they were.
        with staged_folder(media) as stage:
            stills = _write_stills(Path(folder), stage, cues, painter, result, progress, cancelled)
            if result.cancelled:
                return result
            # Absolute file URLs for NLE formats, which resolve nothing relative; a path relative
            # to the .otio file for OTIO's own format, so the folder can move as a whole.
            if adapter == "otio_json":
                urls = [f"{media.name}/{still.name}" for still in stills]
            else:
                urls = [still.resolve().as_uri() for still in stills]
            timeline = build_timeline(project, cues, urls, rate)
            try:
                text = _write_string(timeline, adapter, rate, size, _timeline_step(len(cues), progress, cancelled))
            except _Cancelled:
                result.cancelled = True
                return result
            part = PartialFile(out)
            try:
                part.temp.write_text(text, encoding="utf-8")
                stage.commit()
                part.commit()
            finally:
                part.temp.unlink(missing_ok=True)
    except OSError as exc:
        raise EditExportError(f"output: cannot write {out}: {exc.strerror or exc}") from None
    result.clips = len(cues)
    result.frames = sum(clip.source_range.duration.to_frames() for clip in timeline.find_clips())
    return result


def _write_stills(folder, stage: StagedFolder, cues, painter, result, progress, cancelled) -> list[Path]:
    """Render and stage each cue's still; return where each will be once the stage is committed."""
    stills = []
    progress(0, 2 * len(cues))
    for index, cue in enumerate(cues):
        if cancelled():
            result.cancelled = True
            return stills
        frame, problem = painter.render(folder, cue)
        if problem:
            result.warnings.append(f"shot {cue.shot} (scene {cue.scene_number}): image: {problem}")
        for warning in dict.fromkeys(painter.warnings):
            result.warnings.append(f"shot {cue.shot} (scene {cue.scene_number}): captions: {warning}")
        painter.warnings.clear()
        name = f"{index + 1:04d}_{_UNSAFE_NAME.sub('_', cue.shot)[:40]}.png"
        try:
            frame.save(stage.path(name), "PNG", compress_level=6)
        finally:
            frame.close()
        stills.append(stage.folder / name)
        progress(index + 1, 2 * len(cues))
    return stills


def _check_edl_length(cues: list[Cue]) -> None:
    total = sum(cue.duration_ms for cue in cues)
    if total > MAX_EDL_MS:
        raise EditExportError(
            f"scenes: the chosen scenes run {format_duration(total)}, and an EDL's timecode, starting at "
            f"{START_TIMECODE}, ends at 24:00:00:00: at most 23 hours fit; choose fewer scenes, "
            "or write .xml, .fcpxml or .otio, which have no such limit"
        )


class _Cancelled(Exception):
    """Raised from a writer's step when the user cancels while the timeline is written."""


def _timeline_step(clips: int, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Callable[[int], None]:
    """A writer's ``step``: progress after the stills, and a way out when the user cancels."""
    def step(done: int) -> None:
        if cancelled():
            raise _Cancelled
        progress(clips + done, 2 * clips)
    return step


def _write_string(timeline: otio.schema.Timeline, adapter: str, fps: Fraction, size: tuple[int, int],
                  step: Callable[[int], None] = lambda done: None) -> str:
    """The timeline in one of ``EDIT_FORMATS``: the NLE formats by ``edit_writers`` (linear; see there), ``.otio`` by OTIO."""
    if adapter == "fcp_xml":
        return edit_writers.write_fcp7(timeline, step)
    if adapter == "fcpx_xml":
        return edit_writers.write_fcpx(timeline, fps, size, step)
    if adapter == "cmx_3600":
        return edit_writers.write_edl(timeline, step)
    step(0)
    text = otio.adapters.write_to_string(timeline, adapter)
    step(len(timeline.tracks[0]))
    return text
