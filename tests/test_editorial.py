"""Editorial export: every timeline format read back with OpenTimelineIO at 23.976, 24 and 25 fps."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from fractions import Fraction
from pathlib import Path
from urllib.parse import unquote, urlparse

import opentimelineio as otio
import pytest
from PIL import Image

from storyboarder.cli import main
from storyboarder.export import StoryboardExportError
from storyboarder.export.editorial import EditOptions, export_edit, media_folder
from storyboarder.export.timing import exact_rate, frame_counts
from test_animatic import DURATIONS, board

FORMATS = ("xml", "fcpxml", "edl", "otio")
RATES = (23.976, 24, 25)
SHOTS = ["1A", "1B", "1C", "12AA", "12AB", "12AC"]


def read_back(path: Path, fps: float) -> otio.schema.Timeline:
    if path.suffix == ".edl":
        return otio.adapters.read_from_file(str(path), rate=float(exact_rate(fps)))
    return otio.adapters.read_from_file(str(path))


def record_start(timeline: otio.schema.Timeline, path: Path, fps: float) -> str:
    """The timecode the first clip is recorded at, as each format stores it."""
    rate = float(exact_rate(fps))
    if path.suffix == ".edl":
        # The EDL reader keeps the first record time as the track's negative start.
        start = -timeline.tracks[0].source_range.start_time
    elif path.suffix == ".fcpxml":
        # OTIO's FCP X reader ignores tcStart and reads 23.976 as 23 fps: read the start from the file,
        # where the first clip's offset must be the sequence's start.
        sequence = ElementTree.parse(path).getroot().find(".//sequence")
        assert next(sequence.iter("spine"))[0].get("offset") == sequence.get("tcStart")
        frames = Fraction(sequence.get("tcStart").removesuffix("s")) * exact_rate(fps)
        return otio.opentime.to_timecode(otio.opentime.RationalTime(int(frames), rate), rate)
    else:
        start = timeline.global_start_time + next(iter(timeline.find_clips())).range_in_parent().start_time
    return otio.opentime.to_timecode(otio.opentime.RationalTime(round(start.to_seconds() * rate), rate), rate)


def fcpx_frames(path: Path, fps: float) -> list[int]:
    """Clip durations straight from the FCP X file: OTIO's reader truncates 23.976 to 23 fps."""
    root = ElementTree.parse(path).getroot()
    frames = []
    for clip in root.iter("clip"):
        seconds = Fraction(clip.get("duration").removesuffix("s"))
        count = seconds * exact_rate(fps)
        assert count.denominator == 1, f"{clip.get('name')} is not a whole number of frames"
        frames.append(int(count))
    return frames


@pytest.mark.parametrize("fps", RATES)
@pytest.mark.parametrize("kind", FORMATS)
def test_timeline_reads_back_clip_for_clip_and_frame_for_frame(tmp_path, kind, fps):
    project = board(tmp_path / "p")
    project.fps = fps
    out = tmp_path / f"cut.{kind}"
    result = export_edit(project, tmp_path / "p", out, EditOptions(width=320))
    expected = frame_counts(DURATIONS, fps)
    assert result.clips == 6 and result.frames == sum(expected)
    timeline = read_back(out, fps)
    clips = list(timeline.find_clips())
    assert len(clips) == 6
    assert [clip.name for clip in clips] == SHOTS
    if kind == "fcpxml":
        assert fcpx_frames(out, fps) == expected
    else:
        assert [round(clip.duration().to_seconds() * exact_rate(fps)) for clip in clips] == expected
        assert [clip.duration().rate for clip in clips] == [pytest.approx(float(exact_rate(fps)))] * 6
    assert record_start(timeline, out, fps) == "01:00:00:00"
    # The total is the board's length, rounded once, not six roundings added up.
    assert sum(expected) == round(Fraction(sum(DURATIONS)) * exact_rate(fps) / 1000)


@pytest.mark.parametrize("kind", FORMATS)
def test_timeline_ships_with_the_stills_it_references(tmp_path, kind):
    project = board(tmp_path / "p")
    out = tmp_path / "edit" / f"cut.{kind}"
    out.parent.mkdir()
    result = export_edit(project, tmp_path / "p", out, EditOptions(width=640))
    media = media_folder(out)
    assert result.media == media and len(list(media.glob("*.png"))) == 6
    for clip in read_back(out, project.fps).find_clips():
        url = clip.media_reference.target_url
        path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else out.parent / url
        assert path.is_file(), url
        with Image.open(path) as still:
            assert still.size == (640, 360)
    assert "missing.png" in " ".join(result.warnings)


def test_fcpx_file_names_its_frame_rate_size_and_start(tmp_path):
    project = board(tmp_path / "p")
    project.fps = 23.976
    out = tmp_path / "cut.fcpxml"
    export_edit(project, tmp_path / "p", out, EditOptions(width=1280))
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>')
    root = ElementTree.fromstring(text.encode())
    fmt = root.find("./resources/format")
    assert (fmt.get("frameDuration"), fmt.get("width"), fmt.get("height")) == ("1001/24000s", "1280", "720")
    sequence = root.find(".//sequence")
    # 01:00:00:00 non-drop at 23.976 is 86,400 frames of 1001/24000 s: 3603.6 s.
    assert sequence.get("tcStart") == "18018/5s" and sequence.get("tcFormat") == "NDF"
    first = next(sequence.iter("spine"))[0]
    assert first.get("offset") == "18018/5s"
    project.fps = 25
    export_edit(project, tmp_path / "p", out, EditOptions(width=1280))
    assert ElementTree.parse(out).getroot().find(".//sequence").get("tcStart") == "3600s"


def test_edl_events_start_at_one_hour_with_shot_reels(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "cut.edl"
    export_edit(project, tmp_path / "p", out)
    events = [line.split() for line in out.read_text().splitlines() if line[:3].isdigit()]
    assert [event[1] for event in events] == SHOTS
    assert events[0][6] == "01:00:00:00" and events[1][6] == events[0][7]


def test_scenes_option_and_bad_outputs(tmp_path):
    project = board(tmp_path / "p")
    result = export_edit(project, tmp_path / "p", tmp_path / "cut.otio", EditOptions(scenes="12A", width=160))
    assert result.clips == 3
    with pytest.raises(StoryboardExportError, match="must end in"):
        export_edit(project, tmp_path / "p", tmp_path / "cut.aaf")
    with pytest.raises(StoryboardExportError, match="does not exist"):
        export_edit(project, tmp_path / "p", tmp_path / "no" / "cut.xml")
    seen = []
    result = export_edit(project, tmp_path / "p", tmp_path / "c.xml", cancelled=lambda: len(seen) > 1, progress=lambda d, t: seen.append(d))
    assert result.cancelled and not (tmp_path / "c.xml").exists()


def test_cli_export_edit(tmp_path, capsys):
    board(tmp_path / "p")
    for kind in FORMATS:
        out = tmp_path / f"cut.{kind}"
        assert main(["export", "edit", str(tmp_path / "p"), "-o", str(out), "--width", "320"]) == 0
        assert len(list(read_back(out, 24).find_clips())) == 6
    captured = capsys.readouterr()
    assert captured.out.count("wrote") == 4 and "6 clips, 223 frames at 24 fps" in captured.out
    assert main(["export", "edit", str(tmp_path / "p"), "-o", str(tmp_path / "cut.mov")]) == 2
    assert "error: output:" in capsys.readouterr().err


@pytest.mark.parametrize("kind", FORMATS)
def test_control_characters_in_names_still_make_a_readable_timeline(tmp_path, kind):
    # A scene number or title holding terminal escapes made the FCP 7 and FCP X files malformed XML.
    project = board(tmp_path / "p")
    project.title = "Night\x1b]0;PWNED\x07 \ud800Market"
    project.scenes[1].number = "12\x1b[2J\x00"
    out = tmp_path / f"cut.{kind}"
    result = export_edit(project, tmp_path / "p", out, EditOptions(width=320))
    assert result.clips == 6
    timeline = read_back(out, project.fps)
    names = [clip.name for clip in timeline.find_clips()]
    assert names[3:] == ["12 [2J A", "12 [2J B", "12 [2J C"]
    assert not any(ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF for name in names for ch in name)
    if kind in ("xml", "fcpxml", "otio"):
        assert timeline.name == "Night ]0;PWNED Market"


def test_the_fcpx_export_starts_no_program(tmp_path, monkeypatch):
    # The FCP X adapter ran `ffprobe` (whatever PATH finds by that name) once per still that is already on disk,
    # as it is when an earlier export left OUT_media/ there.
    import subprocess

    started = []

    def refuse(*args, **kwargs):
        started.append(args)
        raise AssertionError("a program was started")

    monkeypatch.setattr(subprocess, "check_output", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    project = board(tmp_path / "p")
    for _again in range(2):
        export_edit(project, tmp_path / "p", tmp_path / "cut.fcpxml", EditOptions(width=320))
    assert started == []
    assert ElementTree.parse(tmp_path / "cut.fcpxml").getroot().find("./resources/format").get("width") == "320"
