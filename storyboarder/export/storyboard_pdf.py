"""Print-ready storyboard PDFs: a pure function the CLI and the GUI both call.

``export_storyboard_pdf`` lays panels out in a grid on the raw reportlab
canvas (deterministic, and fast), with a header and footer on every page
and an optional title page. The PDF is written beside the target and
renamed over it only when complete, so a failed or cancelled export never
leaves half a file or destroys the previous one. Two exports of the same
project with the same options are byte-identical.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from storyboarder.model import ShotId, format_duration, scene_numbers, shot_labels

from .fonts import load_font_set
from .pdf_meta import canvas_options, describe
from .output import check_output_path, partial_file
from .print_images import ImagePreparer, Prefetcher, target_pixels
from .scene_selection import select_scenes
from .storyboard_cells import draw_cell
from .storyboard_layout import page_layout, paginate
from .storyboard_options import ExportResult, StoryboardExportError, StoryboardOptions
from .storyboard_pages import TitleFacts, draw_footer, draw_header, draw_title_page
from .storyboard_text import describe_missing, field_texts, missing_glyphs, panel_blocks, scene_heading
from .text_fit import Measurer

if TYPE_CHECKING:
    from storyboarder.model import Panel, Project, Scene

# No ASCII85 around binary streams: files 25% smaller for the same content. reportlab
# reads this when it builds each image and stream, so it is set once for the process.
rl_config.useA85 = 0

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def export_storyboard_pdf(
    project: Project,
    folder: str | os.PathLike,
    out_path: str | os.PathLike,
    options: StoryboardOptions | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    board_pages: int | None = None,
) -> ExportResult:
    """Write a storyboard PDF of ``project`` (whose images live in ``folder``) to ``out_path``.

    Images the project holds but has not saved yet (``project.pending_images``,
    in the editor) are read from memory. ``board_pages`` stops after that many
    pages of panels (a preview), with headers, footers and page numbers as the
    whole board prints them.

    ``progress(done, total)`` is called as panels are drawn, and
    ``cancelled()`` is asked between panels; a cancelled export writes
    nothing. Raises StoryboardExportError, with one line per problem, for
    options that cannot make a board or an output that cannot be written.
    """
    options = options or StoryboardOptions()
    options.check()
    out = Path(out_path)
    check_output_path(out, folder)
    panels = chosen_panels(project, options)
    fonts, font_warnings = load_font_set(options.font)
    measure = Measurer(fonts)
    fields = frozenset(options.fields)
    text_fields = fields & {"camera", "lighting", "action", "dialogue", "notes", "sound"}
    layout = page_layout(options, project.aspect_ratio, bool(fields & {"shot", "duration"}), bool(text_fields))
    pages = paginate(panels, len(layout.cells), options.scenes_start_new_page)
    first_board_page = 2 if options.title_page else 1
    total_pages = len(pages) + first_board_page - 1
    if board_pages is not None:
        pages = pages[: max(1, board_pages)]
    drawn = [entry for page in pages for entry in page.panels]
    result = ExportResult(out, pages=len(pages) + first_board_page - 1, panels=len(drawn), warnings=list(font_warnings))
    numbers = scene_numbers(project)
    labels = shot_labels(project)
    date = _format_date(options.date or _today())
    title = " ".join(project.title.split())
    _warn_missing(result, fonts, "title page: title", project.title)
    _warn_missing(result, fonts, "title page: director", project.director)
    _warn_missing(result, fonts, "title page: writer", project.writer)
    _warn_missing(result, fonts, "title page: production", project.production)
    _warn_missing(result, fonts, "footer: confidentiality text", options.confidential)
    headings = {}
    for scene in {scene.id: scene for scene, _ in drawn}.values():
        headings[scene.id] = scene_heading(scene)
        _warn_missing(result, fonts, f"scene {numbers[scene.id]}: heading", headings[scene.id])

    with partial_file(out) as part:
        canvas = Canvas(str(part.temp), pagesize=(layout.width, layout.height), **canvas_options(fonts.regular))
        describe(canvas, project, "storyboard")
        if options.title_page:
            draw_title_page(canvas, layout, measure, _title_facts(project, options, panels, labels, numbers, date))
            draw_footer(canvas, layout, measure, 1, total_pages, date, options.confidential)
            canvas.showPage()
        image_px = target_pixels(layout.cells[0].image.w, layout.cells[0].image.h, options.dpi)
        try:
            preparer = ImagePreparer(Path(folder), options.image_cache_dir, options.workers, project.pending_images)
        except OSError as exc:
            raise StoryboardExportError(f"image cache: cannot use {options.image_cache_dir}: {exc.strerror or exc}") from None
        with preparer:
            images = Prefetcher(preparer, [panel for _, panel in drawn], image_px)
            done = 0
            progress(0, len(drawn))
            for page_index, page in enumerate(pages):
                page_number = first_board_page + page_index
                scenes = [(numbers[scene.id], headings[scene.id]) for scene in page.scenes]
                draw_header(canvas, layout, measure, title, scenes)
                draw_footer(canvas, layout, measure, page_number, total_pages, date, options.confidential)
                for cell, (scene, panel) in zip(layout.cells, page.panels):
                    if cancelled():
                        result.cancelled = True
                        return result
                    prepared = images.get(done)
                    where = f"shot {labels[panel.id].label} (scene {numbers[scene.id]})"
                    if prepared.problem:
                        result.warnings.append(f"{where}: image: {prepared.problem}")
                    elif prepared.image is not None:
                        result.images += 1
                    texts = field_texts(panel)
                    for name in sorted(text_fields):
                        _warn_missing(result, fonts, f"{where}: {name}", texts[name])
                    draw_cell(
                        canvas,
                        cell,
                        layout.sizes,
                        measure,
                        shot=labels[panel.id].label if "shot" in fields else "",
                        duration=format_duration(panel.duration_ms) if "duration" in fields else "",
                        image=prepared.image,
                        problem=prepared.problem,
                        blocks=panel_blocks(panel, text_fields, texts),
                    )
                    done += 1
                    progress(done, len(drawn))
                canvas.showPage()
            canvas.save()
        part.commit()
    return result


def chosen_panels(project: Project, options: StoryboardOptions) -> list[tuple[Scene, Panel]]:
    """The panels the options select, in story order; an empty selection is an error."""
    scenes = select_scenes(project, options.scenes)
    wanted = options.panel_ids
    panels = [(scene, panel) for scene in scenes for panel in scene.panels if wanted is None or panel.id in wanted]
    if not panels:
        if wanted is not None:
            raise StoryboardExportError("panels: none of the selected panels are in the chosen scenes; nothing to print")
        raise StoryboardExportError("scenes: the chosen scenes have no panels; nothing to print")
    return panels


def _warn_missing(result: ExportResult, fonts, where: str, text: str) -> None:
    if text and not text.isascii():
        chars = missing_glyphs(fonts, text)
        if chars:
            result.warnings.append(f"{where}: {describe_missing(chars)}")


def print_date(day: datetime.date | None = None) -> str:
    """The date an export prints, such as ``14 March 2025``: ``day``, or today (or SOURCE_DATE_EPOCH)."""
    return _format_date(day or _today())


def _today() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdecimal() and len(epoch.strip()) <= 12:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass  # past what dates can hold: the variable is not a usable epoch
    return datetime.date.today()


def _format_date(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _title_facts(project, options, panels, labels, numbers, date) -> TitleFacts:
    shots = {ShotId(scene.id, labels[panel.id].shot) for scene, panel in panels}
    scenes = {scene.id for scene, _ in panels}
    if options.panel_ids is not None:
        selection = "Selected panels"
    elif options.scenes.strip() and options.scenes.strip().lower() != "all":
        selection = f"Scenes {options.scenes.strip()}"
    else:
        selection = ""
    return TitleFacts(
        title=" ".join(project.title.split()),
        director=" ".join(project.director.split()),
        writer=" ".join(project.writer.split()),
        production=" ".join(project.production.split()),
        date=date,
        scenes=len(scenes),
        panels=len(panels),
        shots=len(shots),
        running_time=format_duration(sum(panel.duration_ms for _, panel in panels)),
        selection=selection,
        confidential=options.confidential,
    )
