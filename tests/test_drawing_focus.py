"""Drawing gets the window: focus mode hides the docks, the canvas fits, the header names the shot,
and PageDown says when a scene ends before it steps into the next one (issue 14, friction 1)."""

from __future__ import annotations

from conftest import window_on
from PySide6.QtCore import Qt

from storyboarder.model import Panel, Project, Scene


def lighthouse() -> Project:
    scenes = [
        Scene(id="s1", heading="INT. KEEPER'S ROOM - NIGHT", panels=[Panel(id="a1", action="Lamp lit.")]),
        Scene(id="s2", heading="EXT. HARBOUR - NIGHT", panels=[Panel(id="b1", action="Boats.")]),
        Scene(id="s3", heading="EXT. LIGHTHOUSE CLIFF - DAWN",
              panels=[Panel(id=f"c{i}", action=f"Cliff {i}") for i in range(3)]),
        Scene(id="s4", heading="INT. STAIRWELL - DAY", panels=[Panel(id="d1", action="Steps.")]),
    ]
    return Project(title="Lighthouse", scenes=scenes)


def open_lighthouse(qtbot, tmp_path):
    """The project in a window at the default size, active as on a desktop (keys go to it)."""
    window = window_on(qtbot, tmp_path / "p", lighthouse(), size=(1400, 860))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def double_click_panel(qtbot, window, row: int) -> None:
    grid = window.grid
    rect = grid.visualRect(window.panel_model.index(row, 0))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_scene(qtbot, window, row: int) -> None:
    scene_list = window.scene_list
    rect = scene_list.visualRect(window.scene_model.index(row, 0))
    qtbot.mouseClick(scene_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_drawing_hides_the_docks_fits_the_canvas_and_gives_them_back(qtbot, tmp_path):
    window = open_lighthouse(qtbot, tmp_path)
    docks = (window.scene_dock, window.inspector_dock)
    assert all(dock.isVisible() for dock in docks)
    choose_scene(qtbot, window, 2)
    double_click_panel(qtbot, window, 1)
    assert window.central.currentWidget() is window.drawing
    qtbot.waitUntil(lambda: not any(dock.isVisible() for dock in docks))
    view = window.drawing.view
    # The canvas fills the room the docks left: at 1400×860 the 1920-wide canvas shows at over half size
    # (between the docks it was 24%), and it reaches across most of the window.
    qtbot.waitUntil(lambda: view.zoom > 0.5)
    assert view.frame_rect().width() > 0.7 * window.width()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.central.currentWidget() is window.board_tabs
    qtbot.waitUntil(lambda: all(dock.isVisible() for dock in docks))


def test_focus_drawing_is_a_toggle_and_full_screen_is_f11(qtbot, tmp_path):
    window = open_lighthouse(qtbot, tmp_path)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    by_text = {a.text().replace("&", ""): a for a in view_menu.actions()}
    focus = by_text["Focus Drawing"]
    assert focus.isCheckable() and focus.isChecked()
    focus.trigger()  # the user turns focus mode off: drawing keeps the docks
    double_click_panel(qtbot, window, 0)
    assert window.central.currentWidget() is window.drawing
    assert window.scene_dock.isVisible()
    focus.trigger()  # and on again, while drawing
    qtbot.waitUntil(lambda: not window.scene_dock.isVisible())
    full = by_text["Full Screen"]
    assert full.shortcut().toString() == "F11"
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen)


def test_the_drawing_view_names_the_shot_being_drawn(qtbot, tmp_path):
    window = open_lighthouse(qtbot, tmp_path)
    choose_scene(qtbot, window, 2)
    double_click_panel(qtbot, window, 1)
    header = window.drawing.header
    assert header.isVisible()
    assert header.toolTip().startswith("Drawing 3B · Scene 3 EXT. LIGHTHOUSE CLIFF - DAWN")
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_PageDown)
    assert header.toolTip().startswith("Drawing 3C · Scene 3 EXT. LIGHTHOUSE CLIFF - DAWN")


def test_page_down_at_the_end_of_a_scene_says_so_then_steps_into_the_next(qtbot, tmp_path):
    window = open_lighthouse(qtbot, tmp_path)
    project = window.project
    choose_scene(qtbot, window, 2)
    double_click_panel(qtbot, window, 2)
    view, header = window.drawing.view, window.drawing.header
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert window.drawing.panel is project.scenes[2].panels[2], "the first press stays on the scene's last panel"
    assert "End of scene 3 — PageDown again for scene 4" in header.toolTip()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert window.central.currentWidget() is window.drawing
    assert window.drawing.panel is project.scenes[3].panels[0]
    assert window.current_scene() is project.scenes[3]
    assert header.toolTip().startswith("Drawing 4A · Scene 4 INT. STAIRWELL - DAY")
    assert "End of scene" not in header.toolTip()
    # PageUp at a scene's first panel: the same, backwards, landing on the last panel of scene 3.
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert window.drawing.panel is project.scenes[3].panels[0]
    assert "Start of scene 4 — PageUp again for scene 3" in header.toolTip()
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert window.drawing.panel is project.scenes[2].panels[2]
    # The last scene's last panel: nowhere further to go, and it says so.
    choose_scene(qtbot, window, 3)
    double_click_panel(qtbot, window, 0)
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_PageDown)
    assert window.drawing.panel is project.scenes[3].panels[0]
    assert "last scene" in header.toolTip()
    # Told of a scene's end, then back on the board and into the drawing again: it is told afresh.
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_Escape)
    choose_scene(qtbot, window, 2)
    double_click_panel(qtbot, window, 2)
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_PageDown)
    assert "End of scene 3" in header.toolTip()
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_Escape)
    double_click_panel(qtbot, window, 2)
    qtbot.keyClick(window.drawing.view, Qt.Key.Key_PageDown)
    assert window.drawing.panel is project.scenes[2].panels[2], "no leap into scene 4 unannounced"
    assert "End of scene 3" in header.toolTip()


def test_the_drawing_header_is_readable_in_a_grab(qtbot, tmp_path):
    window = open_lighthouse(qtbot, tmp_path)
    choose_scene(qtbot, window, 2)
    double_click_panel(qtbot, window, 0)
    header = window.drawing.header
    assert header.text() == header.toolTip(), "at 1400 px the header is not cut short"
    assert header.fontMetrics().horizontalAdvance(header.text()) <= header.contentsRect().width()
    image = header.grab().toImage()
    colours = {image.pixel(x, image.height() // 2) for x in range(0, image.width(), 2)}
    assert len(colours) > 2, "the header paints its text"
