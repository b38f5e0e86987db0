"""The drawing layers of one panel, as QImages at working resolution.

A ``LayerStack`` holds the four layers bottom to top (reference, sketch, ink,
notes), their visibility and opacity, and the *wet* image of the stroke in
progress, which is merged into its layer when the pen lifts. It loads a
panel's layer files through the same safe reader as thumbnails and exports,
encodes changed layers as PNG, and flattens everything onto white paper for
the panel's composite ``image``.

Every layer carries a *tag* naming its content: ``"<w>x<h>:<path>"`` for
content exactly as a saved file (or an empty layer, ``"<w>x<h>:"``), or a
fresh ``"~n"`` for content that exists only in memory. Undo commands check
tags before applying pixels, so a change is only ever replayed onto the very
content it was recorded on.

A panel with an ``image`` but no ``layers`` (an imported or pasted picture)
opens with that picture on the reference layer at full opacity: the panel
looks the same, the picture can be faded to trace over, and committing
keeps pointing at the original file instead of re-encoding it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from storyboarder.io.images import ImageProblem, open_panel_image
from storyboarder.model import Panel, Project

from .png import encode_png

#: Layer names, bottom to top.
LAYER_NAMES = ("reference", "sketch", "ink", "notes")

#: Every layer, the wet stroke and the composite use this format: Qt's fastest to paint on.
IMAGE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied

PAPER = QColor(255, 255, 255)

#: Working widths outside this range are clamped: tiny is useless, huge exhausts memory.
MIN_WIDTH, MAX_WIDTH = 64, 8192

_Mode = QPainter.CompositionMode
_tokens = itertools.count(1)


def working_size(width: int, aspect_ratio: float) -> QSize:
    """The canvas size for a working width and the project's aspect ratio."""
    width = max(MIN_WIDTH, min(int(width), MAX_WIDTH))
    ratio = aspect_ratio if aspect_ratio and aspect_ratio > 0 else 16 / 9
    height = max(1, min(round(width / ratio), MAX_WIDTH))
    return QSize(width, height)


def new_tag() -> str:
    """A tag for layer content that exists only in memory."""
    return f"~{next(_tokens)}"


def file_tag(size: QSize, path: str | None) -> str:
    """The tag of a layer loaded from a file (or empty, for None) at a canvas size."""
    return f"{size.width()}x{size.height()}:{path or ''}"


def panel_layer_paths(panel: Panel) -> dict[str, str | None]:
    """The file each layer of a panel comes from (None: empty)."""
    if panel.layers:
        return {name: panel.layers.get(name) or None for name in LAYER_NAMES}
    paths: dict[str, str | None] = dict.fromkeys(LAYER_NAMES)
    paths["reference"] = panel.image or None
    return paths


def panel_tags(panel: Panel, size: QSize) -> dict[str, str]:
    """The tags a fresh load of a panel's layers would have."""
    return {name: file_tag(size, path) for name, path in panel_layer_paths(panel).items()}


def blank_image(size: QSize) -> QImage:
    """A transparent layer."""
    image = QImage(size, IMAGE_FORMAT)
    image.fill(0)
    return image


def pil_to_layer(image: Image.Image) -> QImage:
    """Copy a Pillow image into a premultiplied QImage."""
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    data = image.tobytes("raw", "RGBA")
    rgba = QImage(data, image.width, image.height, image.width * 4, QImage.Format.Format_RGBA8888)
    return rgba.convertToFormat(IMAGE_FORMAT)


def fit_to(image: QImage, size: QSize) -> QImage:
    """Return ``image`` at exactly ``size``: as it is if it fits, else scaled to fit and centred."""
    image = image.convertToFormat(IMAGE_FORMAT)
    if image.size() == size:
        return image
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    result = blank_image(size)
    painter = QPainter(result)
    painter.drawImage(QPoint((size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2), scaled)
    painter.end()
    return result


def decode_image(project: Project | None, folder: Path | None, relative: str) -> QImage:
    """Decode a panel image from unsaved bytes or from the project folder; raise ImageProblem."""
    data = project.pending_images.get(relative) if project is not None else None
    return pil_to_layer(open_panel_image(folder, relative, data=data))


class LayerStack(QObject):
    """One panel's layers, their visibility and opacity, and the stroke being drawn."""

    #: Pixels changed outside a stroke (undo, redo, clear, import, opacity), in canvas
    #: coordinates; an invalid QRect means the whole canvas.
    changed = Signal(QRect)
    #: Layers are about to change outside a stroke: a stroke in progress must stop first.
    aboutToChange = Signal()

    def __init__(self, size: QSize, parent: QObject | None = None):
        super().__init__(parent)
        self.size = QSize(size)
        self.rect = QRect(QPoint(0, 0), self.size)
        self.images = {name: blank_image(self.size) for name in LAYER_NAMES}
        self.tags = {name: file_tag(self.size, None) for name in LAYER_NAMES}
        self.visible = dict.fromkeys(LAYER_NAMES, True)
        self.opacity = dict.fromkeys(LAYER_NAMES, 1.0)
        #: Layers known to be empty, so that compositing can skip them.
        self._blank = set(LAYER_NAMES)
        #: Why a layer file could not be shown, one message per layer.
        self.problems: dict[str, str] = {}
        self.wet: QImage | None = None
        self.wet_layer: str | None = None
        self.wet_erase = False
        #: What ``compose`` draws, worked out when first needed after any change.
        self._steps: list[tuple[QImage | None, float]] | None = None

    # Loading ---------------------------------------------------------------------

    def load(self, project: Project | None, panel: Panel, folder: Path | None,
             known: Mapping[str, QImage] | None = None) -> None:
        """Replace every layer with a panel's saved layers (unreadable files become empty layers).

        ``known`` gives the pixels of files just made, by path, to use instead of decoding them.
        """
        self.aboutToChange.emit()
        self.problems.clear()
        self._steps = None
        for name, path in panel_layer_paths(panel).items():
            image = None
            if path:
                try:
                    if known and path in known:
                        # Through the PNG's own format (straight alpha), so the pixels are exactly what decoding the file gives.
                        image = fit_to(known[path].convertToFormat(QImage.Format.Format_RGBA8888), self.size)
                    else:
                        image = fit_to(decode_image(project, folder, path), self.size)
                except ImageProblem as exc:
                    self.problems[name] = str(exc)
            self.images[name] = image if image is not None else blank_image(self.size)
            self.tags[name] = file_tag(self.size, path)
            self._set_blank(name, image is None)
            self.opacity[name] = max(0.0, min(1.0, float(panel.layer_opacity.get(name, 1.0))))
        self.changed.emit(QRect())

    # Changes (from commands) -----------------------------------------------------------

    def blit(self, name: str, pieces: list[tuple[QRect | None, QImage]], tag: str) -> None:
        """Put pixels on a layer: each piece into its rectangle, or as the whole layer when that is None."""
        self.aboutToChange.emit()
        self._steps = None
        changed = QRect()
        if any(rect is None for rect, _pixels in pieces):
            # A Qt copy shares the pixels until either side paints, so the
            # command keeps its image however this layer is drawn on later.
            self.images[name] = QImage(next(pixels for rect, pixels in pieces if rect is None))
        else:
            painter = QPainter(self.images[name])
            painter.setCompositionMode(_Mode.CompositionMode_Source)
            for rect, pixels in pieces:
                painter.drawImage(rect.topLeft(), pixels)
                changed = changed.united(rect)
            painter.end()
        # An empty layer's tag names no file; anything else may have pixels.
        self._set_blank(name, tag == file_tag(self.size, None))
        self.tags[name] = tag
        self.changed.emit(changed)

    def set_opacity(self, name: str, value: float) -> None:
        """Change how opaque a layer is drawn (0 to 1)."""
        value = max(0.0, min(1.0, float(value)))
        self._steps = None
        if value != self.opacity[name]:
            self.aboutToChange.emit()
            self.opacity[name] = value
            if name not in self._blank:
                self.changed.emit(QRect())

    def set_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer on the canvas (the composite always has every layer)."""
        if self.visible[name] != visible:
            self._steps = None
            self.visible[name] = visible
            self.changed.emit(QRect())

    def shown_above(self, name: str) -> bool:
        """Whether any layer above ``name`` may show something."""
        above = LAYER_NAMES[LAYER_NAMES.index(name) + 1:]
        return any(self.visible[n] and self.opacity[n] > 0.0 and n not in self._blank for n in above)

    def is_blank(self, name: str) -> bool:
        """Whether a layer has no visible pixel."""
        if name in self._blank:
            return True
        blank = self.images[name] == blank_image(self.size)
        self._set_blank(name, blank)
        return blank

    def is_known_blank(self, name: str) -> bool:
        """Whether a layer is known to be empty, without looking at its pixels."""
        return name in self._blank

    def _set_blank(self, name: str, blank: bool) -> None:
        self._steps = None
        if blank:
            self._blank.add(name)
        else:
            self._blank.discard(name)

    # The stroke in progress ------------------------------------------------------------

    def begin_wet(self, name: str, erase: bool) -> QImage:
        """Start a stroke on a layer; return the transparent image to paint it on."""
        if self.wet is None or self.wet.size() != self.size:
            self.wet = blank_image(self.size)
        self.wet_layer, self.wet_erase = name, erase
        self._steps = None
        return self.wet

    def begin_direct(self, name: str, erase: bool) -> QImage:
        """Start a stroke painted straight onto a layer (opaque paint, or the eraser); return the layer."""
        self.wet_layer = None
        if not erase:
            self._set_blank(name, False)
        self._steps = None
        return self.images[name]

    def end_direct(self, name: str, erase: bool, backups) -> tuple[list[tuple[QRect, QImage, QImage | None]], str, str] | None:
        """Finish a direct stroke from the tiles it backed up; return what ``end_wet`` returns."""
        layer = self.images[name]
        if erase:
            patches = [(rect, before, layer.copy(rect)) for rect, before in backups]
            patches = [patch for patch in patches if patch[1] != patch[2]]
        else:
            patches = [(rect, before, None) for rect, before in backups]
        if not patches:
            return None
        old, new = self.tags[name], new_tag()
        self.tags[name] = new
        return patches, old, new

    def discard_wet(self, rects: list[QRect]) -> None:
        """Forget a stroke in progress on the wet image."""
        if self.wet is not None:
            painter = QPainter(self.wet)
            painter.setCompositionMode(_Mode.CompositionMode_Source)
            for rect in rects:
                painter.fillRect(rect, Qt.GlobalColor.transparent)
            painter.end()
        self.wet_layer = None
        self._steps = None

    def end_wet(self, rects: list[QRect]) -> tuple[list[tuple[QRect, QImage, QImage | None]], str, str] | None:
        """Merge the stroke (painted within ``rects``) into its layer.

        Return ``(patches, old tag, new tag)``, each patch a rectangle with the
        layer's pixels there before and after (None: as the layer has them
        now), or None when nothing changed.
        """
        name, erase, wet = self.wet_layer, self.wet_erase, self.wet
        self.wet_layer = None
        self._steps = None
        if name is None or wet is None:
            return None
        rects = [r for r in (rect.intersected(self.rect) for rect in rects) if not r.isEmpty()]
        if not rects:
            return None
        layer = self.images[name]
        befores = [layer.copy(rect) for rect in rects]
        painter = QPainter(layer)
        painter.setCompositionMode(_Mode.CompositionMode_DestinationOut if erase else _Mode.CompositionMode_SourceOver)
        for rect in rects:
            painter.drawImage(rect.topLeft(), wet, rect)
        painter.end()
        clear = QPainter(wet)
        # Source with a transparent colour is a plain memory fill, several times faster than Clear.
        clear.setCompositionMode(_Mode.CompositionMode_Source)
        for rect in rects:
            clear.fillRect(rect, Qt.GlobalColor.transparent)
        clear.end()
        if erase:
            # Erasing where nothing was drawn changes nothing, so compare.
            patches = [(rect, before, layer.copy(rect)) for rect, before in zip(rects, befores)]
            patches = [patch for patch in patches if patch[1] != patch[2]]
        else:
            # Paint always changes something. The pixels after are what the layer holds until
            # the stroke is undone, so the undo command copies them then (None until it does).
            patches = [(rect, before, None) for rect, before in zip(rects, befores)]
        if not patches:
            return None
        if not erase:
            self._blank.discard(name)
        old, new = self.tags[name], new_tag()
        self.tags[name] = new
        return patches, old, new

    # Drawing the stack -----------------------------------------------------------------

    def compose(self, painter: QPainter, box: tuple[int, int, int, int], onion: QImage | None = None,
                onion_opacity: float = 0.3) -> None:
        """Paint paper, the visible layers and the wet stroke into ``box`` (left, top, right, bottom) of ``painter``.

        Any onion skin is multiplied over them. This runs per pointer event
        while drawing, so what to draw is worked out once (``_plan``), and the
        area is a QRectF because PySide picks that overload of ``drawImage`` fastest.
        """
        left, top, right, bottom = box
        area = QRectF(left, top, right - left, bottom - top)
        steps = self._steps if self._steps is not None else self._plan()
        # Opaque paper needs no Source mode: plain SourceOver replaces what was there.
        painter.fillRect(area, PAPER)
        alpha = 1.0
        for image, opacity in steps:
            if opacity != alpha:
                painter.setOpacity(opacity)
                alpha = opacity
            if image is None:
                self._compose_merged(painter, QRect(left, top, right - left, bottom - top))
            else:
                painter.drawImage(area, image, area)
        if onion is not None:
            painter.setCompositionMode(_Mode.CompositionMode_Multiply)
            painter.setOpacity(onion_opacity)
            painter.drawImage(area, onion, area)
            painter.setCompositionMode(_Mode.CompositionMode_SourceOver)
            alpha = onion_opacity
        if alpha != 1.0:
            painter.setOpacity(1.0)

    def _plan(self) -> list[tuple[QImage | None, float]]:
        """What ``compose`` draws, bottom to top: images at an opacity (None: the stroke merged into its layer)."""
        steps: list[tuple[QImage | None, float]] = []
        for name in LAYER_NAMES:
            opacity = self.opacity[name]
            if not self.visible[name] or opacity <= 0.0:
                continue
            if name == self.wet_layer:
                if self.wet_erase or opacity < 1.0:
                    # Erasing, or a translucent layer: the stroke is merged into a copy per event.
                    steps.append((None, opacity))
                    continue
                # Layer and stroke are opaque together, so each can go straight on the canvas.
                if name not in self._blank:
                    steps.append((self.images[name], 1.0))
                steps.append((self.wet, 1.0))
            elif name not in self._blank:
                steps.append((self.images[name], opacity))
        self._steps = steps
        return steps

    def _compose_merged(self, painter: QPainter, rect: QRect) -> None:
        # Erasing, or a translucent layer: merge the stroke into a copy first, then draw once.
        piece = self.images[self.wet_layer].copy(rect)
        merge = QPainter(piece)
        merge.setCompositionMode(_Mode.CompositionMode_DestinationOut if self.wet_erase else _Mode.CompositionMode_SourceOver)
        merge.drawImage(QPoint(0, 0), self.wet, rect)
        merge.end()
        painter.drawImage(rect.topLeft(), piece)

    # Output ------------------------------------------------------------------------------

    def encode(self, name: str) -> bytes:
        """One layer as PNG bytes."""
        return encode_png(self.images[name])

    def flatten(self) -> QImage:
        """Every layer at its opacity on white paper: the panel's composite.

        Hidden layers are included: visibility is a view aid while drawing,
        not stored; to leave the reference out of the boards, set its opacity to 0.
        """
        image = QImage(self.size, QImage.Format.Format_RGB32)
        image.fill(PAPER)
        painter = QPainter(image)
        for name in LAYER_NAMES:
            if name in self._blank or self.opacity[name] <= 0.0:
                continue
            painter.setOpacity(self.opacity[name])
            painter.drawImage(QPoint(0, 0), self.images[name])
        painter.end()
        return image

