"""Dialogue-only panels are not blank: board cards print who says what, and play mode shows the
animatic's text card where a panel has no drawing (issue 14, friction 2)."""

from __future__ import annotations

from conftest import window_on
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor

from storyboarder.export.animatic_frames import CARD
from storyboarder.model import Panel, Project, Scene
from storyboarder.ui.board.item_models import Role


def talk_scene() -> Project:
    panels = [
        Panel(id="p0", action="Mara slams the van door."),
        Panel(id="p1", dialogue="MARA\nDrive."),
        Panel(id="p2"),
    ]
    return Project(title="Van", scenes=[Scene(id="s1", heading="INT. VAN - NIGHT", panels=panels)])


def card_text_rect(window, row: int) -> QRect:
    """Where a card prints its action line: the third line under the frame."""
    rect = window.grid.visualRect(window.panel_model.index(row, 0))
    frame = window.delegate.frame_size()
    line = window.grid.fontMetrics().lineSpacing()
    top = rect.top() + 8 + frame.height() + 4 + 2 * line
    return QRect(rect.left() + 8, top, frame.width(), line)


def ink_in(image, rect: QRect) -> int:
    """How many pixels of a rectangle differ from its top-left corner (the card's background)."""
    background = image.pixelColor(rect.topLeft())
    return sum(
        1
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1, 2)
        if image.pixelColor(x, y) != background
    )


def test_a_dialogue_only_card_prints_the_speaker_and_line(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", talk_scene(), size=(1400, 860))
    model = window.panel_model
    assert model.data(model.index(1, 0), Role.ACTION_LINE) == "MARA: Drive."
    assert model.data(model.index(0, 0), Role.ACTION_LINE) == "Mara slams the van door."
    assert "MARA: Drive." in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    image = window.grid.viewport().grab().toImage()
    # The dialogue card has ink where the action would be; the empty panel's stays blank.
    assert ink_in(image, card_text_rect(window, 1)) > 20
    assert ink_in(image, card_text_rect(window, 2)) == 0


def test_typing_dialogue_into_an_empty_panel_shows_on_its_card(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", talk_scene(), size=(1400, 860))
    window.grid.select_rows([2])
    window.document.set_field([window.project.scenes[0].panels[2]], "dialogue", "DEZ: Where?", "dialogue")
    assert window.panel_model.data(window.panel_model.index(2, 0), Role.ACTION_LINE) == "DEZ: Where?"


def test_play_mode_shows_a_text_card_for_a_panel_without_drawing(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p", talk_scene(), size=(1400, 860))
    window.grid.select_rows([1])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    assert window.central.currentWidget() is window.player
    player = window.player
    qtbot.keyClick(player, Qt.Key.Key_Space)  # pause on the dialogue panel
    assert player.sequence[player.position][1].id == "p1"
    # Play mode has the window to itself (the docks step aside).
    qtbot.waitUntil(lambda: player.width() > 1200)
    image = player.grab().toImage()
    card = QColor(*CARD)
    # A card of the GIF's grey stands where the drawing would, in the project's frame, not a dark stage
    # reading "no image".
    width, height = image.width(), image.height()
    area_w, area_h = width - 32, height - 32 - 28
    card_h = min(area_w / window.project.aspect_ratio, area_h)
    cx, cy = width / 2, 16 + area_h / 2
    top_band = int(cy - 0.38 * card_h)
    assert image.pixelColor(int(cx), top_band) == card
    greys = sum(1 for x in range(0, width, 4) if image.pixelColor(x, top_band) == card)
    assert greys > 0.5 * width / 4
    # The shot label is written on it.
    label_row = int(cy - 0.2 * card_h)
    assert any(image.pixelColor(x, label_row) != card for x in range(int(cx - 40), int(cx + 40)))


def test_an_undrawn_frame_shows_its_panels_dialogue(qtbot, tmp_path):
    project = talk_scene()
    project.scenes[0].panels[0].dialogue = "MARA\nDrive.\n\nDEZ: Where?"  # action and dialogue, no drawing
    window = window_on(qtbot, tmp_path / "p", project, size=(1400, 860))
    assert window.panel_model.data(window.panel_model.index(0, 0), Role.SPEECH) == "MARA: Drive.\nDEZ: Where?"
    image = window.grid.viewport().grab().toImage()
    frame = window.delegate.frame_size()

    def frame_rect(row: int) -> QRect:
        rect = window.grid.visualRect(window.panel_model.index(row, 0))
        return QRect(rect.left() + 8 + 10, rect.top() + 8 + 8, frame.width() // 2, frame.height() // 4)

    def dark(rect: QRect) -> int:
        return sum(1 for y in range(rect.top(), rect.bottom()) for x in range(rect.left(), rect.right())
                   if image.pixelColor(x, y).lightness() < 128)

    # The frame's top-left quarter holds the two speeches in dark ink; an empty panel's holds only its faint
    # cross, and so does a one-line dialogue panel's, whose card line already says it.
    assert dark(frame_rect(0)) > 40
    assert dark(frame_rect(1)) == 0
    assert dark(frame_rect(2)) == 0
