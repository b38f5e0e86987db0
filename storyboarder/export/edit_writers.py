"""Linear writers for the editorial formats: FCP 7 XML, FCP X XML and CMX 3600 EDL, from an OTIO timeline of stills.

Why ours and not OpenTimelineIO's adapters: each of the three adapters costs
time in proportion to the clips before every clip it writes, so a feature's
board took minutes (452 s for FCP X XML at 20,000 panels). The FCP 7 adapter
mints every id by a ``max()`` over all earlier ids and asks the track for each
child's range from the start (``range_of_child_at_index``); the FCP X adapter
finds each asset, format and asset-clip by an XPath search over every element
written so far, and places each clip with ``trimmed_range_in_parent``; the
CMX 3600 adapter times each event with ``transformed_time_range`` from the
track's start. None of that can be reached from outside the adapter: the
lookups are inside its per-clip functions. The timelines we write are always
the same shape (``editorial.build_timeline``: one video track of clips, each
an external still from frame 0, no gaps, transitions, markers or effects), so
for that shape each format is a fixed text per clip, written here in one pass
with a running record time. The adapters stay the reference: the tests hold
every writer to the exact text the adapter writes for the same timeline at
every rate we export, and OTIO reads each result back. OTIO's own ``.otio``
JSON is linear and stays with OTIO.

Each writer calls ``step(done)`` every ``STEP`` clips, so a caller can show
progress and stop a long write by raising from it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from fractions import Fraction
from urllib.parse import urlparse

import opentimelineio as otio

#: How many clips pass between two calls of a writer's ``step``.
STEP = 250


def check_shape(timeline: otio.schema.Timeline) -> list[otio.schema.Clip]:
    """The clips of a timeline in the one shape these writers take; raise ValueError for any other."""
    tracks = list(timeline.tracks)
    if len(tracks) != 1 or tracks[0].kind != otio.schema.TrackKind.Video:
        raise ValueError("an editorial timeline has one video track")
    clips = list(tracks[0])
    for clip in clips:
        if not isinstance(clip, otio.schema.Clip) or not isinstance(clip.media_reference, otio.schema.ExternalReference):
            raise ValueError("an editorial timeline holds only clips of external stills")
        if clip.source_range.start_time.value or clip.media_reference.available_range != clip.source_range:
            raise ValueError("an editorial clip shows its whole still from frame 0")
    return clips


def _frames(clips: list[otio.schema.Clip]) -> Iterator[tuple[int, otio.schema.Clip, int, int]]:
    """Each clip with its index, its record start on the track and its length, in frames."""
    start = 0
    for index, clip in enumerate(clips):
        length = round(clip.source_range.duration.value)
        yield index, clip, start, length
        start += length


def _no_step(done: int) -> None:
    pass


# ---- FCP 7 XML (xmeml version 4), as OTIO's fcp_xml adapter pretty-prints it through minidom ----

def _minidom_escape(text: str) -> str:
    # minidom escapes the double quote in text as well as in attributes.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace(">", "&gt;")


def _fcp7_rate(fps: float, indent: str) -> str:
    timebase = math.ceil(fps)
    ntsc = "FALSE" if timebase == fps else "TRUE"
    return (f"{indent}<rate>\n{indent}    <timebase>{int(timebase)}</timebase>\n"
            f"{indent}    <ntsc>{ntsc}</ntsc>\n{indent}</rate>\n")


def _fcp7_timecode(time: otio.opentime.RationalTime, indent: str) -> str:
    fps = time.rate
    text = otio.opentime.to_timecode(otio.opentime.RationalTime(time.value_rescaled_to(fps), fps), fps, False)
    display = "DF" if ";" in text else "NDF"
    return (f"{indent}<timecode>\n{_fcp7_rate(fps, indent + '    ')}"
            f"{indent}    <string>{text}</string>\n{indent}    <frame>{int(round(time.value)):.0f}</frame>\n"
            f"{indent}    <displayformat>{display}</displayformat>\n{indent}</timecode>\n")


def write_fcp7(timeline: otio.schema.Timeline, step: Callable[[int], None] = _no_step) -> str:
    """The timeline as FCP 7 XML, the text OTIO's ``fcp_xml`` adapter writes for it."""
    clips = check_shape(timeline)
    fps = timeline.global_start_time.rate
    title = _minidom_escape(timeline.name)
    total = sum(round(clip.source_range.duration.value) for clip in clips)
    parts = [
        '<?xml version="1.0" ?>\n<xmeml version="4">\n    <project>\n'
        f"        <name>{title}</name>\n        <children>\n"
        f'            <sequence id="sequence-1">\n                <name>{title}</name>\n'
        f"                <duration>{total:.0f}</duration>\n",
        _fcp7_rate(fps, " " * 16),
        "                <media>\n                    <video>\n                        <format/>\n",
    ]
    clip_rate = _fcp7_rate(fps, " " * 32)
    file_rate = _fcp7_rate(fps, " " * 36)
    zero_timecode = _fcp7_timecode(otio.opentime.RationalTime(0, fps), " " * 36)
    files: dict[str, int] = {}
    if clips:
        parts.append("                        <track>\n")
    for index, clip, start, length in _frames(clips):
        if index % STEP == 0:
            step(index)
        url = clip.media_reference.target_url
        parts.append(f'                            <clipitem frameBlend="FALSE" id="clipitem-{index + 1}">\n')
        if url in files:
            # A still met before is a reference to its first <file>, as FCP 7 writes it.
            parts.append(f'                                <file id="file-{files[url]}"/>\n')
        else:
            files[url] = len(files) + 1
            still = clip.media_reference.name or os.path.basename(urlparse(url).path)
            parts.append(
                f'                                <file id="file-{files[url]}">\n'
                f"                                    <pathurl>{_minidom_escape(url)}</pathurl>\n"
                f"                                    <name>{_minidom_escape(still)}</name>\n"
                f"{file_rate}                                    <duration>{length:.0f}</duration>\n"
                f"{zero_timecode}                                    <media>\n"
                "                                        <video/>\n                                        <audio/>\n"
                "                                    </media>\n                                </file>\n"
            )
        parts.append(
            f"                                <name>{_minidom_escape(clip.name)}</name>\n{clip_rate}{clip_rate}"
            f"                                <duration>{length:.0f}</duration>\n"
            f"                                <start>{start:.0f}</start>\n"
            f"                                <end>{start + length:.0f}</end>\n"
            f"                                <in>0</in>\n                                <out>{length:.0f}</out>\n"
            "                            </clipitem>\n"
        )
    parts.append("                        </track>\n" if clips else "                        <track/>\n")
    parts.append("                    </video>\n                    <audio/>\n                </media>\n")
    parts.append(_fcp7_timecode(timeline.global_start_time, " " * 16))
    parts.append("            </sequence>\n        </children>\n    </project>\n</xmeml>\n")
    step(len(clips))
    return "".join(parts)


# ---- FCP X XML (fcpxml 1.8), as OTIO's fcpx_xml adapter writes it and editorial completes it ----

def _attribute(text: str) -> str:
    # ElementTree's escaping of an attribute value, which the completed file is written with.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def _fcpx_offset(frames: float, fps: float) -> Fraction:
    """A time in seconds as the adapter works it out: float seconds made a fraction."""
    if int(frames) == 0:
        return Fraction(0)
    return Fraction(float(frames) / float(fps)).limit_denominator()


def _fcpx_seconds(frames: float, fps: float) -> str:
    """A duration as the adapter writes it: always a fraction (``2/1s``), ``0s`` for none."""
    value = _fcpx_offset(frames, fps)
    return f"{value.numerator}/{value.denominator}s" if value else "0s"


def _seconds(value: Fraction) -> str:
    return f"{value.numerator}s" if value.denominator == 1 else f"{value.numerator}/{value.denominator}s"


def write_fcpx(timeline: otio.schema.Timeline, rate: Fraction, size: tuple[int, int],
               step: Callable[[int], None] = _no_step) -> str:
    """The timeline as FCP X XML: the adapter's text with the exact frame duration, the frame size and the start timecode."""
    clips = check_shape(timeline)
    fps = timeline.global_start_time.rate
    frame = Fraction(1) / rate
    start = Fraction(round(timeline.global_start_time.value)) * frame
    total = sum(round(clip.source_range.duration.value) for clip in clips)
    assets: dict[str, str] = {}
    resources = [f'        <format id="r1" frameDuration="{frame.numerator}/{frame.denominator}s" name="" '
                 f'width="{size[0]}" height="{size[1]}" />\n']
    asset_clips = []
    spine = []
    for index, clip, record, length in _frames(clips):
        if index % STEP == 0:
            step(index)
        url = clip.media_reference.target_url
        duration = _fcpx_seconds(length, fps)
        name = _attribute(clip.name)
        if url not in assets:
            assets[url] = f"r{len(assets) + 2}"
            resources.append(
                f'        <asset name="{name}" src="{_attribute(url)}" format="r1" id="{assets[url]}" '
                f'duration="{duration}" start="0s" hasAudio="0" hasVideo="1" />\n'
            )
        # One asset-clip per clip, as the adapter writes (its look-up by name never finds an
        # earlier one: it tests the found element's truth, and an element without children is false).
        asset_clips.append(f'    <asset-clip name="{name}" format="r1" ref="{assets[url]}" duration="{duration}" />\n')
        spine.append(
            f'                <clip name="{name}" offset="{_seconds(start + _fcpx_offset(record, fps))}" '
            f'duration="{duration}">\n'
            f'                    <video offset="0s" ref="{assets[url]}" duration="{duration}" />\n'
            "                </clip>\n"
        )
    step(len(clips))
    spine_text = f"            <spine>\n{''.join(spine)}            </spine>\n" if spine else "            <spine />\n"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n<fcpxml version="1.8">\n'
        f"    <resources>\n{''.join(resources)}    </resources>\n{''.join(asset_clips)}"
        f'    <project name="{_attribute(timeline.name)}" uid="">\n'
        f'        <sequence duration="{_fcpx_seconds(total, fps)}" format="r1" tcStart="{_seconds(start)}" tcFormat="NDF">\n'
        f"{spine_text}        </sequence>\n    </project>\n</fcpxml>\n"
    )


# ---- CMX 3600 EDL, as OTIO's cmx_3600 adapter writes it (Avid style) ----

def write_edl(timeline: otio.schema.Timeline, step: Callable[[int], None] = _no_step) -> str:
    """The timeline as a CMX 3600 EDL whose first event records at the timeline's start timecode."""
    clips = check_shape(timeline)
    fps = timeline.global_start_time.rate
    offset = round(timeline.global_start_time.value)

    def timecode(frames: int) -> str:
        return otio.opentime.to_timecode(otio.opentime.RationalTime(frames, fps), fps)

    lines = [f"TITLE: {timeline.name}\n\n" if timeline.name else ""]
    for index, clip, record, length in _frames(clips):
        if index % STEP == 0:
            step(index)
        reel = clip.metadata.get("cmx_3600", {}).get("reel") or "AX"
        lines.append(f"{index + 1:03d}  {reel:8} {'V':5} C        {timecode(0)} {timecode(length)} "
                     f"{timecode(offset + record)} {timecode(offset + record + length)}\n")
        if clip.name:
            lines.append(f"* FROM CLIP NAME:  {clip.name}\n")
        lines.append(f"* FROM CLIP: {clip.media_reference.target_url.replace(chr(92), '/')}\n")
    step(len(clips))
    return "".join(lines)
