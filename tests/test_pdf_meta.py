"""What every exported PDF says about itself: no unused Helvetica, a real or reproducible date, title and author."""

from __future__ import annotations

import datetime
from pathlib import Path

import pypdf
import pytest

from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.export.storyboard_pdf import export_storyboard_pdf
from storyboarder.io import load_project

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "night-market"
PRINTERS = {
    "storyboard": lambda project, out: export_storyboard_pdf(project, EXAMPLE, out),
    "shot list": lambda project, out: export_shotlist_pdf(project, EXAMPLE, out),
    "call sheets": export_call_sheet_pdf,
}


def fonts(reader: pypdf.PdfReader) -> set[str]:
    found = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def created(reader: pypdf.PdfReader) -> datetime.datetime:
    text = str(reader.metadata["/CreationDate"])  # D:YYYYMMDDHHmmSS+HH'mm'
    stamp = datetime.datetime.strptime(text[2:16], "%Y%m%d%H%M%S")
    sign = -1 if text[16] == "-" else 1
    offset = datetime.timedelta(hours=int(text[17:19]), minutes=int(text[20:22])) if text[16] in "+-" else datetime.timedelta()
    return (stamp - sign * offset).replace(tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("kind", PRINTERS)
def test_each_paper_names_itself_embeds_every_font_it_lists_and_is_dated_now(tmp_path, monkeypatch, kind):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = load_project(EXAMPLE).project
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    PRINTERS[kind](project, tmp_path / "out.pdf")
    after = datetime.datetime.now(datetime.timezone.utc)
    reader = pypdf.PdfReader(tmp_path / "out.pdf")
    listed = fonts(reader)
    assert listed and all("+" in name for name in listed), listed  # subset-embedded TrueType only, no bare Helvetica
    assert reader.metadata["/Title"] == f"Night Market {kind}"
    assert reader.metadata["/Author"] == project.director
    assert before - datetime.timedelta(seconds=1) <= created(reader) <= after


@pytest.mark.parametrize("kind", PRINTERS)
def test_source_date_epoch_fixes_the_date_and_the_bytes(tmp_path, monkeypatch, kind):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    project = load_project(EXAMPLE).project
    PRINTERS[kind](project, tmp_path / "a.pdf")
    PRINTERS[kind](project, tmp_path / "b.pdf")
    assert created(pypdf.PdfReader(tmp_path / "a.pdf")) == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
