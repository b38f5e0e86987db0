"""Deleting anything in the window drops every reference to it in the same undo step, so the saved file reopens."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from conftest import EXAMPLE, open_window
from storyboarder.io import dumps, load_project
from storyboarder.model.references import dangling_references, references_to
from storyboarder.ui.actions import ActionId
from test_editor_workflows import click_panel


@pytest.fixture
def window(qtbot, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "night-market")
    return open_window(qtbot, tmp_path / "night-market", (1300, 800), activate=True)


def click_row(qtbot, page, row: int) -> None:
    """Click a table row's first cell, as a user selects it."""
    table = page.table
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert page.selected_rows() == [row]


def production_page(window, name: str):
    window.board_tabs.setCurrentWidget(window.production)
    page = window.production.shoot_days.days if name == "shoot_days" else getattr(window.production, name)
    window.production.setCurrentWidget(window.production.shoot_days if name == "shoot_days" else page)
    return page


def delete_in_table(qtbot, window, name: str, item_id: str) -> None:
    page = production_page(window, name)
    row = [item.id for item in getattr(window.project, name)].index(item_id)
    click_row(qtbot, page, row)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert item_id not in [item.id for item in getattr(window.project, name)]


def save_and_reopen(window):
    window.action(ActionId.SAVE).trigger()
    assert not window.isWindowModified()
    return load_project(window.folder)


def test_deleting_the_producer_saves_a_project_that_reopens_and_undo_brings_back_the_key_contact(qtbot, window):
    # Issue 12: the key contacts kept 'crew-producer', and load_project refused the saved file.
    day = window.project.shoot_days[0]
    assert day.key_contact_ids[0] == "crew-producer"
    steps = window.document.undo_stack.count()
    delete_in_table(qtbot, window, "crew", "crew-producer")
    assert "crew-producer" not in day.key_contact_ids
    reopened = save_and_reopen(window)
    assert reopened.warnings == []
    assert "crew-producer" not in reopened.project.shoot_days[0].key_contact_ids
    assert window.document.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert day.key_contact_ids == ["crew-producer", "crew-upm", "crew-1ad", "crew-locations", "crew-safety"]
    assert window.project.crew[0].id == "crew-producer"


@pytest.mark.parametrize(
    "name, kind, item_id, fields",
    [
        ("cast", "cast", "cast-mara", {"cast_ids", "cast_calls"}),
        ("crew", "crew", "crew-1ad", {"crew_calls", "key_contact_ids"}),
        ("crew", "crew", "crew-stunts", {"crew_calls"}),
        ("locations", "location", "loc-market", {"location_id", "location_ids"}),
    ],
)
def test_deleting_a_production_entry_drops_every_reference_in_one_undo_step(qtbot, window, name, kind, item_id, fields):
    before = dumps(window.project)
    assert {place.reference.path for place in references_to(window.project, {kind: {item_id}})} == fields
    steps = window.document.undo_stack.count()
    delete_in_table(qtbot, window, name, item_id)
    assert references_to(window.project, {kind: {item_id}}) == []
    assert dangling_references(window.project) == []
    assert window.document.undo_stack.count() == steps + 1
    assert save_and_reopen(window).warnings == []
    window.undo_action.trigger()
    assert dumps(window.project) == before
    window.redo_action.trigger()
    assert dangling_references(window.project) == []


def test_deleting_a_shoot_day_nothing_refers_to(qtbot, window):
    before = dumps(window.project)
    delete_in_table(qtbot, window, "shoot_days", "day-2")
    assert [d.id for d in window.project.shoot_days] == ["day-1"]
    assert save_and_reopen(window).warnings == []
    window.undo_action.trigger()
    assert dumps(window.project) == before


def test_deleting_a_scene_drops_it_from_the_shoot_days_in_one_undo_step(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    before = dumps(window.project)
    day = next(d for d in window.project.shoot_days if "scene-noodle" in d.scene_ids)
    scene_list = window.scene_list
    index = window.scene_model.index(1, 0)
    qtbot.mouseClick(scene_list.viewport(), Qt.MouseButton.LeftButton, pos=scene_list.visualRect(index).center())
    assert window.current_scene().id == "scene-noodle"
    steps = window.document.undo_stack.count()
    window.action(ActionId.DELETE_SCENE).trigger()
    assert "scene-noodle" not in [s.id for s in window.project.scenes]
    assert "scene-noodle" not in day.scene_ids
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.undo_stack.undoText() == "Delete scene"
    assert save_and_reopen(window).warnings == []
    window.undo_action.trigger()
    assert dumps(window.project) == before


def test_deleting_panels_with_the_delete_key_saves_clean(qtbot, window):
    before = dumps(window.project)
    click_panel(qtbot, window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert dumps(window.project) != before
    assert save_and_reopen(window).warnings == []
    window.undo_action.trigger()
    assert dumps(window.project) == before


def test_the_window_opens_a_project_with_a_dangling_reference_and_says_so(qtbot, window, dialogs):
    project_file = window.folder / "project.json"
    doc = json.loads(project_file.read_text(encoding="utf-8"))
    doc["crew"] = [c for c in doc["crew"] if c["id"] != "crew-producer"]
    project_file.write_text(json.dumps(doc), encoding="utf-8")
    assert window.open_project(window.folder)
    assert window.statusBar().currentMessage() == (
        "Opened with 1 warnings: refers to crew member 'crew-producer', which is not in the project; the reference was dropped"
    )
    assert [c for c in dialogs if c[0] in ("critical", "warning")] == []
    assert "crew-producer" not in window.project.shoot_days[0].key_contact_ids
