"""Drawing tools and the painting of one stroke.

A stroke is painted onto the stack's *wet* image, segment by segment as the
pointer moves, and merged into its layer when the pen lifts. On the wet
image every segment is drawn in ``CompositionMode_Source``: where segments
overlap (at every joint) the later one replaces the earlier instead of
piling up, so a translucent pencil or marker keeps one even opacity along
the stroke instead of darkening at each joint. The eraser paints its reach
the same way, and the merge cuts it out of the layer.

Incoming points are smoothed twice: the path the pointer took is sampled at
a fixed spacing along its length and a moving average of the last few
samples takes out hand and mouse jitter, and consecutive samples are joined
by quadratic curves through their midpoints, so a stroke has no corners at
any zoom. Smoothing by distance rather than by event keeps a stroke's shape
the same however fast the pointer moved: a quick zigzag sent as a handful of
events reaches its corners just as a slow one does. Each call returns the rectangle it changed, so that only that much of
the canvas is composed and repainted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from math import hypot

from PySide6.QtCore import QLineF, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen


class Tool(Enum):
    """The drawing tools."""

    PENCIL = "pencil"
    PEN = "pen"
    TONE = "tone"
    ERASER = "eraser"
    LINE = "line"


@dataclass(frozen=True)
class Brush:
    """How a tool marks the layer: size in canvas pixels, colour, opacity and pressure response.

    ``width_pressure`` and ``opacity_pressure`` (0 to 1) say how much of the
    width and opacity pressure takes away when it is light.
    """

    tool: Tool
    size: float
    color: QColor
    opacity: float = 1.0
    width_pressure: float = 0.0
    opacity_pressure: float = 0.0

    def width_at(self, pressure: float) -> float:
        """Pen width for a pressure from 0 to 1."""
        return max(0.5, self.size * (1.0 - self.width_pressure * (1.0 - pressure)))

    def alpha_at(self, pressure: float) -> float:
        """Opacity for a pressure from 0 to 1."""
        return max(0.02, min(1.0, self.opacity * (1.0 - self.opacity_pressure * (1.0 - pressure))))

    @property
    def opaque(self) -> bool:
        """Whether every mark is fully opaque, whatever the pressure."""
        return self.tool is not Tool.ERASER and self.opacity >= 1.0 and self.opacity_pressure == 0.0 and self.color.alpha() == 255

    def resized(self, size: float) -> "Brush":
        """The same brush at another size."""
        return replace(self, size=max(SIZE_STEPS[0], min(float(size), SIZE_STEPS[-1])))

    def recoloured(self, color: QColor) -> "Brush":
        """The same brush in another colour."""
        return replace(self, color=QColor(color))


#: Sizes that ``[`` and ``]`` step through.
SIZE_STEPS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)

#: Each tool's brush when the drawing view opens.
DEFAULT_BRUSHES = {
    # Soft and light: mid grey at part opacity, thinner and fainter with light pressure.
    Tool.PENCIL: Brush(Tool.PENCIL, 3, QColor("#505050"), 0.65, width_pressure=0.5, opacity_pressure=0.6),
    # Solid ink: pressure changes only the width, so the pen is always opaque.
    Tool.PEN: Brush(Tool.PEN, 4, QColor("#000000"), 1.0, width_pressure=0.75),
    Tool.TONE: Brush(Tool.TONE, 48, QColor("#808080"), 0.3, width_pressure=0.3, opacity_pressure=0.5),
    Tool.ERASER: Brush(Tool.ERASER, 24, QColor("#000000"), 1.0, width_pressure=0.5),
    Tool.LINE: Brush(Tool.LINE, 4, QColor("#000000"), 1.0),
}

#: The layer each drawing tool moves to when chosen from the sketch or ink layer.
HOME_LAYER = {Tool.PENCIL: "sketch", Tool.TONE: "sketch", Tool.PEN: "ink"}


def step_size(size: float, steps: int) -> float:
    """The size ``steps`` notches up (positive) or down (negative) from ``size``."""
    if steps > 0:
        larger = [s for s in SIZE_STEPS if s > size + 1e-6]
        return larger[min(steps, len(larger)) - 1] if larger else SIZE_STEPS[-1]
    smaller = [s for s in SIZE_STEPS if s < size - 1e-6]
    return smaller[max(steps, -len(smaller))] if smaller else SIZE_STEPS[0]


_Mode = QPainter.CompositionMode
_ROUND = (Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

#: A curve piece whose middle strays less than a fifth of a canvas pixel from its chord is
#: drawn as a line: the layer is pixels, so the difference is invisible at any zoom, and a
#: line costs half as much to draw. (The stray is a quarter of |2·control − start − end|.)
_FLAT = (4 * 0.2) ** 2

#: Side of the square tiles a stroke's undo record is cut into (a power of two).
TILE = 64
_SHIFT = TILE.bit_length() - 1

#: A changed area of the canvas as ``(left, top, right, bottom)``, right and bottom exclusive.
Box = tuple[int, int, int, int]


class StrokePainter:
    """Paints one stroke as points arrive; each call returns the box it changed, or None.

    A stroke is painted either onto the stack's wet image (``direct`` False:
    translucent paint, whose joints must not pile up, and straight-line
    previews, which are redrawn as the pointer moves), or straight onto the
    layer (``direct`` True: opaque paint and the eraser, where marks drawn
    one over another give exactly their union). A direct stroke copies each
    tile of the layer just before its first mark there, for the undo record.

    ``straight`` makes a straight line from the first point to the latest
    one (the line tool, or any tool with Shift held).

    ``move`` runs for every pointer event, so it keeps its state in plain
    floats and makes as few Qt calls as it can (one ``drawLine`` for most
    pieces): each PySide call costs about a microsecond.
    """

    #: Canvas pixels between the samples taken along the pointer's path. Smoothing works
    #: per sample, never per event: a fast pointer sends few events far apart, and moving
    #: halfway to each of them cut a quick 180 px zigzag down to about 60 px.
    STEP = 1.5
    #: How far each smoothed point moves towards the next sample: 1 follows the path
    #: exactly, 0.5 lags it by about two canvas pixels, which takes out the jitter of
    #: whole-pixel mouse positions at the usual zooms; the lag is caught up on release.
    SMOOTHING = 0.5

    def __init__(self, target: QImage, brush: Brush, straight: bool = False, mirror: QPainter | None = None,
                 direct: bool = False, touch: Callable[[QRect], None] | None = None):
        self.brush = brush
        self.straight = straight
        self.erase = brush.tool is Tool.ERASER
        self.direct = direct and not straight
        self.color = QColor(brush.color)
        self.target = target
        self._size = (target.width(), target.height())
        self.painter = QPainter(target)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.direct:
            self.painter.setCompositionMode(_Mode.CompositionMode_Source)
        elif self.erase:
            self.painter.setCompositionMode(_Mode.CompositionMode_DestinationOut)
        #: Another painter every piece is also drawn with (the view's composite, for opaque
        #: brushes: there the same marks drawn over give exactly the stroke merged over).
        self.mirror = mirror
        if mirror is not None:
            mirror.setRenderHint(QPainter.RenderHint.Antialiasing)
        #: Called with each tile of the canvas just before the stroke first marks it.
        self.touch = touch
        #: The tiles drawn on, as ``row << 16 | column``.
        self._touched: set[int] = set()
        #: For a direct stroke: each tile's pixels before the stroke reached it.
        self.backups: dict[int, tuple[QRect, QImage]] = {}
        self._pen_key: tuple[float, float] | None = None
        self._pressure = -1.0
        self._width = 1.0
        # The smoothed point (the next curve's control point), the midpoint the next piece
        # starts from, the first point and the last raw one, each as x, y and pressure.
        self._sx = self._sy = self._sp = 0.0
        self._mx = self._my = self._mp = 0.0
        self._start = (0.0, 0.0, 1.0)
        self._last = (0.0, 0.0, 1.0)
        #: How far along the path from the last pointer position the next sample falls.
        self._due = self.STEP
        self._line_box: Box | None = None
        #: How many pieces were drawn as curves rather than lines (for measurements).
        self.lines_curved = 0

    # Pointer events --------------------------------------------------------------

    def press(self, x: float, y: float, pressure: float = 1.0) -> Box:
        """Start at a point; a tap alone leaves a dot."""
        self._sx, self._sy, self._sp = self._mx, self._my, self._mp = x, y, pressure
        self._start = self._last = (x, y, pressure)
        if self.straight:
            return self._straight_to(self._last)
        width = self._use_pen(pressure)
        box = self._note(x, y, x, y, width)
        point = QPointF(x, y)
        self.painter.drawLine(point, point)
        if self.mirror is not None:
            self.mirror.drawLine(point, point)
        return box

    def move(self, x: float, y: float, pressure: float = 1.0) -> list[Box]:
        """Continue to a point; return the boxes it changed (none until the pointer has gone a sample's length)."""
        rx, ry, rp = self._last
        self._last = (x, y, pressure)
        if self.straight:
            return [self._straight_to(self._last)]
        dx, dy, dp = x - rx, y - ry, pressure - rp
        length = hypot(dx, dy)
        due = self._due
        if due > length:
            self._due = due - length
            return []
        step = self.STEP
        boxes: list[Box] = []
        run: Box | None = None
        while due <= length:
            f = due / length
            piece = self._sample(rx + dx * f, ry + dy * f, rp + dp * f)
            if run is None:
                run = piece
            else:
                merged = (min(run[0], piece[0]), min(run[1], piece[1]), max(run[2], piece[2]), max(run[3], piece[3]))
                # One box for a run of pieces, as long as it reaches only tiles the stroke has
                # marked: elsewhere the view's backdrop is stale (see ``tiles``).
                if self._all_touched(merged):
                    run = merged
                else:
                    boxes.append(run)
                    run = piece
            due += step
        self._due = due - length
        boxes.append(run)
        return boxes

    def _all_touched(self, box: Box) -> bool:
        c0, r0 = (box[0] if box[0] > 0 else 0) >> _SHIFT, (box[1] if box[1] > 0 else 0) >> _SHIFT
        c1, r1 = (box[2] - 1 if box[2] > 1 else 0) >> _SHIFT, (box[3] - 1 if box[3] > 1 else 0) >> _SHIFT
        touched = self._touched
        return all(row << 16 | column in touched for row in range(r0, r1 + 1) for column in range(c0, c1 + 1))

    def _sample(self, x: float, y: float, pressure: float) -> Box:
        """Smooth towards one sample of the path and draw the piece it adds."""
        k = self.SMOOTHING
        cx, cy, cp = self._sx, self._sy, self._sp
        sx, sy, sp = cx + (x - cx) * k, cy + (y - cy) * k, cp + (pressure - cp) * k
        x0, y0, p0 = self._mx, self._my, self._mp
        x1, y1, p1 = (cx + sx) * 0.5, (cy + sy) * 0.5, (cp + sp) * 0.5
        self._sx, self._sy, self._sp, self._mx, self._my, self._mp = sx, sy, sp, x1, y1, p1
        return self._piece(x0, y0, p0, cx, cy, x1, y1, p1)

    def release(self) -> Box | None:
        """Finish where the pointer lifted; close the painter."""
        box = None
        x, y, pressure = self._last
        if not self.straight and (x, y) != (self._mx, self._my):
            box = self._piece(self._mx, self._my, self._mp, self._sx, self._sy, x, y, pressure)
        self.painter.end()
        return box

    def cancel(self) -> list[QRect]:
        """Stop without finishing: put back what a direct stroke covered; return the tiles it drew on."""
        if self.painter.isActive():
            self.painter.end()
        if self.direct and self.backups:
            painter = QPainter(self.target)
            painter.setCompositionMode(_Mode.CompositionMode_Source)
            for rect, before in self.backups.values():
                painter.drawImage(rect.topLeft(), before)
            painter.end()
        return self.tiles()

    # Painting ----------------------------------------------------------------------

    def _piece(self, x0: float, y0: float, p0: float, cx: float, cy: float, x1: float, y1: float, p1: float) -> Box:
        """Draw the quadratic curve from (x0, y0) to (x1, y1) bending towards (cx, cy); return its box."""
        pressure = (p0 + p1) * 0.5
        width = self._width if pressure == self._pressure else self._use_pen(pressure)
        # How far the curve bows out from the straight line between its ends (times four).
        dx, dy = 2 * cx - x0 - x1, 2 * cy - y0 - y1
        if dx * dx + dy * dy < _FLAT:
            box = self._note(x0 if x0 < x1 else x1, y0 if y0 < y1 else y1, x1 if x1 > x0 else x0, y1 if y1 > y0 else y0, width)
            line = QLineF(x0, y0, x1, y1)
            self.painter.drawLine(line)
            if self.mirror is not None:
                self.mirror.drawLine(line)
            return box
        self.lines_curved += 1
        # The curve stays inside the triangle of its ends and control point.
        box = self._note(min(x0, cx, x1), min(y0, cy, y1), max(x0, cx, x1), max(y0, cy, y1), width)
        path = QPainterPath(QPointF(x0, y0))
        path.quadTo(cx, cy, x1, y1)
        self.painter.drawPath(path)
        if self.mirror is not None:
            self.mirror.drawPath(path)
        return box

    def _note(self, left: float, top: float, right: float, bottom: float, width: float) -> Box:
        """The box a mark will change, with its tiles noted (and backed up) before it is drawn."""
        # Half the width, and a pixel and a half for antialiasing and rounding down.
        pad = width * 0.5 + 2.5
        box = (int(left - pad), int(top - pad), int(right + pad) + 1, int(bottom + pad) + 1)
        c0, r0 = (box[0] if box[0] > 0 else 0) >> _SHIFT, (box[1] if box[1] > 0 else 0) >> _SHIFT
        c1, r1 = (box[2] - 1 if box[2] > 1 else 0) >> _SHIFT, (box[3] - 1 if box[3] > 1 else 0) >> _SHIFT
        if c0 == c1 and r0 == r1:
            if r0 << 16 | c0 not in self._touched:
                self._first_touch(r0, c0)
        else:
            for row in range(r0, r1 + 1):
                for column in range(c0, c1 + 1):
                    if row << 16 | column not in self._touched:
                        self._first_touch(row, column)
        return box

    def _first_touch(self, row: int, column: int) -> None:
        self._touched.add(row << 16 | column)
        if self.direct or self.touch is not None:
            width, height = self._size
            x, y = column * TILE, row * TILE
            if x < width and y < height:
                rect = QRect(x, y, min(TILE, width - x), min(TILE, height - y))
                if self.touch is not None:
                    self.touch(rect)
                if self.direct:
                    self.backups[row << 16 | column] = (rect, self.target.copy(rect))

    def _use_pen(self, pressure: float) -> float:
        self._pressure = pressure
        brush = self.brush
        width = brush.width_at(pressure)
        alpha = 1.0 if self.erase else brush.alpha_at(pressure)
        # Quantised, so that pressure noise does not make a new pen for every segment.
        key = (round(width * 4) / 4, round(alpha * 64) / 64)
        if key != self._pen_key:
            self._pen_key = key
            color = self.color
            color.setAlphaF(key[1])
            pen = QPen(color, key[0], *_ROUND)
            self.painter.setPen(pen)
            if self.mirror is not None:
                self.mirror.setPen(pen)
        self._width = key[0]
        return key[0]

    def _straight_to(self, point) -> Box:
        sx, sy, _sp = self._start
        x, y, _p = point
        painter = self.painter
        old = self._line_box
        if old is not None:
            painter.fillRect(QRect(old[0], old[1], old[2] - old[0], old[3] - old[1]), Qt.GlobalColor.transparent)
        width = self._use_pen(point[2])
        new = self._note(min(sx, x), min(sy, y), max(sx, x), max(sy, y), width)
        painter.drawLine(QLineF(sx, sy, x, y))
        self._line_box = new
        if old is None:
            return new
        return (min(old[0], new[0]), min(old[1], new[1]), max(old[2], new[2]), max(old[3], new[3]))

    def tiles(self) -> list[QRect]:
        """The canvas this stroke drew on, as runs of tiles along each row."""
        rects: list[QRect] = []
        run_row = run_start = run_end = -1
        for key in sorted(self._touched):
            row, column = key >> 16, key & 0xFFFF
            if row == run_row and column == run_end:
                run_end += 1
                continue
            if run_row >= 0:
                rects.append(QRect(run_start * TILE, run_row * TILE, (run_end - run_start) * TILE, TILE))
            run_row, run_start, run_end = row, column, column + 1
        if run_row >= 0:
            rects.append(QRect(run_start * TILE, run_row * TILE, (run_end - run_start) * TILE, TILE))
        return rects
