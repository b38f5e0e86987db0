"""Draw one panel's cell: shot number and duration, the framed image, and the fitted text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pdf_images import draw_print_image
from .storyboard_text import INK, MUTED
from .text_fit import Span, TextBlock, draw_fitted, fit_blocks, fit_line, line_width_points

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .print_images import PrintImage
    from .storyboard_layout import Box, CellLayout, TextSizes
    from .text_fit import Measurer

FRAME = (0.22, 0.22, 0.25)
PLACEHOLDER_FILL = (0.95, 0.95, 0.95)
PLACEHOLDER_CROSS = (0.75, 0.75, 0.77)


def draw_strip(canvas: Canvas, strip: Box, sizes: TextSizes, measure: Measurer, shot: str, duration: str) -> None:
    """Draw the shot number large on the left and the duration on the right, on one baseline."""
    baseline = strip.y + sizes.shot * 0.3
    duration_w = 0.0
    if duration:
        fitted = fit_line([Span(duration, color=MUTED)], strip.w * 0.45, sizes.base, sizes.minimum, measure)
        duration_w = line_width_points(fitted)
        draw_fitted(canvas, fitted, strip.x, baseline + fitted.lines[0][0], align="right", width=strip.w)
    if shot:
        width = strip.w - duration_w - (sizes.base if duration else 0)
        fitted = fit_line([Span(shot, bold=True, color=INK)], width, sizes.shot, sizes.minimum, measure)
        if fitted.lines:
            draw_fitted(canvas, fitted, strip.x, baseline + fitted.lines[0][0])


def draw_image(canvas: Canvas, box: Box, image: PrintImage | None, problem: str | None, measure: Measurer, sizes: TextSizes) -> None:
    """Draw a panel's image fitted in its frame, an empty frame, or a "missing image" placeholder."""
    if image is not None:
        draw_print_image(canvas, image, box.x, box.y, box.w, box.h)
    elif problem is not None:
        canvas.setFillColorRGB(*PLACEHOLDER_FILL)
        canvas.rect(box.x, box.y, box.w, box.h, stroke=0, fill=1)
        canvas.setStrokeColorRGB(*PLACEHOLDER_CROSS)
        canvas.setLineWidth(0.5)
        canvas.line(box.x, box.y, box.right, box.top)
        canvas.line(box.x, box.top, box.right, box.y)
        label = fit_line([Span("missing image", color=MUTED)], box.w * 0.8, sizes.base, sizes.minimum, measure)
        if label.lines:
            text_w = line_width_points(label)
            pad = label.size * 0.5
            height = label.size * 1.2
            canvas.setFillColorRGB(*PLACEHOLDER_FILL)
            canvas.rect(box.x + (box.w - text_w) / 2 - pad, box.y + (box.h - height) / 2 - pad / 2, text_w + 2 * pad, height + pad, stroke=0, fill=1)
            draw_fitted(canvas, label, box.x, box.y + (box.h + height) / 2, align="center", width=box.w)
    canvas.setStrokeColorRGB(*FRAME)
    canvas.setLineWidth(0.6)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=1, fill=0)


def draw_text(canvas: Canvas, box: Box, blocks: list[TextBlock], sizes: TextSizes, measure: Measurer) -> bool:
    """Fit a panel's text blocks into its text box and draw them; return True if text was clipped."""
    if not blocks or box.h <= 0:
        return False
    fitted = fit_blocks(blocks, box.w, box.h, sizes.base, sizes.minimum, measure)
    draw_fitted(canvas, fitted, box.x, box.top)
    return fitted.clipped


def draw_cell(
    canvas: Canvas,
    layout: CellLayout,
    sizes: TextSizes,
    measure: Measurer,
    *,
    shot: str,
    duration: str,
    image: PrintImage | None,
    problem: str | None,
    blocks: list[TextBlock],
) -> bool:
    """Draw one panel in its cell; return True if its text was clipped."""
    if layout.strip is not None:
        draw_strip(canvas, layout.strip, sizes, measure, shot, duration)
    draw_image(canvas, layout.image, image, problem, measure, sizes)
    if layout.text is not None:
        return draw_text(canvas, layout.text, blocks, sizes, measure)
    return False
