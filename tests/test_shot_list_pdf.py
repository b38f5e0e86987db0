"""Shot list PDFs: header on every page, every row once and never split, subtotals, Unicode, literal markup, thumbnails."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from conftest import EXAMPLE
from shot_list_data import LONG_WORD, rich_project, stress_project
from storyboarder.export.fonts import load_font_set
from storyboarder.export.shotlist_layout import GROUP_H, SUBTOTAL_H, LaidRow, TableGeometry, paginate
from storyboarder.export.shotlist_options import ShotListOptions
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.io import load_project
from storyboarder.model.shot_columns import COLUMN_BY_KEY, PDF_COLUMNS

DAY = datetime.date(2025, 3, 14)


def export(project, folder, out, **options):
    options.setdefault("date", DAY)
    return export_shotlist_pdf(project, folder, out, ShotListOptions(**options))


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def text_items(page) -> list[tuple[str, float, float]]:
    """Every piece of text on a page with its x and baseline y."""
    items = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            items.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return items


def test_header_row_and_footer_on_every_page(tmp_path):
    out = tmp_path / "shots.pdf"
    result = export(stress_project(), tmp_path, out)
    reader = PdfReader(out)
    assert result.pages == len(reader.pages) > 3
    titles = [COLUMN_BY_KEY[key].title for key in PDF_COLUMNS]
    header_y = None
    for number, page in enumerate(reader.pages, start=1):
        items = text_items(page)
        found = {text for text, _x, _y in items}
        # Wrapped headers ("Light setup") come out a word per line: check their first words.
        assert {title.split()[0] for title in titles} <= found, number
        y = max(y for text, _x, y in items if text == "Shot")
        header_y = header_y or y
        assert y == pytest.approx(header_y), "the header row sits in the same place on every page"
        assert f"page {number} of {result.pages}" in page.extract_text()
        assert page.mediabox.width > page.mediabox.height  # landscape


def test_every_row_once_and_never_split_across_pages(tmp_path):
    project = stress_project()
    out = tmp_path / "shots.pdf"
    export(project, tmp_path, out, as_shot=True)
    texts = page_texts(out)
    panels = sum(len(s.panels) for s in project.scenes)
    for row in range(panels):
        starts = [i for i, t in enumerate(texts) if re.search(rf"\brow{row}start\b", t)]
        ends = [i for i, t in enumerate(texts) if re.search(rf"\brow{row}end\b", t)]
        assert len(starts) == 1 and starts == ends, f"row {row}: starts on pages {starts}, ends on {ends}"


def test_rows_stay_inside_the_body_of_each_page(tmp_path):
    out = tmp_path / "shots.pdf"
    export(stress_project(), tmp_path, out, thumbnails=False)
    for page in PdfReader(out).pages:
        ys = [y for text, _x, y in text_items(page) if re.search(r"\brow\d+(start|end)\b", text)]
        assert ys and min(ys) > 28 + 16 - 1  # above the footer band
        assert max(ys) < float(page.mediabox.height) - 28 - 30  # below the title band


def test_scene_subtotals(tmp_path):
    project = rich_project()
    out = tmp_path / "shots.pdf"
    export(project, tmp_path, out, as_shot=True)
    text = " ".join(page_texts(out))
    assert "Scene 1:" in text and "3 shots" in text and "4 panels" in text and "0:07.5" in text
    # Scene 1: 40 + 5 + 15 (the default) and one camera reset; scene 2: one shot at the default.
    assert "est. 1 h 30 min (1 shot at the 15-min default)" in text and "est. 1 h 45 min" in text
    assert "1 shot, 1 cut" in text
    assert "Scene 2:" in text and "0:02.5" in text


def test_unicode_and_literal_markup_print_as_typed(tmp_path):
    Image.new("RGB", (40, 30), "red").save(tmp_path / "secret.png")
    project = rich_project()
    project.scenes[1].panels[0].notes = f"<img src='{tmp_path / 'secret.png'}'/> & <b>x</b>"
    project.title = "<i>Ночь</i> &amp; 東京"
    out = tmp_path / "shots.pdf"
    result = export(project, tmp_path, out)
    text = " ".join(page_texts(out))
    for typed in ("MARA, ЖЕНЯ", "Стой!", "<b>&amp;</b>", "<i>Ночь</i> &amp; 東京", "<b>x</b>", "INT. VAN - NIGHT"):
        assert typed in text, typed
    images = [ref for page in PdfReader(out).pages for ref in page.get("/Resources", {}).get("/XObject", {}).values()]
    assert images == []  # the <img> was text, never a picture
    assert result.warnings == []


def test_a_row_taller_than_a_page_is_cut_short_with_a_warning(tmp_path):
    project = rich_project()
    project.scenes[0].panels[1].notes = "row9start " + " ".join(["very long notes"] * 3000) + " row9end"
    out = tmp_path / "shots.pdf"
    result = export(project, tmp_path, out)
    assert any(w.startswith("shot 1B-1 (scene 1): notes: too long for one page") for w in result.warnings)
    texts = page_texts(out)
    assert sum("row9start" in t for t in texts) == 1
    assert not any("row9end" in t for t in texts) and any("…" in t for t in texts)


def test_characters_no_font_has_are_warned_about(tmp_path):
    fonts, _ = load_font_set()
    missing: set[str] = set()
    fonts.runs("\U00013000", False, missing)
    assert missing, "an installed font covers Egyptian hieroglyphs; pick another character"
    project = rich_project()
    project.scenes[0].panels[0].action = "Carved: \U00013000"
    result = export(project, tmp_path, tmp_path / "shots.pdf")
    assert [w for w in result.warnings if "U+13000" in w][0].startswith("shot 1A (scene 1): action: no installed font has")


def test_thumbnails_and_as_shot(tmp_path):
    loaded = load_project(EXAMPLE)
    out = tmp_path / "thumbs.pdf"
    result = export(loaded.project, loaded.folder, out, thumbnails=True, as_shot=True, image_cache_dir=tmp_path / "cache")
    assert result.images == 22 and result.warnings == []
    names = {name for page in PdfReader(out).pages for name in page.get("/Resources", {}).get("/XObject", {})}
    assert len(names) >= 10
    text = page_texts(out)[0]
    assert "Frame" in text and "Status" in text and "Cut" in text


def test_columns_and_shoot_order(tmp_path):
    project = rich_project()
    panels = {p.id: p for _, p in project.iter_panels()}
    panels["d"].shoot_order = 1
    out = tmp_path / "shots.pdf"
    export(project, tmp_path, out, columns=("shot", "shoot_order", "action"), order="shoot")
    items = text_items(PdfReader(out).pages[0])
    found = [text for text, _x, _y in items]
    assert "Size" not in found and "Shoot #" in " ".join(found)
    # In shooting order, scene 2's shot 2A comes first (highest on the page).
    y_of = {text.split()[0]: y for text, _x, y in items}
    assert y_of["2A"] > y_of["1A"]
    assert "shooting order" in page_texts(out)[0]


def test_two_exports_are_byte_identical_and_cancel_writes_nothing(tmp_path):
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    export(rich_project(), tmp_path, one)
    export(rich_project(), tmp_path, two)
    assert one.read_bytes() == two.read_bytes()
    result = export_shotlist_pdf(rich_project(), tmp_path, one, ShotListOptions(date=DAY), cancelled=lambda: True)
    assert result.cancelled and one.read_bytes() == two.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.pdf", "two.pdf"]
    seen = []
    export_shotlist_pdf(rich_project(), tmp_path, one, ShotListOptions(date=DAY), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 10) and seen[-1] == (10, 10) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_long_word_and_a_long_heading_never_leave_their_cell(tmp_path):
    project = rich_project()
    project.scenes[0].panels[0].camera.rig = LONG_WORD
    project.scenes[0].heading = "EXT. " + " ".join([LONG_WORD] * 6)
    out = tmp_path / "shots.pdf"
    export(project, tmp_path, out)
    page = PdfReader(out).pages[0]
    width = float(page.mediabox.width)
    assert all(x < width - 28 + 0.5 for _text, x, _y in text_items(page))


# Pagination rules, on made-up heights -----------------------------------------------


def _geometry(room: float) -> TableGeometry:
    return TableGeometry(800, 600, [], [], 10.0, body_top=room + 10.0, body_bottom=10.0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.floats(5, 400), min_size=1, max_size=8), min_size=1, max_size=10))
def test_paginate_never_overflows_orphans_a_header_or_strands_a_subtotal(heights):
    room = 400.0
    geometry = _geometry(room)
    groups = [[LaidRow(0, [], min(h, geometry.max_row_h)) for h in group] for group in heights]
    pages = paginate(groups, geometry)
    placed_rows = [item for page in pages for item in page if item.kind == "row"]
    assert len(placed_rows) == sum(len(g) for g in groups)
    for page in pages:
        assert sum(item.height for item in page) <= room + 1e-6
        assert page[-1].kind != "group"  # a scene header never ends a page
        for before, after in zip(page, page[1:]):
            if before.kind == "group":
                assert after.kind == "row"
        # A page that starts mid-scene repeats the scene's header, marked continued.
        assert page[0].kind == "group"
    subtotals = [(p, i) for p, page in enumerate(pages) for i, item in enumerate(page) if item.kind == "subtotal"]
    assert len(subtotals) == len(groups)
    for p, i in subtotals:
        assert i > 0 and pages[p][i - 1].kind == "row"  # with its scene's last row
    assert GROUP_H > 0 and SUBTOTAL_H > 0
