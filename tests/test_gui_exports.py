"""File › Export and File › Import Screenplay, and planning the shooting order, driven from the window."""

from __future__ import annotations

import csv
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit

from conftest import EXAMPLE, small_project, open_window
from storyboarder.io import save_project
from storyboarder.ui.actions import ActionId

FOUNTAIN = __import__("pathlib").Path(__file__).parent / "data" / "brick-and-steel.fountain"


@pytest.fixture
def window(qtbot, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "night-market")
    return open_window(qtbot, tmp_path / "night-market", (1300, 800))


def export_with(qtbot, window, action: ActionId, path, setup=None):
    """Open an export dialog from its menu action, set the path, press Export and wait for the job."""
    window.action(action).trigger()
    dialog = window.export_dialog
    dialog.out.setText(str(path))
    if setup:
        setup(dialog)
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    jobs = []
    dialog.exportStarted.connect(jobs.append)
    with qtbot.waitSignal(dialog.exportStarted, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(jobs[0].finished, timeout=120_000):
        pass


def test_shot_list_csv_has_the_columns_the_tab_shows(qtbot, window, tmp_path, dialogs):
    view = window.shot_list
    view.set_column_visible(window.shot_model.column_of("dialogue"), False)
    out = tmp_path / "shots.csv"
    export_with(qtbot, window, ActionId.EXPORT_SHOTLIST, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert "Dialogue" not in rows[0] and "Shot" in rows[0] and "Lens (mm)" in rows[0]
    assert len(rows) == 1 + sum(len(s.panels) for s in window.project.scenes)
    assert dialogs and dialogs[-1][0] in ("information", "warning") and "shots.csv" in dialogs[-1][2]


def test_shot_list_pdf_for_some_scenes(qtbot, window, tmp_path, dialogs):
    out = tmp_path / "shots.pdf"
    export_with(qtbot, window, ActionId.EXPORT_SHOTLIST, out, lambda d: d.scenes.setText("2"))
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "NOODLE STALL" in text and "ROOFTOP" not in text


def test_a_bad_scene_selection_blocks_the_export(qtbot, window):
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    dialog.scenes.setText("99")
    assert not dialog.export_button.isEnabled() and "99" in dialog.problem.text()


def test_call_sheets_for_the_ticked_days(qtbot, window, tmp_path, dialogs):
    out = tmp_path / "calls.pdf"

    def untick_second(dialog):
        dialog.days.item(1).setCheckState(Qt.CheckState.Unchecked)

    export_with(qtbot, window, ActionId.EXPORT_CALLSHEETS, out, untick_second)
    pages = PdfReader(out).pages
    text = "".join(page.extract_text() for page in pages)
    assert len(pages) == 1
    # Day 2 appears only as the advance schedule, never as a sheet of its own.
    assert "Call sheet · Day 1 of 2" in text and "Call sheet · Day 2 of 2" not in text


def test_animatic_gif_holds_each_panel(qtbot, window, tmp_path, dialogs):
    out = tmp_path / "board.gif"

    def small(dialog):
        dialog.width.setValue(320)
        dialog.scenes.setText("1")

    export_with(qtbot, window, ActionId.EXPORT_ANIMATIC, out, small)
    with Image.open(out) as gif:
        assert gif.n_frames == len(window.project.scenes[0].panels)
        assert gif.size[0] == 320


def test_edit_timeline_reads_back(qtbot, window, tmp_path, dialogs):
    import opentimelineio as otio

    out = tmp_path / "cut.otio"
    export_with(qtbot, window, ActionId.EXPORT_EDIT, out, lambda d: d.width.setValue(640))
    timeline = otio.adapters.read_from_file(str(out))
    clips = list(timeline.find_clips())
    assert len(clips) == sum(len(s.panels) for s in window.project.scenes)
    assert clips[0].name == "1A"


def test_the_edit_dialog_names_the_rate_the_timeline_is_written_at(qtbot, tmp_path, dialogs):
    project = small_project()
    project.fps = 12.0  # no timecode runs at 12: the exporter writes 24 and says so
    save_project(project, tmp_path / "film")
    win = open_window(qtbot, tmp_path / "film")
    win.action(ActionId.EXPORT_EDIT).trigger()
    notes = [label.text() for label in win.export_dialog.findChildren(QLabel)]
    assert any(text.startswith("24 fps (timecode has no 12 fps") for text in notes), notes
    win.export_dialog.reject()


def test_import_a_screenplay_into_the_open_project_is_one_undo_step(qtbot, tmp_path, dialogs):
    save_project(small_project(), tmp_path / "film")
    win = open_window(qtbot, tmp_path / "film")
    win.action(ActionId.IMPORT_SCREENPLAY).trigger()
    dialog = win.import_dialog
    dialog.path.setText(str(FOUNTAIN))
    assert dialog.run_import()
    assert len(win.project.scenes) == 2 + 8
    assert win.project.title == "Test"  # a title already set is kept
    assert any(m.character == "BRICK" for m in win.project.cast)
    assert win.scene_model.rowCount() == 10 and win.shot_list.proxy.rowCount() == 10
    win.undo_action.trigger()
    assert len(win.project.scenes) == 2 and [m.id for m in win.project.cast] == ["cast-mara"]


def test_import_a_screenplay_as_a_new_project(qtbot, tmp_path, dialogs):
    win = open_window(qtbot)
    win.action(ActionId.IMPORT_SCREENPLAY).trigger()
    dialog = win.import_dialog
    dialog.path.setText(str(FOUNTAIN))
    dialog.new.setChecked(True)
    dialog.per_paragraph.setChecked(True)
    assert dialog.run_import()
    assert win.project.title == "BRICK & STEEL" and len(win.project.scenes) == 8
    assert win.folder is None  # saved with Save As


def import_brick_and_steel(qtbot, win):
    """File › Import Screenplay as a user does it: type the file's path, choose a new project, press Import."""
    win.action(ActionId.IMPORT_SCREENPLAY).trigger()
    dialog = win.import_dialog
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(FOUNTAIN))
    qtbot.mouseClick(dialog.new, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert win.project.title == "BRICK & STEEL"


def test_a_screenplays_author_is_its_writer_on_the_title_page_and_in_settings(qtbot, tmp_path, dialogs, monkeypatch):
    # Issue 14, bug 3: "Author: Stu Maschwitz" made him the director, and the PDF said "Directed by".
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    win = open_window(qtbot)
    import_brick_and_steel(qtbot, win)
    assert (win.project.writer, win.project.director) == ("Stu Maschwitz", "")
    seen = {}

    def read_settings():
        dialog = QApplication.activeModalWidget()
        seen["writer"] = dialog.findChild(QLineEdit, "projectWriter").text()
        seen["director"] = dialog.findChild(QLineEdit, "projectDirector").text()
        dialog.reject()

    QTimer.singleShot(0, read_settings)
    win.action(ActionId.PROJECT_SETTINGS).trigger()
    assert seen == {"writer": "Stu Maschwitz", "director": ""}
    out = tmp_path / "board.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), "PDF (*.pdf)"))
    win.action(ActionId.EXPORT_STORYBOARD).trigger()
    dialog = win.export_dialog
    assert dialog.title_page.isChecked()
    with qtbot.waitSignal(dialog.exportStarted, timeout=5000) as started:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(started.args[0].finished, timeout=120_000):
        pass
    title_page = PdfReader(out).pages[0].extract_text()
    assert "Written by Stu Maschwitz" in title_page and "Directed by" not in title_page


def test_imported_cast_are_numbered_in_the_cast_table(qtbot, dialogs):
    # Issue 14, bug 7: the Cast table's # column was empty after a screenplay import.
    win = open_window(qtbot)
    import_brick_and_steel(qtbot, win)
    page = win.production.cast
    win.board_tabs.setCurrentWidget(win.production)
    model = page.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "#"
    numbers = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert numbers == [str(n) for n in range(1, len(win.project.cast) + 1)] and len(numbers) >= 3


def test_a_file_that_is_not_a_screenplay_changes_nothing(qtbot, window, tmp_path, dialogs):
    junk = tmp_path / "photo.fountain"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    before = len(window.project.scenes)
    window.action(ActionId.IMPORT_SCREENPLAY).trigger()
    dialog = window.import_dialog
    dialog.path.setText(str(junk))
    assert not dialog.run_import()
    assert dialogs[-1][0] == "critical" and "photo.fountain" in dialogs[-1][2]
    assert len(window.project.scenes) == before


def test_plan_a_day_drag_a_shot_and_keep_it(qtbot, window):
    project = window.project
    # Two shots of scene 1 share setup and lens so the planner has something to gain.
    panels = project.scenes[0].panels
    panels[2].camera.setup, panels[2].camera.lens_mm = panels[0].camera.setup, panels[0].camera.lens_mm
    window.action(ActionId.PLAN_SHOOTING).trigger()
    dialog = window.plan_dialog
    dialog.unit.setCurrentIndex(0)  # Day 1
    assert "Story order:" in dialog.summary.text() and dialog.shots.count() > 0
    first_label = dialog.order[0].label
    # A drag in the list is a move of rows; the clock and resets follow.
    dialog.shots.model().moveRow(dialog.shots.model().index(0, 0).parent(), 0, dialog.shots.model().index(0, 0).parent(), 3)
    assert dialog.order[0].label != first_label
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    numbered = [p.shoot_order for s in project.scenes[:2] for p in s.panels]
    assert all(n is not None for n in numbered)
    assert window.board_tabs.currentWidget() is window.shot_list
    assert not window.shot_list.tree.header().isSectionHidden(window.shot_model.column_of("shoot_order"))
    window.undo_action.trigger()
    assert all(p.shoot_order is None for s in project.scenes for p in s.panels)


def test_the_plan_dialog_warns_as_the_call_sheet_does_when_the_day_runs_past_its_wrap(qtbot, window):
    from storyboarder.model.call_sheet_warnings import DAY_TOO_LONG, day_warnings

    project = window.project
    window.document.set_field([project.shoot_days[0]], "wrap", "23:00", "wrap")  # 18:30 to 23:00: 4 h 30 min
    window.action(ActionId.PLAN_SHOOTING).trigger()
    dialog = window.plan_dialog
    dialog.unit.setCurrentIndex(0)  # Day 1: 10 h 45 min of shots and resets
    warned = [w.message for w in day_warnings(project, project.shoot_days[0]) if w.kind == DAY_TOO_LONG]
    assert len(warned) == 1 and warned[0] in dialog.warning.text()
    assert dialog.warning.isVisibleTo(dialog)
    dialog.unit.setCurrentIndex(1)  # Day 2 fits its night
    assert not dialog.warning.isVisibleTo(dialog)


def test_export_dialogs_remember_their_options(qtbot, window, tmp_path):
    def choose(dialog):
        dialog.width.setValue(1280)
        qtbot.mouseClick(dialog.captions, Qt.MouseButton.LeftButton)  # on by default: now off

    export_with(qtbot, window, ActionId.EXPORT_ANIMATIC, tmp_path / "cut.gif", choose)
    window.action(ActionId.EXPORT_ANIMATIC).trigger()
    again = window.export_dialog
    assert again.width.value() == 1280 and not again.captions.isChecked()
    assert again.out.text() == str(tmp_path / "cut.gif")
    again.reject()


def test_a_remembered_option_of_the_wrong_kind_shows_the_default(qtbot, window):
    import json

    from storyboarder.ui.exports.export_dialogs import AnimaticExportDialog

    window.context.settings.set(AnimaticExportDialog.option, json.dumps({"kind": "mov", "width": "wide", "captions": "yes"}))
    window.action(ActionId.EXPORT_ANIMATIC).trigger()
    dialog = window.export_dialog
    assert dialog.kind.currentData() == "gif" and dialog.width.value() == 960 and dialog.captions.isChecked()
    dialog.reject()
