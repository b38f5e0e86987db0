"""Paints one panel of the grid: the frame, then shot, duration, camera and action lines."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .item_models import Role
from .thumbnails import ThumbnailCache

PADDING = 8
TEXT_LINES = 3
#: Ink for the dialogue written on an undrawn frame: about 11:1 on its white, in either palette.
SPEECH_INK = "#3c3c42"


class PanelDelegate(QStyledItemDelegate):
    """Draws a panel thumbnail in the project's aspect ratio with its text below."""

    def __init__(self, thumbnails: ThumbnailCache, parent=None):
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.thumbnail_width = 240
        self.aspect_ratio = 16 / 9

    def frame_size(self) -> QSize:
        """Size of the drawn frame, from the zoom width and the project's aspect ratio."""
        return QSize(self.thumbnail_width, max(1, round(self.thumbnail_width / self.aspect_ratio)))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        frame = self.frame_size()
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(frame.width() + 2 * PADDING, frame.height() + 2 * PADDING + TEXT_LINES * line + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            # A tint plus a border: the text stays in the normal text colour, readable on either palette.
            highlight = palette.color(QPalette.ColorRole.Highlight)
            tint = QColor(highlight)
            tint.setAlphaF(0.22)
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(tint)
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 6, 6)

        frame = QRect(rect.left() + PADDING, rect.top() + PADDING, *self.frame_size().toTuple())
        self._paint_frame(painter, frame, index, palette)

        line = QFontMetrics(option.font).lineSpacing()
        text_rect = QRect(frame.left(), frame.bottom() + 4, frame.width(), line)
        text_color = palette.color(QPalette.ColorRole.Text)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, index.data(Role.SHOT) or "")
        painter.setFont(option.font)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, index.data(Role.DURATION) or "")

        metrics = QFontMetrics(option.font)
        muted = QColor(text_color)
        muted.setAlphaF(0.75)
        for offset, role in ((1, Role.CAMERA_LINE), (2, Role.ACTION_LINE)):
            text = index.data(role) or ""
            painter.setPen(muted if role == Role.CAMERA_LINE else text_color)
            line_rect = text_rect.translated(0, offset * line)
            painter.drawText(
                line_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, line_rect.width()),
            )
        painter.restore()

    def _paint_frame(self, painter: QPainter, frame: QRect, index: QModelIndex, palette: QPalette) -> None:
        relative = index.data(Role.IMAGE)
        pixmap = self.thumbnails.scaled(relative, frame.width(), frame.height())
        painter.fillRect(frame, QColor("#ffffff"))
        if pixmap is not None:
            # Fit inside the frame, keeping the image's own proportions.
            target = QRect(0, 0, pixmap.width(), pixmap.height())
            target.moveCenter(frame.center())
            painter.drawPixmap(target.topLeft(), pixmap)
        elif relative and self.thumbnails.problem(relative):
            self._paint_placeholder(painter, frame, broken=True)
        elif not relative:
            self._paint_placeholder(painter, frame, broken=False)
            self._paint_speech(painter, frame, index.data(Role.SPEECH) or "")
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(frame).adjusted(0.5, 0.5, -0.5, -0.5))

    @staticmethod
    def _paint_speech(painter: QPainter, frame: QRect, speech: str) -> None:
        """Write who says what across an undrawn frame, so a dialogue panel never looks empty."""
        if not speech:
            return
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        # The frame is paper-white in either palette: dark ink on it, not the palette's text colour.
        painter.setPen(QColor(SPEECH_INK))
        inner = frame.adjusted(8, 6, -8, -6)
        metrics = QFontMetrics(font)
        lines = []
        for line in speech.splitlines():
            if len(lines) * metrics.lineSpacing() + metrics.height() > inner.height():
                break
            lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, inner.width()))
        # Paper under the words, so the placeholder's cross does not run through them.
        painter.fillRect(QRect(inner.left() - 4, inner.top() - 2, inner.width() + 8, len(lines) * metrics.lineSpacing() + 4), QColor("#ffffff"))
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(lines))
        painter.restore()

    @staticmethod
    def _paint_placeholder(painter: QPainter, frame: QRect, broken: bool) -> None:
        color = QColor("#c0392b") if broken else QColor("#d5d8dc")
        painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine if not broken else Qt.PenStyle.SolidLine))
        inner = QRectF(frame).adjusted(6, 6, -6, -6)
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(QPointF(inner.left(), inner.bottom()), QPointF(inner.right(), inner.top()))
