"""Save As names a new project and makes its folder, starting in Documents, as a user drives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fill_save_as_dialog, open_window, small_project, tree_digest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from storyboarder.io import load_project, save_project
from storyboarder.ui import settings as opts
from storyboarder.ui.actions import ActionId


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder with a Documents folder, as the user's desktop has."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def window(qtbot, home):
    window = open_window(qtbot)
    window.files.show_untitled(small_project())
    return window


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_save_as_starts_in_documents_and_makes_the_typed_projects_folder(window, home, qtbot):
    seen = {}

    def act(dialog):
        seen["start"] = dialog.parent_box.currentData()
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "Lighthouse")
        seen["target"] = dialog.target_label.text()
        seen["status"] = dialog.status.text()
        QTest.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answered = fill_save_as_dialog(home, act)
    assert window.files.save_as()
    assert len(answered) == 1, answered
    documents = home / "Documents"
    assert seen["start"] == str(documents)
    assert seen["target"] == str(documents / "Lighthouse")
    assert seen["status"] == "A new folder is made for the project."
    assert load_project(documents / "Lighthouse").project.title == "Test"
    assert window.folder == documents / "Lighthouse"
    assert window.settings.get(opts.PROJECT_PARENTS)[0] == str(documents)


def test_the_next_save_as_starts_in_the_folder_last_created_in(window, home, tmp_path, qtbot, monkeypatch):
    films = tmp_path / "films"
    films.mkdir()
    # Browse… opens the system's folder chooser: the user picks the films folder there.
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(films))

    def browse_and_save(dialog):
        QTest.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "Night market")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    fill_save_as_dialog(films, browse_and_save)
    assert window.files.save_as()
    assert (films / "Night market" / "project.json").is_file()

    seen = {}

    def look(dialog):
        seen["start"] = dialog.parent_box.currentData()
        dialog.reject()

    fill_save_as_dialog(films, look)
    assert not window.files.save_as()
    # The project's own folder's parent and the remembered one are both films; Documents comes after.
    assert seen["start"] == str(films)


def test_a_folder_of_other_files_is_refused_with_the_reason(window, home, qtbot):
    documents = home / "Documents"
    taken = documents / "Taxes"
    taken.mkdir()
    (taken / "2025.pdf").write_bytes(b"%PDF private")
    before = tree_digest(documents)
    seen = {}

    def act(dialog):
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "Taxes")
        seen["enabled"] = save_button(dialog).isEnabled()
        seen["status"] = dialog.status.text()
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter does not get round it
        seen["open"] = dialog.isVisible()
        dialog.reject()

    fill_save_as_dialog(home, act)
    assert not window.files.save_as()
    assert seen["enabled"] is False and seen["open"] is True
    assert seen["status"].startswith("This folder already holds other files and is not a Storyboarder project")
    assert tree_digest(documents) == before
    assert window.folder is None


def test_an_empty_existing_folder_takes_the_project(window, home, qtbot):
    empty = home / "Documents" / "Lighthouse"
    empty.mkdir()
    seen = {}

    def act(dialog):
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "Lighthouse")
        seen["status"] = dialog.status.text()
        QTest.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    fill_save_as_dialog(home, act)
    assert window.files.save_as()
    assert seen["status"] == "This folder is empty: the project goes into it."
    assert (empty / "project.json").is_file()


def test_a_bad_name_is_explained_and_cannot_be_saved(window, home, qtbot):
    seen = {}

    def act(dialog):
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "Act 1/2")
        seen["status"], seen["enabled"] = dialog.status.text(), save_button(dialog).isEnabled()
        dialog.reject()

    fill_save_as_dialog(home, act)
    assert not window.files.save_as()
    assert seen == {"status": "A folder name cannot contain /.", "enabled": False}


def test_replacing_another_project_asks_first(window, home, qtbot, monkeypatch):
    target = home / "Documents" / "taken"
    other = small_project()
    other.title = "Someone else's film"
    save_project(other, target)
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    answer = QMessageBox.StandardButton.No

    def act(dialog):
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "taken")
        QTest.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        if dialog.isVisible():  # No keeps the dialog up to choose another name
            dialog.reject()

    fill_save_as_dialog(home, act)
    assert not window.files.save_as()
    assert asked == ["Replace project?"]
    assert load_project(target).project.title == "Someone else's film"

    answer = QMessageBox.StandardButton.Yes
    fill_save_as_dialog(home, act)
    assert window.files.save_as()
    assert asked == ["Replace project?", "Replace project?"]
    assert load_project(target).project.title == "Test"
    assert window.folder == target


def test_save_on_a_never_saved_project_asks_for_a_name(window, home, qtbot):
    target = home / "Documents" / "First day"
    answered = fill_save_as_dialog(target)
    window.action(ActionId.SAVE).trigger()
    assert len(answered) == 1, answered
    assert (target / "project.json").is_file()
    assert not window.isWindowModified()


def test_documents_falls_back_to_home_when_there_is_none(qtbot, tmp_path, monkeypatch):
    from storyboarder.ui.files.new_project_dialog import documents_folder

    home = tmp_path / "bare-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert documents_folder() == Path(home)
