"""Every value the loader accepts exports: the longest panels, every frame rate, odd text, long names, damaged fonts.

Issue 13, item 9. Each test drives the command line as a user would meet the
problem; no test here imports Qt.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from conftest import EXAMPLE, small_project
from storyboarder.cli import main
from storyboarder.export import animatic
from storyboarder.export.timing import exact_rate
from storyboarder.io import save_project
from storyboarder.model import Panel, Project, ShootDay
from storyboarder.model.entities import MAX_DURATION_MS
from storyboarder.model.fields import spec

# What this branch adds is imported inside the tests, after the command line has run, so that
# on a build without it each test fails on what a user meets, not on an import.

#: GIF's longest delay: 65,535 hundredths of a second.
GIF_DELAY_MS = 655_350
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")


def saved(folder: Path, project: Project | None = None, **changes) -> Path:
    """Save a small project (with ``changes`` made to its JSON document) and return its folder."""
    save_project(project or small_project(), folder)
    if changes:
        doc = json.loads((folder / "project.json").read_text(encoding="utf-8"))
        for path, value in changes.items():
            target = doc
            *parents, last = path.split("__")
            for key in parents:
                target = target[int(key)] if key.isdigit() else target[key]
            target[int(last) if last.isdigit() else last] = value
        (folder / "project.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def gif_frames(path: Path) -> tuple[list[int], list[Image.Image]]:
    """Every frame's delay (ms) and picture as a viewer composes it."""
    with Image.open(path) as gif:
        delays, pictures = [], []
        for index in range(gif.n_frames):
            gif.seek(index)
            delays.append(gif.info["duration"])
            pictures.append(gif.convert("RGB"))
        return delays, pictures


# GIF: delays are 16-bit hundredths -------------------------------------------------


def test_a_panel_longer_than_a_gif_delay_is_held_to_the_hundredth(tmp_path, capsys):
    project = small_project()
    panels = [panel for _scene, panel in project.iter_panels()]
    panels[1].duration_ms = MAX_DURATION_MS  # a day, the longest a panel may be
    panels[2].duration_ms = 655_360  # just over what one GIF frame can carry
    out = tmp_path / "board.gif"
    assert main(["export", "animatic", str(saved(tmp_path / "p", project)), "-o", str(out), "--width", "160"]) == 0
    assert "(4 panels, 136 frames, 87059.36 s, 0 warnings)" in capsys.readouterr().out
    from storyboarder.export.timing import gif_delay_pieces

    delays, pictures = gif_frames(out)
    assert sum(delays) == sum(panel.duration_ms for panel in panels)
    assert max(delays) <= GIF_DELAY_MS
    # The day-long panel is its frame and repeats of it: the picture never changes while it holds.
    held = len(gif_delay_pieces(MAX_DURATION_MS // 10))
    assert held == 132 and len(delays) == 1 + held + 2 + 1
    assert all(ImageChops.difference(pictures[1], pictures[k]).getbbox() is None for k in range(2, 1 + held))
    assert ImageChops.difference(pictures[1], pictures[1 + held]).getbbox() is not None


def test_gif_delay_pieces_are_exact_and_even():
    from storyboarder.export.timing import MAX_GIF_DELAY_CS, gif_delay_pieces

    assert gif_delay_pieces(150) == [150]
    assert gif_delay_pieces(MAX_GIF_DELAY_CS) == [MAX_GIF_DELAY_CS]
    assert gif_delay_pieces(MAX_GIF_DELAY_CS + 1) == [32768, 32768]
    pieces = gif_delay_pieces(8_640_000)
    assert sum(pieces) == 8_640_000 and max(pieces) - min(pieces) <= 1 and max(pieces) <= MAX_GIF_DELAY_CS


# PNG sequences: the frame count first ----------------------------------------------


def test_a_png_sequence_too_long_to_write_is_refused_before_a_frame_is_drawn(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(animatic, "MAX_SEQUENCE_FRAMES", 100)
    folder = saved(tmp_path / "p")  # 8.5 s at 24 fps: 204 frames
    out = tmp_path / "frames"
    assert main(["export", "animatic", str(folder), "-o", str(out) + "/"]) == 2
    err = capsys.readouterr().err
    assert "sequence: the chosen scenes make 204 frames at 24 fps, more than the 100 files" in err
    assert "Traceback" not in err and not out.exists()
    # One PNG per panel is no longer, and still allowed.
    assert main(["export", "animatic", str(folder), "-o", str(out) + "/", "--sequence", "panels"]) == 0
    assert len(list(out.glob("panel_*.png"))) == 4


def test_a_day_long_panel_at_1000_fps_is_refused_at_the_real_limit(tmp_path, capsys):
    limit = animatic.MAX_SEQUENCE_FRAMES  # without a limit, the export writes frames until the disk is full
    folder = saved(tmp_path / "p", fps=1000, scenes__0__panels__0__duration_ms=MAX_DURATION_MS)
    out = tmp_path / "frames"
    assert main(["export", "animatic", str(folder), "-o", str(out) + "/"]) == 2
    err = capsys.readouterr().err
    assert f"86,407,000 frames at 1000 fps, more than the {limit:,} files" in err
    assert not out.exists()


# Editorial: timecode rates -----------------------------------------------------------


def read_timeline(path: Path, rate: Fraction) -> otio.schema.Timeline:
    if path.suffix == ".edl":
        return otio.adapters.read_from_file(str(path), rate=float(rate))
    return otio.adapters.read_from_file(str(path))


@pytest.mark.parametrize("fps", [1, 1.0000001, 12, 23.98, 29.97, 30, 47.952, 48, 50, 59.94, 60, 1000])
def test_every_editorial_format_takes_every_project_fps(tmp_path, capsys, fps):
    folder = saved(tmp_path / "p", fps=fps)
    for suffix in (".xml", ".fcpxml", ".edl", ".otio"):
        out = tmp_path / f"cut{suffix}"
        assert main(["export", "edit", str(folder), "-o", str(out), "--width", "64"]) == 0, suffix
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err

        from storyboarder.export.editorial import EDIT_RATES, rate_text, timeline_rate

        rate = timeline_rate(fps)
        assert rate in EDIT_RATES
        if exact_rate(fps) in EDIT_RATES:
            assert "timecode has no rate" not in captured.err
        else:
            assert f"fps: timecode has no rate of {fps:g} fps" in captured.err
        assert f"frames at {rate_text(rate)} fps" in captured.out
        if suffix == ".fcpxml":
            continue  # OTIO's FCP X reader rounds 23.976 down; test_editorial reads those files itself
        clips = list(read_timeline(out, rate).find_clips())
        seconds = [clip.source_range.duration.to_seconds() for clip in clips]
        assert seconds == pytest.approx([1.5, 2.0, 2.5, 2.5], abs=1 / float(rate) + 1e-6), suffix


def test_timeline_rates():
    from storyboarder.export.editorial import timeline_rate

    assert timeline_rate(23.976) == Fraction(24000, 1001) == timeline_rate(23.98)
    assert timeline_rate(29.97) == Fraction(30000, 1001) and timeline_rate(25) == 25
    assert [timeline_rate(fps) for fps in (1, 12, 24.4, 27.5, 40, 49, 55, 120, 1000)] == [24, 24, 24, 30, 48, 50, 60, 60, 60]


def test_an_edl_longer_than_its_timecode_is_refused_and_other_formats_carry_it(tmp_path, capsys):
    project = small_project()
    for _scene, panel in project.iter_panels():
        panel.duration_ms = MAX_DURATION_MS
    folder = saved(tmp_path / "p", project)
    assert main(["export", "edit", str(folder), "-o", str(tmp_path / "cut.edl"), "--width", "64"]) == 2
    err = capsys.readouterr().err
    assert "the chosen scenes run 96:00:00, and an EDL's timecode" in err and "at most 23 hours fit" in err
    assert not (tmp_path / "cut.edl").exists() and not (tmp_path / "cut_media").exists()
    for suffix in (".xml", ".otio"):
        out = tmp_path / f"cut{suffix}"
        assert main(["export", "edit", str(folder), "-o", str(out), "--width", "64"]) == 0
        clips = list(read_timeline(out, Fraction(24)).find_clips())
        assert [clip.source_range.duration.to_seconds() for clip in clips] == [86_400.0] * 4


# One-line text: scene numbers, shot numbers, titles ---------------------------------


@pytest.mark.parametrize("number", ["\n", "\r", "1\x1c", "1\u2029", "\x1b[31m7"])
def test_control_characters_in_a_scene_number_are_repaired_on_load_and_export(tmp_path, capsys, number):
    folder = saved(tmp_path / "p", scenes__0__number=number, scenes__0__panels__1__shot=number, title=f"Night{number}")
    assert main(["validate", str(folder)]) == 0
    err = capsys.readouterr().err
    for place in ("scenes[0].number", "scenes[0].panels[1].shot", "title"):
        assert f"{place}: a one-line field held line breaks or control characters" in err
    for out in ("a.gif", "edit.xml", "edit.fcpxml", "edit.edl", "board.pdf"):
        kind = {"gif": "animatic", "pdf": "storyboard"}.get(out.rsplit(".", 1)[1], "edit")
        args = ["export", kind, str(folder), "-o", str(tmp_path / out)] + (["--width", "64"] if kind != "storyboard" else [])
        assert main(args) == 0, out
        assert "Traceback" not in capsys.readouterr().err


def test_exports_draw_control_characters_in_labels_even_when_no_loader_repaired_them(tmp_path):
    # A project built in code bypasses the loader: the animatic still draws every label.
    project = small_project()
    project.scenes[0].number = "\u2029"
    project.scenes[1].panels[0].dialogue = "MA\rRA\nHello\x1cthere\u2029"
    result = animatic.export_animatic(project, tmp_path, tmp_path / "a.gif", animatic.AnimaticOptions(width=64))
    assert result.frames == 4


def test_a_one_line_field_never_takes_a_control_character_from_typing_or_pasting():
    from storyboarder.model.fields import one_line

    title = spec(Project, "title")
    assert title.parse("Night\x1b]0;X\x07 Market\r\n") == "Night ]0;X Market"
    assert one_line("\u2028A\x00B\tC  D\u2029") == "A B C D"


# Image paths longer than a file system holds ----------------------------------------


def test_an_image_name_over_255_bytes_is_named_at_load_and_exports_show_a_placeholder(tmp_path, capsys):
    name = "images/" + "é" * 130 + ".png"  # 264 bytes in UTF-8
    folder = saved(tmp_path / "p", scenes__0__panels__0__image=name, scenes__0__panels__1__layers={"sketch": name})
    assert main(["validate", str(folder)]) == 0
    err = capsys.readouterr().err
    for place in ("scenes[0].panels[0].image", "scenes[0].panels[1].layers.sketch"):
        assert f"{place}: a name in the path" in err
    assert "is 264 bytes long, and no file system holds a name over 255 bytes" in err
    assert main(["export", "storyboard", str(folder), "-o", str(tmp_path / "b.pdf")]) == 0
    assert main(["export", "animatic", str(folder), "-o", str(tmp_path / "a.gif"), "--width", "64"]) == 0


# Damaged fonts ------------------------------------------------------------------------


def font_exports(folder: Path, out: Path, font: Path) -> list[list[str]]:
    """Every export that takes --font, writing into ``out``."""
    return [
        ["export", "storyboard", str(folder), "-o", str(out / "board.pdf"), "--font", str(font)],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.pdf"), "--font", str(font)],
        ["export", "callsheet", str(folder), "-o", str(out / "sheet.pdf"), "--font", str(font)],
        ["export", "animatic", str(folder), "-o", str(out / "a.gif"), "--width", "64", "--font", str(font)],
        ["export", "edit", str(folder), "-o", str(out / "cut.xml"), "--width", "64", "--captions", "--font", str(font)],
    ]


def tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    return {
        tag: (offset, length)
        for tag, _sum, offset, length in (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count))
    }


@needs_dejavu
@pytest.mark.parametrize("cut", [1_000, 40_000, 300_000])
def test_a_truncated_font_is_refused_by_every_export_naming_the_file(tmp_path, capsys, cut):
    font = tmp_path / f"cut{cut}.ttf"
    font.write_bytes(DEJAVU.read_bytes()[:cut])
    out = tmp_path / "out"
    out.mkdir()
    for args in font_exports(EXAMPLE, out, font):
        assert main(args) == 2, args[1]
        err = capsys.readouterr().err
        assert err.startswith(f"error: {font}: cannot load this font: ") and "Traceback" not in err, args[1]
    assert list(out.iterdir()) == []


@needs_dejavu
def test_a_font_whose_glyph_breaks_only_when_a_pdf_is_saved_is_refused_up_front(tmp_path, capsys):
    from reportlab.pdfbase.ttfonts import TTFont

    data = bytearray(DEJAVU.read_bytes())
    glyph = TTFont("probe-A", str(DEJAVU)).face
    at = tables(bytes(data))[b"glyf"][0] + glyph.glyphPos[glyph.charToGlyph[ord("A")]]
    # "A" becomes a composite of a glyph that does not exist: reportlab reads the font, then fails saving.
    struct.pack_into(">hHH", data, at, -1, 0, 0)
    struct.pack_into(">HH", data, at + 10, 0, 0xFFF0)
    font = tmp_path / "broken-A.ttf"
    font.write_bytes(bytes(data))
    out = tmp_path / "out"
    out.mkdir()
    for args in font_exports(EXAMPLE, out, font):
        assert main(args) == 2, args[1]
        err = capsys.readouterr().err
        assert err.startswith(f"error: {font}: cannot load this font: the font is damaged"), err
    assert list(out.iterdir()) == []


def _limit_memory():  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


@needs_dejavu
@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs an address-space limit")
def test_a_font_whose_character_map_claims_billions_of_characters_is_refused_without_using_memory(tmp_path):
    data = bytearray(DEJAVU.read_bytes())
    cmap = tables(bytes(data))[b"cmap"][0]
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for index in range(count):
        _platform, _encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if struct.unpack_from(">H", data, cmap + offset)[0] == 12:
            struct.pack_into(">I", data, cmap + offset + 16 + 4, 0x7FFFFFFF)  # the first range's end
            break
    else:
        pytest.skip("this DejaVu Sans has no format 12 character map")
    font = tmp_path / "bomb.ttf"
    font.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-m", "storyboarder", "export", "storyboard", str(EXAMPLE), "-o", str(tmp_path / "b.pdf"),
         "--font", str(font)],
        capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert "a character map claims 2,147," in result.stderr and "more than Unicode has" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "b.pdf").exists()


@needs_dejavu
def test_an_intact_font_still_prints(tmp_path, capsys):
    font = tmp_path / "copy.ttf"
    shutil.copyfile(DEJAVU, font)
    out = tmp_path / "out"
    out.mkdir()
    folder = saved(tmp_path / "p", _planned_project([2000] * 4, 24, 30, 45, 15, 20))
    for args in font_exports(folder, out, font):
        assert main(args) == 0, args[1]
    assert "cannot load" not in capsys.readouterr().err


# Every value of every declared range: each export succeeds or says why ---------------


def _declared(entity: type, path: str) -> st.SearchStrategy:
    """Any value a field's declaration accepts, from its declared bounds (the one source of the range)."""
    bounds = spec(entity, path).bounds
    if spec(entity, path).kind in ("duration", "integer"):
        return st.integers(int(bounds.low), int(bounds.high))
    edges = st.sampled_from([bounds.low, bounds.high])
    return st.one_of(edges, st.floats(bounds.low, bounds.high, allow_nan=False))


def _planned_project(durations, fps, camera_reset, lighting_reset, shot, estimate) -> Project:
    project = small_project()
    project.fps = fps
    project.camera_reset_minutes, project.lighting_reset_minutes, project.default_shot_minutes = camera_reset, lighting_reset, shot
    for (_scene, panel), duration in zip(project.iter_panels(), durations):
        panel.duration_ms = duration
        panel.camera.setup = f"cam {duration % 3}"
    project.scenes[0].panels[0].est_minutes = estimate
    project.shoot_days.append(ShootDay(id="d1", date="2027-03-15", crew_call="6:00", shooting_call="7:00",
                                       lunch="12:30", wrap="19:00", scene_ids=["s1", "s2"], location_ids=["loc-market"]))
    return project


def _exports(folder: Path, out: Path) -> list[list[str]]:
    small = ["--width", "64"]
    return [
        ["validate", str(folder)],
        ["info", str(folder)],
        ["plan", str(folder)],
        ["export", "animatic", str(folder), "-o", str(out / "a.gif"), *small],
        ["export", "animatic", str(folder), "-o", str(out / "frames") + "/", *small, "--force"],
        ["export", "animatic", str(folder), "-o", str(out / "panels") + "/", "--sequence", "panels", *small, "--force"],
        *(["export", "edit", str(folder), "-o", str(out / f"cut{suffix}"), *small, "--force"]
          for suffix in (".xml", ".fcpxml", ".edl", ".otio")),
        ["export", "storyboard", str(folder), "-o", str(out / "board.pdf"), "--force"],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.csv"), "--force"],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.pdf"), "--force"],
        ["export", "callsheet", str(folder), "-o", str(out / "sheet.pdf"), "--force"],
    ]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    durations=st.lists(_declared(Panel, "duration_ms"), min_size=4, max_size=4),
    fps=_declared(Project, "fps"),
    camera_reset=_declared(Project, "camera_reset_minutes"),
    lighting_reset=_declared(Project, "lighting_reset_minutes"),
    shot=_declared(Project, "default_shot_minutes"),
    estimate=_declared(Panel, "est_minutes"),
)
def test_every_declared_duration_rate_and_reset_exports_or_says_why(
    durations, fps, camera_reset, lighting_reset, shot, estimate
):
    project = _planned_project(durations, fps, camera_reset, lighting_reset, shot, estimate)
    with tempfile.TemporaryDirectory() as temp, pytest.MonkeyPatch.context() as patch:
        # A sequence of frames is written up to a small limit here, refused above it, as above the real one.
        patch.setattr(animatic, "MAX_SEQUENCE_FRAMES", 2_000)
        folder = saved(Path(temp) / "p", project)
        out = Path(temp) / "out"
        out.mkdir()
        for args in _exports(folder, out):
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(args)
            lines = err.getvalue().splitlines()
            assert code in (0, 2) and "Traceback" not in err.getvalue(), (args[:2], lines[-3:])
            if code == 2:
                assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), (args[:2], lines)
                assert args[1] in ("animatic", "edit"), (args[:2], lines)  # only a too-long sequence or EDL


def test_an_imported_screenplay_holds_one_line_where_the_loader_expects_one(tmp_path, capsys):
    script = tmp_path / "night.fountain"
    script.write_text("Title: Night\n\nINT. HOUSE\x1b[2J - DAY\n\nAction.\n\nBOB\x07\nHi.\n", encoding="utf-8")
    assert main(["import", "fountain", str(script), "-o", str(tmp_path / "p")]) == 0
    doc = json.loads((tmp_path / "p" / "project.json").read_text(encoding="utf-8"))
    assert doc["scenes"][0]["heading"] == "INT. HOUSE [2J - DAY" and doc["cast"][0]["character"] == "BOB"
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "p")]) == 0
    assert capsys.readouterr().err == ""  # nothing for the loader to repair


def test_a_plan_running_for_days_says_which_day_its_clock_reads(tmp_path, capsys):
    from storyboarder.model.entities import MAX_MINUTES

    project = _planned_project([2000] * 4, 24, MAX_MINUTES, MAX_MINUTES, MAX_MINUTES, MAX_MINUTES)
    assert main(["plan", str(saved(tmp_path / "p", project)), "--day", "1"]) == 0
    out = capsys.readouterr().out
    # Three shots of a day each, a camera reset of a day, then the last shot: days, not hours.
    ends = re.findall(r"^ +\d+ .* (07:00\S*) +(07:00\S*)", out, re.MULTILINE)
    assert ends == [("07:00", "07:00+1d"), ("07:00+1d", "07:00+2d"), ("07:00+2d", "07:00+3d"), ("07:00+4d", "07:00+5d")]
    assert "done at 07:00+5d (over the 19:00 wrap by 108h00)" in out


def test_numbers_past_their_declared_range_load_as_their_default_and_export(tmp_path, capsys):
    # Already so before issue 13: the declarations bound them, and the loader names each place.
    project = _planned_project([2000] * 4, 24, 30, 45, 15, 20)
    folder = saved(tmp_path / "p", project, scenes__0__panels__0__duration_ms=2**63, camera_reset_minutes=1e308,
                   lighting_reset_minutes=-1, fps=1.0000001)
    assert main(["validate", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "scenes[0].panels[0].duration_ms: expected a whole number between 0 and 86400000" in err
    assert "camera_reset_minutes: expected a number between 0 and 1440" in err
    assert "lighting_reset_minutes: expected a number between 0 and 1440, found -1" in err
    out = tmp_path / "out"
    out.mkdir()
    for args in _exports(folder, out):
        assert main(args) == 0, args[:2]


def test_pasted_panels_hold_one_line_where_a_field_does():
    from storyboarder.io.clipboard import decode_panels, encode_panels

    project = small_project()
    panel = project.scenes[0].panels[0]
    panel.shot, panel.camera.setup, panel.dialogue = "12\nA", "cam\x1bA", "MARA\nHello."
    pasted = decode_panels(encode_panels(project, None, [panel]), project)[0]
    assert (pasted.shot, pasted.camera.setup, pasted.dialogue) == ("12 A", "cam A", "MARA\nHello.")
