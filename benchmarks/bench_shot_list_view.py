"""The Shot List tab on a large project: filter, clear the filter, sort, and an edit while sorted.

The floor is Qt's own: a QStandardItemModel holding the same cell strings
(built before timing), under a plain QSortFilterProxyModel with recursive
filtering, in the same kind of QTreeView. It does the unavoidable view work
without our model's live reading of panels, undo and caches.

    python benchmarks/bench_shot_list_view.py [--panels 8000] [--scenes 160] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STORYBOARDER_SETTINGS_DIR", tempfile.mkdtemp(prefix="sb-bench-"))

from generate import cached_project  # noqa: E402
from PySide6.QtCore import QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeView  # noqa: E402

from storyboarder.io import load_project  # noqa: E402
from storyboarder.model.shot_columns import ShotListContext, cell_text  # noqa: E402
from storyboarder.model.shot_list import ShotFilter  # noqa: E402
from storyboarder.ui.app import make_application  # noqa: E402
from storyboarder.ui.context import ApplicationContext  # noqa: E402
from storyboarder.ui.main_window import MainWindow  # noqa: E402
from storyboarder.ui.settings import Settings  # noqa: E402

WORD = "steadicam"


def timed(step) -> float:
    start = time.perf_counter()
    step()
    QApplication.processEvents()
    return time.perf_counter() - start


def floor_view(project, columns):
    """The same strings in Qt's stock tree model and proxy."""
    context = ShotListContext(project)
    model = QStandardItemModel()
    model.setColumnCount(len(columns))
    for scene in project.scenes:
        group = QStandardItem(scene.heading)
        for panel in scene.panels:
            group.appendRow([QStandardItem(cell_text(c, scene, panel, context)) for c in columns])
        model.appendRow(group)
    proxy = QSortFilterProxyModel()
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSourceModel(model)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1100, 760)
    view.show()
    view.expandAll()
    QApplication.processEvents()
    return model, proxy, view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", type=int, default=8000)
    parser.add_argument("--scenes", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = make_application([])
    folder = cached_project(panels=args.panels, scenes=args.scenes)
    ours: dict[str, list[float]] = {}
    floor: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        window = MainWindow(ApplicationContext(Settings()))
        window.resize(1500, 860)
        window.show()
        window.open_project(folder)
        window.board_tabs.setCurrentWidget(window.shot_list)
        QApplication.processEvents()
        view, model = window.shot_list, window.shot_model
        lens = model.column_of("lens")
        panel = window.project.scenes[len(window.project.scenes) // 2].panels[0]
        steps = {
            "filter": lambda: view.proxy.set_filter(ShotFilter(text=WORD)),
            "clear filter": lambda: (view.proxy.set_filter(ShotFilter()), view.tree.span_scene_rows()),
            "sort by lens": lambda: view.tree.sortByColumn(lens, Qt.SortOrder.AscendingOrder),
            "edit while sorted": lambda: window.document.set_field([panel], "camera.lens_mm", 77.0, "lens"),
        }
        for name, step in steps.items():
            ours.setdefault(name, []).append(timed(step))
        window.document.undo_stack.clear()
        window.document.undo_stack.setClean()
        window.close()

        project = load_project(folder).project
        columns = [c for c in model.columns if c.kind != "image"]
        stock, proxy, tree = floor_view(project, columns)
        lens_floor = next(i for i, c in enumerate(columns) if c.key == "lens")
        item = stock.item(len(project.scenes) // 2).child(0, lens_floor)
        floor_steps = {
            "filter": lambda: proxy.setFilterFixedString(WORD),
            "clear filter": lambda: (proxy.setFilterFixedString(""), tree.expandAll()),
            "sort by lens": lambda: tree.sortByColumn(lens_floor, Qt.SortOrder.AscendingOrder),
            "edit while sorted": lambda: item.setText("77mm"),
        }
        for name, step in floor_steps.items():
            floor.setdefault(name, []).append(timed(step))
        tree.close()
    print(f"shot list view: {args.panels} panels in {args.scenes} scenes, median of {args.repeat}")
    for name in ours:
        mine, base = statistics.median(ours[name]), statistics.median(floor[name])
        print(f"  {name:<18} ours {mine * 1000:8.1f} ms   floor {base * 1000:8.1f} ms   ours/floor {mine / base:5.2f}")
    del app


if __name__ == "__main__":
    sys.exit(main())
