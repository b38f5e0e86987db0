"""The Shot List tab on a large project: filter, clear the filter, sort, and an edit while sorted.

The floor is Qt's own: a QStandardItemModel holding the same cell strings
(built before timing), under a plain QSortFilterProxyModel with recursive
filtering, in the same kind of QTreeView. It does the unavoidable view work
without our model's live reading of panels, undo and caches.

The floor filters what ours filters: the cells of the same columns (every
column but the frames and the scheduled minutes, see
``model.shot_list.row_text``), each cell's text also under a filter role
that the proxy matches case-insensitively, so a row passes when one of
those cells holds the word, as ours does for a one-word filter; scene rows
never match by themselves, only through their shots, on both sides. Ours
works out and folds each row's text on the first filter (then keeps it);
the floor's strings are made before timing. The floor closes its scene
rows before it filters and opens them again after: filtering under an
expanded QTreeView costs time quadratic in the scene rows (16.8 s at
20,000 shots in 400 scenes), which no floor should.

``--clock cpu`` times the main thread's CPU time (``time.thread_time``):
the thumbnail threads' work is not the filter's.

    python benchmarks/bench_shot_list_view.py [--panels 8000] [--scenes 160] [--repeat 3] [--clock cpu]
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
#: The role the floor's proxy filters on: the cell's text in the columns ours searches, nothing elsewhere.
FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
#: Columns whose text ours does not search (model.shot_list.row_text).
UNSEARCHED = ("image", "scheduled")
#: The rows ``scale_rows`` gives (bench_scale.py).
SCALE_ROWS = ("shot list filter", "shot list clear filter")

CLOCK = {"clock": time.perf_counter}


def timed(step) -> float:
    clock = CLOCK["clock"]
    start = clock()
    step()
    QApplication.processEvents()
    return clock() - start


def floor_view(project, columns):
    """The same strings in Qt's stock tree model and proxy."""
    context = ShotListContext(project)
    model = QStandardItemModel()
    model.setColumnCount(len(columns))
    for scene in project.scenes:
        group = QStandardItem(scene.heading)
        for panel in scene.panels:
            row = []
            for column in columns:
                item = QStandardItem(cell_text(column, scene, panel, context))
                if column.kind not in UNSEARCHED:
                    item.setData(item.text(), FILTER_ROLE)
                row.append(item)
            group.appendRow(row)
        model.appendRow(group)
    proxy = QSortFilterProxyModel()
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterRole(FILTER_ROLE)
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


def measure(folder, repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Time each step on ours and on the floor, ``repeat`` times each, a fresh window each time; seconds."""
    ours: dict[str, list[float]] = {}
    floor: dict[str, list[float]] = {}
    for _ in range(repeat):
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
        view.proxy.set_filter(ShotFilter(text=WORD))
        counts = {"ours": shots_shown(view.proxy)}
        window.document.undo_stack.clear()
        window.document.undo_stack.setClean()
        window.close()

        project = load_project(folder).project
        columns = [c for c in model.columns if c.kind != "image"]
        stock, proxy, tree = floor_view(project, columns)
        lens_floor = next(i for i, c in enumerate(columns) if c.key == "lens")
        item = stock.item(len(project.scenes) // 2).child(0, lens_floor)
        floor_steps = {
            # Filtering under an expanded QTreeView is quadratic in the scene rows (Qt 6: 2.3 s
            # for 160 scenes, 0.17 s for 40); closing them first and opening them again is not.
            "filter": lambda: (tree.collapseAll(), proxy.setFilterFixedString(WORD), tree.expandAll()),
            "clear filter": lambda: (proxy.setFilterFixedString(""), tree.expandAll()),
            "sort by lens": lambda: tree.sortByColumn(lens_floor, Qt.SortOrder.AscendingOrder),
            "edit while sorted": lambda: item.setText("77mm"),
        }
        for name, step in floor_steps.items():
            floor.setdefault(name, []).append(timed(step))
        tree.collapseAll(), proxy.setFilterFixedString(WORD), tree.expandAll()
        counts["floor"] = shots_shown(proxy)
        tree.close()
        # The same rows through, or the floor did other work than ours.
        if counts["ours"] != counts["floor"] or not counts["ours"]:
            raise AssertionError(f"{WORD!r} lets {counts['ours']} shots through ours, {counts['floor']} through the floor")
    ours["shots matched"] = floor["shots matched"] = [counts["ours"]]
    return ours, floor


def shots_shown(proxy) -> int:
    """The shot rows a proxy lets through, under every scene row."""
    return sum(proxy.rowCount(proxy.index(row, 0)) for row in range(proxy.rowCount()))


def scale_rows(panels: int):
    """Rows of the scale run (bench_scale.py): filtering the Shot List by a word, and clearing it."""
    import bench_scale

    if bench_scale.clock_name() == "cpu":
        CLOCK["clock"] = time.thread_time
    app = make_application([])
    folder = bench_scale.scale_project(panels)
    ours, floor = measure(folder, 3 if panels < 10000 else 2)
    for name in ("filter", "clear filter"):
        if bench_scale.wanted(f"shot list {name}"):
            yield f"shot list {name}", statistics.median(ours[name]), statistics.median(floor[name])
    del app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", type=int, default=8000)
    parser.add_argument("--scenes", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="wall time (default) or the main thread's CPU time")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK["clock"] = time.thread_time
    app = make_application([])
    folder = cached_project(panels=args.panels, scenes=args.scenes)
    ours, floor = measure(folder, args.repeat)
    shots = ours.pop("shots matched")[0]
    floor.pop("shots matched")
    print(f"shot list view: {args.panels} panels in {args.scenes} scenes, median of {args.repeat}, {args.clock} clock;"
          f" the filter {WORD!r} lets {shots} shots through, on both sides")
    for name in ours:
        mine, base = statistics.median(ours[name]), statistics.median(floor[name])
        print(f"  {name:<18} ours {mine * 1000:8.1f} ms   floor {base * 1000:8.1f} ms   ours/floor {mine / base:5.2f}")
    del app


if __name__ == "__main__":
    sys.exit(main())
