"""Measure the shot list PDF export against the plainest reportlab drawing of the same cells.

On a generated project (1,000 panels, 40 scenes by default):

* ours: ``export_shotlist_pdf`` with its default columns, no thumbnails:
  wrapped cells, scene headers and subtotals, rows kept whole, a header
  repeated on every page, glyph fallback, "page X of Y".
* floor: the same cell strings (``cell_text`` of the same columns, plus the
  header row at the top of every page) put on the same landscape page with
  one ``canvas.drawString`` each, in our regular TrueType font, in equal columns, one line per row, a new
  page when one is full. The floor neither wraps, nor measures, nor groups:
  it is the unavoidable work of putting those strings on pages, not a
  usable shot list. (A platypus ``Table`` of the strings, the floor this
  replaced, costs several times as much itself and flattered the ratio.)

Each side runs once untimed; then they alternate and the medians of
``--repeat`` runs are compared. Printed: seconds per 1,000 rows for each,
ours/floor (target ≤ 2.5), and each side's peak traced memory (tracemalloc,
in a run of its own) per row, which must not grow with the row count.
``--clock cpu`` measures CPU time, steadier on a shared machine. A
measurement, not a test: it exits 0.

    python benchmarks/bench_shotlist_pdf.py [--panels 1000] [--scenes 40] [--repeat 3] [--thumbnails] [--clock cpu]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from generate import DATA_DIR, cached_project
from reportlab import rl_config
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen.canvas import Canvas

from storyboarder.export.shotlist_options import ShotListOptions, chosen_rows
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.io import load_project
from storyboarder.model.shot_columns import COLUMN_BY_KEY, ShotListContext, cell_text

TARGET = 2.5
#: The clock: wall time, or with --clock cpu this process's CPU time.
CLOCK = {"clock": time.perf_counter}


def timed(run) -> float:
    gc.collect()
    clock = CLOCK["clock"]
    started = clock()
    run()
    return clock() - started


def peak_mb(run) -> float:
    """The peak of memory allocated through Python while ``run`` runs, in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def floor_canvas(data: list[list[str]], out: Path, font: str) -> None:
    """The floor: every string drawn once with drawString, header on each page, landscape Letter.

    ``font`` is the TrueType font our export prints with (a standard PDF
    font such as Helvetica would spare the floor the subsetting every
    Unicode-capable export pays).
    """
    width, height = landscape(letter)
    margin, size = 28.0, 7.0
    line = size * 1.2 + 4.8
    column = (width - 2 * margin) / len(data[0])
    canvas = Canvas(str(out), pagesize=(width, height), invariant=1, pageCompression=1)
    canvas.setFont(font, size)
    y = 0.0
    for row in data[1:]:
        if y < margin + line:
            if y:
                canvas.showPage()
                canvas.setFont(font, size)
            y = height - margin
            for i, text in enumerate(data[0]):
                canvas.drawString(margin + i * column, y, text)
            y -= line
        for i, text in enumerate(row):
            canvas.drawString(margin + i * column, y, text)
        y -= line
    canvas.save()


def _setup(panels: int, scenes: int | None = None):
    """The project, its folder, our options and the floor's strings for a generated project of ``panels`` rows."""
    from storyboarder.export.fonts import load_font_set

    rl_config.useA85 = 0  # as our export does: same stream encoding on both sides
    loaded = load_project(cached_project(panels=panels, scenes=scenes or max(1, panels // 50)))
    options = ShotListOptions(date=datetime.date(2025, 1, 1))
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("pdf")]
    ctx = ShotListContext(loaded.project)
    data = [[c.title for c in columns]] + [[cell_text(c, r.scene, r.panel, ctx) for c in columns] for r in chosen_rows(loaded.project, options)]
    return loaded, options, data, load_font_set(options.font)[0].regular


def scale_rows(panels: int) -> list[tuple[str, float, float]]:
    """For bench_scale.py: ``[("shot list PDF", ours_seconds, floor_seconds)]`` at ``panels`` rows, best of two each."""
    loaded, options, data, font = _setup(panels)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-shotlist-", dir=DATA_DIR))
    try:
        ours = lambda: export_shotlist_pdf(loaded.project, loaded.folder, work / "ours.pdf", options)  # noqa: E731
        floor = lambda: floor_canvas(data, work / "floor.pdf", font)  # noqa: E731
        ours(), floor()  # warm-up
        return [("shot list PDF", min(timed(ours) for _ in range(2)), min(timed(floor) for _ in range(2)))]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def peak_kb_per_row(panels: int) -> tuple[float, float]:
    """Peak traced memory of (ours, floor) in KB per row at ``panels`` rows; run each size in its own process for a clean peak."""
    loaded, options, data, font = _setup(panels)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-shotlist-", dir=DATA_DIR))
    try:
        ours = peak_mb(lambda: export_shotlist_pdf(loaded.project, loaded.folder, work / "ours.pdf", options))
        floor = peak_mb(lambda: floor_canvas(data, work / "floor.pdf", font))
        rows = len(data) - 1
        return ours * 1e3 / rows, floor * 1e3 / rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--panels", type=int, default=1000)
    parser.add_argument("--scenes", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--thumbnails", action="store_true", help="also time ours with thumbnails (warm image cache)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="wall time (default) or this process's CPU time")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK["clock"] = time.process_time
    rl_config.useA85 = 0  # as our export does: same stream encoding on both sides

    folder = cached_project(panels=args.panels, scenes=args.scenes, verbose=True)
    loaded = load_project(folder)
    project = loaded.project
    options = ShotListOptions(date=datetime.date(2025, 1, 1))
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("pdf")]
    ctx = ShotListContext(project)
    rows = chosen_rows(project, options)
    data = [[c.title for c in columns]] + [[cell_text(c, r.scene, r.panel, ctx) for c in columns] for r in rows]

    from storyboarder.export.fonts import load_font_set

    font = load_font_set(options.font)[0].regular  # registered with reportlab, as our export uses it
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-shotlist-", dir=DATA_DIR))
    try:
        ours_pdf, floor_pdf, thumbs_pdf = work / "ours.pdf", work / "floor.pdf", work / "thumbs.pdf"
        thumb_options = ShotListOptions(date=options.date, thumbnails=True, image_cache_dir=work / "cache")
        sides = {
            "ours": lambda: export_shotlist_pdf(project, loaded.folder, ours_pdf, options),
            "floor": lambda: floor_canvas(data, floor_pdf, font),
            "floor, Helvetica": lambda: floor_canvas(data, work / "helvetica.pdf", "Helvetica"),
        }
        if args.thumbnails:
            sides["ours+thumbnails"] = lambda: export_shotlist_pdf(project, loaded.folder, thumbs_pdf, thumb_options)
        for run in sides.values():
            run()  # warm-up: fonts, imports, the thumbnail cache
        times: dict[str, list[float]] = {name: [] for name in sides}
        for i in range(args.repeat):
            names = list(sides) if i % 2 == 0 else list(reversed(sides))
            for name in names:
                times[name].append(timed(sides[name]))
        medians = {name: statistics.median(values) for name, values in times.items()}
        per = 1000 / len(rows)
        print(f"\nshot list PDF: {len(rows)} rows, {len(columns)} columns, {args.scenes} scenes, letter landscape, median of {args.repeat}")
        for name, seconds in medians.items():
            size = (work / {"ours": "ours.pdf", "floor": "floor.pdf", "floor, Helvetica": "helvetica.pdf", "ours+thumbnails": "thumbs.pdf"}[name]).stat().st_size / 1e6
            print(f"  {name:<16} {seconds:7.2f} s   {seconds * per:6.2f} s per 1,000 rows   {size:5.1f} MB")
        ratio = medians["ours"] / medians["floor"]
        print(f"  ours/floor = {ratio:.2f} (target ≤ {TARGET:g}){'  ABOVE TARGET' if ratio > TARGET else ''}"
              f"   ({'CPU' if args.clock == 'cpu' else 'wall'} time)")
        print(f"  ours/floor with Helvetica, a standard PDF font that needs no subsetting = {medians['ours'] / medians['floor, Helvetica']:.2f}")
        ours_mb, floor_mb = peak_mb(sides["ours"]), peak_mb(sides["floor"])
        print(f"  peak traced memory: ours {ours_mb:.1f} MB ({ours_mb * 1e6 / len(rows) / 1000:.1f} KB a row), "
              f"floor {floor_mb:.1f} MB ({floor_mb * 1e6 / len(rows) / 1000:.1f} KB a row), ours/floor {ours_mb / floor_mb:.2f}")
        if args.thumbnails:
            print(f"  ours+thumbnails/floor = {medians['ours+thumbnails'] / medians['floor']:.2f} (warm image cache)")
        from pypdf import PdfReader

        print(f"  pages: ours {len(PdfReader(ours_pdf).pages)}, floor {len(PdfReader(floor_pdf).pages)} (the floor neither wraps nor groups)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
