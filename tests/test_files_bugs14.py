"""Issue 14, bugs 4, 5 and 6: autosave pushes no undo step, the quit prompt names the project, Open Recent keeps relative paths."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from conftest import open_window, small_project
from storyboarder.io import load_project, save_project
from storyboarder.io.recovery import RECOVERY_FILE, load_recovery
from storyboarder.ui import settings as opts
from storyboarder.ui.settings import Settings

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def folder(tmp_path):
    save_project(small_project(), tmp_path / "film")
    return tmp_path / "film"


def draw_first_panel(qtbot, window):
    """Double-click the first panel of the board, as a director opens it to draw."""
    rect = window.grid.visualRect(window.panel_model.index(0, 0))
    # A click, then the double-click event, as a window system sends them.
    qtbot.mouseClick(window.grid.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(window.grid.viewport(), LEFT, pos=rect.center())
    assert window.central.currentWidget() is window.drawing


def drag_stroke(drawing, points) -> None:
    """Press, move and release the mouse over canvas points."""
    view = drawing.view
    at = [view.image_transform().map(QPointF(x, y)).toPoint() for x, y in points]
    QTest.mousePress(view, LEFT, NO_MOD, at[0])
    for point in at[1:]:
        QTest.mouseMove(view, point)
    QTest.mouseRelease(view, LEFT, NO_MOD, at[-1])


def sketch_ink_at(drawing, x: int, y: int) -> int:
    """The sketch layer's opacity at a canvas point (0: nothing drawn there)."""
    return QColor.fromRgba(drawing.stack.images["sketch"].pixel(x, y)).alpha()


# Bug 4 ------------------------------------------------------------------------------------------


def test_autosave_pushes_no_undo_step_and_ctrl_z_undoes_the_stroke(qtbot, folder):
    window = open_window(qtbot, folder, activate=True)
    draw_first_panel(qtbot, window)
    drawing, stack = window.drawing, window.document.undo_stack
    drag_stroke(drawing, [(400 + 20 * i, 500) for i in range(40)])
    assert sketch_ink_at(drawing, 800, 500) > 0
    steps = [stack.text(i) for i in range(stack.count())]
    assert steps == ["Pencil stroke on sketch"]

    window.files.autosave_timer.timeout.emit()  # the autosave timer fires
    qtbot.waitUntil(lambda: (folder / RECOVERY_FILE).exists(), timeout=10000)

    assert [stack.text(i) for i in range(stack.count())] == steps, "autosave must push no undo step"
    # The recovery copy has the drawing anyway: its panel names the new sketch file, which is on disk.
    recovered = load_recovery(folder).project.scenes[0].panels[0]
    assert recovered.layers.get("sketch") and (folder / recovered.layers["sketch"]).is_file()
    assert recovered.image and (folder / recovered.image).is_file()
    assert window.project.scenes[0].panels[0].layers == {}, "the project itself is unchanged by an autosave"

    # Ctrl+Z now takes the stroke away: something visible changes.
    qtbot.keyClick(drawing.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sketch_ink_at(drawing, 800, 500) == 0
    assert stack.index() == 0


def test_a_second_autosave_reuses_the_draft_and_done_commits_it_once(qtbot, folder):
    window = open_window(qtbot, folder, activate=True)
    draw_first_panel(qtbot, window)
    drawing, project = window.drawing, window.project
    drag_stroke(drawing, [(300, 300 + 10 * i) for i in range(30)])
    window.files.autosave_timer.timeout.emit()
    qtbot.waitUntil(lambda: (folder / RECOVERY_FILE).exists(), timeout=10000)
    first = load_recovery(folder).project.scenes[0].panels[0].layers["sketch"]
    window.files.autosave_timer.timeout.emit()
    qtbot.waitUntil(lambda: not project.pending_images.busy(), timeout=10000)
    assert load_recovery(folder).project.scenes[0].panels[0].layers["sketch"] == first, "nothing new to encode"

    # Another stroke makes the old draft's file unneeded by the project.
    drag_stroke(drawing, [(900, 300 + 10 * i) for i in range(30)])
    qtbot.keyClick(drawing.view, Qt.Key.Key_Escape)  # Done
    assert window.central.currentWidget() is not window.drawing
    panel = project.scenes[0].panels[0]
    assert panel.layers["sketch"] != first and panel.layers["sketch"] in project.pending_images
    assert first not in project.pending_images
    qtbot.keyClick(window.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_project(folder).project.scenes[0].panels[0]
    assert saved.layers["sketch"] == panel.layers["sketch"] and (folder / saved.layers["sketch"]).is_file()


# Bug 5 ------------------------------------------------------------------------------------------


def test_the_quit_prompt_names_the_project_as_the_window_title_does(qtbot, tmp_path, dialogs):
    project = small_project()
    project.title = ""
    save_project(project, tmp_path / "lighthouse")
    window = open_window(qtbot, tmp_path / "lighthouse", activate=True)
    assert window.windowTitle().startswith("lighthouse")
    # The export dialogs name their files by the same rule.
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.export_dialog.out.text().endswith("lighthouse shot list.pdf")
    window.export_dialog.reject()
    qtbot.keyClicks(window.navigator.form.heading, " CLIFF")
    window.close()
    questions = [(title, text) for kind, title, text in dialogs if kind == "question"]
    assert questions and questions[-1][0] == "Unsaved changes"
    assert "“lighthouse”" in questions[-1][1] and "Untitled" not in questions[-1][1]


# Bug 6 ------------------------------------------------------------------------------------------


def test_open_recent_keeps_a_project_opened_by_a_relative_path(qtbot, folder, monkeypatch, tmp_path):
    monkeypatch.chdir(folder.parent)
    window = open_window(qtbot, "film")  # storyboarder film, from the folder that holds it
    stored = Settings().get(opts.RECENT_PROJECTS)
    assert stored and os.path.isabs(stored[0]) and os.path.samefile(stored[0], folder)
    window.close()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the next day, started from another folder
    later = open_window(qtbot)
    later.recent_menu.aboutToShow.emit()
    entries = [a for a in later.recent_menu.actions() if a.isEnabled()]
    assert [os.path.samefile(a.text(), folder) for a in entries] == [True]
    entries[0].trigger()
    assert later.folder is not None and os.path.samefile(later.folder, folder)


def test_relative_entries_already_in_the_settings_are_resolved_or_dropped(qtbot, folder, monkeypatch, tmp_path):
    settings = Settings()
    (tmp_path / "gone").mkdir()
    settings.set(opts.RECENT_PROJECTS, ["film", "gone", str(tmp_path / "missing"), str(folder)])
    monkeypatch.chdir(folder.parent)
    recent = settings.recent_projects()
    # "film" is a project from here: kept, made absolute, and listed once; "gone" holds none: dropped.
    # An absolute entry stays even while it is missing (a drive not mounted); the menu leaves it out.
    assert recent == [os.path.abspath(folder), str(tmp_path / "missing")]
    assert settings.get(opts.RECENT_PROJECTS) == recent
