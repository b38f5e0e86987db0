"""The linear editorial writers: the adapters' text, read back by OTIO, progress and Cancel while the timeline is written."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest

from storyboarder.export import edit_writers
from storyboarder.export.editorial import EDIT_RATES, START_TIMECODE, export_edit, media_folder
from test_animatic import board

SUFFIXES = ("xml", "fcpxml", "edl")


def timeline(clips: int, rate: Fraction, names=None) -> otio.schema.Timeline:
    """A timeline in the shape ``build_timeline`` makes, with stills repeating every four clips."""
    fps = float(rate)
    result = otio.schema.Timeline(name="Anna's \"Board\" & <Co>")
    result.global_start_time = otio.opentime.from_timecode(START_TIMECODE, fps)
    track = otio.schema.Track(name="Boards", kind=otio.schema.TrackKind.Video)
    result.tracks.append(track)
    for index in range(clips):
        span = otio.opentime.TimeRange(otio.opentime.RationalTime(0, fps), otio.opentime.RationalTime(37 + 13 * index, fps))
        still = otio.schema.ExternalReference(target_url=f"file:///tmp/my%20board/{index % 4:04d}.png", available_range=span)
        name = names[index] if names else f"{index % 5}A"
        clip = otio.schema.Clip(name=name, media_reference=still, source_range=span)
        clip.metadata["cmx_3600"] = {"reel": f"{index}A"}
        track.append(clip)
    return result


def adapter_text(kind: str, tl: otio.schema.Timeline, rate: Fraction) -> str:
    """What OpenTimelineIO's adapter writes for the timeline, completed as editorial completed it before."""
    import xml.etree.ElementTree as ElementTree

    if kind == "edl":
        tl.tracks[0].insert(0, otio.schema.Gap(duration=tl.global_start_time))
        try:
            return otio.adapters.write_to_string(tl, "cmx_3600", rate=float(rate))
        finally:
            del tl.tracks[0][0]
    if kind == "xml":
        return otio.adapters.write_to_string(tl, "fcp_xml")
    otio.adapters.from_name("fcpx_xml").module().format_name = lambda frame_rate, path: ""
    root = ElementTree.fromstring(otio.adapters.write_to_string(tl, "fcpx_xml").encode())
    frame = 1 / rate
    for element in root.iter("format"):
        element.attrib.update(frameDuration=f"{frame.numerator}/{frame.denominator}s", width="1920", height="1080")
    start = round(tl.global_start_time.value) * frame
    seconds = edit_writers._seconds
    for sequence in root.iter("sequence"):
        sequence.set("tcStart", seconds(start))
        sequence.set("tcFormat", "NDF")
        for item in next(sequence.iter("spine")):
            item.set("offset", seconds(start + Fraction(item.get("offset").removesuffix("s") or "0")))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n{ElementTree.tostring(root, encoding="unicode")}\n'


def ours(kind: str, tl: otio.schema.Timeline, rate: Fraction) -> str:
    if kind == "xml":
        return edit_writers.write_fcp7(tl)
    if kind == "fcpxml":
        return edit_writers.write_fcpx(tl, rate, (1920, 1080))
    return edit_writers.write_edl(tl)


@pytest.mark.parametrize("kind", SUFFIXES)
@pytest.mark.parametrize("clips", [1, 7])
def test_each_writer_writes_the_adapters_text_at_every_rate(kind, clips):
    for rate in EDIT_RATES:
        tl = timeline(clips, rate)
        assert ours(kind, tl, rate) == adapter_text(kind, tl, rate), f"{kind} at {rate}"


@pytest.mark.parametrize("kind", SUFFIXES)
def test_names_the_adapters_choke_on_still_read_back(kind):
    # The FCP X adapter raises on a quote in a name (it puts the name into an XPath);
    # ours writes it and OTIO's readers read it back.
    names = ["1A", "Anna's", 'the "big" one', "a & b <c>"]
    tl = timeline(4, Fraction(24), names)
    text = ours(kind, tl, Fraction(24))
    back = otio.adapters.read_from_string(text, {"xml": "fcp_xml", "fcpxml": "fcpx_xml", "edl": "cmx_3600"}[kind], **({"rate": 24} if kind == "edl" else {}))
    clips = list(back.find_clips())
    assert [clip.name for clip in clips] == names
    assert [clip.source_range.duration.to_frames() for clip in clips] == [37, 50, 63, 76]


@pytest.mark.parametrize("kind", SUFFIXES)
def test_a_long_timeline_calls_step_as_it_goes(kind):
    seen = []
    tl = timeline(3 * edit_writers.STEP + 1, Fraction(25))
    {"xml": edit_writers.write_fcp7, "edl": edit_writers.write_edl}.get(kind, lambda t, step: edit_writers.write_fcpx(t, Fraction(25), (64, 36), step))(tl, step=seen.append)
    assert seen == [0, edit_writers.STEP, 2 * edit_writers.STEP, 3 * edit_writers.STEP, 3 * edit_writers.STEP + 1]


def test_a_timeline_of_another_shape_is_refused():
    tl = timeline(2, Fraction(24))
    tl.tracks[0].append(otio.schema.Gap(duration=otio.opentime.RationalTime(5, 24)))
    with pytest.raises(ValueError, match="only clips"):
        edit_writers.write_edl(tl)


def leftovers(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if "p" not in path.relative_to(folder).parts[:1])


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_cancel_while_the_timeline_is_written_leaves_nothing(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(edit_writers, "STEP", 2)
    project = board(tmp_path / "p")
    panels = sum(len(scene.panels) for scene in project.scenes)
    seen = []
    # Cancel once two clips of the timeline are written: after every still.
    result = export_edit(project, tmp_path / "p", tmp_path / f"cut.{suffix}", progress=lambda d, t: seen.append((d, t)),
                         cancelled=lambda: bool(seen) and seen[-1][0] >= panels + 2)
    assert result.cancelled
    assert (panels, 2 * panels) in seen and (panels + 2, 2 * panels) in seen
    assert seen[-1][0] < 2 * panels
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("when", ["stills", "timeline"])
def test_an_interrupt_leaves_no_partial_files_and_the_old_media_as_it_was(tmp_path, monkeypatch, when):
    monkeypatch.setattr(edit_writers, "STEP", 2)
    project = board(tmp_path / "p")
    panels = sum(len(scene.panels) for scene in project.scenes)
    out = tmp_path / "cut.xml"
    media = media_folder(out)
    media.mkdir()
    (media / "0001_1.png").write_bytes(b"an older export's still")
    stop = 2 if when == "stills" else panels + 2

    def progress(done, total):
        if done >= stop:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_edit(project, tmp_path / "p", out, progress=progress)
    assert not out.exists()
    assert sorted(path.name for path in media.iterdir()) == ["0001_1.png"]
    assert (media / "0001_1.png").read_bytes() == b"an older export's still"
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".part")] == []
