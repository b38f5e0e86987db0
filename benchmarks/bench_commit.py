"""Measure how long committing a drawing holds the UI thread.

Committing a panel (leaving it, going to the next one, saving) stores
every changed layer and the composite as PNG files. A 1920×1080 canvas
with all four layers drawn on:

* ours: ``store.panel_fields``, what ``DrawingPanel.commit`` runs on the UI
  thread: flatten the composite, hand the five images to the encoding
  worker and name their files. Then, separately, the time until the
  worker has finished (a save waits for that);
* floor: encoding the same five images with ``encode_png`` on the calling
  thread, which is what committing did before (and the least work any
  encode of these files takes).

Target: the UI thread is held for at most 50 ms. This is a measurement,
not a test: it always exits with status 0.

    python benchmarks/bench_commit.py [--repeat R] [--width W]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from storyboarder.model import Panel, Project, Scene  # noqa: E402
from storyboarder.ui.drawing import store  # noqa: E402
from storyboarder.ui.drawing.encoding import wait_for_encodes  # noqa: E402
from storyboarder.ui.drawing.layers import LAYER_NAMES, LayerStack, new_tag, working_size  # noqa: E402
from storyboarder.ui.drawing.png import encode_png  # noqa: E402

TARGET_MS = 50.0


def drawn_stack(width: int) -> LayerStack:
    """A stack with lines across every layer, each tagged as changed since loading."""
    stack = LayerStack(working_size(width, 16 / 9))
    size = stack.size
    for seed, name in enumerate(LAYER_NAMES):
        painter = QPainter(stack.images[name])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(40, 40, 40, 220), 3))
        for y in range(0, size.height(), 18):
            painter.drawLine(QPointF(0, y), QPointF(size.width(), (y + seed * 200) % size.height()))
        painter.end()
        stack.tags[name] = new_tag()
        stack._blank.discard(name)
    return stack


def main(argv: list[str] | None = None) -> int:
    """Time the commit's UI-thread part, the worker's part and synchronous encoding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed commits of each kind (default 7)")
    parser.add_argument("--width", type=int, default=1920, help="working width of the canvas (default 1920)")
    args = parser.parse_args(argv)
    QApplication.instance() or QApplication(sys.argv[:1])
    stack = drawn_stack(args.width)
    ui_ms: list[float] = []
    worker_ms: list[float] = []
    floor_ms: list[float] = []
    for i in range(args.repeat + 1):
        panel = Panel()
        project = Project(scenes=[Scene(panels=[panel])])
        for name in LAYER_NAMES:
            stack.tags[name] = new_tag()
        started = time.perf_counter()
        change = store.panel_fields(project, panel, stack)
        handed = time.perf_counter()
        project.pending_images.wait()
        wait_for_encodes()
        finished = time.perf_counter()
        assert change is not None and len(project.pending_images) == 5
        begun = time.perf_counter()
        for name in LAYER_NAMES:
            encode_png(stack.images[name])
        encode_png(stack.flatten())
        ended = time.perf_counter()
        if i:  # the first round warms up
            ui_ms.append((handed - started) * 1e3)
            worker_ms.append((finished - handed) * 1e3)
            floor_ms.append((ended - begun) * 1e3)
    ui, worker, floor = statistics.median(ui_ms), statistics.median(worker_ms), statistics.median(floor_ms)
    size = stack.size
    verdict = "  ABOVE TARGET" if ui > TARGET_MS else ""
    print(f"commit of 4 drawn layers and the composite, {size.width()}×{size.height()}, median of {args.repeat}:")
    print(f"  UI thread held: ours {ui:.1f} ms (target <= {TARGET_MS:.0f} ms){verdict}; "
          f"floor (encoding on the UI thread, as before) {floor:.1f} ms")
    print(f"  worker until every file is encoded: {worker:.1f} ms (a save waits for this)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
