"""Storyboard PDFs: pages, text, fields, fonts, literal markup, images, fitting, determinism and the CLI.

The PDFs are read back with pypdf; text positions come from its text visitor.
"""

from __future__ import annotations

import datetime
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageStat
import pypdfium2
from pypdf import PdfReader

from conftest import EXAMPLE, small_project
from storyboarder.cli import main
from storyboarder.export import (
    PAPER_SIZES,
    StoryboardExportError,
    StoryboardOptions,
    export_storyboard_pdf,
    parse_fields,
    parse_layout,
    select_scenes,
)
from storyboarder.export.fonts import load_font_set
from storyboarder.export.storyboard_layout import page_layout
from storyboarder.export.storyboard_text import dialogue_paragraphs, scene_heading
from storyboarder.export.text_fit import LEADING, Measurer, Span, TextBlock, fit_blocks
from storyboarder.io import load_project, save_project
from storyboarder.io.staging import stage_image
from storyboarder.model import Panel, Project, Scene

DAY = datetime.date(2025, 3, 14)


def export(project, folder, out, **options):
    """Export with a fixed date, so that text and bytes don't depend on the day."""
    options.setdefault("date", DAY)
    return export_storyboard_pdf(project, folder, out, StoryboardOptions(**options))


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def all_text(path) -> str:
    return "\n".join(page_texts(path))


def text_items(page) -> list[tuple[str, float, float, float, str]]:
    """Every piece of text on a page: (text, x, baseline y, font size, font name)."""
    items = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            items.append((text.strip(), x, y, size, str(font.get("/BaseFont", "")) if font else ""))

    page.extract_text(visitor_text=visit)
    return items


def image_names(path) -> set[str]:
    """The distinct image objects a PDF holds."""
    names = set()
    for page in PdfReader(path).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for name, ref in xobjects.items():
            if ref.get_object().get("/Subtype") == "/Image":
                names.add(name)
    return names


def many_panels(count: int, scenes: int = 1) -> Project:
    """A project of ``count`` text-only panels spread over ``scenes`` scenes."""
    project = Project(title="Many")
    for s in range(scenes):
        project.scenes.append(Scene(id=f"s{s}", heading=f"INT. ROOM {s} - DAY"))
    for i in range(count):
        project.scenes[i % scenes].panels.append(Panel(id=f"p{i}", action=f"beat {i}"))
    return project


@pytest.fixture(scope="module")
def fonts():
    return load_font_set()[0]


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout, panels", [("3x2", 13), ("4x4", 16), ("1x1", 3), ("2x3", 7), ("3x3", 1)])
@pytest.mark.parametrize("title_page", [True, False])
def test_page_count_follows_the_grid(tmp_path, layout, panels, title_page):
    columns, rows = parse_layout(layout)
    out = tmp_path / "board.pdf"
    result = export(many_panels(panels), tmp_path, out, columns=columns, rows=rows, title_page=title_page)
    expected = math.ceil(panels / (columns * rows)) + (1 if title_page else 0)
    assert len(PdfReader(out).pages) == expected == result.pages
    assert result.panels == panels and result.warnings == []


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_paper_and_orientation(tmp_path, paper, orientation):
    out = tmp_path / "board.pdf"
    export(many_panels(7), tmp_path, out, paper=paper, orientation=orientation, title_page=False)
    reader = PdfReader(out)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    short, long = sorted(PAPER_SIZES[paper])
    assert (width, height) == pytest.approx((long, short) if orientation == "landscape" else (short, long))
    assert len(reader.pages) == 2


def test_scenes_can_start_on_a_new_page(tmp_path):
    project = many_panels(9, scenes=3)  # 3 panels per scene
    out = tmp_path / "board.pdf"
    export(project, tmp_path, out, columns=3, rows=2, title_page=False)
    assert len(PdfReader(out).pages) == 2
    export(project, tmp_path, out, columns=3, rows=2, title_page=False, scenes_start_new_page=True)
    texts = page_texts(out)
    assert len(texts) == 3
    assert all(f"INT. ROOM {i} - DAY" in texts[i] and f"INT. ROOM {(i + 1) % 3} - DAY" not in texts[i] for i in range(3))


# --- text --------------------------------------------------------------------------------------


def test_shot_numbers_camera_line_heading_and_footer_print(tmp_path):
    out = tmp_path / "board.pdf"
    export(small_project(), tmp_path, out, columns=1, rows=1, confidential="CONFIDENTIAL - crew only")
    texts = page_texts(out)
    assert len(texts) == 5
    title = texts[0]
    assert "Test" in title and "Directed by" in title and "14 March 2025" in title
    assert "2\nscenes" in title and "4\npanels" in title and "4\nshots" in title and "0:08.5" in title
    first = texts[1]
    assert "1A" in first and "0:01.5" in first
    assert "MCU · low · dolly in · 35mm · Cam A" in first
    assert "L1 · low key · 3200K" in first
    assert "Mara runs, beat 0" in first
    assert "Test" in first and "EXT. MARKET - NIGHT" in first and "SC 1" in first
    assert "page 2 of 5" in first and "14 March 2025" in first and "CONFIDENTIAL - crew only" in first
    assert "page 1 of 5" in title
    last = texts[4]
    assert "2A" in last and "INT. VAN - NIGHT" in last and "MARA" in last and "Drive." in last


def test_dialogue_cues_print_bold(tmp_path):
    out = tmp_path / "board.pdf"
    export(small_project(), tmp_path, out, columns=1, rows=1, title_page=False)
    items = text_items(PdfReader(out).pages[3])
    cue = [item for item in items if item[0] == "MARA"]
    line = [item for item in items if "Drive." in item[0]]
    assert cue and "Bold" in cue[0][4]
    assert line and "Bold" not in line[0][4]
    assert line[0][2] == pytest.approx(cue[0][2])  # the name and the speech share a line
    assert [[(s.text, s.bold) for s in p] for p in dialogue_paragraphs("JUNO\n(quietly)\nNo.\n\nMARA: Go!")] == [
        [("JUNO", True), (" ", False), ("(quietly)", False), (" ", False), ("No.", False)],
        [("MARA:", True), (" Go!", False)],
    ]
    assert dialogue_paragraphs("STOP!")[0][0].bold is False


def test_fields_filter_leaves_the_others_out(tmp_path):
    project = small_project()
    panel = project.scenes[0].panels[0]
    panel.notes, panel.sound, panel.dialogue = "Note text", "Sound text", "MARA\nSpoken text"
    out = tmp_path / "board.pdf"
    export(project, tmp_path, out, columns=1, rows=1, title_page=False, fields=parse_fields("shot,action"))
    text = page_texts(out)[0]
    assert "1A" in text and "Mara runs, beat 0" in text
    for absent in ("MCU", "dolly in", "L1", "low key", "Light", "Note text", "Notes", "Sound text", "Spoken text", "0:01.5"):
        assert absent not in text
    export(project, tmp_path, out, columns=1, rows=1, title_page=False, fields=("notes", "sound", "duration"))
    text = page_texts(out)[0]
    assert "Note text" in text and "Sound text" in text and "0:01.5" in text
    for absent in ("1A", "Mara runs", "MCU", "Spoken text"):
        assert absent not in text


def test_accents_cyrillic_and_greek_print(tmp_path):
    project = small_project()
    words = "Café crème, naïve façade; Съешь же ещё этих булок; Ξεσκεπάζω την ψυχοφθόρα βδελυγμία"
    project.title = "Ночной рынок"
    project.scenes[0].heading = "EXT. ΑΓΟΡΆ - NIGHT"
    project.scenes[0].panels[0].action = words
    out = tmp_path / "board.pdf"
    result = export(project, tmp_path, out, columns=1, rows=1)
    text = all_text(out)
    assert words in text and "Ночной рынок" in text and "ΑΓΟΡΆ" in text
    assert result.warnings == []


def test_cjk_prints_through_a_fallback_font(tmp_path, fonts):
    sample = "東京の夜市"
    if any(fonts.runs(ch, False, missing := set()) and missing for ch in sample):
        pytest.skip("no installed font covers CJK")
    project = small_project()
    project.scenes[0].panels[0].action = f"Rain. {sample} Café"
    out = tmp_path / "board.pdf"
    result = export(project, tmp_path, out, columns=1, rows=1, title_page=False)
    assert sample in all_text(out)
    assert result.warnings == []
    fonts_used = {item[4] for item in text_items(PdfReader(out).pages[0])}
    assert len(fonts_used) >= 3  # regular, bold and the fallback


def test_characters_no_font_has_are_warned_about(tmp_path, fonts):
    hieroglyph = "\U00013000"
    missing: set[str] = set()
    fonts.runs(hieroglyph, False, missing)
    if not missing:
        pytest.skip("an installed font covers Egyptian hieroglyphs")
    project = small_project()
    project.scenes[0].panels[1].notes = f"Carved: {hieroglyph}"
    result = export(project, tmp_path, tmp_path / "board.pdf")
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("shot 1B (scene 1): notes: no installed font has")
    assert "U+13000" in result.warnings[0]


def test_user_text_is_never_markup(tmp_path):
    # A real image at the path the markup names: it must not be read or embedded.
    Image.new("RGB", (40, 30), "red").save(tmp_path / "secret.png")
    markup = f"<b>x</b> & <img src='{tmp_path / 'secret.png'}'/>"
    project = small_project()
    project.title = "<i>Title</i> &amp;"
    panel = project.scenes[0].panels[0]
    panel.action = markup
    panel.dialogue = "MARA\n<font size=40>big</font> &lt;"
    out = tmp_path / "board.pdf"
    export(project, tmp_path, out, columns=1, rows=1)
    text = all_text(out)
    assert markup in text
    assert "<font size=40>big</font> &lt;" in text
    assert "<i>Title</i> &amp;" in text
    assert image_names(out) == set()


# --- fitting -----------------------------------------------------------------------------------


def test_a_5000_word_note_in_4x4_is_clipped_inside_its_cell(tmp_path):
    project = small_project()
    note = " ".join(f"word{i}" for i in range(5000))
    project.scenes[0].panels[0].notes = note
    out = tmp_path / "board.pdf"
    started = time.perf_counter()
    export(project, tmp_path, out, columns=4, rows=4, title_page=False)
    assert time.perf_counter() - started < 10
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "word0" in text and "word4999" not in text and "…" in text

    options = StoryboardOptions(columns=4, rows=4)
    layout = page_layout(options, project.aspect_ratio, True, True)
    fonts = load_font_set()[0]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for content, x, y, size, font in text_items(reader.pages[0]):
        if not layout.grid.y <= y <= layout.grid.top:
            continue  # header and footer
        cell = next(c.cell for c in layout.cells if c.cell.x - 0.01 <= x <= c.cell.right and c.cell.y - 0.01 <= y <= c.cell.top)
        name = fonts.bold if "Bold" in font else fonts.regular
        assert x + stringWidth(content, name, size) <= cell.right + 0.01, content
        assert y - size * 0.25 >= cell.y - 0.01, content  # descenders stay in the cell too


def test_long_words_and_narrow_cells_never_overflow(tmp_path):
    project = small_project()
    project.scenes[0].panels[0].action = "Supercalifragilistic" * 40
    project.scenes[0].panels[1].shot = "AN-OVERRIDE-SHOT-NUMBER-FAR-TOO-LONG-FOR-ANY-STRIP"
    out = tmp_path / "board.pdf"
    export(project, tmp_path, out, columns=8, rows=8, title_page=False)
    layout = page_layout(StoryboardOptions(columns=8, rows=8), project.aspect_ratio, True, True)
    fonts = load_font_set()[0]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for content, x, y, size, font in text_items(PdfReader(out).pages[0]):
        if layout.grid.y <= y <= layout.grid.top:
            cell = next(c.cell for c in layout.cells if c.cell.x - 0.01 <= x <= c.cell.right and c.cell.y - 0.01 <= y <= c.cell.top)
            name = fonts.bold if "Bold" in font else fonts.regular
            assert x + stringWidth(content, name, size) <= cell.right + 0.01, content


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab cdéΩЖ東 \n—…<&>"), max_size=400),
    width=st.floats(min_value=8, max_value=300),
    height=st.floats(min_value=0, max_value=200),
)
def test_fitted_text_stays_in_its_box(text, width, height):
    fonts = load_font_set()[0]
    measure = Measurer(fonts)
    blocks = [TextBlock([[Span(line)] for line in text.split("\n")], "notes"), TextBlock([[Span("MCU · low", bold=True)]], "camera")]
    fitted = fit_blocks(blocks, width, height, 8.0, 5.0, measure)
    assert 5.0 <= fitted.size <= 8.0
    for baseline, line in fitted.lines:
        # The line's box, from its ascenders to its descenders, lies inside the box.
        assert baseline - fitted.size * (LEADING - 0.25) >= -1e-6
        assert baseline + fitted.size * 0.25 <= height + 1e-6
        if line:
            assert (line[-1].x + line[-1].width) * fitted.size <= width + 1e-6


# --- images ------------------------------------------------------------------------------------


def test_example_exports_every_image_with_no_warnings(tmp_path):
    loaded = load_project(EXAMPLE)
    out = tmp_path / "night-market.pdf"
    progress = []
    result = export_storyboard_pdf(
        loaded.project, loaded.folder, out, StoryboardOptions(date=DAY), progress=lambda done, total: progress.append((done, total))
    )
    assert result.warnings == []
    assert result.images == 22 and len(image_names(out)) == 22
    assert len(PdfReader(out).pages) == result.pages == 1 + math.ceil(22 / 6)
    assert progress[0] == (0, 22) and progress[-1] == (22, 22)
    assert not list(tmp_path.glob(".*part"))


def test_images_are_at_print_resolution(tmp_path):
    loaded = load_project(EXAMPLE)
    out = tmp_path / "board.pdf"
    export(loaded.project, loaded.folder, out, scenes="1", dpi=100)
    layout = page_layout(StoryboardOptions(), loaded.project.aspect_ratio, True, True)
    widest = round(layout.cells[0].image.w / 72 * 100)
    for page in PdfReader(out).pages[1:]:
        for ref in page["/Resources"]["/XObject"].values():
            image = ref.get_object()
            # Grey line art as predicted Flate (lossless), colour as JPEG: never raw pixels.
            assert image["/Filter"] in (["/DCTDecode"], ["/FlateDecode"])
            assert image["/Filter"] == ["/DCTDecode"] or image["/DecodeParms"][0]["/Predictor"] == 15
            assert image["/Width"] <= widest and image["/Width"] >= widest - 2


def _line_art(path, size=(1920, 1080)):
    from PIL import ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        draw.line([(40 + i * 150, 60), (400 + i * 110, size[1] - 80)], fill="black", width=3 + i % 4)
    draw.ellipse([600, 200, 1300, 900], outline=(90, 90, 90), width=2)
    image.save(path)


def test_grey_line_art_is_embedded_lossless_and_colour_as_jpeg(tmp_path):
    """Line art goes in as the PNG's own Flate stream, so its pixels come back exactly; colour stays JPEG."""
    project = small_project()
    images = tmp_path / "images"
    images.mkdir()
    _line_art(images / "ink.png")
    Image.effect_noise((960, 540), 60).convert("RGB").save(images / "noise.png")  # grey, but no line art
    photo = Image.linear_gradient("L").resize((960, 540)).convert("RGB")
    photo.paste((200, 40, 40), (100, 100, 400, 300))
    photo.save(images / "photo.png")
    panels = project.scenes[0].panels
    for panel, name in zip(panels, ("ink.png", "noise.png", "photo.png")):
        panel.image = f"images/{name}"
    cache = tmp_path / "cache"
    out = tmp_path / "board.pdf"
    result = export(project, tmp_path, out, scenes="1", title_page=False, image_cache_dir=cache)
    assert result.images == 3 and result.warnings == []
    kinds = sorted(path.suffix for path in cache.iterdir())
    assert kinds == [".jpg", ".jpg", ".png"]
    filters = {}
    for ref in PdfReader(out).pages[0]["/Resources"]["/XObject"].values():
        image = ref.get_object()
        flt = image["/Filter"]
        flt = flt[0] if isinstance(flt, list) else flt
        filters.setdefault(flt, []).append(image)
    assert len(filters["/DCTDecode"]) == 2 and len(filters["/FlateDecode"]) == 1
    embedded = filters["/FlateDecode"][0]
    # Filter and DecodeParms are parallel arrays: PDFium and Poppler ignore a lone dict.
    assert embedded["/DecodeParms"][0]["/Predictor"] == 15 and embedded["/ColorSpace"] == "/DeviceGray"
    prepared = Image.open(next(cache.glob("*.png")))
    assert (embedded["/Width"], embedded["/Height"]) == prepared.size
    assert embedded.decode_as_image().tobytes() == prepared.tobytes()
    # And a real renderer draws the drawing, not the PNG's filtered rows (which look like an
    # inverted edge map): the printed panel is as light as the drawing.
    layout = page_layout(StoryboardOptions(), project.aspect_ratio, True, True)
    box = layout.cells[0].image
    page = pypdfium2.PdfDocument(str(out))[0]
    scale = 200 / 72
    rendered = page.render(scale=scale).to_pil().convert("L")
    top = (layout.height - box.top) * scale
    panel = rendered.crop((round(box.x * scale) + 3, round(top) + 3, round(box.right * scale) - 3, round(top + box.h * scale) - 3))
    assert abs(ImageStat.Stat(panel).mean[0] - ImageStat.Stat(prepared).mean[0]) < 6
    # Crisp: the downscaled lines keep full black, with nothing but greys in between.
    assert prepared.getextrema() == (0, 255)
    # A second export draws the same bytes without preparing anything.
    export(project, tmp_path, tmp_path / "again.pdf", scenes="1", title_page=False, image_cache_dir=cache)
    assert (tmp_path / "again.pdf").read_bytes() == out.read_bytes()


def test_images_not_saved_yet_print_from_memory(tmp_path):
    """The editor exports unsaved imports and drawings: project.pending_images is read, not the folder."""
    project = small_project()
    _line_art(tmp_path / "art.png")
    panel = project.scenes[0].panels[0]
    stage_image(project, panel, (tmp_path / "art.png").read_bytes(), "png")
    assert not (tmp_path / panel.image).exists()
    out = tmp_path / "board.pdf"
    result = export(project, tmp_path, out, scenes="1", title_page=False)
    assert result.images == 1 and result.warnings == []
    project.scenes[0].panels[1].image = "images/not-there.png"
    project.pending_images["images/bomb.png"] = b"\x89PNG\r\n\x1a\n broken"
    project.scenes[0].panels[2].image = "images/bomb.png"
    result = export(project, tmp_path, out, scenes="1", title_page=False)
    assert result.images == 1 and len(result.warnings) == 2
    assert "not-there.png" in result.warnings[0] and "missing" in result.warnings[0]
    assert "bomb.png" in result.warnings[1] and "not an image" in result.warnings[1]


def test_board_pages_writes_the_first_pages_numbered_as_the_whole_board(tmp_path):
    """The dialog's preview: the first page of panels, with the footer the printed board has."""
    loaded = load_project(EXAMPLE)
    out = tmp_path / "preview.pdf"
    result = export_storyboard_pdf(loaded.project, loaded.folder, out, StoryboardOptions(date=DAY), board_pages=1)
    texts = page_texts(out)
    assert len(texts) == result.pages == 2 and result.panels == 6
    assert "page 1 of 5" in texts[0] and "page 2 of 5" in texts[1]
    assert "1A" in texts[1] and "1F-1" in texts[1] and "2A" not in texts[1]
    # The title page still counts every panel of the board.
    assert "22" in texts[0]


def test_missing_broken_and_oversized_images_print_placeholders(tmp_path, monkeypatch):
    project = small_project()
    images = tmp_path / "images"
    images.mkdir()
    Image.new("L", (320, 180), 200).save(images / "good.png")
    (images / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    Image.new("L", (400, 400), 0).save(images / "huge.png")
    panels = project.scenes[0].panels
    panels[0].image, panels[1].image, panels[2].image = "images/good.png", "images/missing.png", "images/broken.png"
    project.scenes[1].panels[0].image = "../outside.png"
    out = tmp_path / "board.pdf"
    result = export(project, tmp_path, out, columns=2, rows=2, title_page=False)
    assert result.images == 1 and len(image_names(out)) == 1
    assert all_text(out).count("missing image") == 3
    assert len(result.warnings) == 3
    assert result.warnings[0].startswith("shot 1B (scene 1): image:") and "missing" in result.warnings[0]
    assert result.warnings[1].startswith("shot 1C (scene 1): image:")
    assert result.warnings[2].startswith("shot 2A (scene 2): image:") and "'..'" in result.warnings[2]

    import storyboarder.io.images as io_images

    monkeypatch.setattr(io_images, "MAX_IMAGE_PIXELS", 100_000)
    panels[0].image = "images/huge.png"
    result = export(project, tmp_path, out, columns=2, rows=2, title_page=False)
    assert result.images == 0
    assert "decompression bomb" in result.warnings[0]


def test_panels_with_no_image_print_an_empty_frame_without_warning(tmp_path):
    result = export(small_project(), tmp_path, tmp_path / "board.pdf")
    assert result.warnings == [] and result.images == 0
    assert "missing image" not in all_text(tmp_path / "board.pdf")


def test_two_exports_are_byte_identical(tmp_path):
    loaded = load_project(EXAMPLE)
    project = loaded.project
    project.scenes[0].panels[0].action += " Ωмега 東京"
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    export(project, loaded.folder, first, scenes="1", image_cache_dir=tmp_path / "cache")
    export(project, loaded.folder, second, scenes="1")
    assert first.read_bytes() == second.read_bytes()


def test_a_second_export_reuses_the_image_cache(tmp_path):
    loaded = load_project(EXAMPLE)
    cache = tmp_path / "cache"
    export(loaded.project, loaded.folder, tmp_path / "a.pdf", image_cache_dir=cache, scenes="2")
    cached = sorted(cache.iterdir())
    assert len(cached) == 5 and {path.suffix for path in cached} <= {".jpg", ".png"}
    contents = [path.read_bytes() for path in cached]
    export(loaded.project, loaded.folder, tmp_path / "b.pdf", image_cache_dir=cache, scenes="2")
    # Nothing prepared again is counted in test_print_cache.py; here the cache is as it was.
    assert sorted(cache.iterdir()) == cached and [path.read_bytes() for path in cached] == contents
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


# --- selection, cancel, errors -----------------------------------------------------------------


def test_scene_selection_uses_printed_numbers():
    project = Project(scenes=[Scene(id=f"s{i}") for i in range(7)])
    project.scenes[3].number = "4A"  # locked: 1 2 3 4A 5 6 7
    project.scenes[4].number = "12A"  # then 12A 13 14
    ids = lambda selection: [scene.id for scene in select_scenes(project, selection)]  # noqa: E731
    assert ids("") == ids("all") == [f"s{i}" for i in range(7)]
    assert ids("1,3-5") == ["s0", "s2", "s3"]
    assert ids("12a") == ["s4"]
    assert ids("4A-13") == ["s3", "s4", "s5"]
    assert ids(" 14 , 2 ") == ["s1", "s6"]
    with pytest.raises(StoryboardExportError) as error:
        select_scenes(project, "9, 2, 3-x, -")
    assert error.value.problems == [
        "scenes: '9' matches no scene in this project (scenes are 1, 2, 3, 4A, 12A, 13, 14)",
        "scenes: '3-x' matches no scene in this project (scenes are 1, 2, 3, 4A, 12A, 13, 14)",
        "scenes: '-' is not a scene number or a range such as 3-5",
    ]


def test_selected_panels_only(tmp_path):
    out = tmp_path / "board.pdf"
    result = export(small_project(), tmp_path, out, panel_ids=frozenset({"p1-1", "p2-0"}), title_page=True)
    text = all_text(out)
    assert result.panels == 2 and "1B" in text and "2A" in text and "1A" not in text and "Selected panels" in text
    with pytest.raises(StoryboardExportError, match="none of the selected panels"):
        export(small_project(), tmp_path, out, panel_ids=frozenset({"p2-0"}), scenes="1")


def test_cancel_writes_nothing_and_keeps_the_old_file(tmp_path):
    out = tmp_path / "board.pdf"
    out.write_bytes(b"old")
    calls = []
    result = export_storyboard_pdf(
        many_panels(30), tmp_path, out, StoryboardOptions(), progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 3
    )
    assert result.cancelled and out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["board.pdf"]


def test_bad_options_are_reported_together():
    with pytest.raises(StoryboardExportError) as error:
        StoryboardOptions(columns=0, paper="a5", orientation="up", fields=("shot", "smell"), dpi=10).check()
    assert len(error.value.problems) == 5
    for text in ("3x", "x2", "0x2", "9x9", "three by two"):
        with pytest.raises(StoryboardExportError):
            parse_layout(text)
    assert parse_layout("4×4") == (4, 4) and parse_layout(" 3X2 ") == (3, 2)
    assert parse_fields("Camera, shot,camera") == ("camera", "shot")


def test_the_font_is_configurable(tmp_path, monkeypatch):
    serif = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if not serif.is_file():
        pytest.skip("DejaVu Serif is not installed")
    out = tmp_path / "board.pdf"
    monkeypatch.setenv("STORYBOARDER_PDF_FONT", str(serif))
    export(small_project(), tmp_path, out, title_page=False)
    used = {item[4] for item in text_items(PdfReader(out).pages[0])}
    assert any("DejaVuSerif-Bold" in name for name in used) and any(name.endswith("DejaVuSerif") for name in used)
    with pytest.raises(StoryboardExportError, match="cannot load"):
        export(small_project(), tmp_path, out, font=str(tmp_path / "nope.ttf"))


def test_scene_heading_always_says_int_ext_and_time_of_day():
    assert scene_heading(Scene(heading="MARKET", int_ext="EXT", time_of_day="night")) == "EXT. MARKET - NIGHT"
    assert scene_heading(Scene(heading="INT. VAN - NIGHT", int_ext="INT", time_of_day="NIGHT")) == "INT. VAN - NIGHT"
    assert scene_heading(Scene()) == "(no heading)"


# --- command line ------------------------------------------------------------------------------


def test_cli_exports_a_storyboard(tmp_path, capsys):
    out = tmp_path / "board.pdf"
    code = main(
        ["export", "storyboard", str(EXAMPLE), "-o", str(out), "--layout", "4x2", "--paper", "a4", "--orientation", "portrait",
         "--scenes", "2-3", "--fields", "shot,action,dialogue", "--text", "right", "--no-title-page", "--dpi", "120",
         "--confidential", "CONFIDENTIAL", "--new-page-per-scene"]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    assert f"wrote {out} (2 pages, 11 panels, 0 warnings)" in captured.out
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) == pytest.approx(PAPER_SIZES["a4"][0])
    text = all_text(out)
    assert "2A" in text and "3A" in text and "1A" not in text and "CONFIDENTIAL" in text and "JUNO" in text


def test_cli_warns_on_stderr(tmp_path, capsys):
    project = small_project()
    project.scenes[0].panels[0].image = "images/missing.png"
    save_project(project, tmp_path / "p")
    assert main(["export", "storyboard", str(tmp_path / "p"), "-o", str(tmp_path / "b.pdf")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("warning: ") for line in err)
    assert any("shot 1A (scene 1): image:" in line for line in err)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--layout", "3by2"], "error: layout: '3by2' is not COLUMNSxROWS, for example 3x2"),
        (["--layout", "0x2"], "error: layout: '0x2' must have 1 to 8 columns and rows"),
        (["--fields", "shot,smell"], "error: fields: unknown field 'smell'; choose from shot,duration,action,dialogue,notes,camera,lighting,sound"),
        (["--scenes", "7"], "error: scenes: '7' matches no scene in this project (scenes are 1, 2)"),
        (["--paper", "a5"], "error: paper: 'a5' is not one of letter, a4, legal, tabloid, a3"),
        (["--dpi", "5"], "error: dpi: 5 is outside 50 to 1200"),
        (["--panels", "nope"], "error: panels: none of the selected panels are in the chosen scenes; nothing to print"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    save_project(small_project(), tmp_path / "p")
    out = tmp_path / "b.pdf"
    assert main(["export", "storyboard", str(tmp_path / "p"), "-o", str(out), *args]) == 2
    assert capsys.readouterr().err.splitlines() == [message]
    assert not out.exists()


def test_cli_unwritable_output_and_several_problems(tmp_path, capsys):
    save_project(small_project(), tmp_path / "p")
    project = str(tmp_path / "p")
    assert main(["export", "storyboard", project, "-o", str(tmp_path / "no-such-dir" / "b.pdf")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: output: cannot write {tmp_path / 'no-such-dir' / 'b.pdf'}: the folder {tmp_path / 'no-such-dir'} does not exist"
    ]
    assert main(["export", "storyboard", project, "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"error: output: {tmp_path} is a folder; give a file name such as board.pdf"]
    assert main(["export", "storyboard", project, "-o", str(tmp_path / "b.pdf"), "--layout", "x", "--fields", "a,b", "--scenes", "9"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 4
    assert main(["export", "storyboard", str(tmp_path / "none"), "-o", str(tmp_path / "b.pdf")]) == 2
    assert "no such project file" in capsys.readouterr().err


_BLOCKED = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked in this test")
sys.meta_path.insert(0, Block())
from storyboarder.cli import main
code = main(["export", "storyboard", sys.argv[1], "-o", sys.argv[2], "--layout", "2x2"])
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules), "Qt was imported"
print("code", code)
"""


def test_cli_export_runs_without_qt(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKED, str(EXAMPLE), str(tmp_path / "b.pdf")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "code 0" in result.stdout and "Traceback" not in result.stderr
    assert len(PdfReader(tmp_path / "b.pdf").pages) == 1 + math.ceil(22 / 4)
