"""Printed call sheets: one page per shoot day, a pure function the CLI and the GUI both call.

Each day is laid out at the largest text size, from 8.5 pt down to 6 pt,
at which it fits one page. A day with more than fits at 6 pt flows onto
further pages, with a running header naming the day on each, rather than
losing anything; it is then printed at the largest size that needs no more
pages than 6 pt would. Black, white and greys only, so it photocopies.

The PDF is written beside the target and renamed over it only when
complete, and two exports of the same project are byte-identical.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from storyboarder.model.call_sheet import CallSheet, build_call_sheet

from .call_sheet_options import (
    CALL_SHEET_PAPER,
    MAX_TEXT_SIZE,
    MIN_TEXT_SIZE,
    CallSheetExportError,
    CallSheetOptions,
    CallSheetResult,
    select_days,
)
from .call_sheet_sections import Section, day_story, header
from .call_sheet_text import INK, MUTED, RULE, ExportCancelled, Ink, make_styles
from .fonts import load_font_set
from .pdf_meta import canvas_options, document_info
from .output import check_output_path, partial_file
from .text_fit import Measurer, Span, draw_fitted, fit_line

if TYPE_CHECKING:
    from storyboarder.model import Project

rl_config.useA85 = 0

MARGIN = 28.0
FOOTER = 16.0
RUNNING_HEADER = 20.0
SIZE_STEP = 0.25
#: A header taller than this share of the page (a title of a thousand words) is printed as plain lines instead.
HEADER_SHARE = 0.4
#: The most of the title a one-line footer or running header is given: no line shows more, and a
#: page's footer must not cost the whole title's length when a long title runs over many pages.
LINE_TITLE_CHARS = 500


@dataclass
class _Pages:
    """Which day each page belongs to, filled in as pages are drawn."""

    sheet: CallSheet | None = None
    first_page: int = 1
    counts: dict[str, int] = field(default_factory=dict)
    #: Pages per day from an earlier pass, so the footer can say "page 1 of 2".
    known: dict[str, int] = field(default_factory=dict)


class _DayStarts(Flowable):
    """Marks where a day begins, so the page decorations know which day they are on."""

    def __init__(self, state: _Pages, sheet: CallSheet):
        super().__init__()
        self.state, self.sheet = state, sheet

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.state.sheet = self.sheet
        self.state.first_page = self.canv.getPageNumber()


def export_call_sheet_pdf(
    project: Project,
    out_path: str | os.PathLike,
    options: CallSheetOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> CallSheetResult:
    """Write call sheets for the chosen shoot days of ``project`` to one PDF at ``out_path``.

    ``progress(done, total)`` is called as days are laid out and
    ``cancelled()`` asked between them, and within a day between pages and
    pieces of long text; a cancelled export writes nothing.
    Raises CallSheetExportError, one line per problem, for a day that does
    not exist, bad options or an output that cannot be written.
    """
    options = options or CallSheetOptions()
    options.check()
    out = Path(out_path)
    check_output_path(out)
    days = _chosen_days(project, options)
    fonts, font_warnings = load_font_set(options.font)
    ink = Ink(fonts, cancelled)
    page_w, page_h = CALL_SHEET_PAPER[options.paper]
    width = page_w - 2 * MARGIN
    first_height = page_h - 2 * MARGIN - FOOTER
    later_height = first_height - RUNNING_HEADER
    result = CallSheetResult(out, days=len(days), warnings=list(font_warnings))

    sheets: list[tuple[CallSheet, float, bool]] = []
    progress(0, len(days))
    state = _Pages()
    try:
        for done, day in enumerate(days, start=1):
            ink.check_cancelled()
            sheet = build_call_sheet(project, day)
            size, stacked = _fitting_size(sheet, ink, width, first_height, later_height)
            sheets.append((sheet, size, stacked))
            result.warnings.extend(str(warning) for warning in sheet.warnings)
            progress(done, len(days))
        with partial_file(out, CallSheetExportError) as part:
            _build(part.temp, sheets, ink, options, state, project)
            if any(count > 1 for count in state.counts.values()):
                # A day ran over: build again so each footer can say "page 1 of 2".
                known = dict(state.counts)
                state = _Pages(known=known)
                _build(part.temp, sheets, ink, options, state, project)
            ink.check_cancelled()
            part.commit()
    except ExportCancelled:
        result.cancelled = True
        return result
    except LayoutError as exc:  # pragma: no cover - every block splits; this guards a reportlab surprise
        raise CallSheetExportError(f"layout: a block of the call sheet cannot be placed on a page ({exc})") from None
    result.pages_per_day = dict(state.counts)
    result.pages = sum(state.counts.values())
    result.warnings.extend(ink.warnings())
    return result


def _chosen_days(project: Project, options: CallSheetOptions):
    if not options.day_ids:
        return select_days(project, [])
    by_id = {day.id: day for day in project.shoot_days}
    missing = [day_id for day_id in options.day_ids if day_id not in by_id]
    if missing:
        raise CallSheetExportError([f"days: no shoot day has the id {day_id!r}" for day_id in missing])
    return [by_id[day_id] for day_id in dict.fromkeys(options.day_ids)]


def _story(sheet: CallSheet, ink: Ink, width: float, size: float, stacked: bool) -> list[Flowable]:
    styles = make_styles(ink.fonts, size)
    section = Section(sheet, ink, styles, width, f"Day {sheet.day_number}")
    return day_story(section, stacked_header=stacked)


def _height(story: list[Flowable], width: float, avail: float, ink: Ink) -> float:
    total = 0.0
    for index, flowable in enumerate(story):
        ink.check_cancelled()
        _, height = flowable.wrap(width, avail)
        total += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0.0)
    return total


def _fitting_size(sheet: CallSheet, ink: Ink, width: float, first: float, later: float) -> tuple[float, bool]:
    """The text size to print a day at, and whether its header must be stacked.

    The largest size at which the day fits one page; when it fits none,
    the largest size that takes no more pages than the smallest size would,
    so a day that needs two pages anyway is printed legibly on both.
    """
    styles = make_styles(ink.fonts, MAX_TEXT_SIZE)
    top = header(Section(sheet, ink, styles, width, f"Day {sheet.day_number}"))
    stacked = top.wrap(width, first)[1] > first * HEADER_SHARE
    sizes = []
    size = MAX_TEXT_SIZE
    while size >= MIN_TEXT_SIZE - 1e-9:
        sizes.append(size)
        size -= SIZE_STEP
    heights: dict[int, float] = {}

    def height(index: int) -> float:
        if index not in heights:
            heights[index] = _height(_story(sheet, ink, width, sizes[index], stacked), width, first, ink)
        return heights[index]

    def pages(index: int) -> int:
        over = height(index) - (first - 1.0)
        # Splitting tables between pages costs a repeated header and part of a row: allow for it.
        return 1 if over <= 0 else 1 + math.ceil(over * 1.08 / later)

    # Smaller text is never taller, so the first size that needs no more pages than the
    # smallest one is found by bisection: a handful of layouts instead of one per size.
    fewest = pages(len(sizes) - 1)
    low, high = 0, len(sizes) - 1
    while low < high:
        middle = (low + high) // 2
        if pages(middle) <= fewest:
            high = middle
        else:
            low = middle + 1
    return sizes[low], stacked


def _build(path: Path, sheets, ink: Ink, options: CallSheetOptions, state: _Pages, project: Project) -> None:
    page_w, page_h = CALL_SHEET_PAPER[options.paper]
    width = page_w - 2 * MARGIN
    measure = Measurer(ink.fonts)
    first = Frame(MARGIN, MARGIN + FOOTER, width, page_h - 2 * MARGIN - FOOTER, 0, 0, 0, 0, id="first")
    later = Frame(MARGIN, MARGIN + FOOTER, width, page_h - 2 * MARGIN - FOOTER - RUNNING_HEADER, 0, 0, 0, 0, id="later")

    def decorate(canvas, doc, continued: bool) -> None:
        ink.check_cancelled()  # once a page: a long day is many pages
        sheet = state.sheet
        if sheet is None:
            return
        page = canvas.getPageNumber() - state.first_page + 1
        state.counts[sheet.day_id] = max(state.counts.get(sheet.day_id, 0), page)
        total = state.known.get(sheet.day_id, page)
        _draw_footer(canvas, measure, sheet, page, total, page_w)
        if continued:
            _draw_running_header(canvas, measure, sheet, page, page_w, page_h)

    doc = BaseDocTemplate(
        str(path),
        pagesize=(page_w, page_h),
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        **document_info(project, "call sheets"),
        **canvas_options(ink.fonts.regular),
    )
    doc.addPageTemplates([
        PageTemplate("first", [first], onPageEnd=lambda c, d: decorate(c, d, False), autoNextPageTemplate="later",
                     pagesize=(page_w, page_h)),
        PageTemplate("later", [later], onPageEnd=lambda c, d: decorate(c, d, True), autoNextPageTemplate="later",
                     pagesize=(page_w, page_h)),
    ])
    story: list[Flowable] = []
    for index, (sheet, size, stacked) in enumerate(sheets):
        if index:
            story += [NextPageTemplate("first"), PageBreak()]
        story.append(_DayStarts(state, sheet))
        story.extend(_story(sheet, ink, width, size, stacked))
    doc.build(story)


def _draw_footer(canvas, measure: Measurer, sheet: CallSheet, page: int, total: int, page_w: float) -> None:
    y = MARGIN
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + FOOTER - 4, page_w - MARGIN, y + FOOTER - 4)
    title = sheet.title[:LINE_TITLE_CHARS] or "Untitled"
    left = f"{title} · Call sheet · Day {sheet.day_number} of {sheet.day_count}"
    if sheet.date_text:
        left += f" · {sheet.date_text}"
    right = f"Page {page} of {total}" if total > 1 else "Page 1 of 1"
    size = 7.0
    right_fit = fit_line([Span(right, bold=True, color=INK)], 120, size, 5.5, measure)
    draw_fitted(canvas, right_fit, page_w - MARGIN - 120, y + FOOTER - 5, align="right", width=120)
    left_fit = fit_line([Span(left, color=MUTED)], page_w - 2 * MARGIN - 130, size, 5.5, measure)
    draw_fitted(canvas, left_fit, MARGIN, y + FOOTER - 5)


def _draw_running_header(canvas, measure: Measurer, sheet: CallSheet, page: int, page_w: float, page_h: float) -> None:
    top = page_h - MARGIN
    text = f"{sheet.title[:LINE_TITLE_CHARS] or 'Untitled'} · Call sheet · Day {sheet.day_number} of {sheet.day_count}"
    if sheet.date_text:
        text += f" · {sheet.date_text}"
    text += f" · continued, page {page}"
    if sheet.crew_call:
        text += f" · Crew call {sheet.crew_call}"
    fitted = fit_line([Span(text, bold=True, color=INK)], page_w - 2 * MARGIN, 9.0, 6.0, measure)
    draw_fitted(canvas, fitted, MARGIN, top)
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(0.9)
    canvas.line(MARGIN, top - RUNNING_HEADER + 6, page_w - MARGIN, top - RUNNING_HEADER + 6)
