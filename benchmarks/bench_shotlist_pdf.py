"""Measure the shot list PDF export against the plainest reportlab table of the same cells.

On a generated project (1,000 panels, 40 scenes by default):

* ours: ``export_shotlist_pdf`` with its default columns, no thumbnails:
  wrapped cells, scene headers and subtotals, rows kept whole, a header
  repeated on every page, glyph fallback, "page X of Y".
* floor: the same cell strings (``cell_text`` of the same columns, plus the
  header row) in one plain reportlab ``Table`` with ``repeatRows=1`` and no
  style, built by ``SimpleDocTemplate`` on the same landscape page. The
  floor neither wraps nor keeps rows whole, so its text runs over its cells:
  it is the unavoidable work of putting those strings on pages, not a
  usable shot list.

Each side runs once untimed; then they alternate and the medians of
``--repeat`` runs are compared. Printed: seconds per 1,000 rows for each,
and ours/floor. A measurement, not a test: it exits 0.

    python benchmarks/bench_shotlist_pdf.py [--panels 1000] [--scenes 40] [--repeat 3] [--thumbnails]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generate import DATA_DIR, cached_project
from reportlab import rl_config
from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import SimpleDocTemplate, Table

from storyboarder.export.shotlist_options import ShotListOptions, chosen_rows
from storyboarder.export.shotlist_pdf import export_shotlist_pdf
from storyboarder.io import load_project
from storyboarder.model.shot_columns import COLUMN_BY_KEY, ShotListContext, cell_text


def timed(run) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def floor_table(data: list[list[str]], out: Path) -> None:
    """The floor: one unstyled Table of the strings, header repeated, on landscape Letter."""
    doc = SimpleDocTemplate(str(out), pagesize=landscape(letter), leftMargin=28, rightMargin=28, topMargin=28, bottomMargin=28, invariant=1)
    doc.build([Table(data, repeatRows=1)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--panels", type=int, default=1000)
    parser.add_argument("--scenes", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--thumbnails", action="store_true", help="also time ours with thumbnails (warm image cache)")
    args = parser.parse_args()
    rl_config.useA85 = 0  # as our export does: same stream encoding on both sides

    folder = cached_project(panels=args.panels, scenes=args.scenes, verbose=True)
    loaded = load_project(folder)
    project = loaded.project
    options = ShotListOptions(date=datetime.date(2025, 1, 1))
    columns = [COLUMN_BY_KEY[key] for key in options.column_keys("pdf")]
    ctx = ShotListContext(project)
    rows = chosen_rows(project, options)
    data = [[c.title for c in columns]] + [[cell_text(c, r.scene, r.panel, ctx) for c in columns] for r in rows]

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-shotlist-", dir=DATA_DIR))
    try:
        ours_pdf, floor_pdf, thumbs_pdf = work / "ours.pdf", work / "floor.pdf", work / "thumbs.pdf"
        thumb_options = ShotListOptions(date=options.date, thumbnails=True, image_cache_dir=work / "cache")
        sides = {
            "ours": lambda: export_shotlist_pdf(project, loaded.folder, ours_pdf, options),
            "floor": lambda: floor_table(data, floor_pdf),
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
            size = (work / {"ours": "ours.pdf", "floor": "floor.pdf", "ours+thumbnails": "thumbs.pdf"}[name]).stat().st_size / 1e6
            print(f"  {name:<16} {seconds:7.2f} s   {seconds * per:6.2f} s per 1,000 rows   {size:5.1f} MB")
        print(f"  ours/floor = {medians['ours'] / medians['floor']:.2f}")
        if args.thumbnails:
            print(f"  ours+thumbnails/floor = {medians['ours+thumbnails'] / medians['floor']:.2f} (warm image cache)")
        from pypdf import PdfReader

        print(f"  pages: ours {len(PdfReader(ours_pdf).pages)}, floor {len(PdfReader(floor_pdf).pages)} (the floor neither wraps nor groups)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
