"""The editor with a hostile folder or a careless path: exports never write over the project, ask before
replacing another kind of file, and a PostScript "drawing" is a placeholder that never starts Ghostscript."""

from __future__ import annotations

import os
import shutil

import pytest
from PIL import EpsImagePlugin, Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from conftest import EXAMPLE, open_window, tree_digest
from storyboarder.io.images import ImageProblem
from storyboarder.ui.actions import ActionId
from storyboarder.ui.board.thumbnails import decode_thumbnail
from storyboarder.ui.drawing.layers import decode_image
from test_hostile_files import POSTSCRIPT


@pytest.fixture
def project(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "night-market")
    return tmp_path / "night-market"


@pytest.fixture
def window(qtbot, project):
    return open_window(qtbot, project, (1300, 800))


@pytest.fixture
def ghostscript_mark(tmp_path, monkeypatch):
    """A ``gs`` first on PATH that leaves a mark if anything starts it, and Pillow made to look for it again."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mark = tmp_path / "ghostscript-ran"
    (bin_dir / "gs").write_text(f"#!/bin/sh\necho \"$@\" >> '{mark}'\nexit 1\n")
    (bin_dir / "gs").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)
    return mark


def press_export(qtbot, dialog, path):
    dialog.out.setText(str(path))
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    jobs = []
    dialog.exportStarted.connect(jobs.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return jobs


def test_an_export_into_the_projects_images_is_refused(qtbot, window, project, dialogs):
    before = tree_digest(project)
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    jobs = press_export(qtbot, dialog, project / "images" / "shots.csv")
    assert jobs == [] and dialog.isVisible()
    kind, title, text = dialogs[-1]
    assert (kind, title) == ("critical", "Cannot export there")
    assert "inside the project's folder images/" in text
    assert tree_digest(project) == before and not (project / "images" / "shots.csv").exists()


def test_the_storyboard_pdf_never_replaces_a_drawing(qtbot, window, project, monkeypatch, dialogs):
    before = tree_digest(project)
    drawing = sorted((project / "images").iterdir())[0]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(drawing.with_suffix(".pdf")), "PDF (*.pdf)"))
    window.action(ActionId.EXPORT_STORYBOARD).trigger()
    dialog = window.export_dialog
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs[-1][:2] == ("critical", "Cannot export there") and dialog.job is None
    assert tree_digest(project) == before


def test_replacing_a_file_of_another_kind_is_asked_first(qtbot, window, tmp_path, monkeypatch, dialogs):
    out = tmp_path / "shots.pdf"
    Image.new("L", (8, 8), 90).save(out, "PNG")
    png = out.read_bytes()
    window.action(ActionId.EXPORT_SHOTLIST).trigger()
    dialog = window.export_dialog
    # The conftest answers questions with Discard: not a yes, so nothing is replaced.
    assert press_export(qtbot, dialog, out) == []
    kind, title, text = dialogs[-1]
    assert (kind, title) == ("question", "Replace file?") and "shots.pdf holds a PNG image" in text
    assert out.read_bytes() == png and dialog.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    jobs = press_export(qtbot, dialog, out)
    assert len(jobs) == 1
    with qtbot.waitSignal(jobs[0].finished, timeout=120_000):
        pass
    assert out.read_bytes().startswith(b"%PDF-")


def test_an_earlier_export_is_replaced_without_a_question(qtbot, window, tmp_path, dialogs):
    out = tmp_path / "calls.pdf"
    out.write_bytes(b"%PDF-1.4\n% an earlier export\n")
    window.action(ActionId.EXPORT_CALLSHEETS).trigger()
    jobs = press_export(qtbot, window.export_dialog, out)
    with qtbot.waitSignal(jobs[0].finished, timeout=120_000):
        pass
    assert not [d for d in dialogs if d[0] == "question"]
    assert b"an earlier export" not in out.read_bytes()


def test_a_postscript_drawing_is_a_placeholder_and_never_runs(qtbot, project, ghostscript_mark):
    drawing = sorted((project / "images").iterdir())[0]
    drawing.write_bytes(POSTSCRIPT)
    relative = f"images/{drawing.name}"
    window = open_window(qtbot, project, (1300, 800))
    cache = window.thumbnails
    with qtbot.waitSignal(cache.ready, timeout=30_000, check_params_cb=lambda path: path == relative):
        cache.pixmap(relative)
    assert cache.problem(relative) == f"{relative!r} is not an image Storyboarder can read; a placeholder is shown"
    with pytest.raises(ImageProblem, match="not an image Storyboarder can read"):
        decode_image(window.project, project, relative)
    assert not ghostscript_mark.exists()


def test_pasted_postscript_is_refused_too(ghostscript_mark):
    with pytest.raises(ImageProblem, match="not an image Storyboarder can read"):
        decode_thumbnail(None, "images/pasted.png", data=POSTSCRIPT)
    assert not ghostscript_mark.exists()
