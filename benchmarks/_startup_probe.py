"""Child process of bench_editor.py: start the editor on a project and say READY once the first row is painted.

    python benchmarks/_startup_probe.py PROJECT [--profile]

Does what ``storyboarder.ui.app.run`` does (application, window, show, open
the project), then runs the event loop until every thumbnail of the grid's
first visual row is decoded *and* the grid's viewport has painted after the
last of them arrived. Then it prints one line,

    READY {"phases": {...}, "rss_mb": ..., "hwm_mb": ..., ...}

and exits at once (``os._exit``, after letting go of the project lock): the
parent times from starting the process to reading that line. ``phases``
are seconds since the first line of this script ran, for the report.

With ``--profile`` the whole run (imports included) runs under cProfile and
the top entries go to stderr after READY.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

TIMEOUT_S = 60.0


def main(project: str) -> dict:
    phases: dict[str, float] = {}

    def mark(name: str) -> None:
        phases[name] = round(time.perf_counter() - STARTED, 4)

    from _editor_common import (
        first_visual_row,
        image_of,
        memory_mb,
        no_dialogs,
        quiet_qt_messages,
        refs_dropped,
        singleton_refs,
        spin_until,
        thumbnail_settled,
    )

    # Not pinned here (see _editor_common.pin_singletons): start-up is short
    # enough to survive, and this probe runs the editor as shipped.
    refs_at_start = singleton_refs()

    from PySide6.QtCore import QEvent, QObject

    from storyboarder.ui.app import make_application
    from storyboarder.ui.context import ApplicationContext
    from storyboarder.ui.main_window import MainWindow
    from storyboarder.ui.settings import Settings

    mark("imported")
    quiet_qt_messages()
    dialogs = no_dialogs()
    app = make_application([sys.argv[0]])
    window = MainWindow(ApplicationContext(Settings()))
    mark("window_built")
    window.show()
    mark("shown")
    if not window.open_project(project):
        raise SystemExit(f"could not open {project}")
    mark("project_opened")

    grid = window.grid
    state = {"last_paint": -1.0, "last_arrival": 0.0, "paints": 0}

    class PaintWatch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                # The filter runs just before the paint; the loop checks again only after it.
                state["last_paint"] = time.perf_counter()
                state["paints"] += 1
            return False

    watch = PaintWatch()
    grid.viewport().installEventFilter(watch)
    window.thumbnails.ready.connect(lambda _path: state.__setitem__("last_arrival", time.perf_counter()))

    first: dict[str, list] = {"rows": []}

    def first_row_painted() -> bool:
        if not grid.isVisible() or not window.windowHandle() or not window.windowHandle().isExposed():
            return False
        rows = first_visual_row(grid)
        first["rows"] = rows
        images = [image_of(grid, row) for row in rows]
        if not all(thumbnail_settled(window.thumbnails, image) for image in images):
            return False
        if "first_row_decoded" not in phases:
            mark("first_row_decoded")
        return state["last_paint"] >= state["last_arrival"] and state["paints"] > 0

    ok = spin_until(first_row_painted, TIMEOUT_S, poll_ms=1)
    mark("first_row_painted")
    result = {
        "phases": phases,
        "ok": ok,
        "first_row": len(first["rows"]),
        "panels_in_scene": grid.model().rowCount(),
        "paints": state["paints"],
        "dialogs": len(dialogs),
        "refs_dropped": refs_dropped(refs_at_start, singleton_refs()),
        **memory_mb(),
    }
    result["_window"] = window  # kept alive until exit; removed before printing
    result["_app"] = app
    return result


def finish(result: dict) -> None:
    window = result.pop("_window")
    result.pop("_app")
    print("READY " + json.dumps(result), flush=True)
    window.files.closing()  # let go of the project lock, as closing the window would


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    args = [a for a in sys.argv[1:] if a != "--profile"]
    if len(args) != 1:
        raise SystemExit(__doc__)
    if "--profile" in sys.argv:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(main, args[0])
        finish(result)
        from _editor_common import profile_report

        profile_report(profiler, limit=30)
    else:
        finish(main(args[0]))
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: thumbnail workers may still be decoding other rows.
    os._exit(0)
