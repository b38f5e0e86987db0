"""Views that are not shown do no work for an edit, and are right when shown (issue 15 item 2).

An insert, a reorder and their undo on the Board tab: the hidden Shot List
neither filters nor scrolls nor repaints more than the scene the edit touched,
and shows the edit once the user opens its tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeView

from conftest import window_on
from storyboarder.model import Panel, Project, Scene
from storyboarder.ui.shot_list.shot_list_proxy import ShotListProxy

SCENES, PANELS = 12, 10


def big_project() -> Project:
    scenes = [Scene(id=f"s{s}", heading=f"INT. ROOM {s} - DAY",
                    panels=[Panel(id=f"p{s}-{p}", action=f"beat {s}.{p}") for p in range(PANELS)])
              for s in range(SCENES)]
    return Project(title="Long", scenes=scenes)


def shot_rows(window, scene_row: int) -> list[str]:
    proxy = window.shot_list.proxy
    parent = proxy.index(scene_row, 0)
    column = window.shot_model.column_of("shot")
    return [proxy.index(row, column, parent).data() for row in range(proxy.rowCount(parent))]


def test_edits_on_the_board_cost_the_hidden_shot_list_nothing_but_their_scene(qtbot, monkeypatch, tmp_path):
    window = window_on(qtbot, tmp_path / "long", big_project())
    window.board_tabs.setCurrentWidget(window.grid)
    qtbot.waitUntil(lambda: window.grid.isVisible())
    assert not window.shot_list.isVisible()
    calls = {"filter": 0, "scroll": 0, "data": 0}
    real_filter, real_scroll = ShotListProxy.filterAcceptsRow, QTreeView.scrollTo
    real_data = type(window.shot_model).data

    def counting_filter(self, row, parent):
        calls["filter"] += 1
        return real_filter(self, row, parent)

    def counting_scroll(self, *args):
        calls["scroll"] += 1
        return real_scroll(self, *args)

    def counting_data(self, index, role=0):
        calls["data"] += 1
        return real_data(self, index, role)

    monkeypatch.setattr(ShotListProxy, "filterAcceptsRow", counting_filter)
    monkeypatch.setattr(type(window.shot_list.tree), "scrollTo", counting_scroll)
    monkeypatch.setattr(type(window.shot_model), "data", counting_data)
    scene = window.project.scenes[3]
    window.navigator.show_scene(scene)
    window.grid.select_rows([0])
    document = window.document
    document.insert_panels(scene, 1, [Panel(id="new", action="a new beat")])
    document.move_panels(scene, [0], scene, 4)
    document.undo_stack.undo()
    qtbot.wait(50)  # timers that follow an edit (layout, summary) run
    assert calls["scroll"] == 0
    # Filtering looks at the touched scene's rows, never at the other scenes' 110.
    assert calls["filter"] <= 3 * (PANELS + 2)
    assert calls["data"] <= 3 * (PANELS + 2) * len(window.shot_model.columns)
    # Shown, the table holds the edit: the new panel is shot 4B, the old 4B is now 4C.
    window.board_tabs.setCurrentWidget(window.shot_list)
    qtbot.waitUntil(lambda: window.shot_list.isVisible())
    assert shot_rows(window, 3) == [f"4{letter}" for letter in "ABCDEFGHJKL"]
    assert [p.id for p in window.shot_list.selected_panels()] == [p.id for p in window.selection.panels]
    assert window.shot_list.count.text() == f"{SCENES * PANELS + 1} shots"
