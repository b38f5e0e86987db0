"""Animatic export: GIF frame count and per-frame durations read back with Pillow, PNG sequences, captions, CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from storyboarder.cli import main
from storyboarder.export import StoryboardExportError
from storyboarder.export.animatic import AnimaticOptions, export_animatic
from storyboarder.export.animatic_frames import subtitle_text
from storyboarder.export.timing import cut_list, frame_counts, gif_delays_cs
from storyboarder.io import save_project
from storyboarder.io.staging import stage_image
from storyboarder.model import Panel, Project, Scene

DURATIONS = [1000, 1505, 333, 2000, 0, 4446]


def drawing(color: tuple[int, int, int], size=(640, 360)) -> bytes:
    image = Image.new("RGB", size, (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=color, outline=(0, 0, 0), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def board(folder: Path) -> Project:
    """Two scenes, six panels: drawings, one missing file, one with no image, non-Latin dialogue."""
    panels = [Panel(duration_ms=ms) for ms in DURATIONS]
    scene1 = Scene(id="s1", heading="INT. A - DAY", panels=panels[:3])
    scene2 = Scene(id="s2", heading="EXT. B - NIGHT", number="12A", panels=panels[3:])
    project = Project(title="Anim", scenes=[scene1, scene2], fps=24)
    colors = [(200, 30, 30), (30, 160, 40), (30, 60, 200), (220, 200, 20)]
    for panel, color in zip((panels[0], panels[1], panels[3], panels[5]), colors):
        stage_image(project, panel, drawing(color))
    panels[2].image = "images/missing.png"
    panels[4].action = "Mara runs through the market."
    panels[0].dialogue = "MARA\n(quietly)\nПривет, Δέσποινα! 你好"
    panels[1].dialogue = "JUNO: Sorry, Auntie!"
    save_project(project, folder)
    return project


def gif_durations(path: Path) -> list[int]:
    with Image.open(path) as gif:
        durations = []
        for index in range(gif.n_frames):
            gif.seek(index)
            durations.append(gif.info["duration"])
        return durations


def test_gif_has_a_frame_per_panel_with_carried_durations(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "a.gif"
    result = export_animatic(project, tmp_path / "p", out)
    assert result.kind == "gif" and result.frames == 6 and result.panels == 6
    durations = gif_durations(out)
    assert len(durations) == 6
    # Ends at 100, 251 (2505 ms, half up), 284 and 484 ticks; the 0 ms panel is held 2 ticks and the last
    # panel gives them back, so the whole runs 928 ticks: 9284 ms to the nearest hundredth.
    assert durations == [1000, 1510, 330, 2000, 20, 4420]
    assert sum(durations) == result.duration_ms == round(sum(DURATIONS), -1)
    with Image.open(out) as gif:
        assert gif.size == (960, 540) and gif.info.get("loop") == 0
    warnings = " ".join(result.warnings)
    assert "images/missing.png" in warnings and "placeholder" in warnings


def test_gif_delays_never_drift_over_many_panels():
    delays = gif_delays_cs([2005] * 1000)
    assert sum(delays) == 200_500 and set(delays) == {200, 201}
    assert sum(frame_counts([2010] * 40, 24)) == round(40 * 2.010 * 24)


def test_frames_show_their_drawing_and_placeholders(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "a.gif"
    export_animatic(project, tmp_path / "p", out, AnimaticOptions(width=320, captions=False))
    with Image.open(out) as gif:
        gif.seek(0)
        first = gif.convert("RGB")
        assert first.size == (320, 180)
        assert first.getpixel((160, 90))[0] > 150 and first.getpixel((160, 90))[2] < 80  # the red circle
        gif.seek(2)
        placeholder = gif.convert("RGB")
        assert placeholder.getpixel((160, 150))[:3] == (236, 236, 232) or abs(placeholder.getpixel((160, 150))[0] - 236) < 6


def test_captions_burn_in_shot_and_subtitle(tmp_path):
    project = board(tmp_path / "p")
    plain, captioned = tmp_path / "plain.gif", tmp_path / "captioned.gif"
    export_animatic(project, tmp_path / "p", plain, AnimaticOptions(width=480, captions=False))
    result = export_animatic(project, tmp_path / "p", captioned, AnimaticOptions(width=480))
    with Image.open(plain) as a, Image.open(captioned) as b:
        a.seek(0)
        b.seek(0)
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox()
    assert diff is not None
    assert diff[1] < 30 and diff[3] > 240  # the shot label at the top, the subtitle at the bottom
    assert not [w for w in result.warnings if "no installed font" in w]


def test_subtitles_read_name_colon_line_without_parentheticals():
    assert subtitle_text(Panel(dialogue="MARA\n(quietly)\nRun.\n\nJUNO\nWhy?")) == "MARA: Run.\nJUNO: Why?"
    assert subtitle_text(Panel(dialogue="JUNO: Sorry, Auntie!")) == "JUNO: Sorry, Auntie!"
    assert subtitle_text(Panel(dialogue="")) == ""


def test_scenes_option_picks_by_scene_number(tmp_path):
    project = board(tmp_path / "p")
    result = export_animatic(project, tmp_path / "p", tmp_path / "a.gif", AnimaticOptions(scenes="12A"))
    assert result.frames == 3 and gif_durations(tmp_path / "a.gif") == [2000, 20, 4430]
    with pytest.raises(StoryboardExportError, match="matches no scene"):
        export_animatic(project, tmp_path / "p", tmp_path / "b.gif", AnimaticOptions(scenes="7"))


def test_png_sequence_one_file_per_frame_at_the_project_fps(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "frames"
    result = export_animatic(project, tmp_path / "p", f"{out}/", AnimaticOptions(width=160))
    counts = frame_counts(DURATIONS, 24)
    files = sorted(out.iterdir())
    assert len(files) == sum(counts) == result.frames == 223
    assert files[0].name == "frame_00001.png" and files[-1].name == "frame_00223.png"
    with Image.open(files[0]) as first, Image.open(files[counts[0] - 1]) as held, Image.open(files[counts[0]]) as next_panel:
        assert first.size == (160, 90)
        assert ImageChops.difference(first.convert("RGB"), held.convert("RGB")).getbbox() is None
        assert ImageChops.difference(first.convert("RGB"), next_panel.convert("RGB")).getbbox() is not None
    # A shorter export into the same folder leaves no stale frames behind.
    export_animatic(project, tmp_path / "p", out, AnimaticOptions(width=160, scenes="1"))
    assert len(list(out.iterdir())) == sum(counts[:3])


def test_png_sequence_one_file_per_panel_with_timing_sheet(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "panels"
    result = export_animatic(project, tmp_path / "p", out, AnimaticOptions(width=160, sequence="panels"))
    assert sorted(p.name for p in out.iterdir()) == [f"panel_{i:04d}.png" for i in range(1, 7)] + ["panels.csv"]
    rows = list(csv.DictReader((out / "panels.csv").open(encoding="utf-8")))
    assert [int(row["duration_ms"]) for row in rows] == DURATIONS
    assert [row["shot"] for row in rows] == ["1A", "1B", "1C", "12AA", "12AB", "12AC"]
    assert result.duration_ms == sum(DURATIONS)


def test_sequence_refuses_a_folder_with_other_files(tmp_path):
    project = board(tmp_path / "p")
    out = tmp_path / "busy"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(StoryboardExportError, match="holds other files"):
        export_animatic(project, tmp_path / "p", out)
    assert [p.name for p in out.iterdir()] == ["holiday.jpg"]


def test_cancel_leaves_nothing_and_progress_counts_panels(tmp_path):
    project = board(tmp_path / "p")
    seen = []
    result = export_animatic(
        project, tmp_path / "p", tmp_path / "a.gif", progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) > 2
    )
    assert result.cancelled and not (tmp_path / "a.gif").exists()
    assert list(tmp_path.glob(".a.gif*")) == []
    seq = tmp_path / "seq"
    seen.clear()
    result = export_animatic(project, tmp_path / "p", seq, cancelled=lambda: len(seen) > 2, progress=lambda d, t: seen.append(d))
    assert result.cancelled and not seq.exists()  # the folder it made is removed again
    seen.clear()
    export_animatic(project, tmp_path / "p", tmp_path / "b.gif", progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)


def test_bad_options_and_outputs(tmp_path):
    project = board(tmp_path / "p")
    with pytest.raises(StoryboardExportError, match="width: 10"):
        export_animatic(project, tmp_path / "p", tmp_path / "a.gif", AnimaticOptions(width=10))
    with pytest.raises(StoryboardExportError, match="neither a .gif file nor a folder"):
        export_animatic(project, tmp_path / "p", tmp_path / "a.mp4")
    with pytest.raises(StoryboardExportError, match="does not exist"):
        export_animatic(project, tmp_path / "p", tmp_path / "no" / "a.gif")
    with pytest.raises(StoryboardExportError, match="no panels"):
        export_animatic(Project(scenes=[Scene()]), tmp_path, tmp_path / "a.gif")


def test_cut_list_times_panels_in_story_order(tmp_path):
    project = board(tmp_path / "p")
    cues = cut_list(project)
    assert [cue.start_ms for cue in cues] == [0, 1000, 2505, 2838, 4838, 4838]
    assert [cue.shot for cue in cues][:3] == ["1A", "1B", "1C"] and cues[3].scene_number == "12A"


def test_memory_stays_bounded_for_a_long_board(tmp_path):
    import tracemalloc

    project = Project(scenes=[Scene(panels=[Panel(duration_ms=500, action=f"Beat {i}") for i in range(120)])])
    tracemalloc.start()
    export_animatic(project, tmp_path, tmp_path / "long.gif", AnimaticOptions(width=640))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # 120 frames of 640×360 would be 83 MB as RGB; one at a time stays far under that.
    assert peak < 20 * 1024 * 1024
    assert len(gif_durations(tmp_path / "long.gif")) == 120


def test_cli_export_animatic(tmp_path, capsys):
    board(tmp_path / "p")
    assert main(["export", "animatic", str(tmp_path / "p"), "-o", str(tmp_path / "a.gif"), "--width", "320", "--no-captions"]) == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "6 panels, 6 frames" in captured.out
    assert "warning:" in captured.err and "missing.png" in captured.err
    assert len(gif_durations(tmp_path / "a.gif")) == 6
    assert main(["export", "animatic", str(tmp_path / "p"), "-o", str(tmp_path / "seq") + "/", "--sequence", "panels", "--scenes", "1"]) == 0
    assert len(list((tmp_path / "seq").glob("panel_*.png"))) == 3
    assert main(["export", "animatic", str(tmp_path / "p"), "-o", str(tmp_path / "a.avi")]) == 2
    assert "error: output:" in capsys.readouterr().err
