"""Animatics: the boards played at their durations, as an animated GIF or a PNG image sequence.

``export_animatic`` is a pure function the CLI and the GUI both call. Frames
are drawn and written one at a time, so memory stays flat however long the
board is: the GIF is streamed frame by frame through Pillow's GIF encoder
(its all-frames ``save_all`` keeps every frame in memory until the end), and
a sequence writes each panel's PNG once and links it for the frames that
repeat it.

GIF stores delays in hundredths of a second; each panel ends on the tick
nearest its exact end time (``timing.gif_delays_cs``), so the GIF runs as
long as the board, to the hundredth, however many panels it has.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import GifImagePlugin, Image

from .animatic_frames import FramePainter, frame_size
from .output import PartialFile, check_output_folder, check_output_path
from .staging import staged_folder
from .storyboard_options import StoryboardExportError
from .timing import (
    cut_list,
    frame_counts,
    frames_to_ms,
    gif_delay_pieces,
    gif_delays_cs,
)

if TYPE_CHECKING:
    from storyboarder.model import Project

    from .timing import Cue

SEQUENCES = ("frames", "panels")
#: The most files a PNG sequence of frames may hold: over five hours at 24 fps, two at 60.
#: Each frame is a file (a hard link where it repeats the one before), so a board of
#: day-long panels at a high fps would otherwise write millions of them.
MAX_SEQUENCE_FRAMES = 500_000
MIN_WIDTH, MAX_WIDTH = 64, 3840
_NAMES = r"(?:frame_\d{5,}\.png|panel_\d{4,}\.png|panels\.csv)"
# With the hidden names files have while an export writes them (staging.staged_name).
_OURS = re.compile(rf"^(?:{_NAMES}|\.{_NAMES}\.\d+\.part)$")


class AnimaticExportError(StoryboardExportError):
    """An animatic that cannot be made; ``problems`` holds one line per problem."""


@dataclass(frozen=True)
class AnimaticOptions:
    """How an animatic looks and what it holds."""

    width: int = 960
    #: A selection such as ``"1,3-5"`` against scene numbers; empty for all.
    scenes: str = ""
    #: Burn in the shot number and the dialogue as a subtitle.
    captions: bool = True
    #: For an image sequence: "frames" writes one PNG per frame at the project's fps,
    #: "panels" one PNG per panel with their durations in panels.csv.
    sequence: str = "frames"
    #: A TrueType font file for captions; None finds one as the storyboard export does.
    font: str | None = None

    def check(self) -> None:
        """Raise AnimaticExportError listing every option out of range."""
        problems = []
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            problems.append(f"width: {self.width} is outside {MIN_WIDTH} to {MAX_WIDTH} pixels")
        if self.sequence not in SEQUENCES:
            problems.append(f"sequence: {self.sequence!r} is not one of {', '.join(SEQUENCES)}")
        if problems:
            raise AnimaticExportError(problems)


@dataclass
class AnimaticResult:
    """What an animatic export wrote, and what the user should know."""

    path: Path
    kind: str  # "gif" or "png"
    panels: int = 0
    frames: int = 0
    duration_ms: int = 0
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


def output_kind(out: str | os.PathLike) -> str:
    """Say what an output path asks for: ``"gif"`` for OUT.gif, ``"png"`` for a folder (a PNG sequence)."""
    text = os.fspath(out)
    path = Path(text)
    if path.suffix.lower() == ".gif" and not path.is_dir():
        return "gif"
    if text.endswith(("/", os.sep)) or path.is_dir() or not path.suffix:
        return "png"
    raise AnimaticExportError(f"output: {text} is neither a .gif file nor a folder for a PNG sequence")


def animatic_outputs(out: str | os.PathLike) -> list[tuple[Path, str]]:
    """What an animatic export writes, for ``output.check_outputs``: OUT.gif, or a folder of PNGs."""
    return [(Path(out), "gif" if output_kind(out) == "gif" else "folder")]


def export_animatic(
    project: Project,
    folder: str | os.PathLike,
    out_path: str | os.PathLike,
    options: AnimaticOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> AnimaticResult:
    """Write an animatic of ``project`` (images in ``folder``) as OUT.gif or a PNG sequence in OUT_DIR/.

    ``progress(done, total)`` counts panels; ``cancelled()`` is asked between
    panels, and a cancelled export leaves nothing behind.
    """
    options = options or AnimaticOptions()
    options.check()
    kind = output_kind(out_path)
    out = Path(out_path)
    cues = cut_list(project, options.scenes)
    if not cues:
        raise AnimaticExportError("scenes: the chosen scenes have no panels; nothing to play")
    counts: list[int] = []
    if kind == "png" and options.sequence == "frames":
        # Counted before anything is drawn, so a sequence too long to write is refused at once.
        counts = frame_counts([cue.duration_ms for cue in cues], project.fps)
        _check_sequence_length(sum(counts), project.fps)
    _check_output(out, kind, Path(folder))
    painter = FramePainter.create(frame_size(options.width, project.aspect_ratio), options.captions, options.font)
    result = AnimaticResult(out, kind, panels=len(cues), warnings=list(painter.warnings))
    painter.warnings.clear()
    frames = _frames(Path(folder), cues, painter, result, progress, cancelled)
    try:
        if kind == "gif":
            _write_gif(out, cues, frames, result)
        elif options.sequence == "frames":
            _write_frame_sequence(out, counts, project.fps, frames, result)
        else:
            _write_panel_sequence(out, cues, frames, result)
    except OSError as exc:
        raise AnimaticExportError(f"output: cannot write {out}: {exc.strerror or exc}") from None
    return result


def _frames(folder: Path, cues: list[Cue], painter: FramePainter, result: AnimaticResult, progress, cancelled):
    """Yield each cue's frame in turn, recording image problems; stop early when cancelled."""
    progress(0, len(cues))
    seen: set[str] = set()
    for index, cue in enumerate(cues):
        if cancelled():
            result.cancelled = True
            return
        frame, problem = painter.render(folder, cue)
        where = f"shot {cue.shot} (scene {cue.scene_number})"
        if problem:
            result.warnings.append(f"{where}: image: {problem}")
        for warning in painter.warnings:
            if warning not in seen:
                seen.add(warning)
                result.warnings.append(f"{where}: captions: {warning}")
        painter.warnings.clear()
        yield frame
        progress(index + 1, len(cues))


def _check_output(out: Path, kind: str, folder: Path) -> None:
    if kind == "gif":
        check_output_path(out, folder)
        return
    check_output_folder(out, folder)
    if out.is_dir():
        others = sorted(entry.name for entry in os.scandir(out) if not _OURS.match(entry.name))
        if others:
            shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
            raise AnimaticExportError(
                f"output: {out} holds other files ({shown}); choose an empty or new folder for the PNG sequence"
            )
    elif not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise AnimaticExportError(f"output: cannot write {out}: the folder {out.parent} does not exist")


def _write_gif(out: Path, cues: list[Cue], frames, result: AnimaticResult) -> None:
    delays = gif_delays_cs([cue.duration_ms for cue in cues])
    part = PartialFile(out)
    try:
        with open(part.temp, "wb") as handle:
            for index, frame in enumerate(frames):
                # One palette per frame: boards change colour from panel to panel.
                # Fast octree: ten times quicker than median cut, and boards have few colours.
                indexed = frame.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
                frame.close()
                first, *rest = gif_delay_pieces(delays[index])
                if index == 0:
                    header, _ = GifImagePlugin.getheader(indexed, None, {"loop": 0, "duration": first * 10})
                    handle.writelines(header)
                    params = {}
                else:
                    params = {"include_color_table": True}
                handle.writelines(GifImagePlugin.getdata(indexed, (0, 0), duration=first * 10, **params))
                if rest:
                    _hold(handle, indexed, rest)
                result.frames += 1 + len(rest)
                result.duration_ms += delays[index] * 10
            handle.write(b";")
        if not result.cancelled:
            part.commit()
    finally:
        part.temp.unlink(missing_ok=True)


def _hold(handle, indexed: Image.Image, pieces: list[int]) -> None:
    """Keep a frame on screen past GIF's 655.35 s limit: a one-pixel frame repeating its corner, per piece.

    The pixel is the one already there, so the picture does not change, and
    each of these frames costs a few dozen bytes instead of a whole frame.
    """
    red, green, blue = indexed.getpalette()[3 * indexed.getpixel((0, 0)):][:3]
    corner = Image.new("P", (1, 1), 0)
    corner.putpalette([red, green, blue, 0, 0, 0])
    for piece in pieces:
        handle.writelines(GifImagePlugin.getdata(corner, (0, 0), duration=piece * 10, include_color_table=True))


def _encode_png(frame: Image.Image) -> bytes:
    data = io.BytesIO()
    frame.save(data, "PNG", compress_level=6)
    frame.close()
    return data.getvalue()


def _check_sequence_length(total: int, fps: float) -> None:
    if total > MAX_SEQUENCE_FRAMES:
        raise AnimaticExportError(
            f"sequence: the chosen scenes make {total:,} frames at {fps:g} fps, more than the {MAX_SEQUENCE_FRAMES:,} "
            "files a PNG sequence may hold; write one PNG per panel (sequence: panels), a GIF, or fewer scenes"
        )


def _write_frame_sequence(out: Path, counts: list[int], fps: float, frames, result: AnimaticResult) -> None:
    """One PNG per frame at the project's fps, as an NLE or ffmpeg reads an image sequence."""
    number = 0
    with staged_folder(out) as stage:
        for index, frame in enumerate(frames):
            data = _encode_png(frame)
            first = None
            for _ in range(counts[index]):
                number += 1
                target = stage.path(f"frame_{number:05d}.png")
                if first is None:
                    target.write_bytes(data)
                    first = target
                else:
                    _link_or_copy(first, target)
        if result.cancelled:
            return
        written = stage.commit()
    result.frames = number
    result.duration_ms = frames_to_ms(number, fps)
    _remove_stale(out, written)


def _write_panel_sequence(out: Path, cues: list[Cue], frames, result: AnimaticResult) -> None:
    """One PNG per panel, with panels.csv giving each file's shot, start and duration."""
    rows = []
    with staged_folder(out) as stage:
        for index, frame in enumerate(frames):
            target = stage.path(f"panel_{index + 1:04d}.png")
            target.write_bytes(_encode_png(frame))
            cue = cues[index]
            rows.append((f"panel_{index + 1:04d}.png", cue.scene_number, cue.shot, cue.start_ms, cue.duration_ms))
            result.duration_ms += cue.duration_ms
        if result.cancelled:
            return
        with open(stage.path("panels.csv"), "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("file", "scene", "shot", "start_ms", "duration_ms"))
            writer.writerows(rows)
        written = stage.commit()
    result.frames = len(rows)
    _remove_stale(out, written)


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link costs no disk; a file system without them (FAT on a card) gets a copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove_stale(out: Path, written: list[Path]) -> None:
    """Remove frames a longer earlier export left behind, so the folder holds one sequence."""
    keep = {path.name for path in written}
    for entry in os.scandir(out):
        if _OURS.match(entry.name) and entry.name not in keep:
            os.unlink(entry.path)
