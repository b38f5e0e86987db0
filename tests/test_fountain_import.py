"""Fountain screenplay import: the fixture, every rule of the spec we rely on, messy files and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import load_project
from storyboarder.io.fountain import ScriptError, parse_fountain, read_fountain, split_heading
from storyboarder.io.script_import import ImportOptions, apply_plan, import_fountain, merge_fountain, plan_import
from storyboarder.model import CastMember, Location, Project

FIXTURE = Path(__file__).parent / "data" / "brick-and-steel.fountain"
FIXTURE_SCENES = [
    "BRICK'S PATIO", "TRAILER HOME", "BRICK'S POOL", "SNIPER SCOPE POV",
    "OPENING TITLES", "WOODEN SHACK", "GARAGE", "PALATIAL MANSION",
]  # fmt: skip


def parse(text: str):
    return parse_fountain(text, "test.fountain")


def imported(text: str, tmp_path: Path, **options) -> tuple[Project, list]:
    script = tmp_path / "script.fountain"
    script.write_text(text, encoding="utf-8")
    project, plan = import_fountain(script, ImportOptions(**options))
    return project, plan.warnings


# The fixture -----------------------------------------------------------------------


def test_fixture_matches_the_shared_copy():
    shared = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "brick-and-steel.fountain"
    if shared.exists():
        assert shared.read_bytes() == FIXTURE.read_bytes()


def test_fixture_gives_its_eight_scenes_in_order_with_title_and_author():
    project, plan = import_fountain(FIXTURE)
    names = [scene.heading.split(". ", 1)[-1].rsplit(" - ", 1)[0] for scene in project.scenes]
    assert names == FIXTURE_SCENES
    assert project.title == "BRICK & STEEL"
    assert (project.writer, project.director) == ("Stu Maschwitz", "")  # Author: is the writer (issue 14, bug 3)
    assert [m.number for m in project.cast] == list(range(1, len(project.cast) + 1))  # bug 7
    patio = project.scenes[0]
    assert (patio.heading, patio.int_ext, patio.time_of_day) == ("EXT. BRICK'S PATIO - DAY", "EXT", "DAY")
    assert project.location_by_id()[patio.location_id].name == "BRICK'S PATIO"
    assert [project.location_by_id()[s.location_id].name for s in project.scenes if s.location_id] == [
        "BRICK'S PATIO", "TRAILER HOME", "BRICK'S POOL", "WOODEN SHACK", "GARAGE", "PALATIAL MANSION",
    ]  # fmt: skip
    # Forced headings name no place: no location "OPENING TITLES".
    assert project.scenes[4].heading == "OPENING TITLES" and project.scenes[4].location_id is None
    # The two headings with no blank line after them are scenes, each with a warning naming its line.
    late = [str(w) for w in plan.warnings if "no blank line after" in str(w)]
    assert len(late) == 2 and "line 13" in late[0] and "line 103" in late[1]


def test_fixture_cast_is_merged_and_stripped():
    project, _ = import_fountain(FIXTURE)
    characters = [member.character for member in project.cast]
    assert characters.count("STEEL") == 1 and characters.count("BRICK") == 1
    assert "I LIKE CHEESE" in characters and "character" in characters and "MR. STEEL" in characters
    assert not any("(" in name or "^" in name for name in characters)


def test_fixture_one_panel_per_scene_holds_the_scene_text():
    project, _ = import_fountain(FIXTURE)
    assert [len(scene.panels) for scene in project.scenes] == [1] * 8
    patio = project.scenes[0].panels[0]
    assert patio.action.startswith("A gorgeous day.")
    assert "STEEL\n(beer raised)\nTo retirement." in patio.dialogue
    assert patio.transition == "SMASH CUT TO:"
    cast = {member.character: member.id for member in project.cast}
    assert set(patio.cast_ids) == {cast["BRICK"], cast["STEEL"]}
    # Emphasis markers are gone, the words stay.
    assert "Steel's face FILLS the Leupold Mark 4 scope" in project.scenes[3].panels[0].action
    assert "Permanently." in project.scenes[1].panels[0].dialogue


def test_fixture_paragraph_mode_and_dual_dialogue_kept_together():
    project, _ = import_fountain(FIXTURE, ImportOptions(panels="paragraph", keep_notes=True))
    patio = project.scenes[0].panels
    assert patio[0].action.startswith("A gorgeous day.")
    assert patio[0].notes == "the day was supposed to be gorgeous right?"
    assert patio[2].dialogue.startswith("BRICK\nHey steel")
    dual = patio[-1]
    assert dual.dialogue == "STEEL\nScrew retirement.\n\nBRICK\nScrew retirement."
    assert len(dual.cast_ids) == 2 and dual.transition == "SMASH CUT TO:"
    assert sum(len(scene.panels) for scene in project.scenes) == 46


def test_notes_are_dropped_unless_kept():
    project, _ = import_fountain(FIXTURE)
    assert all(not panel.notes for _, panel in project.iter_panels())


# Scene headings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "int_ext", "location", "time"),
    [
        ("INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT"),
        ("EXT. PARK - DAY", "EXT", "PARK", "DAY"),
        ("EST. CITY SKYLINE - DAWN", "EXT", "CITY SKYLINE", "DAWN"),
        ("INT./EXT. CAR - MOVING", "INT/EXT", "CAR", "MOVING"),
        ("INT/EXT CAR - DAY", "INT/EXT", "CAR", "DAY"),
        ("I/E TRUCK - NIGHT", "INT/EXT", "TRUCK", "NIGHT"),
        ("int. diner - morning", "INT", "diner", "morning"),
        ("Ext. Garden -- Dusk", "EXT", "Garden", "Dusk"),
        ("INT. HOUSE - KITCHEN - NIGHT", "INT", "HOUSE - KITCHEN", "NIGHT"),
        ("INT. HOUSE - KITCHEN - BY THE SINK", "INT", "HOUSE - KITCHEN - BY THE SINK", ""),
        ("INT. SPACESHIP", "INT", "SPACESHIP", ""),
        ("INT. КУХНЯ — НОЧЬ", "INT", "КУХНЯ", "НОЧЬ"),
    ],
)
def test_every_heading_form_in_any_case(line, int_ext, location, time):
    play = parse(f"{line}\n\nSomething happens.\n")
    assert len(play.scenes) == 1
    heading = play.scenes[0].heading
    assert (heading.text, heading.int_ext, heading.location, heading.time_of_day) == (line, int_ext, location, time)
    assert not play.warnings


def test_words_that_only_start_like_headings_are_action():
    play = parse("INT. A - DAY\n\nINTERNAL affairs call.\n\nEXTRA! EXTRA!\n\nEst. 1920, the bank\nstands.\n")
    assert len(play.scenes) == 1
    assert [b.text for b in play.scenes[0].blocks] == ["INTERNAL affairs call.", "EXTRA! EXTRA!", "Est. 1920, the bank\nstands."]


def test_forced_headings_and_what_is_not_one():
    play = parse("INT. A - DAY\n\n.FLASHBACK\n\nAction.\n\n...and then.\n\n.INT. B - NIGHT\n")
    assert [s.heading.text for s in play.scenes] == ["INT. A - DAY", "FLASHBACK", "INT. B - NIGHT"]
    assert play.scenes[1].heading.forced and play.scenes[1].heading.int_ext == ""
    assert play.scenes[2].heading.int_ext == "INT" and play.scenes[2].heading.location == "B"
    assert play.scenes[1].blocks[1].text == "...and then."


def test_scene_numbers_become_locked_numbers(tmp_path):
    project, _ = imported("INT. A - DAY #12A#\n\nOne.\n\nEXT. B - NIGHT\n\nTwo.\n\n.POV #I-1-A#\n\nThree.\n", tmp_path)
    assert [scene.number for scene in project.scenes] == ["12A", None, "I-1-A"]
    assert project.scenes[0].heading == "INT. A - DAY"
    assert split_heading("EXT. ROOF - NIGHT #110#").number == "110"


def test_heading_without_blank_line_after_is_a_scene_with_a_warning():
    play = parse("INT. A - DAY\nHe waits.\n\nEXT. B - DAY\n\nShe runs.\n")
    assert [s.heading.location for s in play.scenes] == ["A", "B"]
    assert play.scenes[0].blocks[0].text == "He waits."
    assert [w.where for w in play.warnings] == ["line 1"]
    assert "no blank line after" in play.warnings[0].message


def test_capitals_heading_without_blank_line_before_is_a_scene_with_a_warning():
    play = parse("INT. A - DAY\n\nHe leaves.\nEXT. STREET - DAY\n\nRain.\n")
    assert [s.heading.location for s in play.scenes] == ["A", "STREET"]
    assert play.scenes[0].blocks[0].text == "He leaves."
    assert "no blank line before" in play.warnings[0].message and play.warnings[0].where == "line 4"


def test_locations_are_matched_by_name_across_scenes(tmp_path):
    project, _ = imported("INT. HOUSE - DAY\n\nA.\n\nEXT. Park - DAY\n\nB.\n\nINT. house - NIGHT\n\nC.\n", tmp_path)
    assert [location.name for location in project.locations] == ["HOUSE", "Park"]
    assert project.scenes[0].location_id == project.scenes[2].location_id


# Title page ------------------------------------------------------------------------


def test_title_page_values_inline_and_indented():
    play = parse("Title:\n    _**THE HEIST**_\n    A Caper\nCredit: written by\nAuthors: Ana Lima and Bo Chen\nDraft date: 1/1/2026\n\nINT. BANK - DAY\n\nQuiet.\n")
    assert play.title == "THE HEIST" and play.writer == "Ana Lima and Bo Chen" and play.director == ""
    assert play.title_page["draft date"] == "1/1/2026"
    assert play.scenes[0].line == 8


def test_title_page_director_and_writer_are_kept_apart():
    # Issue 14, bug 3: the writer is never taken for the director.
    play = parse("Title: X\nAuthor: Scribe\nDirector: Helmer\n\nINT. A - DAY\n\nx\n")
    assert (play.writer, play.director) == ("Scribe", "Helmer")
    assert parse("Title: X\nWriter: Pen\n\nINT. A - DAY\n\nx\n").writer == "Pen"


def test_fade_in_is_not_a_title_page_and_text_before_the_first_heading_is_reported():
    play = parse("FADE IN:\n\nA voice in the dark.\n\nINT. A - DAY\n\nLight.\n")
    assert play.title_page == {}
    assert [w.where for w in play.warnings] == ["line 3"]
    assert "before the first scene heading" in play.warnings[0].message


def test_merge_keeps_an_existing_title_and_director(tmp_path):
    script = tmp_path / "s.fountain"
    script.write_text("Title: New\nAuthor: Someone\n\nINT. A - DAY\n\nx\n", encoding="utf-8")
    project = small_project()
    # A project with a title and no writer takes only the script's writer; its title and director stay.
    assert merge_fountain(project, script).project_fields == {"writer": "Someone"}
    project.writer = "Kept"
    plan = merge_fountain(project, script)
    assert plan.project_fields == {}
    blank = Project()
    assert merge_fountain(blank, script).project_fields == {"title": "New", "writer": "Someone"}


# Characters and dialogue --------------------------------------------------------------


def test_extensions_are_stripped_and_names_merged(tmp_path):
    text = (
        "INT. A - DAY\n\nMARA (V.O.)\nHello.\n\nMARA (CONT'D)\nStill me.\n\nMara (O.S.)\nnot a cue\n\n"
        "MARA (O.S.) (CONT’D)\nAgain.\n\n@McCLANE\nYippee.\n\n@MCCLANE (V.O.)\nKi-yay.\n\nDEALER #2\nHit me.\n"
    )
    project, _ = imported(text, tmp_path, panels="paragraph")
    assert [member.character for member in project.cast] == ["MARA", "McCLANE", "DEALER #2"]
    dialogue = [panel.dialogue for _, panel in project.iter_panels() if panel.dialogue]
    assert dialogue[0] == "MARA (V.O.)\nHello."
    assert dialogue[1] == "MARA\nStill me."  # CONT'D is noise on a board
    assert dialogue[2] == "MARA (O.S.)\nAgain."
    action = [panel.action for _, panel in project.iter_panels() if panel.action]
    assert action == ["Mara (O.S.)\nnot a cue"]


def test_non_latin_cues_tabs_crlf_and_bom(tmp_path):
    text = "\ufeffTitle: Ночной рынок\r\nAuthor: Анна Ли\r\n\r\nINT. КУХНЯ - НОЧЬ\r\n\r\nМАША\r\n\t(тихо)\r\n\tПривет.\r\n\r\nΑΝΝΑ\r\n\tΓεια.\r\n\r\n@王\r\n你好。\r\n"
    script = tmp_path / "script.fountain"
    script.write_bytes(text.encode("utf-8"))
    project, plan = import_fountain(script, ImportOptions(panels="paragraph"))
    assert project.title == "Ночной рынок" and project.writer == "Анна Ли"
    assert [member.character for member in project.cast] == ["МАША", "ΑΝΝΑ", "王"]
    assert [panel.dialogue for _, panel in project.iter_panels()] == ["МАША\n(тихо)\nПривет.", "ΑΝΝΑ\nΓεια.", "王\n你好。"]
    assert project.locations[0].name == "КУХНЯ" and not plan.warnings


def test_utf16_and_windows_1252_files(tmp_path):
    script = tmp_path / "utf16.fountain"
    script.write_bytes("INT. CAFÉ - DAY\r\n\r\nZOË\r\nBonjour.\r\n".encode("utf-16"))
    assert read_fountain(script).characters == ["ZOË"]
    legacy = tmp_path / "legacy.fountain"
    legacy.write_bytes("INT. CAFÉ - DAY\n\nZOË\nBonjour.\n".encode("cp1252"))
    play = read_fountain(legacy)
    assert play.characters == ["ZOË"] and "Windows-1252" in play.warnings[0].message


def test_dual_dialogue_needs_a_speech_right_before():
    play = parse("INT. A - DAY\n\nBOB\nHi.\n\nAL ^\nHey.\n\nThey stop.\n\nCY^\nAlone.\n")
    blocks = play.scenes[0].blocks
    assert [b.kind for b in blocks] == ["dialogue", "action", "dialogue"]
    assert blocks[0].dual and blocks[0].text == "BOB\nHi.\n\nAL\nHey." and blocks[0].characters == ["BOB", "AL"]
    assert not blocks[2].dual and blocks[2].text == "CY\nAlone."


def test_two_spaces_keep_a_speech_together():
    play = parse("INT. A - DAY\n\nDEAN\nWe're lost.\n  \nCompletely.\n\nA beat.\n")
    assert play.scenes[0].blocks[0].text == "DEAN\nWe're lost.\n\nCompletely."
    assert play.scenes[0].blocks[1].text == "A beat."


def test_shouted_action_and_transitions_are_not_cues():
    play = parse("INT. A - DAY\n\nTHE DOOR EXPLODES.\nEveryone ducks.\n\nCUT TO:\n\nEXT. B - DAY\n\n> FADE TO WHITE.\n\n!SILENCE\nStill.\n")
    blocks = play.scenes[0].blocks
    assert blocks[0].kind == "action" and blocks[0].transition == "CUT TO:"
    assert play.characters == []
    assert play.scenes[1].blocks[0].text == "SILENCE\nStill."


# Boneyard, notes, sections, synopses -------------------------------------------------------


def test_boneyard_is_ignored_even_across_lines_and_headings():
    play = parse("INT. A - DAY\n\nKeep /* drop */this.\n\n/*\nINT. HIDDEN - DAY\n\nGone.\n*/\n\nEXT. B - DAY\n\nShown.\n")
    assert [s.heading.text for s in play.scenes] == ["INT. A - DAY", "EXT. B - DAY"]
    assert play.scenes[0].blocks[0].text == "Keep this."
    assert play.scenes[1].line == 11  # line numbers survive the removal


def test_unclosed_boneyard_is_reported():
    play = parse("INT. A - DAY\n\nOne.\n\n/* forgotten\n\nEXT. B - DAY\n")
    assert len(play.scenes) == 1
    assert play.warnings[0].where == "line 5" and "never closed" in play.warnings[0].message


def test_notes_inline_on_their_own_line_and_across_lines(tmp_path):
    text = (
        "INT. A - DAY\n[[scene note]]\n\nAction [[inline note]] here.\n\n[[standalone\nover two lines]]\n\n"
        "BOB\nHi. [[line note]]\n\nNot [[a note\n\nacross a blank]] line.\n"
    )
    project, _ = imported(text, tmp_path, panels="paragraph", keep_notes=True)
    scene = project.scenes[0]
    assert scene.notes == "scene note"
    assert scene.panels[0].action == "Action here."
    assert scene.panels[0].notes == "inline note\nstandalone\nover two lines"
    assert scene.panels[1].dialogue == "BOB\nHi." and scene.panels[1].notes == "line note"
    assert scene.panels[2].action == "Not [[a note" and scene.panels[3].action == "across a blank]] line."


def test_sections_are_ignored_and_synopses_describe_their_scene(tmp_path):
    text = "# ACT ONE\n\n= The act begins.\n\nINT. A - DAY\n\n= Mara finds the map.\n\nShe reads.\n\n## Sequence\n\n= Section synopsis.\n\nEXT. B - DAY\n\n===\n\nRain.\n"
    project, warnings = imported(text, tmp_path)
    assert [scene.description for scene in project.scenes] == ["Mara finds the map.", ""]
    assert project.scenes[0].panels[0].action == "She reads."
    assert project.scenes[1].panels[0].action == "Rain."
    assert not warnings


def test_escaped_emphasis_stays():
    play = parse("INT. A - DAY\n\nThe sign reads \\*OPEN\\* and **BIG** and _under_ and snake_case_name.\n")
    assert play.scenes[0].blocks[0].text == "The sign reads *OPEN* and BIG and under and snake_case_name."


def test_empty_scene_gets_one_panel(tmp_path):
    project, _ = imported("INT. A - DAY\n\nEXT. B - DAY\n\nx\n", tmp_path, panels="paragraph")
    assert [len(scene.panels) for scene in project.scenes] == [1, 1]


# Refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b'<?xml version="1.0"?>\n<FinalDraft DocumentType="Script">', "Final Draft .fdx"),
        (b"# Shopping\n\n- eggs\n- milk\n\nCall MUM: about Sunday.\n", "no scene headings found"),
        (b"", "no scene headings found"),
        ("JOHN\nHi.\n\nMARY\nHello.\n".encode(), "no scene headings found"),
    ],
)
def test_non_screenplays_are_refused_with_a_clear_message(tmp_path, data, message):
    script = tmp_path / "thing.fountain"
    script.write_bytes(data)
    with pytest.raises(ScriptError) as raised:
        import_fountain(script)
    assert message in str(raised.value) and str(script) in str(raised.value)


def test_hostile_text_is_linear(tmp_path):
    # Many openers with no closer used to be the way to make a note or emphasis scanner quadratic.
    text = "INT. A - DAY\n\n" + "[[" * 200_000 + "\n\n" + "*a" * 200_000 + "\n\n" + "/*" * 100_000 + "\n"
    play = parse(text)
    assert len(play.scenes) == 1


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ScriptError, match="cannot read the file"):
        read_fountain(tmp_path / "nope.fountain")
    with pytest.raises(ScriptError, match="this is a folder"):
        read_fountain(tmp_path)


# Merge into an open project ---------------------------------------------------------------


def test_merge_appends_scenes_and_matches_cast_and_locations(tmp_path):
    project = small_project()
    project.cast.append(CastMember(id="cast-bo", character="Bo (V.O.)"))
    project.locations.append(Location(id="loc-van", name="The Van"))
    script = tmp_path / "more.fountain"
    script.write_text("EXT. NIGHT MARKET - NIGHT\n\nMARA\nRun.\n\nBO\nWait!\n\nINT. THE VAN - NIGHT\n\nZED\nDrive.\n", encoding="utf-8")
    before = len(project.scenes)
    plan = merge_fountain(project, script, ImportOptions(panels="paragraph"))
    assert len(project.scenes) == before  # planning changes nothing
    assert [member.character for member in plan.new_cast] == ["ZED"]
    assert [location.name for location in plan.new_locations] == []
    apply_plan(project, plan)
    new = project.scenes[before:]
    assert [scene.location_id for scene in new] == ["loc-market", "loc-van"]
    assert new[0].panels[0].cast_ids == ["cast-mara"] and new[0].panels[1].cast_ids == ["cast-bo"]
    assert project.cast[-1].character == "ZED" and new[1].panels[0].cast_ids == [project.cast[-1].id]


def test_plan_can_be_applied_to_a_new_project_and_saved(tmp_path):
    play = read_fountain(FIXTURE)
    project = Project()
    apply_plan(project, plan_import(project, play, ImportOptions(panels="paragraph")))
    from storyboarder.io import save_project

    save_project(project, tmp_path)
    loaded = load_project(tmp_path)
    assert len(loaded.project.scenes) == 8 and not loaded.warnings


# The command line ------------------------------------------------------------------------


def test_cli_import_writes_a_project(tmp_path, capsys):
    out = tmp_path / "brick"
    assert main(["import", "fountain", str(FIXTURE), "-o", str(out), "--panels", "paragraph", "--keep-notes"]) == 0
    captured = capsys.readouterr()
    assert "created" in captured.out and "(8 scenes, 46 panels, 11 cast, 6 locations, 2 warnings)" in captured.out
    assert captured.err.count("warning: ") == 2 and "line 13" in captured.err
    assert (out / "images").is_dir()
    project = load_project(out).project
    assert project.title == "BRICK & STEEL" and len(project.scenes) == 8
    assert main(["info", str(out)]) == 0
    assert "scenes:    8" in capsys.readouterr().out


def test_cli_import_refuses_bad_input_and_existing_projects(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("Just some notes.\n")
    assert main(["import", "fountain", str(bad), "-o", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no scene headings found" in err
    assert not (tmp_path / "p").exists()
    main(["new", str(tmp_path / "q")])
    before = tree_digest(tmp_path / "q")
    assert main(["import", "fountain", str(FIXTURE), "-o", str(tmp_path / "q")]) == 2
    assert "a project already exists here" in capsys.readouterr().err
    assert tree_digest(tmp_path / "q") == before
    assert main(["import", "fountain", str(FIXTURE), "-o", str(tmp_path / "r"), "--panels", "shot"]) == 2
    assert "panels: 'shot' is not one of scene, paragraph" in capsys.readouterr().err


def test_noncharacters_in_a_script_are_not_taken_for_the_parsers_own_markers(tmp_path):
    # The parser marks removed notes with U+FDD1 index U+FDD2; a script's own markers named notes that do not exist.
    text = "INT. A - DAY\n\nHello \ufdd1999\ufdd2 there \ufdd1" + "9" * 5000 + "\ufdd2 end \ufdd0.\n"
    project, warnings = imported(text, tmp_path)
    assert project.scenes[0].panels[0].action == "Hello 999 there " + "9" * 5000 + " end ."
    assert [(w.where, w.message) for w in warnings] == [
        ("line 3", "the file holds Unicode noncharacters (U+FDD0 to U+FDEF); they were removed")
    ]
