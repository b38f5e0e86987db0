"""The canvas widget: shows a panel's layers, takes strokes from a mouse or a tablet, zooms and pans.

What is on screen comes from ``composite``, an image of the whole canvas
kept up to date rectangle by rectangle: a stroke segment marks the rectangle
it changed, the next paint composes only that rectangle from the backdrop
and the layers, and only its part of the widget is repainted. Nothing is
ever redrawn whole per pointer event. When zoomed out below one half, the
composite is also kept at a power-of-two reduction (``reduced.py``), so
thin lines stay whole instead of breaking up under bilinear sampling.
"""

from __future__ import annotations


from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPointingDevice, QTransform
from PySide6.QtWidgets import QWidget

from .backdrop import StrokeBackdrop
from .brushes import DEFAULT_BRUSHES, Box, Brush, StrokePainter, Tool
from .layers import IMAGE_FORMAT, LayerStack
from .overlays import ONION_OPACITY, Guides, onion_skin, paint_guides
from .reduced import ReducedCopy

MIN_ZOOM, MAX_ZOOM = 0.03, 32.0
#: Room left around the canvas when it is fitted to the window.
FIT_MARGIN = 16
SURROUND = QColor(72, 72, 76)

_Mode = QPainter.CompositionMode
_Event = QEvent.Type


class CanvasView(QWidget):
    """Shows a LayerStack and paints strokes onto its current layer."""

    #: A stroke was merged into its layer: ``(tool, layer, patches, old tag, new tag)``, as ``LayerStack.end_wet`` gives.
    strokeFinished = Signal(object)
    #: The zoom factor changed.
    zoomChanged = Signal(float)
    #: Something the user should know (for example, drawing on a hidden layer).
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("canvasView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking)
        self.setMinimumSize(QSize(160, 90))
        self.stack: LayerStack | None = None
        self.composite: QImage | None = None
        self.brush: Brush = DEFAULT_BRUSHES[Tool.PEN]
        #: What the eraser end of a tablet pen draws with.
        self.eraser_brush: Brush = DEFAULT_BRUSHES[Tool.ERASER]
        self.layer = "sketch"
        self.guides = Guides()
        self.onion_visible = True
        self._onion: tuple[QImage | None, QImage | None] = (None, None)
        self._onion_skin: QImage | None = None
        self._onion_small: QImage | None = None
        self._scale = 1.0
        # Where the canvas's top-left corner is in the widget (floats: read on every pointer event).
        self._ox = self._oy = 0.0
        #: The canvas size, kept for the flipped mapping and for clipping boxes.
        self._width = self._height = 0
        self._flipped = False
        self._fitted = True
        #: Canvas boxes ``(left, top, right, bottom)`` to compose before the next paint.
        self._pending: list[Box] = []
        #: The composite reduced, for zoomed-out views.
        self._reduced = ReducedCopy()
        self._stroke: StrokePainter | None = None
        #: A painter kept open on the composite while a stroke is drawn, so each event does not open one.
        self._composer: QPainter | None = None
        #: Whether the stroke is also drawn straight onto the composite (see ``begin_stroke``).
        self._mirrored = False
        #: The layers under the stroke flattened, so that each event composes in a few draws.
        self._backdrop = StrokeBackdrop()
        self._pan_from: QPointF | None = None
        self._space = False
        self._hover: QPointF | None = None

    # What is shown -------------------------------------------------------------------

    def set_stack(self, stack: LayerStack | None) -> None:
        """Show another panel's layers."""
        if self._stroke is not None:
            self.end_stroke()
        if self.stack is not None:
            self.stack.changed.disconnect(self._stack_changed)
            self.stack.aboutToChange.disconnect(self.cancel_stroke)
        self.stack = stack
        self._width = stack.size.width() if stack is not None else 0
        self._height = stack.size.height() if stack is not None else 0
        self._reduced.reset()
        if stack is None or (self._backdrop.image is not None and self._backdrop.image.size() != stack.size):
            self._backdrop.release()
        if stack is None:
            self.composite = self._onion_skin = None
        else:
            stack.changed.connect(self._stack_changed)
            stack.aboutToChange.connect(self.cancel_stroke)
            if self.composite is None or self.composite.size() != stack.size:
                self.composite = QImage(stack.size, IMAGE_FORMAT)
            self._rebuild_onion()
            if self._fitted:
                self.fit_to_window()
        self._invalidate()

    def set_onion(self, previous: QImage | None, following: QImage | None) -> None:
        """The composites of the panels before and after this one, for the onion skin."""
        self._onion = (previous, following)
        self._rebuild_onion()
        self._invalidate()

    def set_onion_visible(self, visible: bool) -> None:
        """Show or hide the onion skin."""
        if visible != self.onion_visible:
            self.onion_visible = visible
            self._rebuild_onion()
            self._invalidate()

    def set_guide(self, name: str, enabled: bool) -> None:
        """Turn one guide (``Guides.NAMES``) on or off."""
        setattr(self.guides, name, bool(enabled))
        self.update()

    def _rebuild_onion(self) -> None:
        self._onion_small = None
        if self.stack is None:
            return
        previous, following = self._onion if self.onion_visible else (None, None)
        self._onion_skin = onion_skin(self.stack.size, previous, following)

    def _onion_at(self, size: QSize) -> QImage:
        """The onion skin at the size of the zoomed-out screen image, made once per size."""
        small = self._onion_small
        if small is None or small.size() != size:
            small = self._onion_small = self._onion_skin.scaled(
                size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        return small

    def _stack_changed(self, rect: QRect) -> None:
        # A layer shown or hidden mid-stroke: what lies under the stroke is no longer what was flattened.
        self._backdrop.end()
        if rect.isValid():
            self._damage((rect.left(), rect.top(), rect.right() + 1, rect.bottom() + 1))
        else:
            self._invalidate()

    def _invalidate(self) -> None:
        # The whole canvas is composed again, most of it outside the tiles the backdrop has.
        self._backdrop.end()
        if self.stack is not None:
            everything = (0, 0, self.stack.size.width(), self.stack.size.height())
            self._pending = [everything]
            self._reduced.note(everything)
        self.update()

    # Zoom, pan and flip -------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """Screen pixels per canvas pixel."""
        return self._scale

    @property
    def flipped(self) -> bool:
        """Whether the canvas is shown mirrored (the drawing itself is not)."""
        return self._flipped

    def fit_to_window(self) -> None:
        """Show the whole canvas as large as the widget allows."""
        self._fitted = True
        if self.stack is None:
            return
        size = self.stack.size
        room_w = max(1, self.width() - 2 * FIT_MARGIN)
        room_h = max(1, self.height() - 2 * FIT_MARGIN)
        self._scale = max(MIN_ZOOM, min(room_w / size.width(), room_h / size.height(), MAX_ZOOM))
        self._ox = (self.width() - size.width() * self._scale) / 2
        self._oy = (self.height() - size.height() * self._scale) / 2
        self.zoomChanged.emit(self._scale)
        self.update()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (factor above 1) or out, keeping the canvas point under ``anchor`` in place."""
        if self.stack is None:
            return
        anchor = QPointF(anchor) if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        cx, cy = self.canvas_xy(anchor)
        scale = max(MIN_ZOOM, min(self._scale * factor, MAX_ZOOM))
        if self._flipped:
            x = anchor.x() - (self.stack.size.width() - cx) * scale
        else:
            x = anchor.x() - cx * scale
        self._scale, self._ox, self._oy, self._fitted = scale, x, anchor.y() - cy * scale, False
        self.zoomChanged.emit(scale)
        self.update()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the canvas on screen."""
        self._ox += dx
        self._oy += dy
        self._fitted = False
        self.update()

    def set_flipped(self, flipped: bool) -> None:
        """Mirror the view left to right to check a composition."""
        if flipped != self._flipped:
            self._flipped = flipped
            self.update()

    def image_transform(self) -> QTransform:
        """Canvas coordinates to widget coordinates."""
        s, ox, oy = self._scale, self._ox, self._oy
        if self._flipped:
            return QTransform(-s, 0, 0, s, ox + self._width * s, oy)
        return QTransform(s, 0, 0, s, ox, oy)

    def canvas_xy(self, pos: QPointF) -> tuple[float, float]:
        """The canvas point under a widget position."""
        s = self._scale
        x = (pos.x() - self._ox) / s
        if self._flipped:
            x = self._width - x
        return x, (pos.y() - self._oy) / s

    def frame_rect(self) -> QRectF:
        """Where the canvas is in the widget."""
        if self.stack is None:
            return QRectF()
        size = self.stack.size
        return QRectF(self._ox, self._oy, size.width() * self._scale, size.height() * self._scale)

    # Strokes --------------------------------------------------------------------------------

    def begin_stroke(self, pos: QPointF, pressure: float = 1.0, straight: bool = False, brush: Brush | None = None) -> bool:
        """Start a stroke at a widget position on the current layer; return whether it started."""
        if self.stack is None or self._stroke is not None:
            return False
        if not self.stack.visible.get(self.layer, False):
            self.message.emit(f"The {self.layer} layer is hidden: show it to draw on it")
            return False
        brush = brush or self.brush
        straight = straight or brush.tool is Tool.LINE
        erase = brush.tool is Tool.ERASER
        stack = self.stack
        # The backdrop may copy tiles of the composite, which must show the layers as they are.
        self.refresh_composite()
        # Opaque paint and the eraser go straight onto the layer (see StrokePainter).
        direct = not straight and (erase or brush.opaque)
        target = stack.begin_direct(self.layer, erase) if direct else stack.begin_wet(self.layer, erase)
        self._composer = QPainter(self.composite)
        # An opaque brush on an opaque layer with nothing over it: marks drawn straight onto the
        # composite look exactly like the layers composed, so the view draws them there too
        # instead of composing the layers again for every event.
        self._mirrored = (
            direct and not erase and stack.opacity[self.layer] >= 1.0
            and not stack.shown_above(self.layer)
        )
        # A straight line repaints the union of its old and new boxes, which reaches tiles the
        # line never marked (where the backdrop would be stale): it composes in full instead.
        touch = None
        if not (self._mirrored or straight) and self._backdrop.begin(
            stack, self.layer, direct, self.composite, None, ONION_OPACITY
        ):
            touch = self._backdrop.touch
        self._stroke = StrokePainter(target, brush, straight, self._composer if self._mirrored else None, direct, touch)
        x, y = self.canvas_xy(pos)
        box = self._stroke.press(x, y, pressure)
        self._show(box) if self._mirrored else self._damage(box)
        return True

    def continue_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        """Extend the stroke to a widget position."""
        # The busiest path of all: plain locals, and the repaint of ``_repaint`` written out.
        stroke = self._stroke
        if stroke is None:
            return
        s, ox, oy, flipped = self._scale, self._ox, self._oy, self._flipped
        x = (pos.x() - ox) / s
        if flipped:
            x = self._width - x
        boxes = stroke.move(x, (pos.y() - oy) / s, pressure)
        if not boxes:
            return
        if self._mirrored:
            for box in boxes:
                self._reduced.note(box)
        else:
            self._pending.extend(boxes)
        if len(boxes) > 1:
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        else:
            box = boxes[0]
        if flipped:
            left, right = ox + (self._width - box[2]) * s, ox + (self._width - box[0]) * s
        else:
            left, right = ox + box[0] * s, ox + box[2] * s
        x, y = int(left) - 2, int(oy + box[1] * s) - 2
        self.update(x, y, int(right) + 3 - x, int(oy + box[3] * s) + 3 - y)

    def end_stroke(self) -> None:
        """Finish the stroke: merge it into its layer and announce it."""
        stroke, self._stroke = self._stroke, None
        if stroke is None or self.stack is None:
            return
        box = stroke.release()
        if box is not None:
            self._show(box) if self._mirrored else self._damage(box)
        # What the stroke changed is composed now, with the stroke still wet; the merged
        # layer composes to the same pixels, so nothing needs composing again after the merge.
        self.refresh_composite()
        self._backdrop.end()
        self._composer.end()
        self._composer = None
        layer = self.layer
        if stroke.direct:
            backups = list(stroke.backups.values())
            result = self.stack.end_direct(layer, stroke.erase, backups)
        else:
            result = self.stack.end_wet(stroke.tiles())
        if result is not None:
            self.strokeFinished.emit((stroke.brush.tool, layer, *result))

    def cancel_stroke(self) -> None:
        """Drop the stroke in progress, leaving the layer as it was (the layers are about to change)."""
        stroke, self._stroke = self._stroke, None
        if stroke is None:
            return
        self._backdrop.end()
        tiles = stroke.cancel()
        if self._composer is not None:
            self._composer.end()
            self._composer = None
        if not stroke.direct and self.stack is not None:
            self.stack.discard_wet(tiles)
        for rect in tiles:
            self._damage((rect.left(), rect.top(), rect.right() + 1, rect.bottom() + 1))

    @property
    def drawing(self) -> bool:
        """Whether a stroke is in progress."""
        return self._stroke is not None

    # Composing and painting ------------------------------------------------------------------

    def _damage(self, box: Box) -> None:
        """Mark a canvas box to compose and repaint its part of the widget."""
        self._pending.append(box)
        self._repaint(box)

    def _show(self, box: Box) -> None:
        """Repaint a canvas box already drawn on the composite."""
        self._reduced.note(box)
        self._repaint(box)

    def _repaint(self, box: Box) -> None:
        s, ox, oy = self._scale, self._ox, self._oy
        if self._flipped:
            left, right = ox + (self._width - box[2]) * s, ox + (self._width - box[0]) * s
        else:
            left, right = ox + box[0] * s, ox + box[2] * s
        x, y = int(left) - 2, int(oy + box[1] * s) - 2
        self.update(x, y, int(right) + 3 - x, int(oy + box[3] * s) + 3 - y)

    def refresh_composite(self) -> Box | None:
        """Compose what changed since the last paint into ``composite``; return that box."""
        stack, pending = self.stack, self._pending
        if stack is None or not pending:
            return None
        self._pending = []
        if self._backdrop.active:
            return self._refresh_from_backdrop(pending)
        if len(pending) == 1:
            left, top, right, bottom = pending[0]
        else:
            left, top = min(b[0] for b in pending), min(b[1] for b in pending)
            right, bottom = max(b[2] for b in pending), max(b[3] for b in pending)
        left, top = left if left > 0 else 0, top if top > 0 else 0
        right, bottom = min(self._width, right), min(self._height, bottom)
        if left >= right or top >= bottom:
            return None
        box = (left, top, right, bottom)
        painter = self._composer or QPainter(self.composite)
        # The onion skin is not in the composite: paintEvent multiplies it over on screen,
        # so a pointer event composes the layers alone.
        stack.compose(painter, box)
        if painter is not self._composer:
            painter.end()
        self._reduced.note(box)
        return box

    def _refresh_from_backdrop(self, pending: list[Box]) -> Box | None:
        # Box by box: the union of boxes may reach tiles the stroke has not, where the backdrop is stale.
        width, height = self._width, self._height
        compose, painter, note = self._backdrop.compose, self._composer, self._reduced.note
        united = None
        for left, top, right, bottom in pending:
            left, top = left if left > 0 else 0, top if top > 0 else 0
            right, bottom = right if right < width else width, bottom if bottom < height else height
            if left >= right or top >= bottom:
                continue
            compose(painter, left, top, right, bottom)
            box = (left, top, right, bottom)
            note(box)
            united = box if united is None else (min(united[0], left), min(united[1], top),
                                                max(united[2], right), max(united[3], bottom))
        return united

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        area = event.rect()
        painter.fillRect(area, SURROUND)
        if self.stack is None:
            return
        self.refresh_composite()
        reduced = self._reduced.update(self.composite, self._scale)
        transform = self.image_transform()
        source = transform.inverted()[0].mapRect(QRectF(area)).adjusted(-2, -2, 2, 2)
        image, f = self.composite, 1
        if reduced is not None:
            f = self._reduced.factor
            image = reduced
            transform = QTransform.fromScale(f, f) * transform
            source = QRectF(source.x() / f, source.y() / f, source.width() / f, source.height() / f).adjusted(-1, -1, 1, 1)
        piece = source.toAlignedRect().intersected(image.rect())
        if not piece.isEmpty():
            painter.setTransform(transform)
            if self._scale * f < 4.0:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(piece), image, QRectF(piece))
            onion = self._onion_skin if f == 1 or self._onion_skin is None else self._onion_at(image.size())
            if onion is not None:
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
                painter.setOpacity(ONION_OPACITY)
                painter.drawImage(QRectF(piece), onion, QRectF(piece))
                painter.setOpacity(1.0)
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            painter.resetTransform()
        paint_guides(painter, self.frame_rect(), self.guides)
        self._paint_brush_outline(painter)

    def _outline_rect(self) -> QRect:
        if self._hover is None:
            return QRect()
        r = self.brush.size * self._scale / 2 + 2
        return QRectF(self._hover.x() - r, self._hover.y() - r, 2 * r, 2 * r).toAlignedRect().adjusted(-1, -1, 1, 1)

    def _paint_brush_outline(self, painter: QPainter) -> None:
        if self._hover is None or self._pan_from is not None or self._space:
            return
        r = self.brush.size * self._scale / 2
        if r < 2:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for color, radius in ((QColor(255, 255, 255, 200), r + 1), (QColor(0, 0, 0, 200), r)):
            painter.setPen(QPen(color, 1))
            painter.drawEllipse(self._hover, radius, radius)

    def _hover_to(self, pos: QPointF | None) -> None:
        old = self._outline_rect()
        self._hover = QPointF(pos) if pos is not None else None
        new = self._outline_rect()
        if not old.isEmpty():
            self.update(old)
        if not new.isEmpty():
            self.update(new)

    # Input ------------------------------------------------------------------------------

    def _panning(self, button) -> bool:
        return button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._panning(event.button()):
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position(), 1.0, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        pos = event.position()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.pan_by(delta.x(), delta.y())
        elif self._stroke is not None:
            self.continue_stroke(pos, 1.0)
        self._hover_to(pos)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._pan_from is not None and self._panning(event.button()):
            self._pan_from = None
            self.setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.CrossCursor)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()

    def tabletEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Accepted, so that Qt does not also send the same motion as mouse events.
        event.accept()
        kind, pos, pressure = event.type(), event.position(), event.pressure()
        if kind == _Event.TabletPress:
            if self._space or event.button() == Qt.MouseButton.MiddleButton:
                self._pan_from = pos
            else:
                eraser = event.pointerType() == QPointingDevice.PointerType.Eraser
                brush = self.eraser_brush if eraser else None
                straight = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.begin_stroke(pos, pressure, straight, brush)
        elif kind == _Event.TabletMove:
            if self._pan_from is not None:
                delta = pos - self._pan_from
                self._pan_from = pos
                self.pan_by(delta.x(), delta.y())
            elif self._stroke is not None:
                self.continue_stroke(pos, pressure)
            self._hover_to(pos)
        elif kind == _Event.TabletRelease:
            if self._pan_from is not None:
                self._pan_from = None
            else:
                self.end_stroke()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(2.0 ** (steps / 4.0), event.position())
        event.accept()

    def event(self, event) -> bool:
        if event.type() == _Event.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_by(1.0 + event.value(), event.position())
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space = True
                self.setCursor(Qt.CursorShape.OpenHandCursor)
                self._hover_to(self._hover)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space = False
                self.setCursor(Qt.CursorShape.CrossCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._space = False
        if self._stroke is not None:
            self.end_stroke()
        super().focusOutEvent(event)

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.CrossCursor)
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._hover_to(None)
        super().leaveEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._fitted:
            self.fit_to_window()
        super().resizeEvent(event)
