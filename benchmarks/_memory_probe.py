"""Child process of bench_editor.py: scroll through every scene's grid and report the memory used.

    python benchmarks/_memory_probe.py PROJECT [--step-fraction F]

Opens the project in the editor window (offscreen), then for every scene:
makes it current in the scene list, scrolls the grid from top to bottom by
``F`` of a page at a time (one page by default), and at each step grabs the
viewport (which paints it, so the delegate asks for the visible thumbnails)
and runs the event loop until the visible thumbnails have arrived (or 10 s
pass). Prints one line,

    RESULT {"rss_mb": ..., "hwm_mb": ..., "pixmaps": ..., ...}

with the resident set after opening, at the end and at its peak
(``VmHWM``), and how many thumbnails the cache holds and their pixel bytes.

On Python 3.11 it first pins None, True and False (see
``_editor_common.pin_singletons``): the run would abort otherwise.
"""

from __future__ import annotations

import json
import os
import sys
import time

STEP_TIMEOUT_S = 10.0


def pixmap_bytes(pixmap) -> int:
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth()) // 8


def main(project: str, step_fraction: float) -> dict:
    from _editor_common import (
        image_of,
        memory_mb,
        no_dialogs,
        pin_singletons,
        quiet_qt_messages,
        refs_dropped,
        singleton_refs,
        spin_until,
        thumbnail_settled,
        visible_rows,
    )

    # Without this the run aborts ("deallocating None") a few screens in: see pin_singletons.
    pinned = pin_singletons()

    from storyboarder.ui.app import make_application
    from storyboarder.ui.context import ApplicationContext
    from storyboarder.ui.main_window import MainWindow
    from storyboarder.ui.settings import Settings

    quiet_qt_messages()
    dialogs = no_dialogs()
    app = make_application([sys.argv[0]])
    window = MainWindow(ApplicationContext(Settings()))
    window.show()
    if not window.open_project(project):
        raise SystemExit(f"could not open {project}")
    spin_until(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), 10)
    after_open = memory_mb()

    grid = window.grid
    thumbnails = window.thumbnails
    refs_before = singleton_refs()
    started = time.perf_counter()
    steps = timeouts = painted_items = 0
    largest_scene = 0
    scenes = list(window.project.scenes)
    for scene in scenes:
        window.navigator.show_scene(scene)
        app.processEvents()
        if window.current_scene() is not scene:
            raise SystemExit("the scene list did not switch scenes")
        largest_scene = max(largest_scene, len(scene.panels))
        grid.doItemsLayout()
        bar = grid.verticalScrollBar()
        bar.setValue(0)
        app.processEvents()
        step = max(1, int(bar.pageStep() * step_fraction))
        value = 0
        while True:
            bar.setValue(value)
            grid.viewport().grab()  # paints the visible items: the delegate asks for their thumbnails
            images = [image_of(grid, row) for row in visible_rows(grid)]
            painted_items += len(images)
            if not spin_until(lambda: all(thumbnail_settled(thumbnails, i) for i in images), STEP_TIMEOUT_S):
                timeouts += 1
            steps += 1
            if value >= bar.maximum():
                break
            value = min(value + step, bar.maximum())
    scrolled_s = time.perf_counter() - started
    dropped = refs_dropped(refs_before, singleton_refs())
    grid.viewport().grab()
    app.processEvents()
    final = memory_mb()
    # The pixmaps the cache holds (its own dict: the public API gives only counts).
    cached = list(getattr(thumbnails, "_pixmaps", {}).values())
    result = {
        "scenes": len(scenes),
        "panels": sum(len(s.panels) for s in scenes),
        "largest_scene": largest_scene,
        "steps": steps,
        "items_painted": painted_items,
        "step_timeouts": timeouts,
        "scroll_s": round(scrolled_s, 2),
        "rss_after_open_mb": after_open["rss_mb"],
        "rss_mb": final["rss_mb"],
        "hwm_mb": final["hwm_mb"],
        "pixmaps": len(thumbnails) if hasattr(thumbnails, "__len__") else len(cached),
        "pixmap_mb": sum(pixmap_bytes(p) for p in cached) / 1e6,
        "cache_limit_mb": getattr(thumbnails, "limit_bytes", 0) / 1e6,
        "pixmap_size": (f"{cached[0].width()}x{cached[0].height()}" if cached else ""),
        "refs_dropped": dropped,
        "pinned": pinned,
        "dialogs": len(dialogs),
    }
    window.files.closing()
    return result


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    args = sys.argv[1:]
    fraction = 1.0
    if "--step-fraction" in args:
        at = args.index("--step-fraction")
        fraction = float(args[at + 1])
        del args[at : at + 2]
    if len(args) != 1:
        raise SystemExit(__doc__)
    print("RESULT " + json.dumps(main(args[0], fraction)), flush=True)
    sys.stderr.flush()
    os._exit(0)
