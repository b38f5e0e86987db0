"""The one scene-heading parser (model.headings): what it reads, and that every road in reads the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyboarder.io.fountain import split_heading
from storyboarder.model import Location, Project, Scene
from storyboarder.model.headings import HeadingParts, heading_changes, heading_location, parse_heading
from storyboarder.model.scene_facts import int_ext, set_name, time_of_day


def test_a_typed_heading_reads_as_crews_write_it():
    assert parse_heading("EXT. LIGHTHOUSE CLIFF - DAWN") == HeadingParts("EXT", "LIGHTHOUSE CLIFF", "DAWN")
    assert parse_heading("interior  kitchen — night") == HeadingParts("INT", "kitchen", "night")
    assert parse_heading("INT.-EXT. CAR - MOVING") == HeadingParts("INT/EXT", "CAR", "MOVING")
    assert parse_heading("INT. HOUSE - KITCHEN - BY THE SINK") == HeadingParts("INT", "HOUSE - KITCHEN - BY THE SINK", "")
    assert parse_heading("FLASHBACK") == HeadingParts("", "", "")
    assert parse_heading("EXTRA! EXTRA!") == HeadingParts("", "", "")


@given(st.text(alphabet=st.sampled_from(list("INTEXS./ -–—ABCDAYNIGHT#")), max_size=40))
def test_the_import_and_the_call_sheet_read_a_heading_as_the_model_does(text):
    parts = parse_heading(text)
    heading = split_heading(text)
    if "#" not in text:  # the import takes a #12A# scene number off first
        assert (heading.int_ext, heading.location, heading.time_of_day) == parts
    scene = Scene(heading=text)
    assert time_of_day(scene) == " ".join(parts.time_of_day.split()).upper().rstrip(".")
    assert bool(int_ext(scene)) == bool(parts.int_ext)
    if parts.int_ext:
        assert set_name(scene) == parts.place


def test_fields_follow_the_heading_only_while_empty_or_read_from_the_old_heading():
    blank = Scene()
    assert heading_changes(blank, "EXT. LIGHTHOUSE CLIFF - DAWN") == {
        "heading": "EXT. LIGHTHOUSE CLIFF - DAWN", "int_ext": "EXT", "time_of_day": "DAWN"}
    derived = Scene(heading="EXT. CLIFF - DAWN", int_ext="EXT", time_of_day="dawn")
    assert heading_changes(derived, "INT. LIGHTHOUSE - NIGHT") == {
        "heading": "INT. LIGHTHOUSE - NIGHT", "int_ext": "INT", "time_of_day": "NIGHT"}
    # A car shot on a stage: INT chosen in its own box stays when the heading says EXT.
    chosen = Scene(heading="EXT. ROAD - DAY", int_ext="INT", time_of_day="NIGHT")
    assert heading_changes(chosen, "EXT. HIGHWAY - DUSK") == {"heading": "EXT. HIGHWAY - DUSK"}


def test_the_location_follows_the_heading_unless_it_was_chosen_apart():
    cliff, market = Location(id="l1", name="Lighthouse  cliff"), Location(id="l2", name="Night market")
    project = Project(locations=[cliff, market])
    assert heading_location(project, Scene(), "EXT. LIGHTHOUSE CLIFF - DAWN") == (cliff, "LIGHTHOUSE CLIFF")
    assert heading_location(project, Scene(), "EXT. HARBOUR - DAWN") == (None, "HARBOUR")
    assert heading_location(project, Scene(heading="EXT. LIGHTHOUSE CLIFF", location_id="l1"), "EXT. HARBOUR") == (None, "HARBOUR")
    assert heading_location(project, Scene(heading="EXT. STREET", location_id="l2"), "EXT. LIGHTHOUSE CLIFF") is None
