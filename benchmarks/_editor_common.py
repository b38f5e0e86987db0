"""Helpers shared by the editor benchmark's child processes (``_*_probe.py``, ``_startup_floor.py``).

Each child runs the editor (or the floor) in a fresh process, offscreen, with
its own settings folder, and reports on stdout; ``bench_editor.py`` starts
the children and compares what they report.

Waiting for thumbnail workers must release the GIL: ``QTest.qWait`` and
``qtbot.waitUntil`` do not, and starve the decoding threads. ``spin_until``
runs a ``QEventLoop`` with a polling ``QTimer`` instead.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable

# Before any Qt import: the benchmark never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


#: The singletons whose references PySide6 6.12 drops on Python 3.11 (see ``pin_singletons``).
SINGLETONS = {"None": None, "True": True, "False": False}


def pin_singletons() -> bool:
    """Keep None, True and False alive despite PySide6 dropping references to them; return whether needed.

    With PySide6 6.12 on Python 3.11, many calls lose a reference to the
    object they return: every call of a C++ function returning void (such as
    ``QPainter.save``, ``setObjectName``) drops one to None, and every
    ``Signal.emit`` one to True. Painting one grid screen drops about a
    hundred; when a count reaches zero the interpreter aborts ("deallocating
    None"). Python 3.12 made these objects immortal, which hides the bug.
    Adding 2**40 to the counts does the same here, so that a long benchmark
    run can finish; ``singleton_refs`` tells how many were dropped.
    """
    if sys.version_info >= (3, 12):
        return False
    import ctypes

    for obj in SINGLETONS.values():
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    return True


def singleton_refs() -> dict[str, int]:
    """The reference counts of None, True and False now (compare two readings to see drops)."""
    return {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}


def refs_dropped(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """How many references each singleton lost between two readings (negative: gained)."""
    return {name: before[name] - after[name] for name in before}


def proc_status_kb(*keys: str) -> dict[str, int]:
    """Read memory lines (``VmRSS``, ``VmHWM``…) from ``/proc/self/status``, in kB; empty where unavailable."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                name, _, rest = line.partition(":")
                if name in keys:
                    found[name] = int(rest.split()[0])
    except OSError:
        pass
    return found


def memory_mb() -> dict[str, float]:
    """This process's resident set now (``rss_mb``) and at its peak (``hwm_mb``), in MB (10^6 bytes)."""
    kb = proc_status_kb("VmRSS", "VmHWM")
    return {"rss_mb": kb.get("VmRSS", 0) * 1024 / 1e6, "hwm_mb": kb.get("VmHWM", 0) * 1024 / 1e6}


def spin_until(done: Callable[[], bool], timeout_s: float, poll_ms: int = 2) -> bool:
    """Run the Qt event loop until ``done()`` is true or the time is up; return ``done()``.

    A QEventLoop sleeps in the platform's event dispatcher between polls and
    so releases the GIL, letting the thumbnail workers run.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s

    def check() -> None:
        if done() or time.perf_counter() >= deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return done()


def visible_rows(grid) -> list[int]:
    """Rows of the grid whose item rectangles intersect the viewport, in row order."""
    model = grid.model()
    area = grid.viewport().rect()
    rows = []
    for row in range(model.rowCount()):
        if grid.visualRect(model.index(row, 0)).intersects(area):
            rows.append(row)
    return rows


def first_visual_row(grid) -> list[int]:
    """Rows of the topmost line of items the grid shows (the first row of thumbnails)."""
    model = grid.model()
    rows = visible_rows(grid)
    if not rows:
        return []
    top = min(grid.visualRect(model.index(row, 0)).top() for row in rows)
    return [row for row in rows if grid.visualRect(model.index(row, 0)).top() == top]


def image_of(grid, row: int) -> str | None:
    """The image path of a panel in the grid, as the delegate asks for it."""
    from storyboarder.ui.board.item_models import Role

    return grid.model().index(row, 0).data(Role.IMAGE)


def thumbnail_settled(thumbnails, relative: str | None) -> bool:
    """True once a thumbnail is decoded (or has a problem, or there is no image): nothing more will arrive."""
    if not relative:
        return True
    # pixmap() starts a decode if none is queued, as painting would.
    return thumbnails.pixmap(relative) is not None or bool(thumbnails.problem(relative))


def no_dialogs() -> list[str]:
    """Make message boxes return at once instead of blocking an offscreen run; return what was shown.

    A benchmark run should show none; the probes report any as UNEXPECTED.
    """
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def recorder(kind: str, answer):
        def show(_parent, title, text, *args, **kwargs):
            shown.append(f"{kind}: {title}: {text}")
            print(f"UNEXPECTED dialog {kind}: {title}: {text}", file=sys.stderr)
            return answer

        return staticmethod(show)

    buttons = QMessageBox.StandardButton
    QMessageBox.critical = recorder("critical", buttons.Ok)
    QMessageBox.warning = recorder("warning", buttons.Ok)
    QMessageBox.information = recorder("information", buttons.Ok)
    QMessageBox.question = recorder("question", buttons.Discard)
    return shown


def quiet_qt_messages() -> None:
    """Drop Qt's offscreen-plugin chatter (``propagateSizeHints``) from stderr; keep the rest."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def profile_report(profiler, limit: int = 25, stream=None) -> None:
    """Print a cProfile's top entries, by cumulative and by own time."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    out.write(f"--- top {limit} by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(limit)
    out.write(f"--- top {limit} by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    print(out.getvalue(), file=stream or sys.stderr)
