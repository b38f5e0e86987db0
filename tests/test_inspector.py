"""The panel inspector edits the selected panels through the undo stack, driven as a user would."""

from __future__ import annotations

import subprocess
import sys

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from conftest import small_project
from storyboarder.model import CastMember, Panel, Project, Scene
from storyboarder.model import edits
from storyboarder.model.events import project_events
from storyboarder.resources_path import resource
from storyboarder.ui.document import Document
from storyboarder.ui.editors.field_editors import MIXED, UNSET
from storyboarder.ui.board.inspector import PanelInspector
from storyboarder.vocabulary import canonical, load_vocabulary


@pytest.fixture
def document():
    return Document(small_project(), None)


@pytest.fixture
def inspector(qtbot, document):
    widget = PanelInspector(document)
    qtbot.addWidget(widget)
    widget.resize(340, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def scene_panels(document, scene: int = 0) -> list[Panel]:
    return document.project.scenes[scene].panels


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_at_end(qtbot, widget, text: str) -> None:
    focus(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def type_any_script(widget, text: str) -> None:
    """Type text a key at a time; QTest refuses characters outside Latin-1, keyboards do not."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def select_all_and_type(qtbot, widget, text: str) -> None:
    focus(qtbot, widget)
    qtbot.keySequence(widget, QKeySequence.StandardKey.SelectAll)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


# Text: one undo step per typing session --------------------------------------------------


def test_typing_merges_into_one_undo_step(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    action = inspector.editor("action").widget
    type_at_end(qtbot, action, " and jumps")
    assert panel.action == "Mara runs, beat 0 and jumps"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Set action"

    document.undo_stack.undo()
    assert panel.action == "Mara runs, beat 0"
    assert action.toPlainText() == "Mara runs, beat 0"  # the undo from outside shows at once


def test_two_focus_sessions_make_two_undo_steps(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    action = inspector.editor("action").widget
    type_at_end(qtbot, action, " A")
    focus(qtbot, inspector.editor("sound").widget)
    type_at_end(qtbot, action, " B")
    assert panel.action == "Mara runs, beat 0 A B"
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert panel.action == "Mara runs, beat 0 A" == action.toPlainText()


def test_a_new_selection_starts_a_new_undo_step(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    sound = inspector.editor("sound").widget
    type_at_end(qtbot, sound, "rain")
    inspector.set_panels([panel])  # the window re-selects (same panel, as after a click)
    qtbot.keyClicks(sound, " hiss")
    assert panel.sound == "rain hiss"
    assert document.undo_stack.count() == 2


def test_typing_in_the_middle_keeps_the_cursor_where_it_is(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    action = inspector.editor("action").widget
    focus(qtbot, action)
    cursor = action.textCursor()
    cursor.setPosition(4)
    action.setTextCursor(cursor)
    qtbot.keyClicks(action, "XY")
    assert panel.action == "MaraXY runs, beat 0"
    assert action.textCursor().position() == 6


def test_long_and_non_latin_text_is_stored_exactly(inspector, document, qtbot):
    panel = scene_panels(document, 1)[0]
    inspector.set_panels([panel])
    dialogue = inspector.editor("dialogue").widget
    type_at_end(qtbot, dialogue, " ")
    type_any_script(dialogue, "Привет 你好 مرحبا")
    assert panel.dialogue == "MARA\nDrive. Привет 你好 مرحبا"
    assert document.undo_stack.count() == 1
    long_text = "долгий текст 长文本 " * 3000
    document.set_field([panel], "notes", long_text, "notes")
    assert inspector.editor("notes").widget.toPlainText() == long_text
    document.set_field([panel], "camera.setup", long_text, "camera setup")
    assert inspector.editor("camera.setup").widget.text() == long_text  # no 32767-character cut


# Several panels at once ---------------------------------------------------------------------


def test_multi_select_edit_is_one_step_and_undo_restores_each_panel(inspector, document, qtbot):
    panels = scene_panels(document)
    before = [p.action for p in panels]
    inspector.set_panels(panels)
    action = inspector.editor("action").widget
    assert action.toPlainText() == "" and action.placeholderText() == MIXED
    focus(qtbot, action)
    qtbot.keyClicks(action, "Rain")
    assert [p.action for p in panels] == ["Rain"] * 3
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Set action on 3 panels"

    document.undo_stack.undo()
    assert [p.action for p in panels] == before
    assert action.toPlainText() == "" and action.placeholderText() == MIXED


def test_mixed_values_show_the_placeholder_and_equal_ones_show_the_value(inspector, document):
    panels = scene_panels(document)
    panels[0].camera.shot_size = "ECU"
    panels[1].new_shot = False
    panels[2].camera.lens_mm = 50
    inspector.set_panels(panels)
    shot_size = inspector.editor("camera.shot_size").widget
    assert shot_size.currentText() == "" and shot_size.lineEdit().placeholderText() == MIXED
    assert inspector.editor("camera.angle").widget.currentText() == "low"
    lens = inspector.editor("camera.lens_mm").widget
    assert lens.text() == "" and lens.placeholderText() == MIXED
    assert inspector.editor("lighting.color_temp_k").widget.text() == "3200"
    duration = inspector.editor("duration_ms").widget
    assert duration.lineEdit().text() == "" and duration.lineEdit().placeholderText() == MIXED
    assert inspector.editor("new_shot").widget.checkState() == Qt.CheckState.PartiallyChecked
    assert inspector.editor("shot").widget.placeholderText() == "auto"
    assert inspector.editor("camera.frame_rate").widget.placeholderText() == UNSET


def indicator(box):
    """Where a user clicks a check box: its box, not the middle of a row that a layout may have stretched."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).center()


def test_checkbox_click_sets_every_panel_in_one_step(inspector, document, qtbot):
    panels = scene_panels(document)
    panels[1].new_shot = False
    inspector.set_panels(panels)
    box = inspector.editor("new_shot").widget
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator(box))
    assert [p.new_shot for p in panels] == [True, True, True]
    assert box.checkState() == Qt.CheckState.Checked
    assert document.undo_stack.count() == 1
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator(box))
    assert [p.new_shot for p in panels] == [False, False, False]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [p.new_shot for p in panels] == [True, False, True]
    assert box.checkState() == Qt.CheckState.PartiallyChecked


def test_loading_and_refreshing_never_make_edits(inspector, document):
    panels = scene_panels(document)
    for selection in ([], panels[:1], panels, [scene_panels(document, 1)[0]], []):
        inspector.set_panels(selection)
    document.set_field(panels, "camera.angle", "high", "camera angle")
    inspector.set_panels(panels)
    document.undo_stack.undo()
    assert document.undo_stack.count() == 1 and document.undo_stack.index() == 0


def test_no_selection_disables_the_form_with_a_hint(inspector):
    inspector.set_panels([])
    assert not inspector.content.isEnabled()
    assert inspector.hint.isVisible() and inspector.hint.text() == "Select a panel"
    assert inspector.editor("duration_ms").widget.lineEdit().text() == ""


# Combos, numbers and durations --------------------------------------------------------------


def test_combo_typing_and_enter_stores_the_short_form(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    combo = inspector.editor("camera.shot_size").widget
    select_all_and_type(qtbot, combo.lineEdit(), "ecu")
    assert panel.camera.shot_size == "ECU"
    assert combo.currentText() == "ECU"
    assert document.undo_stack.count() == 1

    angle = inspector.editor("camera.angle").widget
    select_all_and_type(qtbot, angle.lineEdit(), "canted 15 degrees")
    assert panel.camera.angle == "canted 15 degrees"  # free text is kept
    assert document.undo_stack.count() == 2


def test_combo_choice_from_the_list_is_one_step(inspector, document):
    panels = scene_panels(document)
    inspector.set_panels(panels)
    combo = inspector.editor("camera.movement").widget
    row = combo.findData("arc", Qt.ItemDataRole.EditRole)
    assert combo.itemData(row, Qt.ItemDataRole.DisplayRole) == "arc — circles the subject"
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    assert [p.camera.movement for p in panels] == ["arc"] * 3
    assert combo.currentText() == "arc"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert combo.currentText() == "dolly in"


def test_lens_can_be_emptied_to_none_and_numbers_parse(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    lens = inspector.editor("camera.lens_mm").widget
    assert lens.text() == "35"
    select_all_and_type(qtbot, lens, "")
    assert panel.camera.lens_mm is None
    assert lens.text() == "" and lens.placeholderText() == UNSET
    select_all_and_type(qtbot, lens, "40.5")
    assert panel.camera.lens_mm == 40.5
    select_all_and_type(qtbot, inspector.editor("camera.frame_rate").widget, "23.976")
    assert panel.camera.frame_rate == 23.976
    select_all_and_type(qtbot, inspector.editor("lighting.color_temp_k").widget, "5600")
    assert panel.lighting.color_temp_k == 5600 and isinstance(panel.lighting.color_temp_k, int)
    assert document.undo_stack.count() == 4


def test_half_typed_numbers_never_reach_the_model(inspector, document, qtbot):
    panel = scene_panels(document)[0]
    inspector.set_panels([panel])
    lens = inspector.editor("camera.lens_mm").widget
    select_all_and_type(qtbot, lens, "35mm")  # letters are refused as they are typed
    assert panel.camera.lens_mm == 35
    select_all_and_type(qtbot, lens, "99999")  # out of range: Enter does nothing
    focus(qtbot, inspector.editor("sound").widget)
    assert panel.camera.lens_mm == 35 and lens.text() == "35"
    assert document.undo_stack.count() == 0


def test_duration_is_edited_in_seconds_and_stored_in_ms(inspector, document, qtbot):
    panels = scene_panels(document)
    inspector.set_panels(panels[:1])
    box = inspector.editor("duration_ms").widget
    assert box.text() == "1.5 s"
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert panels[0].duration_ms == 1600
    select_all_and_type(qtbot, box.lineEdit(), "3.25")
    assert panels[0].duration_ms == 3250
    assert document.undo_stack.count() == 2

    inspector.set_panels(panels)  # 1.5 s, 2 s, 2.5 s
    select_all_and_type(qtbot, box.lineEdit(), "1.5")  # the first panel's own value still counts
    assert [p.duration_ms for p in panels] == [1500, 1500, 1500]
    assert box.text() == "1.5 s"
    document.undo_stack.undo()
    assert [p.duration_ms for p in panels] == [3250, 2000, 2500]
    assert box.lineEdit().placeholderText() == MIXED


# Live updates --------------------------------------------------------------------------------


def test_an_undo_from_outside_refreshes_the_shown_editors(inspector, document):
    panels = scene_panels(document)
    inspector.set_panels(panels[:2])
    document.set_field(panels[:2], "camera.angle", "high", "camera angle")
    combo = inspector.editor("camera.angle").widget
    assert combo.currentText() == "high"
    document.set_field(panels[:1], "lighting.key", "HMI 4K", "key light")
    assert inspector.editor("lighting.key").widget.placeholderText() == MIXED
    document.undo_stack.undo()
    assert inspector.editor("lighting.key").widget.text() == ""
    document.undo_stack.undo()
    assert combo.currentText() == "low"
    document.undo_stack.redo()
    assert combo.currentText() == "high"


def test_changes_to_panels_not_shown_leave_the_editors_alone(inspector, document, qtbot):
    panels = scene_panels(document)
    inspector.set_panels(panels[:1])
    action = inspector.editor("action").widget
    type_at_end(qtbot, action, "!")
    document.set_field(panels[1:], "action", "elsewhere", "action")
    qtbot.keyClicks(action, "?")
    assert panels[0].action == "Mara runs, beat 0!?"
    assert action.toPlainText() == "Mara runs, beat 0!?"


def test_a_replaced_project_is_followed(inspector, document, qtbot):
    other = small_project()
    other.cast.append(CastMember(id="c-wen", actor="Li Wen", character="WEN"))
    document.replace(other, None)
    assert inspector.panels == [] and not inspector.content.isEnabled()
    assert [i for i, _ in inspector.cast_boxes] == ["cast-mara", "c-wen"]
    panel = other.scenes[0].panels[0]
    inspector.set_panels([panel])
    document.set_field([panel], "camera.rig", "slider", "rig")
    assert inspector.editor("camera.rig").widget.currentText() == "slider"


def test_a_deleted_inspector_stops_listening(qtbot, document):
    widget = PanelInspector(document)
    widget.set_panels(scene_panels(document))
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    document.set_field(scene_panels(document), "sound", "wind", "sound")  # must not raise
    heard_by = [m.__self__ for s in project_events(document.project).signals() for m in s.receivers()]
    assert not any(obj is widget for obj in heard_by)


# Cast ------------------------------------------------------------------------------------------


def cast_box(inspector, member_id):
    return next(box for i, box in inspector.cast_boxes if i == member_id)


def test_cast_checkbox_toggles_cast_ids_in_cast_order(inspector, document, qtbot):
    project = document.project
    project.cast.insert(0, CastMember(id="c-wen", actor="Li Wen", character="WEN"))
    document.replace(project, None)
    panel = scene_panels(document, 1)[0]
    inspector.set_panels([panel])
    mara, wen = cast_box(inspector, "cast-mara"), cast_box(inspector, "c-wen")
    assert mara.text() == "MARA (Ana Lima)" and mara.checkState() == Qt.CheckState.Unchecked
    qtbot.mouseClick(mara, Qt.MouseButton.LeftButton)
    assert panel.cast_ids == ["cast-mara"]
    qtbot.mouseClick(wen, Qt.MouseButton.LeftButton)
    assert panel.cast_ids == ["c-wen", "cast-mara"]  # the project's cast order, not click order
    qtbot.mouseClick(mara, Qt.MouseButton.LeftButton)
    assert panel.cast_ids == ["c-wen"]
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    assert panel.cast_ids == ["c-wen", "cast-mara"] and mara.checkState() == Qt.CheckState.Checked


def test_cast_on_several_panels_is_one_step_and_undo_restores_each(inspector, document, qtbot):
    project = document.project
    project.cast.append(CastMember(id="c-wen", actor="Li Wen", character="WEN"))
    document.replace(project, None)
    panels = [*scene_panels(document), scene_panels(document, 1)[0]]
    panels[0].cast_ids = ["c-wen", "cast-mara"]  # out of order, as another tool may write
    before = [list(p.cast_ids) for p in panels]
    inspector.set_panels(panels)
    wen = cast_box(inspector, "c-wen")
    assert wen.checkState() == Qt.CheckState.PartiallyChecked
    assert cast_box(inspector, "cast-mara").checkState() == Qt.CheckState.PartiallyChecked
    qtbot.mouseClick(wen, Qt.MouseButton.LeftButton)
    assert [p.cast_ids for p in panels] == [["cast-mara", "c-wen"]] * 3 + [["c-wen"]]
    assert wen.checkState() == Qt.CheckState.Checked
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert [p.cast_ids for p in panels] == before
    assert wen.checkState() == Qt.CheckState.PartiallyChecked


def test_cast_list_follows_renames(inspector, document):
    member = document.project.cast[0]
    document.set_field([member], "character", "MARA VOSS", "character")
    assert cast_box(inspector, member.id).full_text == "MARA VOSS (Ana Lima)"


# Vocabulary ------------------------------------------------------------------------------------


def test_vocabulary_loads_from_resources_and_every_combo_offers_it(inspector):
    assert resource("vocabulary.json").is_file()
    words = load_vocabulary()
    assert load_vocabulary() is words  # cached
    sizes = {t.value: t for t in words.shot_sizes}
    for short in ("EWS", "WS", "FS", "MWS", "cowboy", "MS", "MCU", "CU", "VCU", "ECU", "two-shot", "OTS", "POV", "insert", "establishing"):
        assert short in sizes
    assert sizes["MCU"].label == "MCU — medium close-up"
    assert "ELS" in sizes["EWS"].aliases and "LS" in sizes["WS"].aliases and "MLS" in sizes["MWS"].aliases
    assert {"eye level", "high", "low", "overhead", "Dutch", "worm's-eye"} <= {t.value for t in words.angles}
    assert {
        "static", "pan", "tilt", "pedestal", "dolly in", "dolly out", "truck", "arc", "crane", "handheld",
        "Steadicam", "zoom", "dolly zoom", "rack focus", "tracking", "drone",
    } <= {t.value for t in words.movements}
    assert {"tripod", "dolly", "slider", "Steadicam", "gimbal", "handheld", "jib", "drone", "car mount"} <= {
        t.value for t in words.rigs
    }
    assert {"high key", "low key", "natural", "motivated", "silhouette", "chiaroscuro", "neon/practical"} <= {
        t.value for t in words.lighting_styles
    }
    for path, terms in (
        ("camera.shot_size", words.shot_sizes),
        ("camera.angle", words.angles),
        ("camera.movement", words.movements),
        ("camera.rig", words.rigs),
        ("lighting.style", words.lighting_styles),
    ):
        combo = inspector.editor(path).widget
        assert combo.isEditable()
        offered = [combo.itemData(r, Qt.ItemDataRole.EditRole) for r in range(combo.count())]
        assert offered == [t.value for t in terms]
        assert [combo.itemText(r) for r in range(combo.count())] == [t.value for t in terms]


def test_canonical_spelling_keeps_aliases_and_free_text():
    sizes = load_vocabulary().shot_sizes
    assert canonical(sizes, " mcu ") == "MCU"
    assert canonical(sizes, "Medium Close-Up") == "MCU"
    assert canonical(sizes, "MCU — medium close-up") == "MCU"
    assert canonical(sizes, "ELS") == "ELS"
    assert canonical(sizes, "tight on the ring") == "tight on the ring"


def test_vocabulary_needs_no_qt():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from storyboarder.vocabulary import load_vocabulary\n"
        "print(len(load_vocabulary().shot_sizes))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 15


# Speed and looks --------------------------------------------------------------------------------


def test_a_keystroke_does_no_work_per_panel_of_the_project(qtbot, monkeypatch):
    scenes = [Scene(id=f"s{i}", panels=[Panel(id=f"p{i}-{j}") for j in range(500)]) for i in range(40)]
    document = Document(Project(scenes=scenes), None)
    inspector = PanelInspector(document)
    qtbot.addWidget(inspector)
    inspector.show()
    panel = scenes[7].panels[3]
    inspector.set_panels([panel])
    reads = []
    real = edits.get_field
    monkeypatch.setattr(edits, "get_field", lambda obj, path: reads.append(path) or real(obj, path))
    type_at_end(qtbot, inspector.editor("action").widget, "abcdefghij")
    assert panel.action == "abcdefghij"
    assert len(reads) <= 10 * 5  # a handful of reads per keystroke, never one per panel (20,000 here)


def test_it_fits_a_narrow_dock_with_long_names(qtbot, document):
    document.project.cast.append(
        CastMember(id="c-long", actor="An Actor With A Remarkably Long Stage Name", character="THE OLD FISHMONGER OF THE NIGHT MARKET")
    )
    inspector = PanelInspector(document)
    qtbot.addWidget(inspector)
    inspector.set_panels(scene_panels(document))
    inspector.resize(300, 700)
    inspector.show()
    qtbot.waitExposed(inspector)
    assert inspector.content.minimumSizeHint().width() <= inspector.scroll.viewport().width()
    assert not inspector.scroll.horizontalScrollBar().isVisible()
    box = cast_box(inspector, "c-long")
    assert box.text().endswith("…") and box.toolTip() == box.full_text
    assert not inspector.grab().isNull()
