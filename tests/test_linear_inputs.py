"""Inputs that used to take quadratic time: long runs of blanks in a screenplay, long unbroken words on a call sheet.

No test here times anything. The screenplay tests parse inputs far past the
size where the old regular expressions needed hours (320,000 spaces took
191 s), so a regression ends in the suite's timeout; the property tests
prove the linear patterns find exactly what the old ones found. The call
sheet tests count the work (width measurements, paragraph layouts) at
doubling sizes and require it to grow at most linearly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont
from test_call_sheet_pdf import squeeze, texts

from storyboarder.export.call_sheet_options import CallSheetOptions
from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
from storyboarder.io import fountain, fountain_text, load_project
from storyboarder.io.fountain import parse_fountain, split_heading
from storyboarder.model import Project

# The patterns before they were made linear: the reference the new ones must agree with.
_OLD_SCENE_NUMBER = re.compile(r"\s*#([^#\s]{1,20})#\s*$")
_OLD_NOTE_SEAM = re.compile(f"([ \\t]*){fountain_text._NOTE_OPEN}\\d+{fountain_text._NOTE_CLOSE}([ \\t]*)")

BLANKS = 1_000_000  # three times the 320,000: hours with the old patterns, a fraction of a second now


# Fountain ---------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", [" ", "\t", " \t", "\u00a0"])
def test_a_heading_with_a_long_run_of_blanks_parses(blank):
    run = (blank * BLANKS)[:BLANKS]
    play = parse_fountain(f"INT. X{run}y - DAY\n\nAction.\n", "long.fountain")
    heading = play.scenes[0].heading
    assert (heading.int_ext, heading.location, heading.time_of_day, heading.number) == ("INT", "X y", "DAY", None)


def test_a_numbered_heading_with_long_runs_of_blanks_keeps_its_number():
    run = " " * BLANKS
    heading = split_heading(f"EXT. ROOF{run}- NIGHT{run}#12A#{run}")
    assert (heading.location, heading.time_of_day, heading.number) == ("ROOF", "NIGHT", "12A")
    # A number that is not at the end is text, however many blanks come after it.
    heading = split_heading(f"INT. X{run}#1#{run}y - DAY")
    assert heading.number is None and heading.location == "X #1# y"


def test_forced_and_int_ext_headings_with_long_runs_of_blanks_parse():
    run = "\t" * BLANKS
    play = parse_fountain(f"INT. A - DAY\n\n.POV{run}SCOPE\n\nOne.\n\nINT.{run}/ EXT CAR - DAY\n\nTwo.\n", "long.fountain")
    assert [scene.heading.text for scene in play.scenes] == ["INT. A - DAY", "POV SCOPE", "INT. / EXT CAR - DAY"]
    assert play.scenes[2].heading.int_ext == "INT/EXT"


def test_a_line_with_a_note_after_a_long_run_of_blanks_parses():
    run = " " * BLANKS
    play = parse_fountain(f"INT. A - DAY\n\nShe waits{run}[[beat]] and goes.\n\nThen{run}/* cut */ runs.\n", "long.fountain")
    blocks = play.scenes[0].blocks
    assert blocks[0].text == "She waits and goes." and blocks[0].notes == ["beat"]
    assert blocks[1].text.startswith("Then") and blocks[1].text.endswith(" runs.")


_HEADING_PIECES = st.lists(st.sampled_from([" ", "\t", "\u00a0", "#", "1", "12A", "A", "-", "x" * 21, "\n"]), max_size=14)


@settings(max_examples=400, deadline=None)
@given(_HEADING_PIECES)
def test_the_scene_number_pattern_finds_what_the_old_one_found(pieces):
    text = "".join(pieces)
    old, new = _OLD_SCENE_NUMBER.search(text), fountain._SCENE_NUMBER.search(text)
    assert (old and (old.start(), old.group(1))) == (new and (new.start(), new.group(1)))


_MARKER = f"{fountain_text._NOTE_OPEN}0{fountain_text._NOTE_CLOSE}"
_SEAM_PIECES = st.lists(st.sampled_from([" ", "\t", "a", _MARKER, fountain_text._NOTE_OPEN, "7", fountain_text._NOTE_CLOSE]), max_size=14)


@settings(max_examples=400, deadline=None)
@given(_SEAM_PIECES)
def test_the_note_seam_pattern_closes_seams_as_the_old_one_did(pieces):
    line = "".join(pieces)
    assert fountain_text._NOTE_SEAM.sub(fountain_text._close_seam, line) == _OLD_NOTE_SEAM.sub(fountain_text._close_seam, line)


# Call sheets ------------------------------------------------------------------------------


@pytest.fixture
def measured(monkeypatch):
    """Count the characters measured for width (every line break costs measurements): the work of a layout."""
    count = [0]
    real = TTFont.stringWidth

    def string_width(self, text, size, encoding="utf8"):
        count[0] += len(text)
        return real(self, text, size, encoding)

    monkeypatch.setattr(TTFont, "stringWidth", string_width)
    return count


def long_word_sheet(length: int) -> Project:
    """The example project with one unbroken word of ``length`` characters in the cells that ran over many pages."""
    project = load_project(EXAMPLE).project
    word = "x" * length
    project.locations[0].name = word  # a table cell
    project.crew[0].name = word  # a cell of the three-column crew list
    project.cast[0].character = word
    project.title = word  # the header, and every page's footer and running header
    return project


def sheet_work(measured, project: Project, out: Path, **callbacks) -> tuple[int, object]:
    measured[0] = 0
    result = export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("day-1",)), **callbacks)
    return measured[0], result


def test_a_long_unbroken_word_costs_linear_work(tmp_path, measured):
    base, _ = sheet_work(measured, long_word_sheet(0), tmp_path / "0.pdf")
    small, _ = sheet_work(measured, long_word_sheet(8_000), tmp_path / "8k.pdf")
    large, result = sheet_work(measured, long_word_sheet(32_000), tmp_path / "32k.pdf")
    # Four times the text, four times the work (and a little for page breaks); before, every page
    # a cell ran onto laid out the whole rest of it again: 6 to 9 times the work.
    assert (large - base) <= 4.8 * (small - base)
    assert result.pages > 20 and squeeze("x" * 200) in squeeze(texts(tmp_path / "32k.pdf")[5])


def test_cancel_is_asked_all_through_a_long_day(tmp_path, measured):
    asked_at: list[int] = []

    def never() -> bool:
        asked_at.append(measured[0])
        return False

    total, _ = sheet_work(measured, long_word_sheet(20_000), tmp_path / "all.pdf", cancelled=never)
    gaps = [b - a for a, b in zip([0, *asked_at], [*asked_at, total])]
    # One day, yet Cancel is asked every few pages and long pieces of text, not once before and once after.
    assert max(gaps) <= total / 10

    out = tmp_path / "sheet.pdf"
    work, result = sheet_work(measured, long_word_sheet(20_000), out, cancelled=lambda: measured[0] > total / 2)
    assert result.cancelled and work < 0.6 * total
    assert sorted(path.name for path in tmp_path.iterdir()) == ["all.pdf"]  # nothing written, no partial file


def test_a_long_word_in_a_fitted_box_is_measured_once(measured):
    from storyboarder.export.fonts import load_font_set
    from storyboarder.export.text_fit import Measurer, Span, TextBlock, fit_blocks

    word = "x" * 100_000
    measured[0] = 0
    fitted = fit_blocks([TextBlock([[Span(word)]])], 120, 600, 8, 6, Measurer(load_font_set(None)[0]))
    lines = [line for _, line in fitted.lines]
    assert len(lines) > 50 and all(run.text.strip("x…") == "" for line in lines for run in line)
    # The word once, then each line's few characters: before, the rest of the word was measured
    # again at every line, at every size tried.
    assert measured[0] < 2 * len(word)


def test_a_long_run_of_combining_marks_is_cut_into_few_pieces(tmp_path):
    # Found by the hostile sweep: cutting a run of marks walked back through the whole run at every cut, to
    # keep the marks with their letter, and cut pieces of one character: 10,000 marks in a title printed 152
    # pages and took 24 s. Now a cut walks back a few marks at most.
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paragraph import Paragraph

    from storyboarder.export.call_sheet_text import PIECE_CHARS, _frag_pieces

    marks = "e" + "\u0301" * 10_000
    frags = Paragraph(marks, ParagraphStyle("plain")).frags
    pieces = _frag_pieces(frags)
    assert len(pieces) <= len(marks) // PIECE_CHARS + 1
    assert "".join(frag.text for piece in pieces for frag in piece) == marks
    # A letter with a mark or two still stays whole across a cut.
    accented = "x" * (PIECE_CHARS - 1) + "e\u0301\u0302" + "y" * 10
    first = "".join(frag.text for frag in _frag_pieces(Paragraph(accented, ParagraphStyle("plain")).frags)[0])
    assert first == "x" * (PIECE_CHARS - 1)
    project = long_word_sheet(0)
    project.title = marks
    result = export_call_sheet_pdf(project, tmp_path / "marks.pdf", CallSheetOptions(day_ids=("day-1",)))
    assert result.pages <= 2
