"""What a card says for a panel with no action or no drawing: the dialogue, speaker first, by one rule
(issue 14, friction 2). Model and export only: no Qt."""

from __future__ import annotations

from PIL import Image, ImageChops

from storyboarder.export.animatic_frames import CARD, FramePainter
from storyboarder.export.timing import Cue
from storyboarder.model import Panel, Scene, card_line, frame_speech, stand_in_text
from storyboarder.model.dialogue import speech_lines, spoken_lines

SPEECH = "MARA (V.O.)\n(quietly)\nDrive.\n\nDEZ: Where?"


def test_speech_lines_name_the_speaker_from_the_dialogue_reading():
    assert spoken_lines(SPEECH) == [("MARA", "Drive."), ("DEZ", "Where?")]
    assert speech_lines(SPEECH) == ["MARA: Drive.", "DEZ: Where?"]
    assert speech_lines("Just a line.") == ["Just a line."]
    assert speech_lines("") == []


def test_a_card_line_is_the_action_else_the_first_speech():
    assert card_line(Panel(action="Mara runs.\nShe stops.", dialogue=SPEECH)) == "Mara runs."
    assert card_line(Panel(dialogue=SPEECH)) == "MARA: Drive."
    assert card_line(Panel()) == ""


def test_an_undrawn_frame_writes_the_speeches_its_card_line_does_not():
    assert frame_speech(Panel(action="Mara runs.", dialogue=SPEECH)) == "MARA: Drive.\nDEZ: Where?"
    assert frame_speech(Panel(dialogue=SPEECH)) == "DEZ: Where?"  # the card line says MARA's
    assert frame_speech(Panel(dialogue="MARA\nDrive.")) == ""
    assert frame_speech(Panel(action="Mara runs.")) == ""


def test_a_stand_in_card_shows_the_dialogue_only_where_no_subtitle_does():
    dialogue_only = Panel(dialogue=SPEECH)
    assert stand_in_text(dialogue_only, subtitled=True) == ""
    assert stand_in_text(dialogue_only, subtitled=False) == "MARA: Drive.\nDEZ: Where?"
    assert stand_in_text(Panel(action="A  wide\nshot", dialogue=SPEECH), subtitled=False) == "A wide shot"


def test_the_animatic_card_without_subtitles_prints_the_dialogue(tmp_path):
    painter = FramePainter.create((480, 270), captions=False)
    scene = Scene(heading="INT. VAN - NIGHT")
    talking, silent = Panel(dialogue=SPEECH), Panel()
    frames = []
    for panel in (talking, silent):
        cue = Cue(scene, panel, "1", "1A", 0, 1000)
        frame, problem = painter.render(tmp_path, cue)
        assert problem is None
        frames.append(frame.convert("RGB"))
    box = ImageChops.difference(*frames).getbbox()
    assert box is not None, "the dialogue is on the card"
    assert box[1] > 270 * 0.4, "under the shot label, where the GIF prints a panel's text"
    assert frames[1].getpixel((240, 200)) == CARD
    assert isinstance(frames[0], Image.Image)
