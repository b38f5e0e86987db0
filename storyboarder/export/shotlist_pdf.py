"""The shot list as a printed table: a pure function the CLI and the GUI both call.

Landscape pages with the column header repeated on each, rows grouped by
scene under a header with the scene heading and location, a subtotal of
shots, running time and estimated minutes after each scene, optional
thumbnails, and "page X of Y". User text is drawn run by run through
``text_fit`` (never as ``Paragraph`` markup), with the storyboard export's
fonts, glyph fallback and warnings. Like the storyboard export, the file
appears only when complete, and two exports of the same project are
byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from storyboarder.model import format_duration
from storyboarder.model.entities import STATUS_CUT
from storyboarder.model.shot_columns import COLUMN_BY_KEY, ShotListContext, cell_text
from storyboarder.model.shooting_time import shooting_times
from storyboarder.model.shot_list import SceneGroup, Subtotal, group_by_scene, subtotal

from .fonts import load_font_set
from .pdf_meta import canvas_options, describe
from .print_images import ImagePreparer, Prefetcher, target_pixels
from .shotlist_layout import (
    CELL_SIZE,
    FOOTER_H,
    GROUP_H,
    GROUP_SIZE,
    HEADER_H,
    MARGIN,
    PAD_X,
    PAD_Y,
    SUBTOTAL_H,
    SUBTOTAL_SIZE,
    LaidRow,
    TableGeometry,
    lay_row,
    measure_columns,
    paginate,
    place_columns,
)
from .shotlist_options import ShotListOptions, chosen_rows
from .storyboard_cells import draw_image
from .storyboard_layout import Box, TextSizes
from .storyboard_options import PAPER_SIZES, ExportResult, StoryboardExportError
from .output import check_output_path, partial_file
from .storyboard_pdf import print_date
from .storyboard_text import INK, MUTED, RULE, describe_missing, missing_glyphs, scene_heading
from .text_fit import LEADING, Measurer, Span, TextBatch, draw_fitted, fit_line, line_width_points

if TYPE_CHECKING:
    from storyboarder.model import Project
    from storyboarder.model.shot_list import ShotRow

    from .print_images import PrintImage

HEAD_FILL = (0.86, 0.86, 0.88)
GROUP_FILL = (0.93, 0.93, 0.95)
GRID = (0.78, 0.78, 0.8)


def export_shotlist_pdf(
    project: Project,
    folder: str | os.PathLike,
    out_path: str | os.PathLike,
    options: ShotListOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write a shot list PDF of ``project`` (whose images live in ``folder``) to ``out_path``.

    ``progress(done, total)`` counts each row twice, once laid out and once
    drawn; ``cancelled()`` is asked between rows, and a cancelled export
    writes nothing. Raises StoryboardExportError, one line per problem, for
    options that cannot make a list or an output that cannot be written.
    """
    options = options or ShotListOptions()
    options.check()
    out = Path(out_path)
    check_output_path(out, folder)
    rows = chosen_rows(project, options)
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("pdf")]
    fonts, font_warnings = load_font_set(options.font)
    measure = Measurer(fonts)
    ctx = ShotListContext(project)
    short, long = sorted(PAPER_SIZES[options.paper])
    result = ExportResult(out, panels=len(rows), warnings=list(font_warnings))
    total = 2 * len(rows)
    progress(0, total)
    groups = group_by_scene(rows, ctx)

    def texts_of(row: ShotRow) -> list[str]:
        return [cell_text(c, row.scene, row.panel, ctx) for c in columns]

    # Memory stays flat in the row count: texts are made again where needed, never all kept,
    # and each row is laid out twice, to paginate and then to draw (see shotlist_layout).
    geometry = place_columns(columns, measure_columns(columns, map(texts_of, rows), measure), (long, short), project.aspect_ratio, measure)
    laid: list[list[LaidRow]] = []
    memo: dict = {}
    index = 0
    for group in groups:
        laid.append([])
        for row in group.rows:
            if cancelled():
                result.cancelled = True
                return result
            cut = options.as_shot and row.panel.status == STATUS_CUT
            texts = texts_of(row)
            laid_row = lay_row(index, texts, geometry, measure, cut, memo)
            _row_warnings(result, fonts, ctx, row, columns, texts, laid_row)
            laid[-1].append(laid_row.outline())
            index += 1
            progress(index, total)
        _warn_missing(result, fonts, f"scene {group.number}: heading", scene_heading(group.scene))
    pages = paginate(laid, geometry)
    result.pages = len(pages)
    flat = [row for group in groups for row in group.rows]
    times = shooting_times(project)
    subtotals = [subtotal(group.rows, ctx, times) for group in groups]
    date = print_date(options.date)
    title = " ".join(project.title.split()) or "Untitled"
    summary = _summary(subtotal(flat, ctx, times), options)

    has_images = any(c.kind == "image" for c in columns)
    with partial_file(out) as part:
        canvas = Canvas(str(part.temp), pagesize=(geometry.width, geometry.height), **canvas_options(fonts.regular))
        describe(canvas, project, "shot list")
        image_column = next((c for c in geometry.columns if c.column.kind == "image"), None)
        thumb_px = target_pixels(image_column.w - 2 * PAD_X, geometry.thumb_h, options.thumbnail_dpi) if image_column else (1, 1)
        try:
            preparer = ImagePreparer(Path(folder), options.image_cache_dir, options.workers) if has_images else None
        except OSError as exc:
            raise StoryboardExportError(f"image cache: cannot use {options.image_cache_dir}: {exc.strerror or exc}") from None
        try:
            images = Prefetcher(preparer, [row.panel for row in flat], thumb_px) if preparer else None
            drawn = 0
            frame: dict = {}
            for number, page in enumerate(pages, start=1):
                _draw_page_frame(canvas, geometry, measure, title, summary, date, number, len(pages), frame)
                top = geometry.body_top
                cells = TextBatch(canvas)
                for item in page:
                    if item.kind == "row":
                        if cancelled():
                            result.cancelled = True
                            return result
                        row = flat[item.row.index]
                        image = problem = None
                        if images is not None:
                            prepared = images.get(item.row.index)
                            image, problem = prepared.image, prepared.problem
                            if problem:
                                result.warnings.append(f"{_where(ctx, row)}: image: {problem}")
                            elif image is not None:
                                result.images += 1
                        laid_row = lay_row(item.row.index, texts_of(row), geometry, measure, item.row.cut, memo)
                        _draw_row(canvas, cells, geometry, measure, laid_row, top, image, problem)
                        drawn += 1
                        progress(len(rows) + drawn, total)
                    elif item.kind == "group":
                        _draw_group_header(canvas, geometry, measure, ctx, groups[item.group], top, item.continued)
                    else:
                        _draw_subtotal(canvas, geometry, measure, groups[item.group], subtotals[item.group], top, project, options)
                    top -= item.height
                cells.finish()
                canvas.showPage()
            canvas.save()
        finally:
            if preparer is not None:
                preparer.close()
        part.commit()
    return result


def _where(ctx: ShotListContext, row: ShotRow) -> str:
    return f"shot {ctx.shot_label(row.panel)} (scene {ctx.numbers.get(row.scene.id, '?')})"


def _warn_missing(result: ExportResult, fonts, where: str, text: str) -> None:
    if text and not text.isascii():
        chars = missing_glyphs(fonts, text)
        if chars:
            result.warnings.append(f"{where}: {describe_missing(chars)}")


def _row_warnings(result, fonts, ctx, row, columns, texts, laid: LaidRow) -> None:
    where = _where(ctx, row)
    for column, text in zip(columns, texts):
        if column.kind != "image":
            _warn_missing(result, fonts, f"{where}: {column.title.lower()}", text)
    for key in laid.clipped:
        result.warnings.append(f"{where}: {COLUMN_BY_KEY[key].title.lower()}: too long for one page; printed cut short with …")


def _summary(total: Subtotal, options: ShotListOptions) -> str:
    parts = ["shooting order" if options.order == "shoot" else "story order"]
    if options.scenes.strip() and options.scenes.strip().lower() != "all":
        parts.append(f"scenes {options.scenes.strip()}")
    parts.append(_plural(total.shots, "shot"))
    parts.append(format_duration(total.duration_ms))
    parts.append(f"est. {_minutes(total.est_minutes)}")
    if options.as_shot:
        parts.append(f"as shot: {total.shot} shot, {total.cut} cut, {total.shots - total.shot - total.cut} to go")
    return "  ·  ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _minutes(minutes: float) -> str:
    """Minutes as crews say them: ``45 min``, ``2 h``, ``11 h 45 min``."""
    hours, rest = divmod(round(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _rule(canvas: Canvas, x0: float, y: float, x1: float, width: float, color=RULE) -> None:
    canvas.setStrokeColorRGB(*color)
    canvas.setLineWidth(width)
    canvas.line(x0, y, x1, y)


def _draw_page_frame(
    canvas: Canvas, g: TableGeometry, measure: Measurer, title: str, summary: str, date: str, page: int, pages: int, fits: dict | None = None
) -> None:
    """The title band, the column header, and the footer with "page X of Y".

    ``fits`` keeps, from one page to the next, the fitted texts that are the same on every page.
    """
    fits = {} if fits is None else fits
    inner = g.right - g.left
    top = g.height - MARGIN
    if "title" not in fits:
        fits["title"] = fit_line([Span(title, bold=True, color=INK), Span("  shot list", color=MUTED)], inner * 0.45, 12.0, 8.0, measure)
        used = line_width_points(fits["title"]) + 16.0
        fits["info"] = fit_line([Span(summary, color=MUTED)], inner - used, 8.0, 6.0, measure)
        fits["date"] = fit_line([Span(date, color=MUTED)], inner * 0.3, 7.5, 6.0, measure)
    title_fit, info, left = fits["title"], fits["info"], fits["date"]
    draw_fitted(canvas, title_fit, g.left, top)
    used = line_width_points(title_fit) + 16.0
    draw_fitted(canvas, info, g.left + used, top - (title_fit.size - info.size) * 0.8, align="right", width=inner - used)
    _rule(canvas, g.left, top - HEADER_H + 8.0, g.right, 0.9, INK)

    head_top = g.body_top + g.head_h
    canvas.setFillColorRGB(*HEAD_FILL)
    canvas.rect(g.left, g.body_top, inner, g.head_h, stroke=0, fill=1)
    for placed, fitted in zip(g.columns, g.head):
        draw_fitted(canvas, fitted, placed.x + PAD_X, head_top - PAD_Y, align=placed.align, width=placed.w - 2 * PAD_X)
    _rule(canvas, g.left, g.body_top, g.right, 0.6, INK)

    y = MARGIN + FOOTER_H - 6.0
    _rule(canvas, g.left, y + 2.0, g.right, 0.4)
    draw_fitted(canvas, left, g.left, y)
    right = fit_line([Span(f"page {page} of {pages}", color=MUTED)], inner * 0.2, 7.5, 6.0, measure)
    draw_fitted(canvas, right, g.right - inner * 0.2, y, align="right", width=inner * 0.2)


def _draw_group_header(canvas: Canvas, g: TableGeometry, measure: Measurer, ctx: ShotListContext, group: SceneGroup, top: float, continued: bool) -> None:
    """A scene's header: number and heading on the left, location (and "continued") on the right."""
    inner = g.right - g.left
    box_top = top - 2.0
    canvas.setFillColorRGB(*GROUP_FILL)
    canvas.rect(g.left, top - GROUP_H, inner, GROUP_H - 2.0, stroke=0, fill=1)
    location = ctx.location_names.get(group.scene.location_id or "", "")
    note = " · ".join(part for part in (location, "continued" if continued or group.continued else "") if part)
    right_w = 0.0
    if note:
        right = fit_line([Span(note, color=MUTED)], inner * 0.35, GROUP_SIZE - 0.8, 6.0, measure)
        right_w = line_width_points(right)
        draw_fitted(canvas, right, g.left, box_top - PAD_Y, align="right", width=inner - PAD_X)
    spans = [Span(f"SC {group.number}   ", bold=True, color=INK), Span(scene_heading(group.scene), bold=True, color=INK)]
    left = fit_line(spans, inner - right_w - 3 * PAD_X - 12.0, GROUP_SIZE, 6.0, measure)
    draw_fitted(canvas, left, g.left + PAD_X, box_top - PAD_Y)


def _draw_subtotal(canvas: Canvas, g: TableGeometry, measure: Measurer, group: SceneGroup, total: Subtotal, top: float, project: Project, options: ShotListOptions) -> None:
    """A scene's subtotal line: shots, panels, running time and estimated minutes."""
    parts = [_plural(total.shots, "shot"), _plural(total.panels, "panel"), format_duration(total.duration_ms), f"est. {_minutes(total.est_minutes)}"]
    if total.unestimated_shots:
        parts[-1] += f" ({_plural(total.unestimated_shots, 'shot')} at the {project.default_shot_minutes:g}-min default)"
    if options.as_shot:
        parts.append(f"{total.shot} shot, {total.cut} cut")
    spans = [Span(f"Scene {group.number}:  ", bold=True, color=MUTED), Span("  ·  ".join(parts), color=MUTED)]
    inner = g.right - g.left
    fitted = fit_line(spans, inner - 2 * PAD_X, SUBTOTAL_SIZE, 5.5, measure)
    draw_fitted(canvas, fitted, g.left, top - PAD_Y, align="right", width=inner - PAD_X)
    _rule(canvas, g.left, top - SUBTOTAL_H + 0.5, g.right, 0.6, INK)


def _draw_row(
    canvas: Canvas, cells: TextBatch, g: TableGeometry, measure: Measurer, row: LaidRow, top: float, image: PrintImage | None, problem: str | None
) -> None:
    """One row: each cell's fitted text (or frame) from the top, a hairline below, struck through when cut."""
    for placed, fitted in zip(g.columns, row.cells):
        if placed.column.kind == "image":
            if image is not None or problem is not None:
                box = Box(placed.x + PAD_X, top - PAD_Y - g.thumb_h, placed.w - 2 * PAD_X, g.thumb_h)
                draw_image(canvas, box, image, problem, measure, TextSizes(CELL_SIZE - 1, 5.0, CELL_SIZE))
            continue
        cells.add(fitted, placed.x + PAD_X, top - PAD_Y, align=placed.align, width=placed.w - 2 * PAD_X)
    bottom = top - row.height
    if row.cut:
        # Crossed out, as a script supervisor strikes a shot on paper: readable, but plainly not shot.
        y = top - PAD_Y - CELL_SIZE * LEADING * 0.55
        _rule(canvas, g.left, y, g.right, 0.5, MUTED)
    _rule(canvas, g.left, bottom, g.right, 0.25, GRID)

