"""Play mode: the boards step by at their durations; space pauses, arrows step, Escape returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from conftest import EXAMPLE, small_project, window_on, open_window
from storyboarder.model import Panel
from storyboarder.ui.actions import ActionId
from storyboarder.ui.play.play_view import subtitle


@pytest.fixture
def window(qtbot, tmp_path):
    project = small_project()
    for _scene, panel in project.iter_panels():
        panel.duration_ms = 120
    return window_on(qtbot, tmp_path / "film", project)


def test_play_from_the_selected_panel_through_the_scenes(qtbot, window):
    window.grid.select_rows([1])
    shown = []
    window.player.panelShown.connect(lambda scene, panel: shown.append(panel.id))
    window.action(ActionId.PLAY).trigger()
    assert window.central.currentWidget() is window.player
    assert window.player.playing and shown == ["p1-1"]
    with qtbot.waitSignal(window.player.panelShown, timeout=3000):
        pass
    with qtbot.waitSignal(window.player.panelShown, timeout=3000):
        pass
    assert shown == ["p1-1", "p1-2", "p2-0"]  # on into the next scene
    # Escape lands back on the board with the last panel shown selected.
    qtbot.keyClick(window.player, Qt.Key.Key_Escape)
    assert window.central.currentWidget() is window.board_tabs
    assert window.current_scene() is window.project.scenes[1]
    assert window.grid.selected_rows() == [0]


def test_space_pauses_and_arrows_step(qtbot, window):
    window.grid.select_rows([0])
    window.play()
    player = window.player
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert not player.playing
    with qtbot.assertNotEmitted(player.panelShown, wait=400):
        pass
    qtbot.keyClick(player, Qt.Key.Key_Right)
    assert player.sequence[player.position][1].id == "p1-1" and not player.playing
    qtbot.keyClick(player, Qt.Key.Key_Left)
    qtbot.keyClick(player, Qt.Key.Key_Left)
    assert player.position == 0
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.playing
    with qtbot.waitSignal(player.panelShown, timeout=3000) as blocker:
        pass
    assert blocker.args[1].id == "p1-1"


def test_the_end_stops_and_space_starts_over(qtbot, window):
    window.navigator.show_scene(window.project.scenes[1])
    window.grid.select_rows([0])
    window.play()
    player = window.player
    qtbot.waitUntil(lambda: not player.playing, timeout=3000)
    assert player.position == len(player.sequence) - 1
    with qtbot.waitSignal(player.panelShown, timeout=1000) as blocker:
        qtbot.keyClick(player, Qt.Key.Key_Space)
    assert blocker.args[1].id == "p1-0" and player.playing


def test_subtitles_name_the_speaker():
    assert subtitle(Panel(dialogue="MARA\nDrive.")) == "MARA: Drive."
    assert subtitle(Panel(dialogue="JUNO: Кто там?\n\nMARA\n(quietly)\nGo.")) == "JUNO: Кто там?\nMARA: (quietly) Go."
    assert subtitle(Panel(dialogue="")) == ""


def test_playing_the_example_shows_its_drawings(qtbot, tmp_path):
    win = open_window(qtbot, EXAMPLE, (1000, 640))
    win.play()
    win.player.halt()
    player = win.player
    path = player.sequence[0][1].image
    qtbot.waitUntil(lambda: player.images.pixmap(path) is not None, timeout=5000)
    image = player.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.lightness() > 60  # a drawing on white paper, not the empty dark stage
