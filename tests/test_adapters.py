"""The Qt adapters over project events: gone views are never called, replaced projects are followed."""

from __future__ import annotations

import gc

import shiboken6

from conftest import small_project
from storyboarder.model import Panel, Scene
from storyboarder.model.events import RowsMoved, project_events
from storyboarder.ui.board.inspector import PanelInspector
from storyboarder.ui.board.item_models import PanelListModel, SceneListModel
from storyboarder.ui.document import Document


def counting(cls, *methods):
    """A subclass of a view whose given methods count their calls (in ``calls``, kept outside any instance)."""
    calls: list = []

    def wrap(name):
        original = getattr(cls, name)

        def method(self, event):
            calls.append(event)
            original(self, event)

        return method

    return type(f"Counting{cls.__name__}", (cls,), {"calls": calls, **{name: wrap(name) for name in methods}})


#: The grid's model and the inspector, counting every call the project's events make into them.
CountingPanels = counting(PanelListModel, "rows_changed", "fields_changed")
CountingInspector = counting(PanelInspector, "_fields_changed", "_cast_changed")


def edit_everything(document: Document) -> None:
    project = document.project
    scene = project.scenes[0]
    document.insert_panels(scene, 0, [Panel(id="n1")])
    document.remove_panels(scene, [0])
    document.add_scene(0)
    document.move_scene(0, 2)
    document.set_field(scene.panels, "sound", "wind", "sound")
    document.set_field([project.cast[0]], "character", "MARA V.", "character")
    document.add_item("cast", type(project.cast[0])(id="cast-new"))
    while document.undo_stack.canUndo():
        document.undo_stack.undo()


def heard_by(document: Document) -> list:
    return [method.__self__ for signal in project_events(document.project).signals() for method in signal.receivers()]


def test_a_deleted_model_is_never_called(qtbot):
    document = Document(small_project())
    model = CountingPanels(document)
    model.set_scene(document.project.scenes[0])
    CountingPanels.calls.clear()
    edit_everything(document)
    assert CountingPanels.calls, "the model heard nothing while alive"
    del model
    gc.collect()
    CountingPanels.calls.clear()
    edit_everything(document)  # must not raise
    assert CountingPanels.calls == []
    assert not any(isinstance(obj, CountingPanels) for obj in heard_by(document))


def test_a_view_qt_deleted_while_python_holds_it_is_never_called(qtbot):
    document = Document(small_project())
    view = CountingInspector(document)
    view.set_panels(document.project.scenes[0].panels)
    CountingInspector.calls.clear()
    edit_everything(document)
    assert CountingInspector.calls, "the inspector heard nothing while shown"
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))
    CountingInspector.calls.clear()
    edit_everything(document)  # must not raise "Internal C++ object already deleted"
    assert CountingInspector.calls == []
    assert not any(obj is view for obj in heard_by(document))


def test_a_replaced_project_is_followed_and_the_old_one_let_go(qtbot):
    document = Document(small_project())
    old = document.project
    model = CountingPanels(document)
    document.replace(small_project(), None)
    CountingPanels.calls.clear()
    old_scene = old.scenes[0]
    from storyboarder.model import edits

    edits.insert_panels(old, old_scene, 0, [Panel(id="stray")])
    assert CountingPanels.calls == [], "the model still hears the project it no longer shows"
    document.insert_panels(document.project.scenes[0], 0, [Panel(id="n1")])
    assert CountingPanels.calls, "the model does not hear the project it shows"
    assert model.rowCount() == 0  # no scene chosen in the new project yet


def test_a_move_qt_refuses_starts_the_model_over(qtbot):
    # The model's edits never announce a move onto itself; if a list ever did, views start over.
    document = Document(small_project())
    model = SceneListModel(document)
    signals = project_events(document.project).scenes
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        event = RowsMoved(document.project, "scenes", 0, 0, 1)
        signals.moving.emit(event)
        signals.moved.emit(event)
    assert model.rowCount() == 2


def test_panel_rows_of_another_scene_leave_the_grid_alone(qtbot):
    document = Document(small_project())
    model = PanelListModel(document)
    model.set_scene(document.project.scenes[0])
    inserted = []
    model.rowsInserted.connect(lambda *args: inserted.append(args))
    document.insert_panels(document.project.scenes[1], 0, [Panel(id="elsewhere")])
    assert inserted == []
    document.insert_panels(document.project.scenes[0], 1, [Panel(id="here")])
    assert [(first, last) for _parent, first, last in inserted] == [(1, 1)]
    assert model.data(model.index(1), 0) is not None
    document.add_scene(0)
    assert model.scene is document.project.scenes[1] and isinstance(model.scene, Scene)
