"""File › Export › Storyboard PDF driven as a director drives it: menu, presets, preview, export, Cancel.

Waiting is always on a signal (a QEventLoop underneath), never QTest.qWait
or waitUntil, which hold the GIL and starve the export and preview threads.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton

from conftest import EXAMPLE, small_project, open_window
from storyboarder.io import save_project, stage_image
from storyboarder.model import Panel
from storyboarder.ui.exports.export_jobs import default_file_name
from storyboarder.ui.exports.export_storyboard_dialog import PRESETS, ExportStoryboardDialog

PREVIEW_TIMEOUT = 60000


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    """Prepared print images go to a per-test cache, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def window(qtbot):
    return open_window(qtbot, EXAMPLE)


def menu_action(window, *path):
    """Find a menu entry by its visible text, as a user reads the menus."""
    actions = window.menuBar().actions()
    for step in path:
        found = [a for a in actions if a.text().replace("&", "") == step]
        assert found, f"no menu entry {step!r} in {[a.text() for a in actions]}"
        action = found[0]
        actions = action.menu().actions() if action.menu() else []
    return action


def open_dialog(qtbot, window) -> ExportStoryboardDialog:
    """File › Export › Storyboard PDF…, then wait for the first preview."""
    menu_action(window, "File", "Export", "Storyboard PDF…").trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportStoryboardDialog) and dialog.isVisible()
    wait_preview(qtbot, dialog)
    return dialog


def wait_preview(qtbot, dialog):
    with qtbot.waitSignal(dialog.renderer.ready, timeout=PREVIEW_TIMEOUT) as blocker:
        pass
    preview = blocker.args[0]
    # Quick changes make one render; drain until the newest is shown.
    while dialog.renderer.busy():
        with qtbot.waitSignal(dialog.renderer.ready, timeout=PREVIEW_TIMEOUT) as blocker:
            pass
        preview = blocker.args[0]
    return preview


def pixmap_bytes(dialog) -> bytes:
    image = dialog.preview_pixmap().toImage()
    return bytes(image.constBits())


def save_as(monkeypatch, path):
    asked = []

    def get_save_file_name(parent, caption, directory, *args, **kwargs):
        asked.append(directory)
        return str(path), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return asked


def click_export(qtbot, dialog):
    """Press Export… and return the job that runs the export."""
    with qtbot.waitSignal(dialog.exportStarted, timeout=5000) as started:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return started.args[0]


def test_menu_opens_the_dialog_with_a_preview_of_the_real_pdf(window, qtbot):
    dialog = open_dialog(qtbot, window)
    assert not dialog.preview_pixmap().isNull()
    assert dialog.last_preview.error == ""
    assert dialog.summary.text() == "22 panels on 5 pages"  # 3×2 by default, and a title page
    first = dialog.preview_pixmap()
    # A landscape page: wider than tall, as Letter landscape is.
    assert first.width() > first.height()
    dialog.apply_preset("2×3 portrait")
    assert (dialog.columns.value(), dialog.rows.value(), dialog.orientation.currentData()) == (2, 3, "portrait")
    wait_preview(qtbot, dialog)
    portrait = dialog.preview_pixmap()
    assert portrait.height() > portrait.width()
    dialog.reject()


def test_every_preset_sets_its_layout_and_changing_a_value_makes_it_custom(window, qtbot):
    dialog = open_dialog(qtbot, window)
    for preset in PRESETS:
        dialog.apply_preset(preset.name)
        assert dialog.preset.currentText() == preset.name
        assert (dialog.columns.value(), dialog.rows.value()) == (preset.columns, preset.rows)
    assert dialog.chosen_fields() == ("shot", "duration")  # thumbnails print numbers only
    dialog.apply_preset("3×3")
    assert dialog.chosen_fields() == ("shot", "duration", "action", "dialogue", "notes", "camera", "lighting", "sound")
    dialog.apply_preset("4×4 thumbnails")
    dialog.rows.setValue(3)
    assert dialog.preset.currentText() == "Custom"
    dialog.columns.setValue(3)
    dialog.rows.setValue(2)
    dialog.field_boxes["action"].setChecked(True)
    assert dialog.preset.currentText() == "3×2"
    dialog.reject()


def test_the_preview_follows_the_options(window, qtbot):
    dialog = open_dialog(qtbot, window)
    before = pixmap_bytes(dialog)
    dialog.apply_preset("1-up")
    wait_preview(qtbot, dialog)
    one_up = pixmap_bytes(dialog)
    assert one_up != before
    qtbot.keyClicks(dialog.confidential, "CONFIDENTIAL")
    wait_preview(qtbot, dialog)
    assert pixmap_bytes(dialog) != one_up
    # A scene selection that names nothing shows why, and Export waits.
    dialog.scenes.setText("99")
    assert "99" in dialog.preview.text() and dialog.preview_pixmap().isNull()
    assert not dialog.export_button.isEnabled()
    dialog.scenes.setText("2")
    wait_preview(qtbot, dialog)
    assert not dialog.preview_pixmap().isNull() and dialog.export_button.isEnabled()
    dialog.reject()


def test_export_with_a_preset_writes_its_pages_and_offers_to_open_the_pdf(window, qtbot, tmp_path, monkeypatch, dialogs):
    dialog = open_dialog(qtbot, window)
    dialog.apply_preset("4×2")
    dialog.title_page.setChecked(False)
    qtbot.keyClicks(dialog.confidential, "CONFIDENTIAL <&>")
    out = tmp_path / "board.pdf"
    save_as(monkeypatch, out)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: (dialogs.append(("information", title, text)), QMessageBox.StandardButton.Open)[1])
    job = click_export(qtbot, dialog)
    assert not dialog.isVisible()
    with qtbot.waitSignal(job.finished, timeout=PREVIEW_TIMEOUT) as blocker:
        pass
    result, error = blocker.args
    assert error is None and not result.cancelled
    reader = PdfReader(out)
    assert len(reader.pages) == 3  # 22 panels, 8 a page, no title page
    assert "CONFIDENTIAL <&>" in reader.pages[0].extract_text()
    assert dialogs[-1][:2] == ("information", "Storyboard exported") and "3 pages" in dialogs[-1][2]
    assert opened == [QUrl.fromLocalFile(str(out))]
    # The prepared images went to the one cache folder the command line uses as well.
    from storyboarder.export.print_cache import default_cache_dir

    assert any(default_cache_dir().glob("*.jpg")) or any(default_cache_dir().glob("*.png"))


def test_selected_panels_only_prints_just_those_panels(qtbot, tmp_path, monkeypatch, dialogs):
    project = small_project()
    project.scenes[0].panels[0].action = "Alpha beat"
    project.scenes[0].panels[1].action = "Bravo beat"
    project.scenes[0].panels[2].action = "Charlie beat"
    save_project(project, tmp_path / "film")
    window = open_window(qtbot, tmp_path / "film")
    window.grid.select_rows([0, 2])
    dialog = open_dialog(qtbot, window)
    assert dialog.selected_only.isEnabled() and "2 selected" in dialog.selected_only.text()
    qtbot.mouseClick(dialog.selected_only, Qt.MouseButton.LeftButton)
    assert dialog.selected_only.isChecked()
    wait_preview(qtbot, dialog)
    assert dialog.summary.text().startswith("2 panels")
    out = tmp_path / "selected.pdf"
    save_as(monkeypatch, out)
    job = click_export(qtbot, dialog)
    with qtbot.waitSignal(job.finished, timeout=PREVIEW_TIMEOUT):
        pass
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Alpha beat" in text and "Charlie beat" in text
    assert "Bravo beat" not in text and "Drive." not in text
    assert dialogs[-1][1] == "Storyboard exported"


def test_unsaved_images_are_exported_from_memory(qtbot, tmp_path, monkeypatch, dialogs):
    window = open_window(qtbot)
    scene = window.add_scene()
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (200, 30, 30)).save(buffer, "PNG")
    panel = window.document.new_panel()
    stage_image(window.project, panel, buffer.getvalue(), "png")
    window.document.insert_panels(scene, 0, [panel])
    assert window.folder is None
    dialog = open_dialog(qtbot, window)
    out = tmp_path / "untitled.pdf"
    save_as(monkeypatch, out)
    job = click_export(qtbot, dialog)
    with qtbot.waitSignal(job.finished, timeout=PREVIEW_TIMEOUT) as blocker:
        pass
    result, error = blocker.args
    assert error is None and result.images == 1
    assert result.warnings == [] and dialogs[-1][1] == "Storyboard exported"


def test_choices_are_remembered_across_dialogs(window, qtbot, tmp_path, monkeypatch):
    dialog = open_dialog(qtbot, window)
    dialog.apply_preset("3×3")
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.field_boxes["sound"].setChecked(False)
    dialog.title_page.setChecked(False)
    dialog.new_page_per_scene.setChecked(True)
    dialog.dpi.setValue(300)
    dialog.confidential.setText("Draft 3")
    dialog.scenes.setText("2")
    # Only an export that ran remembers its choices (issue 14, bug 9: Cancel forgets them).
    save_as(monkeypatch, tmp_path / "board.pdf")
    job = click_export(qtbot, dialog)
    with qtbot.waitSignal(job.finished, timeout=PREVIEW_TIMEOUT):
        pass
    again = open_dialog(qtbot, window)
    assert again is not dialog
    assert (again.columns.value(), again.rows.value(), again.preset.currentText()) == (3, 3, "3×3")
    assert again.paper.currentData() == "a4"
    assert "sound" not in again.chosen_fields() and "notes" in again.chosen_fields()
    assert not again.title_page.isChecked() and again.new_page_per_scene.isChecked()
    assert again.dpi.value() == 300 and again.confidential.text() == "Draft 3"
    assert again.scenes.text() == ""  # one project's scenes are not the next one's
    options = again.options()
    assert (options.paper, options.dpi, options.title_page, options.scenes_start_new_page) == ("a4", 300, False, True)
    again.reject()


def test_cancel_during_export_leaves_no_file(qtbot, tmp_path, monkeypatch, dialogs):
    project = small_project()
    scene = project.scenes[0]
    for i in range(1500):
        scene.panels.append(Panel(id=f"many-{i}", action=f"beat {i} " * 20, duration_ms=1000))
    save_project(project, tmp_path / "long")
    window = open_window(qtbot, tmp_path / "long")
    dialog = open_dialog(qtbot, window)
    dialog.apply_preset("4×4 thumbnails")
    out = tmp_path / "long.pdf"
    save_as(monkeypatch, out)
    job = click_export(qtbot, dialog)
    with qtbot.waitSignal(job.finished, timeout=PREVIEW_TIMEOUT) as blocker:
        # The user presses Cancel on the progress dialog as soon as the export starts.
        progress = job.dialog
        assert isinstance(progress, QProgressDialog)
        progress.findChild(QPushButton).click()
    result, error = blocker.args
    assert error is None and result.cancelled
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".long.pdf")]
    assert not [kind for kind, _title, _text in dialogs if kind in ("information", "warning", "critical")]
    assert "cancelled" in window.statusBar().currentMessage()


def test_an_export_that_fails_says_why(window, qtbot, tmp_path, monkeypatch, dialogs):
    dialog = open_dialog(qtbot, window)
    save_as(monkeypatch, tmp_path / "no-such-folder" / "board.pdf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    # Refused before any work, with the dialog still open to choose another place.
    kind, title, text = dialogs[-1]
    assert (kind, title) == ("critical", "Cannot export there") and "does not exist" in text
    assert dialog.isVisible() and dialog.job is None


def test_default_file_name_is_safe():
    assert default_file_name("Night Market") == "Night Market storyboard.pdf"
    assert default_file_name('a/b:c*?"<>|') == "a b c storyboard.pdf"
    assert default_file_name("") == "Untitled storyboard.pdf"
