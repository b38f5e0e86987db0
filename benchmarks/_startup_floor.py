"""Child process of bench_editor.py: the startup floor, the least any Qt editor of this project must do.

    python benchmarks/_startup_floor.py PROJECT

Imports PySide6, creates a QApplication and a bare QMainWindow of the
editor's default size, shows it, processes events until the window is
exposed and has painted, decodes the project with the same msgspec decoder
and entity types the editor uses (``storyboarder.io.codec.fast_decode``: the
cheapest road any reader of this format can take), then prints

    READY {"phases": {...}, "rss_mb": ..., "hwm_mb": ...}

and exits at once, like ``_startup_probe.py``. Its resident set after
the decode is the floor of the memory measurement.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

TIMEOUT_S = 30.0


def main(project: str) -> dict:
    phases: dict[str, float] = {}

    def mark(name: str) -> None:
        phases[name] = round(time.perf_counter() - STARTED, 4)

    from _editor_common import memory_mb, quiet_qt_messages, spin_until

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    mark("imported")
    quiet_qt_messages()
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1400, 860)
    painted = {"count": 0}

    class PaintWatch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                painted["count"] += 1
            return False

    watch = PaintWatch()
    window.installEventFilter(watch)
    window.show()
    mark("shown")
    ok = spin_until(
        lambda: window.windowHandle() is not None and window.windowHandle().isExposed() and painted["count"] > 0,
        TIMEOUT_S,
        poll_ms=1,
    )
    mark("exposed")
    path = project if project.endswith(".json") else os.path.join(project, "project.json")
    # The same decoder and types as load_project's fast road, without its
    # repairs, image checks or models: the decode no editor can skip.
    from storyboarder.io.codec import fast_decode
    from storyboarder.io.migrate import FORMAT_VERSION

    with open(path, "rb") as handle:
        data = handle.read()
    doc = fast_decode(data, FORMAT_VERSION)
    if doc is None:
        raise SystemExit(f"{path}: not a file the fast decoder takes; the floor would not be honest")
    mark("json_loaded")
    result = {"phases": phases, "ok": ok, "scenes": len(doc.scenes), **memory_mb()}
    result["_keep"] = (app, window, doc)
    return result


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    result = main(sys.argv[1])
    result.pop("_keep")
    print("READY " + json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)
