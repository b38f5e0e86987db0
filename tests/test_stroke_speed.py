"""Bug 14: a stroke's shape does not depend on how many pointer events the mouse sent along it."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageFilter
from PySide6.QtCore import Qt

from test_canvas import document, line, open_drawing, pil, stroke  # noqa: F401  (document is a fixture)

#: A quick zigzag, 180 canvas pixels from side to side, starting at the left.
ZIGZAG = [(400, 300), (580, 330), (400, 360), (580, 390), (400, 420)]


def path(corners, steps):
    """The zigzag as a mouse sends it: ``steps`` events along each leg."""
    points = [corners[0]]
    for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
        points += line(x0, y0, x1, y1, steps)[1:]
    return points


def ink(drawing) -> Image.Image:
    """The ink layer's inked pixels, as a one-bit image."""
    return pil(drawing.stack.images["ink"]).getchannel("A").point(lambda a: 255 if a > 96 else 0).convert("1")


def count(mask: Image.Image) -> int:
    return mask.convert("L").histogram()[255]


def reaches(mask, x, y, radius=3) -> bool:
    return mask.crop((x - radius, y - radius, x + radius + 1, y + radius + 1)).getbbox() is not None


@pytest.mark.parametrize("steps", [1, 2, 40])
def test_a_fast_zigzag_reaches_every_corner_and_ends_where_the_pen_lifted(qtbot, document, steps):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, path(ZIGZAG, steps))
    mask = ink(drawing)
    for x, y in ZIGZAG:
        assert reaches(mask, x, y), (x, y)
    # Side to side it spans the full 180 pixels (plus the pen's width), not a shortened zigzag.
    left, top, right, bottom = mask.getbbox()
    assert left <= 400 and right >= 579 and top <= 300 and bottom >= 419


def test_the_same_path_draws_the_same_ink_whatever_the_event_rate(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    shift = 300
    stroke(drawing, path(ZIGZAG, 1))
    stroke(drawing, path([(x, y + shift) for x, y in ZIGZAG], 30))
    mask = ink(drawing)
    few, many = mask.crop((0, 250, 1920, 470)), mask.crop((0, 250 + shift, 1920, 470 + shift))
    inked = count(few)
    assert inked > 0
    # The mouse sends whole widget pixels (two canvas pixels here), so the many-event path
    # wanders up to a pixel either side of the straight legs: compare within two pixels.
    def outside(a, b):
        near_b = b.convert("L").filter(ImageFilter.MaxFilter(5)).convert("1")
        return count(ImageChops.logical_and(a, ImageChops.invert(near_b.convert("L")).convert("1")))

    assert outside(few, many) <= 0.01 * inked and outside(many, few) <= 0.01 * inked
    assert abs(inked - count(many)) <= 0.1 * inked, (inked, count(many))
