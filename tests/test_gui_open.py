"""Opening a project in the main window shows its scenes and panels."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from conftest import EXAMPLE, small_project, open_window
from storyboarder.io import save_project, stage_image
from storyboarder.ui.board.item_models import Role
from storyboarder.ui.context import ApplicationContext
from storyboarder.ui.main_window import MainWindow
from storyboarder.ui.settings import Settings


@pytest.fixture
def window(qtbot):
    return open_window(qtbot)


@pytest.fixture
def project_folder(tmp_path):
    project = small_project()
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), "navy").save(buffer, "PNG")
    stage_image(project, project.scenes[0].panels[0], buffer.getvalue())
    project.scenes[0].panels[1].image = "images/missing.png"
    save_project(project, tmp_path)
    return tmp_path


def test_open_shows_scenes_and_the_first_scenes_panels(window, project_folder, qtbot, qtmodeltester):
    assert window.open_project(project_folder)
    assert window.scene_model.rowCount() == 2
    assert window.scene_list.model().index(0, 0).data() == "1  EXT. MARKET - NIGHT"
    grid = window.panel_model
    assert grid.rowCount() == 3
    assert [grid.index(r, 0).data(Role.SHOT) for r in range(3)] == ["1A", "1B", "1C"]
    assert grid.index(0, 0).data(Role.CAMERA_LINE) == "MCU · low · dolly in · 35mm · Cam A"
    assert window.windowTitle().replace("[*]", "") == "Test — Storyboarder"
    assert "2 scenes · 4 panels · 4 shots" in window.summary.text()
    qtmodeltester.check(window.scene_model)
    qtmodeltester.check(window.panel_model)


def test_clicking_a_scene_shows_its_panels(window, project_folder, qtbot):
    window.open_project(project_folder)
    rect = window.scene_list.visualRect(window.scene_model.index(1, 0))
    qtbot.mouseClick(window.scene_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel_model.rowCount() == 1
    assert window.panel_model.index(0, 0).data(Role.SHOT) == "2A"


def test_thumbnails_arrive_and_broken_images_get_a_placeholder(window, project_folder, qtbot):
    window.open_project(project_folder)
    window.grab()  # painting asks for thumbnails
    good = window.panel_model.index(0, 0).data(Role.IMAGE)
    with qtbot.waitSignal(window.thumbnails.ready, timeout=10000, check_params_cb=lambda p: p == good, raising=True):
        window.grab()
    pixmap = window.thumbnails.pixmap(good)
    assert pixmap is not None and pixmap.width() == 320
    qtbot.waitUntil(lambda: bool(window.thumbnails.problem("images/missing.png")), timeout=10000)
    assert "missing" in window.thumbnails.problem("images/missing.png")


def test_zoom_slider_resizes_the_thumbnails(window, project_folder):
    window.open_project(project_folder)
    index = window.panel_model.index(0, 0)
    before = window.grid.visualRect(index).width()
    window.zoom.setValue(window.zoom.maximum())
    window.grid.doItemsLayout()
    assert window.grid.visualRect(index).width() > before


def test_a_broken_project_shows_a_message_and_keeps_the_current_one(window, project_folder, tmp_path_factory, dialogs):
    window.open_project(project_folder)
    broken = tmp_path_factory.mktemp("broken")
    (broken / "project.json").write_text("{ not json")
    assert not window.open_project(broken)
    assert dialogs[0][0] == "critical" and "project.json: line 1 column 3" in dialogs[0][2]
    assert window.project.title == "Test"


def test_geometry_and_zoom_survive_a_restart(qtbot, project_folder):
    settings = Settings()
    first = MainWindow(ApplicationContext(settings))
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.zoom.setValue(300)
    first.close()
    second = open_window(qtbot)
    assert second.zoom.value() == 300
    assert second.size().toTuple() == (760, 520)


def test_bundled_example_opens_without_warnings(window, dialogs):
    assert window.open_project(EXAMPLE), dialogs
    assert window.scene_model.rowCount() >= 3
    assert window.statusBar().currentMessage() == ""
