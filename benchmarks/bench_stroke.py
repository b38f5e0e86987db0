"""Measure the cost per pointer event of drawing a stroke on the canvas.

A 500-point stroke on a 3840×2160 canvas, offscreen:

* ours: the drawing view's path for each pointer event: ``CanvasView``
  press, move and release (smoothing, the curve segment painted, its dirty
  rectangle) plus ``refresh_composite()`` after every event, which brings
  that rectangle of the view's composite up to date, as a repaint would;
  the release merges a wet stroke into its layer and hands over the undo
  record;
* floor: the same segments drawn with ``QPainter.drawLine`` onto a bare
  QImage with the same pen, one QPainter per event (as Qt's Tablet example
  paints per event); for the eraser, cutting them out (``DestinationOut``).

Runs: the pen (opaque) on a blank canvas and on a busy one (reference,
sketch and ink layers full of lines, the stroke on ink), where each mark is
drawn onto the composite as well as the layer, so nothing is composed; the
pencil (translucent, 8 px) and the tone (translucent, 48 px) on the busy
canvas, painted onto the wet image and composed per event from the
stroke's backdrop (the layers under it, flattened as the stroke reaches
each tile) and the wet image; the eraser (24 px) on the busy canvas,
cutting the layer, composed per event from the backdrop and the layer.
Then the pen and the pencil with the onion skin of two neighbouring panels,
which is multiplied over every composed box: a third draw per event, and
the pen can no longer draw straight onto the composite.

This is a measurement, not a test: it always exits with status 0 and
prints ABOVE TARGET next to a ratio that is over its target. ``--clock cpu``
times this process's CPU time instead of wall time: steadier when other
programs share the cores.

    python benchmarks/bench_stroke.py [--repeat R] [--points N] [--clock wall|cpu] [--profile]
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from storyboarder.ui.drawing import DEFAULT_BRUSHES, CanvasView, LayerStack, Tool  # noqa: E402
from storyboarder.ui.drawing.layers import IMAGE_FORMAT  # noqa: E402

TARGET = 2.0
WIDTH, HEIGHT = 3840, 2160
#: The widget the canvas is fitted into (about a third of the canvas: zoomed out, as when sketching a whole frame).
VIEW_SIZE = (1280, 760)
PEN_SIZE = 8
#: The tone and eraser run at their default sizes, as broad tools.
TONE_SIZE, ERASER_SIZE = 48, 24


def stroke_points(count: int) -> list[tuple[float, float]]:
    """A wavy stroke across the canvas, about 6 canvas pixels between pointer events."""
    return [(400 + i * 6.0, 1080 + 500 * math.sin(i / 40) + 40 * math.sin(i / 7)) for i in range(count)]


def fill_layer(image: QImage, seed: int) -> None:
    """Cover a layer with lines, so that composing it has real pixels to blend."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(40, 40, 40, 200), 5))
    for i in range(0, HEIGHT, 24):
        painter.drawLine(QPointF(0, i), QPointF(WIDTH, (i + seed * 300) % HEIGHT))
    painter.end()


def make_view(busy: bool, tool: Tool = Tool.PEN, size: float = PEN_SIZE, onion: bool = False) -> CanvasView:
    """A fitted canvas view over a 3840×2160 stack, drawing with ``tool`` at ``size`` on ink."""
    stack = LayerStack(QImage(WIDTH, HEIGHT, IMAGE_FORMAT).size())
    if busy:
        for seed, name in enumerate(("reference", "sketch", "ink")):
            fill_layer(stack.images[name], seed)
            stack._blank.discard(name)
        stack.opacity["reference"] = 0.6
    view = CanvasView()
    view.resize(*VIEW_SIZE)
    view.set_stack(stack)
    if onion:
        neighbour = QImage(WIDTH, HEIGHT, IMAGE_FORMAT)
        neighbour.fill(QColor(255, 255, 255))
        fill_layer(neighbour, 3)
        view.set_onion(neighbour, neighbour)
    view.fit_to_window()
    view.layer = "ink"
    view.brush = DEFAULT_BRUSHES[tool].resized(size)
    view.refresh_composite()
    return view


def ours_run(view: CanvasView, points: list[QPointF]) -> None:
    """One stroke through the view, composing after every event."""
    view.begin_stroke(points[0], 1.0)
    view.refresh_composite()
    for point in points[1:-1]:
        view.continue_stroke(point, 1.0)
        view.refresh_composite()
    view.continue_stroke(points[-1], 1.0)
    view.end_stroke()
    view.refresh_composite()


def floor_run(image: QImage, points: list[tuple[float, float]], pen: QPen, erase: bool = False) -> None:
    """The same segments with QPainter on a bare image, one painter per event (cutting them out, for the eraser)."""
    previous = QPointF(*points[0])
    for x, y in points[1:]:
        point = QPointF(x, y)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if erase:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        painter.setPen(pen)
        painter.drawLine(previous, point)
        painter.end()
        previous = point


#: What ``timed_us`` reads: wall time, or this process's CPU time (steadier on a shared machine,
#: as time spent waiting for a core is left out).
CLOCKS = {"wall": time.perf_counter_ns, "cpu": time.process_time_ns}
clock = CLOCKS["wall"]


def timed_us(run, events: int) -> float:
    """Microseconds per event of one run."""
    gc.collect()
    started = clock()
    run()
    return (clock() - started) / 1e3 / events


def bench(name: str, busy: bool, count: int, repeat: int, tool: Tool = Tool.PEN, size: float = PEN_SIZE,
          onion: bool = False) -> float:
    """Time ours and the floor alternately; print and return the ratio of the medians."""
    view = make_view(busy, tool, size, onion)
    canvas_points = stroke_points(count)
    transform = view.image_transform()
    widget_points = [transform.map(QPointF(x, y)) for x, y in canvas_points]
    floor_image = QImage(WIDTH, HEIGHT, IMAGE_FORMAT)
    floor_image.fill(0)
    brush = view.brush
    erase = tool is Tool.ERASER
    color = QColor(brush.color)
    color.setAlphaF(1.0 if erase else brush.alpha_at(1.0))
    pen = QPen(color, brush.size, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    runs = [(lambda: ours_run(view, widget_points)), (lambda: floor_run(floor_image, canvas_points, pen, erase))]
    for run in runs:  # warm-up
        run()
    ours_us: list[float] = []
    floor_us: list[float] = []
    for i in range(repeat):
        pairs = [(runs[0], ours_us), (runs[1], floor_us)]
        if i % 2:
            pairs.reverse()
        for run, times in pairs:
            times.append(timed_us(run, count))
    ours, floor = statistics.median(ours_us), statistics.median(floor_us)
    ratio = ours / floor
    verdict = "  ABOVE TARGET" if ratio > TARGET else ""
    print(
        f"{name}: ours {ours:.1f} µs/event, floor {floor:.1f} µs/event, ours/floor {ratio:.2f} (target <= {TARGET}){verdict}"
        f"  [min: ours {min(ours_us):.1f}, floor {min(floor_us):.1f}, ratio {min(ours_us) / min(floor_us):.2f}]"
    )
    stack = view.stack
    if stack.wet_layer is not None or view.drawing:
        print("  UNEXPECTED: the stroke did not finish")
    return ratio


def profile(count: int) -> None:
    """Print where our per-event time goes, for the pencil on the busy canvas."""
    import cProfile
    import pstats

    view = make_view(True, Tool.PENCIL)
    transform = view.image_transform()
    points = [transform.map(QPointF(x, y)) for x, y in stroke_points(count)]
    ours_run(view, points)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        ours_run(view, points)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    """Run the stroke measurement on a blank and a busy canvas."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=500, help="pointer events per stroke (default 500)")
    parser.add_argument("--repeat", type=int, default=15, help="timed strokes of each side (default 15)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of our side")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time (default) or this process's CPU time, steadier when other programs share the cores")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    if args.points < 3 or args.repeat < 1:
        parser.error("--points must be at least 3 and --repeat at least 1")
    QApplication.instance() or QApplication(sys.argv[:1])
    print(f"{args.points}-point strokes ({PEN_SIZE} px unless said) on a {WIDTH}×{HEIGHT} canvas, view {VIEW_SIZE[0]}×{VIEW_SIZE[1]} "
          f"fitted, {args.repeat} strokes each (median), {args.clock} clock")
    n, r = args.points, args.repeat
    bench("pen, blank canvas", False, n, r)
    bench("pen, busy canvas (3 full layers)", True, n, r)
    bench("pencil, busy canvas", True, n, r, Tool.PENCIL)
    bench("tone 48 px, busy canvas", True, n, r, Tool.TONE, TONE_SIZE)
    bench("eraser 24 px, busy canvas", True, n, r, Tool.ERASER, ERASER_SIZE)
    print("with the onion skin of two neighbouring panels:")
    bench("pen, busy canvas, onion skin", True, n, r, onion=True)
    bench("pencil, busy canvas, onion skin", True, n, r, Tool.PENCIL, onion=True)
    if args.profile:
        profile(args.points)
    return 0


if __name__ == "__main__":
    sys.exit(main())
