"""Play mode: the boards as a rough animatic, each panel held for its duration, with captions.

A mode of the main window like the drawing view. Space plays and pauses,
the arrow keys step, Escape goes back to the board. Images are decoded off
the UI thread a few panels ahead, so playback never waits on a file.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QWidget

from storyboarder.model import (
    Panel,
    Project,
    Scene,
    format_duration,
    shot_labels,
    stand_in_text,
)

from ..board.thumbnails import ThumbnailCache

#: Panels decoded ahead of the one on screen.
PREFETCH = 3
#: Decode width: sharp on a full-HD screen without holding full-size images.
PLAY_WIDTH = 1600


def subtitle(panel: Panel) -> str:
    """The dialogue of a panel as one subtitle line per speech: ``MARA: Drive.``."""
    # Loaded when first played: the exporters' text module brings reportlab's font tables.
    from storyboarder.export.storyboard_text import dialogue_paragraphs

    lines = []
    for spans in dialogue_paragraphs(panel.dialogue):
        text = "".join(span.text for span in spans).strip()
        if spans and spans[0].bold and not spans[0].text.endswith(":") and len(spans) > 1:
            text = spans[0].text + ":" + "".join(span.text for span in spans[1:])
        lines.append(text)
    return "\n".join(lines)


class PlayView(QWidget):
    """Shows one panel at a time, full size, and steps through them at their durations."""

    #: The user left play mode (Escape or the end).
    closed = Signal()
    #: The panel on screen changed (scene, panel).
    panelShown = Signal(object, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("playView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(False)
        self.images = ThumbnailCache(self, width=PLAY_WIDTH)
        self.images.limit_bytes = 64 * 1024 * 1024
        self.images.ready.connect(lambda _path: self.update())
        self.sequence: list[tuple[Scene, Panel]] = []
        self.labels: dict = {}
        self.aspect_ratio = 16 / 9
        self.position = 0
        self.playing = False
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._advance)
        self._clock = QElapsedTimer()
        self._remaining = 0
        for keys, slot in (
            (Qt.Key.Key_Space, self.toggle),
            (Qt.Key.Key_Right, lambda: self.step(1)),
            (Qt.Key.Key_Left, lambda: self.step(-1)),
            (Qt.Key.Key_Home, lambda: self.show_at(0)),
            (Qt.Key.Key_Escape, self.stop),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # Control --------------------------------------------------------------------------

    def start(self, project: Project, folder, start: Panel | None = None, scenes: list[Scene] | None = None) -> None:
        """Play the project (or some scenes) from a panel, or from the top."""
        self.images.set_folder(folder)
        self.images.pending = project.pending_images
        self.sequence = [(scene, panel) for scene in (scenes or project.scenes) for panel in scene.panels]
        self.labels = shot_labels(project)
        self.aspect_ratio = project.aspect_ratio
        self.position = next((i for i, (_s, p) in enumerate(self.sequence) if p is start), 0)
        self.playing = bool(self.sequence)
        self.show_at(self.position)
        self.setFocus()

    def toggle(self) -> None:
        """Play or pause."""
        if self.playing:
            self.playing = False
            self._remaining = max(0, self._remaining - self._clock.elapsed())
            self.timer.stop()
        elif self.sequence:
            self.playing = True
            if self.position >= len(self.sequence) - 1 and self._remaining <= 0:
                self.show_at(0)
                return
            self._clock.start()
            self.timer.start(max(1, self._remaining))
        self.update()

    def step(self, offset: int) -> None:
        """Show the next or previous panel (and keep playing if playing)."""
        self.show_at(max(0, min(self.position + offset, len(self.sequence) - 1)))

    def halt(self) -> None:
        """Stop playing, quietly (the window is leaving play mode)."""
        self.playing = False
        self.timer.stop()

    def stop(self) -> None:
        """Leave play mode."""
        self.halt()
        self.closed.emit()

    def show_at(self, position: int) -> None:
        """Show the panel at a position of the sequence and hold it for its duration."""
        self.timer.stop()
        if not self.sequence:
            self.update()
            return
        self.position = position
        scene, panel = self.sequence[position]
        self._remaining = max(1, panel.duration_ms)
        for ahead in range(position, min(position + PREFETCH + 1, len(self.sequence))):
            self.images.pixmap(self.sequence[ahead][1].image)
        if self.playing:
            self._clock.start()
            self.timer.start(self._remaining)
        self.panelShown.emit(scene, panel)
        self.update()

    def _advance(self) -> None:
        if self.position + 1 < len(self.sequence):
            self.show_at(self.position + 1)
        else:
            self.playing = False
            self._remaining = 0
            self.update()

    # Painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(18, 18, 18))
        if not self.sequence:
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No panels to play")
            return
        scene, panel = self.sequence[self.position]
        bar = 28
        area = QRectF(self.rect()).adjusted(16, 16, -16, -16 - bar)
        pixmap = self.images.pixmap(panel.image)
        if pixmap is not None and not pixmap.isNull():
            size = pixmap.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.center().x() - size.width() / 2, area.center().y() - size.height() / 2, size.width(), size.height())
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        else:
            problem = self.images.problem(panel.image) if panel.image else ""
            if panel.image and not problem:
                target = area  # still decoding: the card would only flash
            else:
                target = self._draw_card(painter, area, panel, problem)
        self._draw_caption(painter, target, panel)
        self._draw_bar(painter, bar, scene, panel)

    def _draw_card(self, painter: QPainter, area: QRectF, panel: Panel, problem: str) -> QRectF:
        """Stand in for a missing drawing as the exported animatic does: the shot and its text on a grey card."""
        from storyboarder.export.animatic_frames import (  # the GIF's card, loaded with the exporters
            CARD,
            CARD_INK,
        )

        size = QSizeF(self.aspect_ratio, 1.0).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        frame = QRectF(area.center().x() - size.width() / 2, area.center().y() - size.height() / 2, size.width(), size.height())
        height = frame.height()
        card = frame.adjusted(height * 0.05, height * 0.05, -height * 0.05, -height * 0.05)
        painter.fillRect(card, QColor(*CARD))
        painter.setPen(QColor(*CARD_INK))
        font = QFont(self.font())
        font.setPixelSize(max(10, round(height * 0.14)))
        painter.setFont(font)
        label = self.labels.get(panel.id)
        shot_rect = QRectF(card.left(), frame.top() + height * 0.3 - font.pixelSize(), card.width(), font.pixelSize() * 2)
        painter.drawText(shot_rect, Qt.AlignmentFlag.AlignCenter, label.label if label else "?")
        text = stand_in_text(panel, subtitled=True)
        if problem:
            text = f"{text}\n\n{problem}" if text else problem
        if text:
            font.setPixelSize(max(10, round(height * 0.045)))
            painter.setFont(font)
            body = QRectF(card.left() + height * 0.05, frame.top() + height * 0.45, card.width() - height * 0.1, card.bottom() - frame.top() - height * 0.45)
            painter.drawText(body, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text)
        return frame

    def _draw_caption(self, painter: QPainter, frame: QRectF, panel: Panel) -> None:
        text = subtitle(panel)
        if not text:
            return
        font = QFont(self.font())
        font.setPixelSize(max(14, int(frame.height() / 22)))
        painter.setFont(font)
        box = frame.adjusted(frame.width() * 0.08, 0, -frame.width() * 0.08, -frame.height() * 0.04)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap
        bounds = painter.boundingRect(box, flags, text)
        painter.fillRect(bounds.adjusted(-8, -4, 8, 4), QColor(0, 0, 0, 170))
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(box, flags, text)

    def _draw_bar(self, painter: QPainter, bar: int, scene: Scene, panel: Panel) -> None:
        rect = QRectF(16, self.height() - bar - 8, self.width() - 32, bar)
        painter.setPen(QColor(220, 220, 220))
        font = QFont(self.font())
        font.setPixelSize(13)
        painter.setFont(font)
        label = self.labels.get(panel.id)
        shot = label.label if label else "?"
        state = "▶" if self.playing else "❚❚"
        left = f"{state}   {shot}   {format_duration(panel.duration_ms)}   {scene.heading.strip()}"
        count = f"{self.position + 1} / {len(self.sequence)}"
        hints = "Space play/pause · ←/→ step · Esc back"
        metrics = painter.fontMetrics()
        # On a narrow stage the key hints go first, then the heading is shortened.
        right = f"{count}    {hints}" if metrics.horizontalAdvance(f"{left}    {count}    {hints}") < rect.width() else count
        room = int(rect.width() - metrics.horizontalAdvance(right) - 24)
        left = metrics.elidedText(left, Qt.TextElideMode.ElideRight, max(0, room))
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        # A thin progress line over the whole sequence.
        done = (self.position + 1) / len(self.sequence)
        y = rect.top() - 2
        painter.setPen(QPen(QColor(70, 70, 70), 3))
        painter.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))
        painter.setPen(QPen(QColor(230, 140, 40), 3))
        painter.drawLine(int(rect.left()), int(y), int(rect.left() + rect.width() * done), int(y))
