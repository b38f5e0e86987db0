"""The editor driven the way a director drives it: clicks, keys, drags, undo and files."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import fill_save_as_dialog, open_window, small_project
from storyboarder.io import add_image_later, dumps, load_project, save_project, stage_image
from storyboarder.ui.actions import ActionId
from storyboarder.ui.board.item_models import Role


@pytest.fixture
def folder(tmp_path):
    project = small_project()
    save_project(project, tmp_path / "film")
    return tmp_path / "film"


def make_window(qtbot, path=None):
    return open_window(qtbot, path, activate=True)


@pytest.fixture
def window(qtbot, folder):
    return make_window(qtbot, folder)


def shots(window):
    model = window.panel_model
    return [model.index(r, 0).data(Role.SHOT) for r in range(model.rowCount())]


def click_panel(qtbot, window, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = window.grid.visualRect(window.panel_model.index(row, 0))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def type_text(widget, text):
    """Type any text, as an input method delivers it (QTest only types Latin keys)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def answer(monkeypatch, button):
    """Make the next QMessageBox.question answer with ``button``."""
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def drag(qtbot, monkeypatch, view, start: QPoint, end: QPoint, target=None):
    """A mouse drag: press and move on ``view`` until it starts its own drag, then drop on ``target``.

    The offscreen platform has no drag loop (QDrag.exec returns at once), so
    only that loop is replaced: the view decides from real mouse events to
    start a drag, its model packs the selection, and the drop arrives as the
    enter, move and drop events a window system would send.
    """
    target = target or view

    def start_drag(self, supported_actions):
        started.append((self.model().mimeData(self.selectionModel().selectedIndexes()), supported_actions,
                        self.defaultDropAction()))

    started = []
    monkeypatch.setattr(type(view), "startDrag", start_drag)
    viewport = view.viewport()
    # A press right after a click would count as a double-click.
    QTest.qWait(QApplication.doubleClickInterval() + 50)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 8):
        if started:
            break  # from here on, the drag loop has the mouse
        QTest.mouseMove(viewport, start + QPoint(step * 6, step * 2))
    assert started, "the view never started a drag"
    data, supported_actions, default_action = started[0]
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event_type in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        event = event_type(end, supported_actions, data, buttons, mods)
        # The view's own default: a drag of panels moves them.
        event.setDropAction(default_action)
        QApplication.sendEvent(target.viewport(), event)
        if event_type is QDragMoveEvent:
            assert event.isAccepted(), "the target refused the drag"
    # A window system's drag loop swallows the release, so the view never sees it.


def test_create_scene_and_panels_then_undo(window, qtbot):
    scenes_before = window.scene_model.rowCount()
    window.action(ActionId.ADD_SCENE).trigger()
    assert window.scene_model.rowCount() == scenes_before + 1
    assert window.current_scene() is window.project.scenes[1]
    click_panel(qtbot, window, 0)
    window.action(ActionId.INSERT_AFTER).trigger()
    window.action(ActionId.INSERT_AFTER).trigger()
    assert window.panel_model.rowCount() == 3
    assert shots(window) == ["2A", "2B", "2C"]
    assert window.isWindowModified() and window.windowTitle().replace("[*]", "") == "Test — Storyboarder"
    for _ in range(3):
        window.undo_action.trigger()
    assert window.scene_model.rowCount() == scenes_before
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.scene_model.rowCount() == scenes_before + 1


def test_typing_a_scene_heading_is_one_undo_step(window, qtbot):
    heading = window.navigator.form.heading
    heading.setFocus()
    heading.selectAll()
    qtbot.keyClicks(heading, "EXT. ROOFTOP - NIGHT")
    assert window.project.scenes[0].heading == "EXT. ROOFTOP - NIGHT"
    assert window.scene_model.index(0, 0).data() == "1  EXT. ROOFTOP - NIGHT"
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.project.scenes[0].heading == "EXT. MARKET - NIGHT"
    assert heading.text() == "EXT. MARKET - NIGHT"


def test_keyboard_navigation_and_multi_select(window, qtbot):
    click_panel(qtbot, window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)
    assert window.grid.current_row() == 1
    qtbot.keyClick(window.grid, Qt.Key.Key_End)
    assert window.grid.current_row() == 2
    qtbot.keyClick(window.grid, Qt.Key.Key_Home)
    assert window.grid.current_row() == 0
    click_panel(qtbot, window, 2, Qt.KeyboardModifier.ShiftModifier)
    assert window.grid.selected_rows() == [0, 1, 2]
    click_panel(qtbot, window, 1, Qt.KeyboardModifier.ControlModifier)
    assert window.grid.selected_rows() == [0, 2]
    assert [p.id for p in window.inspector.panels] == ["p1-0", "p1-2"]


def test_reorder_panels_with_a_real_drag(window, qtbot, monkeypatch):
    grid = window.grid
    click_panel(qtbot, window, 0)
    start = grid.visualRect(window.panel_model.index(0, 0)).center()
    last = grid.visualRect(window.panel_model.index(2, 0))
    end = QPoint(last.right() - 4, last.center().y())
    drag(qtbot, monkeypatch, grid, start, end)
    assert [p.id for p in window.current_scene().panels] == ["p1-1", "p1-2", "p1-0"]
    assert window.document.undo_stack.undoText() == "Move panel"
    window.undo_action.trigger()
    assert [p.id for p in window.current_scene().panels] == ["p1-0", "p1-1", "p1-2"]


def test_drag_panels_onto_another_scene(window, qtbot, monkeypatch):
    click_panel(qtbot, window, 0)
    click_panel(qtbot, window, 1, Qt.KeyboardModifier.ShiftModifier)
    start = window.grid.visualRect(window.panel_model.index(0, 0)).center()
    end = window.scene_list.visualRect(window.scene_model.index(1, 0)).center()
    drag(qtbot, monkeypatch, window.grid, start, end, target=window.scene_list)
    first, second = window.project.scenes
    assert [p.id for p in first.panels] == ["p1-2"]
    assert [p.id for p in second.panels] == ["p2-0", "p1-0", "p1-1"]
    assert window.current_scene() is second
    window.undo_action.trigger()
    assert [p.id for p in first.panels] == ["p1-0", "p1-1", "p1-2"]


def test_reorder_scenes_by_dragging_in_the_navigator(window, qtbot, monkeypatch):
    window.action(ActionId.ADD_SCENE).trigger()
    headings = [s.heading for s in window.project.scenes]
    scene_list = window.scene_list
    window.navigator.list.select_scene(0)
    start = scene_list.visualRect(window.scene_model.index(0, 0)).center()
    last = scene_list.visualRect(window.scene_model.index(2, 0))
    end = QPoint(last.center().x(), last.bottom() - 1)
    drag(qtbot, monkeypatch, scene_list, start, end)
    assert [s.heading for s in window.project.scenes] == [headings[1], headings[2], headings[0]]
    assert window.scene_model.index(2, 0).data(Role.SCENE_NUMBER) == "3"
    assert window.current_scene() is window.project.scenes[2], [s.heading for s in window.project.scenes]
    assert window.panel_model.index(0, 0).data(Role.SHOT) == "3A"
    window.undo_action.trigger()
    assert [s.heading for s in window.project.scenes] == headings


def test_delete_duplicate_and_shot_numbers(window, qtbot):
    click_panel(qtbot, window, 1)
    window.action(ActionId.DUPLICATE).trigger()
    assert window.panel_model.rowCount() == 4 and window.grid.selected_rows() == [2]
    assert window.current_scene().panels[2].action == window.current_scene().panels[1].action
    assert window.current_scene().panels[2].id != window.current_scene().panels[1].id
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert window.panel_model.rowCount() == 3
    assert shots(window) == ["1A", "1B", "1C"]


def test_copy_and_paste_between_two_windows(window, qtbot, tmp_path):
    other_folder = tmp_path / "other"
    project = small_project()
    project.title = "Other"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "red").save(buffer, "PNG")
    stage_image(project, project.scenes[0].panels[0], buffer.getvalue())
    save_project(project, other_folder)
    source = make_window(qtbot, other_folder)
    click_panel(qtbot, source, 0)
    source.grid.setFocus()
    qtbot.keyClick(source.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().mimeData().hasFormat("application/x-storyboarder-panels+json")

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_panel(qtbot, window, 2)
    qtbot.keyClick(window.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = window.current_scene().panels[3]
    assert pasted.action == "Mara runs, beat 0" and pasted.id != "p1-0"
    assert pasted.image in window.project.pending_images
    window.files.save()
    reopened = load_project(window.folder)
    assert (window.folder / reopened.project.scenes[0].panels[3].image).is_file()
    assert reopened.warnings == []


def test_pasting_hostile_clipboard_data_pastes_nothing_and_says_where(window, qtbot, dialogs):
    payload = {
        "format": "storyboarder-panels",
        "version": 1,
        "panels": [{"panel": {"action": "Mara runs", "image": "../../etc/passwd"}, "image_data": None, "image_ext": ""}],
    }
    mime = QMimeData()
    mime.setData("application/x-storyboarder-panels+json", json.dumps(payload).encode())
    QApplication.clipboard().setMimeData(mime)
    before = window.document.undo_stack.count()
    click_panel(qtbot, window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.panel_model.rowCount() == 3
    assert window.document.undo_stack.count() == before
    ((kind, title, text),) = dialogs
    assert (kind, title) == ("warning", "Cannot paste panels")
    assert "clipboard: panels[0].panel.image: the image path '../../etc/passwd' contains '..'" in text


def _png(path, color="white", size=(640, 360)):
    Image.new("RGB", size, color).save(path)
    return path


def test_dropping_image_files_makes_one_panel_each_and_reports_bad_ones(window, qtbot, tmp_path, dialogs):
    good = [_png(tmp_path / "a.png"), _png(tmp_path / "b.jpg", "blue", (4000, 2000))]
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in (good[0], bad, good[1])])
    target = window.grid.visualRect(window.panel_model.index(1, 0)).center()
    # A drop from a file manager: enter, move, drop, as the window system sends them.
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(window.document.undo_stack.indexChanged, timeout=30000):
        for event_type in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
            QApplication.sendEvent(window.grid.viewport(), event_type(target, actions, data, buttons, mods))
    assert window.panel_model.rowCount() == 5
    panels = window.current_scene().panels
    imported = [p for p in panels if p.image]
    assert len(imported) == 2
    assert window.document.undo_stack.undoText() == "Import 2 images"
    assert any("notes.png" in text for _kind, _title, text in dialogs)
    # Huge images come in at the working width.
    big = Image.open(io.BytesIO(window.project.pending_images[imported[1].image]))
    assert big.width == 1920


def test_project_settings_are_one_undo_step(window, qtbot, monkeypatch):
    from storyboarder.ui.files.project_dialog import ProjectSettingsDialog

    def fake_exec(dialog):
        dialog.title.setText("Night Market II")
        dialog.aspect.setCurrentIndex(0)
        return True

    monkeypatch.setattr(ProjectSettingsDialog, "exec", fake_exec)
    window.action(ActionId.PROJECT_SETTINGS).trigger()
    assert window.project.title == "Night Market II" and window.project.aspect_ratio == 2.39
    assert window.windowTitle().startswith("Night Market II")
    window.undo_action.trigger()
    assert window.project.title == "Test" and window.project.aspect_ratio == pytest.approx(1.7778)


def test_save_and_reopen_gives_the_same_project(window, qtbot, folder, monkeypatch):
    window.action(ActionId.ADD_SCENE).trigger()
    window.navigator.form.heading.setFocus()
    qtbot.keyClicks(window.navigator.form.heading, "INT. VAN - NIGHT")
    type_text(window.navigator.form.heading, " – Ночь 夜")
    assert window.project.scenes[1].heading.endswith("Ночь 夜")
    expected = dumps(window.project)
    window.action(ActionId.SAVE).trigger()
    assert not window.isWindowModified()
    assert dumps(load_project(folder).project) == expected


def test_save_as_copies_images(window, qtbot, tmp_path, monkeypatch):
    project = window.project
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "green").save(buffer, "PNG")
    stage_image(project, project.scenes[0].panels[0], buffer.getvalue())
    window.files.save()
    target = tmp_path / "copy"
    answered = fill_save_as_dialog(target)
    window.action(ActionId.SAVE_AS).trigger()
    assert len(answered) == 1, answered
    loaded = load_project(target)
    assert loaded.warnings == []
    assert (target / loaded.project.scenes[0].panels[0].image).is_file()
    assert window.folder == target


def test_an_untitled_project_comes_back_after_a_crash_and_saves_with_its_images(qtbot, tmp_path, monkeypatch):
    from storyboarder.io.recovery import write_recovery

    root = tmp_path / "app-data" / "recovery"
    monkeypatch.setattr("storyboarder.ui.files.project_files.recovery_root", lambda: root)
    crashed = small_project()
    crashed.title = "Never saved"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "orange").save(buffer, "PNG")
    image = stage_image(crashed, crashed.scenes[0].panels[0], buffer.getvalue())
    write_recovery(crashed, root / "a1b2c3")
    window = make_window(qtbot)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)

    assert window.files.offer_untitled_recovery()  # what start-up does without a project to open

    assert asked == ["Recover unsaved work?"]
    assert window.project.title == "Never saved" and window.folder is None
    assert window.isWindowModified()
    target = tmp_path / "saved"
    target.mkdir()  # an empty folder takes the project
    answered = fill_save_as_dialog(target)
    window.action(ActionId.SAVE).trigger()
    assert len(answered) == 1, answered
    loaded = load_project(target)
    assert loaded.warnings == [] and loaded.project.title == "Never saved"
    assert (target / image).read_bytes() == buffer.getvalue()
    assert not (root / "a1b2c3").exists(), "the recovery copy goes once the project is saved"


def test_autosave_waits_for_a_drawing_being_encoded_without_blocking(window, qtbot, folder):
    from concurrent.futures import Future

    from storyboarder.io.recovery import RECOVERY_FILE

    project = window.project
    panel = project.scenes[0].panels[0]
    promise: Future[bytes] = Future()
    path = add_image_later(project, panel, promise, "png", layer="ink")
    window.action(ActionId.ADD_SCENE).trigger()
    assert window.files.autosave() is None  # not now: the image is not ready
    assert not (folder / RECOVERY_FILE).exists()
    buffer = io.BytesIO()
    Image.new("RGBA", (16, 9), (0, 0, 0, 255)).save(buffer, "PNG")
    promise.set_result(buffer.getvalue())
    qtbot.waitUntil(lambda: (folder / RECOVERY_FILE).exists(), timeout=5000)
    assert (folder / path).read_bytes() == buffer.getvalue()


def test_recovery_after_a_crash(qtbot, folder, monkeypatch):
    crashed = make_window(qtbot, folder)
    crashed.action(ActionId.ADD_SCENE).trigger()
    assert crashed.files.autosave() is not None
    assert json.loads((folder / "project.json").read_text())["scenes"].__len__() == 2
    # The crash: the window is gone without saving or cleaning up.
    crashed.files.autosave_timer.stop()
    crashed.files.locked_folder = None
    # A crashed process's lock names a process that is gone; this one's pid is alive, so the lock goes too.
    (folder / ".storyboarder.lock").unlink()
    crashed.document.undo_stack.setClean()
    crashed.close()

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    restored = make_window(qtbot)
    assert restored.open_project(folder)
    assert asked == ["Recover unsaved work?"]
    assert len(restored.project.scenes) == 3
    assert restored.isWindowModified()


def test_a_bad_file_is_refused_with_a_message(window, tmp_path, dialogs):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "project.json").write_text('{"format": "storyboarder", "version": 1, "scenes": [{"panels": 3}]}')
    assert not window.open_project(tmp_path / "bad")
    assert dialogs[-1][0] == "critical"
    assert "scenes[0].panels: expected a list of objects, found a number" in dialogs[-1][2]
    assert window.project.title == "Test"


def test_closing_with_unsaved_changes_asks(window, qtbot, monkeypatch):
    window.action(ActionId.ADD_SCENE).trigger()
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked == ["Unsaved changes"] and window.isVisible()
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    window.close()
    assert not window.isVisible()
    assert len(load_project(window.folder).project.scenes) == 3


def test_a_second_window_on_the_same_project_is_warned(window, qtbot, folder, dialogs):
    second = make_window(qtbot, folder)
    assert any(title == "Project already open" for _kind, title, _text in dialogs)
    assert second.project.title == "Test"


def test_ctrl_z_in_a_text_field_undoes_the_project_edit(window, qtbot):
    heading = window.navigator.form.heading
    heading.setFocus()
    qtbot.keyClicks(heading, "X")
    assert window.project.scenes[0].heading.endswith("X")
    qtbot.keyClick(heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.scenes[0].heading == "EXT. MARKET - NIGHT"
    assert window.document.undo_stack.index() == 0


def test_double_click_draws_a_panel_and_the_board_gets_the_drawing(window, qtbot, folder):
    grid = window.grid
    first = window.current_scene().panels[0]
    rect = grid.visualRect(window.panel_model.index(0, 0))
    # A double-click is a click followed by a double-click event, as a window system sends it.
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.central.currentWidget() is window.drawing
    view = window.drawing.view
    view.setFocus()
    # A stroke across the middle of the canvas, by mouse.
    width, height = view.width(), view.height()
    points = [QPoint(int(width * (0.3 + 0.4 * i / 20)), int(height * 0.5)) for i in range(21)]
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(view, point)
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
    # Next panel: the first one is committed and the board shows its drawing.
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert window.drawing.panel is window.current_scene().panels[1]
    assert first.image and first.layers, "leaving the panel stores its layers and composite"
    window.drawing.close_drawing()
    assert window.central.currentWidget() is window.board_tabs
    assert window.board_tabs.currentWidget() is window.grid
    window.files.save()
    reopened = load_project(folder)
    again = reopened.project.scenes[0].panels[0]
    assert again.image == first.image and again.layers == first.layers
    assert reopened.warnings == []
