"""The parts of a storyboard page around the panels: header, footer and the title page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .storyboard_text import INK, MUTED, RULE
from .text_fit import Span, draw_fitted, fit_line, line_width_points

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .storyboard_layout import Box, PageLayout
    from .text_fit import Measurer


@dataclass(frozen=True)
class TitleFacts:
    """What the title page says: who made it, and how big the printed board is."""

    title: str
    director: str
    writer: str
    production: str
    date: str
    scenes: int
    panels: int
    shots: int
    running_time: str
    selection: str
    confidential: str


def _line(canvas: Canvas, x0: float, y: float, x1: float, width: float, color=RULE) -> None:
    canvas.setStrokeColorRGB(*color)
    canvas.setLineWidth(width)
    canvas.line(x0, y, x1, y)


def draw_header(canvas: Canvas, layout: PageLayout, measure: Measurer, title: str, scenes: list[tuple[str, str]]) -> None:
    """Draw the project title on the left and the page's scene headings on the right, over a rule."""
    box = layout.header
    baseline = box.y + 8.0
    title_fit = fit_line([Span(title or "Untitled", bold=True, color=INK)], box.w * 0.4, 11.0, 7.0, measure)
    draw_fitted(canvas, title_fit, box.x, baseline + _top_offset(title_fit))
    used = line_width_points(title_fit) + 18.0
    spans: list[Span] = []
    for index, (number, heading) in enumerate(scenes):
        if index:
            spans.append(Span("   ·   ", color=MUTED))
        spans.append(Span(f"SC {number}  ", bold=True, color=INK))
        spans.append(Span(heading, color=INK))
    if spans:
        width = box.w - used
        headings = fit_line(spans, width, 9.5, 6.5, measure)
        draw_fitted(canvas, headings, box.x + used, baseline + _top_offset(headings), align="right", width=width)
    _line(canvas, box.x, box.y, box.right, 0.9, INK)


def _top_offset(fitted) -> float:
    """How far above the baseline the box top of a one-line fit sits."""
    if not fitted.lines:
        return 0.0
    return fitted.lines[0][0]


def draw_footer(canvas: Canvas, layout: PageLayout, measure: Measurer, page: int, pages: int, date: str, confidential: str) -> None:
    """Draw the date, the confidentiality text and "page X of Y" under a thin rule."""
    box = layout.footer
    _line(canvas, box.x, box.top, box.right, 0.4)
    baseline = box.y + 2.0
    size = 7.5
    left = fit_line([Span(date, color=MUTED)], box.w * 0.25, size, 6.0, measure)
    draw_fitted(canvas, left, box.x, baseline + _top_offset(left))
    right = fit_line([Span(f"page {page} of {pages}", color=MUTED)], box.w * 0.2, size, 6.0, measure)
    draw_fitted(canvas, right, box.right - box.w * 0.2, baseline + _top_offset(right), align="right", width=box.w * 0.2)
    if confidential.strip():
        width = box.w * 0.5
        middle = fit_line([Span(" ".join(confidential.split()), bold=True, color=INK)], width, size, 5.5, measure)
        draw_fitted(canvas, middle, box.x + box.w * 0.25, baseline + _top_offset(middle), align="center", width=width)


def draw_title_page(canvas: Canvas, layout: PageLayout, measure: Measurer, facts: TitleFacts) -> None:
    """Draw the title page: title, director, writer, production, date and the board's numbers."""
    width = layout.width
    inner = width - 2 * layout.header.x
    x = layout.header.x
    y = layout.height * 0.66

    def centred(spans, size, minimum, top):
        fitted = fit_line(spans, inner, size, minimum, measure)
        draw_fitted(canvas, fitted, x, top, align="center", width=inner)
        return fitted.size

    centred([Span("STORYBOARD", bold=True, color=MUTED)], 11.0, 8.0, y + 40)
    size = centred([Span(facts.title or "Untitled", bold=True, color=INK)], 34.0, 14.0, y + 22)
    y -= size * 0.5 + 10
    if facts.director:
        centred([Span("Directed by ", color=MUTED), Span(facts.director, color=INK)], 14.0, 9.0, y)
        y -= 22
    if facts.writer:
        centred([Span("Written by ", color=MUTED), Span(facts.writer, color=INK)], 12.0, 8.0, y)
        y -= 20
    if facts.production:
        centred([Span(facts.production, color=INK)], 12.0, 8.0, y)
        y -= 20
    centred([Span(facts.date, color=MUTED)], 10.0, 8.0, y)
    y -= 34
    rule_w = min(inner, 420.0)
    _line(canvas, x + (inner - rule_w) / 2, y, x + (inner + rule_w) / 2, 0.6)
    y -= 14
    numbers = [
        (str(facts.scenes), "scenes" if facts.scenes != 1 else "scene"),
        (str(facts.panels), "panels" if facts.panels != 1 else "panel"),
        (str(facts.shots), "shots" if facts.shots != 1 else "shot"),
        (facts.running_time, "running time"),
    ]
    column = rule_w / len(numbers)
    left = x + (inner - rule_w) / 2
    for index, (value, label) in enumerate(numbers):
        cx = left + index * column
        big = fit_line([Span(value, bold=True, color=INK)], column - 8, 20.0, 10.0, measure)
        draw_fitted(canvas, big, cx + 4, y, align="center", width=column - 8)
        small = fit_line([Span(label, color=MUTED)], column - 8, 8.5, 6.0, measure)
        draw_fitted(canvas, small, cx + 4, y - 28, align="center", width=column - 8)
    y -= 44
    _line(canvas, x + (inner - rule_w) / 2, y, x + (inner + rule_w) / 2, 0.6)
    if facts.selection:
        centred([Span(facts.selection, color=MUTED)], 9.0, 6.5, y - 12)
    if facts.confidential.strip():
        box: Box = layout.footer
        centred([Span(" ".join(facts.confidential.split()), bold=True, color=INK)], 11.0, 7.0, box.top + 40)
