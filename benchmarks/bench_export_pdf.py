"""Measure the storyboard PDF export against the plainest reportlab programs doing the same work.

Two comparisons, both on generated projects of 1920×1080 line-art PNGs:

* ``grid`` (2,000 panels, 3×3 on Letter landscape by default): our export,
  first with an empty image cache (``cold``) and again with the cache it
  filled (``warm``), against reportlab drawing the same number of
  *pre-scaled* JPEG files by path, at the same pixel size as ours, plus one
  short string per panel, on the same page grid. The floor does no image
  preparation and no text layout, so ``cold / floor`` shows what preparing
  every image costs and ``warm / floor`` what our layout and text cost.
* ``issue`` (1,000 panels, 3×2 on Letter landscape): the targets of issue 5.
  The floor opens each PNG with Pillow, downscales it to 150 DPI,
  JPEG-encodes it and draws it, six to a page, in one process. Printed:
  first export / floor (target ≤ 1), second export / first (target ≤ 1/3)
  and PDF size / floor's (target ≤ 1.2).

* ``floor`` (issue 15, on ``--floor-panels`` panels, 3×2): our first export
  (empty cache) against a same-size, same-colour-mode floor that uses as
  many threads as ours (``ImagePreparer``'s default, read from it): each
  drawing read in a worker thread, opened with Pillow, converted to the
  mode a JPEG needs (L for 1-bit line art, RGB for RGBA), downscaled to
  the *same* pixel size as ours (``thumbnail``), JPEG-encoded to a file,
  and drawn by path with one short string per panel on our grid (ours
  prints only the shot label, so both draw one short string). Drawings
  with the same bytes are prepared and stored once on both sides (ours
  names prepared images by content; the floor keys a dict by the bytes).
  Run on unique 1-bit line art (``generate.py --images unique-line``) and
  on unique RGBA sketches (``--images sketch``), where nothing can be
  shared, so that the PDF size ratio is honest too; ``--floor-images
  line`` runs it on the shared drawings of the other comparisons.
  Target: ours / floor ≤ 1.1.

Each side runs once untimed first; then they alternate and the medians of
``--repeat`` runs are compared. ``--clock cpu`` measures the process's CPU
time (every thread), steadier than wall time on a shared machine. A
measurement, not a test: it exits 0 and prints ABOVE TARGET next to a
ratio over its target.

    python benchmarks/bench_export_pdf.py [--panels 2000] [--layout 3x3] [--repeat 3] [--only grid|issue|floor]
    python benchmarks/bench_export_pdf.py --only floor --floor-panels 200 --clock cpu
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from generate import DATA_DIR, cached_project
from PIL import Image
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from storyboarder.export import StoryboardOptions, export_storyboard_pdf, parse_layout
from storyboarder.export.print_images import ImagePreparer, target_pixels
from storyboarder.export.storyboard_layout import page_layout
from storyboarder.io import load_project

ISSUE_FIRST_TARGET = 1.0
ISSUE_SECOND_TARGET = 1 / 3
ISSUE_SIZE_TARGET = 1.2
FLOOR_TARGET = 1.1

#: The clock the measurements use: wall time, or with --clock cpu the process's CPU time.
CLOCK = {"clock": time.perf_counter}


def timed(run) -> float:
    gc.collect()
    clock = CLOCK["clock"]
    started = clock()
    run()
    return clock() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def flag(ratio: float, target: float) -> str:
    return "  ABOVE TARGET" if ratio > target else ""


def draw_grid_floor(cells, page_size, jpegs: list[Path], out: Path) -> None:
    """The floor: pre-scaled JPEGs drawn by path and one short string per panel, on our grid."""
    canvas = Canvas(str(out), pagesize=page_size, invariant=1)
    per_page = len(cells)
    for index, jpeg in enumerate(jpegs):
        cell = cells[index % per_page]
        box = cell.image
        canvas.drawImage(str(jpeg), box.x, box.y, box.w, box.h, preserveAspectRatio=True)
        canvas.drawString(cell.cell.x, cell.cell.top - 10, f"{index + 1}A")
        if index % per_page == per_page - 1:
            canvas.showPage()
    canvas.save()


def prescale(project, folder: Path, size: tuple[int, int], into: Path) -> list[Path]:
    """Write every panel's image as a JPEG of the printed pixel size (untimed set-up for the floor)."""
    into.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (_scene, panel) in enumerate(project.iter_panels()):
        target = into / f"{index:05d}.jpg"
        with Image.open(folder / panel.image) as image:
            image = image.convert("L")
            image.thumbnail(size)
            image.save(target, "JPEG", quality=85)
        paths.append(target)
    return paths


def issue_floor(project, folder: Path, cells, page_size, dpi: int, out: Path, scratch: Path) -> None:
    """The issue's floor: open, downscale to 150 DPI, JPEG-encode and draw each image, six to a page.

    Each JPEG goes to a file that is drawn by path, the fastest plain way
    (an ImageReader per image would make reportlab decode it again).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out), pagesize=page_size)
    per_page = len(cells)
    for index, (_scene, panel) in enumerate(project.iter_panels()):
        box = cells[index % per_page].image
        jpeg = scratch / f"{index:05d}.jpg"
        with Image.open(folder / panel.image) as image:
            image = image.convert("RGB")
            image.thumbnail(target_pixels(box.w, box.h, dpi))
            image.save(jpeg, "JPEG")
        canvas.drawImage(str(jpeg), box.x, box.y, box.w, box.h, preserveAspectRatio=True)
        if index % per_page == per_page - 1:
            canvas.showPage()
    canvas.save()


def run_grid(panels: int, scenes: int, layout: str, repeat: int, work: Path) -> None:
    columns, rows = parse_layout(layout)
    folder = cached_project(panels=panels, scenes=scenes, verbose=True)
    loaded = load_project(folder)
    options = StoryboardOptions(columns=columns, rows=rows, title_page=False)
    geometry = page_layout(options, loaded.project.aspect_ratio, True, True)
    size = target_pixels(geometry.cells[0].image.w, geometry.cells[0].image.h, options.dpi)
    jpegs = prescale(loaded.project, folder, size, work / "floor-jpegs")
    ours_pdf, floor_pdf = work / "ours.pdf", work / "floor.pdf"
    caches = iter(range(1_000_000))
    state = {}

    def cold():
        state["cache"] = work / f"cache-{next(caches)}"
        export_storyboard_pdf(loaded.project, folder, ours_pdf, StoryboardOptions(columns=columns, rows=rows, title_page=False, image_cache_dir=state["cache"]))

    def warm():
        export_storyboard_pdf(loaded.project, folder, ours_pdf, StoryboardOptions(columns=columns, rows=rows, title_page=False, image_cache_dir=state["cache"]))

    def floor():
        draw_grid_floor(geometry.cells, geometry_size(geometry), jpegs, floor_pdf)

    cold(), warm(), floor()  # warm-up: fonts, imports, file system caches
    times = {"cold": [], "warm": [], "floor": []}
    for i in range(repeat):
        order = [("cold", cold), ("warm", warm), ("floor", floor)]
        if i % 2:
            order = [order[2], order[0], order[1]]
        for name, run in order:
            times[name].append(timed(run))
        shutil.rmtree(state["cache"], ignore_errors=True)
    cold_s, warm_s, floor_s = (median(times[k]) for k in ("cold", "warm", "floor"))
    print(f"\ngrid: {panels} panels, {layout}, letter landscape, {options.dpi} DPI, images {size[0]}×{size[1]} px, median of {repeat}")
    print(f"  floor (pre-scaled JPEGs by path + one string per panel)  {floor_s:7.2f} s  {os.path.getsize(floor_pdf) / 1e6:6.1f} MB")
    print(f"  ours, empty image cache (cold)                          {cold_s:7.2f} s  {os.path.getsize(ours_pdf) / 1e6:6.1f} MB   cold/floor = {cold_s / floor_s:.2f}")
    print(f"  ours, cache filled (warm)                               {warm_s:7.2f} s             warm/floor = {warm_s / floor_s:.2f}")
    print(f"  per panel: cold {cold_s / panels * 1000:.2f} ms, warm {warm_s / panels * 1000:.2f} ms, floor {floor_s / panels * 1000:.2f} ms")


def geometry_size(geometry) -> tuple[float, float]:
    return geometry.width, geometry.height


def run_issue(panels: int, scenes: int, repeat: int, work: Path) -> None:
    folder = cached_project(panels=panels, scenes=scenes, verbose=True)
    loaded = load_project(folder)
    options = StoryboardOptions(columns=3, rows=2, paper="letter", orientation="landscape", title_page=False)
    geometry = page_layout(options, loaded.project.aspect_ratio, True, True)
    ours_pdf, floor_pdf = work / "issue-ours.pdf", work / "issue-floor.pdf"
    caches = iter(range(1_000_000))
    state = {}

    def first():
        state["cache"] = work / f"issue-cache-{next(caches)}"
        export_storyboard_pdf(loaded.project, folder, ours_pdf, StoryboardOptions(**{**options.__dict__, "image_cache_dir": state["cache"]}))

    def second():
        export_storyboard_pdf(loaded.project, folder, ours_pdf, StoryboardOptions(**{**options.__dict__, "image_cache_dir": state["cache"]}))

    def floor():
        issue_floor(loaded.project, folder, geometry.cells, (geometry.width, geometry.height), 150, floor_pdf, work / "issue-floor-jpegs")

    first(), second(), floor()
    times = {"first": [], "second": [], "floor": []}
    for i in range(repeat):
        order = [("first", first), ("second", second), ("floor", floor)]
        if i % 2:
            order = [order[2], order[0], order[1]]
        for name, run in order:
            times[name].append(timed(run))
        shutil.rmtree(state["cache"], ignore_errors=True)
    first_s, second_s, floor_s = (median(times[k]) for k in ("first", "second", "floor"))
    ours_mb, floor_mb = os.path.getsize(ours_pdf) / 1e6, os.path.getsize(floor_pdf) / 1e6
    print(f"\nissue 5 targets: {panels} panels, 3x2, letter landscape (ours at {options.dpi} DPI, floor at 150 DPI), median of {repeat}")
    print(f"  floor (Pillow open + downscale + JPEG + drawImage)  {floor_s:7.2f} s  {floor_mb:6.1f} MB")
    print(f"  ours, first export                                  {first_s:7.2f} s  {ours_mb:6.1f} MB")
    print(f"  ours, second export (image cache)                   {second_s:7.2f} s")
    r1, r2, r3 = first_s / floor_s, second_s / first_s, ours_mb / floor_mb
    print(f"  first / floor  = {r1:.2f} (target ≤ {ISSUE_FIRST_TARGET:g}){flag(r1, ISSUE_FIRST_TARGET)}")
    print(f"  second / first = {r2:.2f} (target ≤ {ISSUE_SECOND_TARGET:.2f}){flag(r2, ISSUE_SECOND_TARGET)}")
    print(f"  size / floor   = {r3:.2f} (target ≤ {ISSUE_SIZE_TARGET:g}){flag(r3, ISSUE_SIZE_TARGET)}")
    # The generated project repeats 50 drawings, which our PDF stores once each; compare
    # the image bytes per panel as well, as a project of all-different drawings would pay them.
    state["cache"] = work / "issue-cache-sizes"
    first()
    ours_images = sum(p.stat().st_size for p in state["cache"].iterdir() if p.suffix in (".jpg", ".png"))
    floor_images = sum(p.stat().st_size for p in (work / "issue-floor-jpegs").glob("*.jpg"))
    r4 = ours_images / floor_images
    print(f"  image bytes per panel, without sharing: ours {ours_images / panels / 1000:.1f} KB, floor {floor_images / panels / 1000:.1f} KB"
          f" = {r4:.2f}{flag(r4, ISSUE_SIZE_TARGET)}")
    print("  (the generated project repeats 50 drawings among its panels; our PDF stores each distinct image once)")


def _floor_image(source: Path, size: tuple[int, int], target: Path, seen: dict[bytes, Path]) -> Path:
    """Read a drawing; unless the same bytes came before, convert it to the mode a JPEG needs,
    downscale it to ``size`` and write it as a JPEG. Return the JPEG that shows it.

    Ours names its prepared images by the drawing's bytes, so panels that
    share a drawing share one image; the floor does the same with a dict
    keyed by the bytes (setdefault is atomic under the GIL).
    """
    data = source.read_bytes()
    first = seen.setdefault(data, target)
    if first is not target:
        return first
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("L" if image.mode in ("1", "L") else "RGB")
        image.thumbnail(size)
        image.save(target, "JPEG", quality=80)
    return target


def floor_workers() -> int:
    """The threads ours prepares images with (ImagePreparer's default), for the floor to use as many."""
    with ImagePreparer(Path(tempfile.gettempdir())) as preparer:
        return preparer.workers


def same_size_floor(sources: list[Path], size, cells, page_size, workers: int, scratch: Path, out: Path) -> None:
    """The floor of issue 15: the plainest threaded prepare-and-draw of the same drawings at the same size."""
    scratch.mkdir(parents=True, exist_ok=True)
    jpegs = [scratch / f"{index:05d}.jpg" for index in range(len(sources))]
    seen: dict[bytes, Path] = {}
    canvas = Canvas(str(out), pagesize=page_size, invariant=1)
    per_page = len(cells)
    n = len(sources)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # map() hands results back in order while the workers run ahead, as our prefetcher does;
        # a shared drawing's first JPEG is written before any later panel's result comes back.
        for index, jpeg in enumerate(pool.map(_floor_image, sources, [size] * n, jpegs, [seen] * n)):
            cell = cells[index % per_page]
            box = cell.image
            # reportlab stores a file drawn by the same path once.
            canvas.drawImage(str(jpeg), box.x, box.y, box.w, box.h, preserveAspectRatio=True)
            canvas.drawString(cell.cell.x, cell.cell.top - 10, f"{index + 1}A")
            if index % per_page == per_page - 1:
                canvas.showPage()
    canvas.save()


#: The options of the same-size comparison: only the shot label prints, as the floor prints one
#: short string per panel: the comparison is of the images, not of laying out text (see "grid").
FLOOR_OPTIONS = StoryboardOptions(columns=3, rows=2, title_page=False, fields=("shot",))


class SameSizePair:
    """Ours (first export, empty image cache) and the same-size floor, on one project, as two callables."""

    def __init__(self, folder: Path, work: Path, tag: str):
        self.folder, self.work = folder, work
        self.project = load_project(folder).project
        geometry = page_layout(FLOOR_OPTIONS, self.project.aspect_ratio, True, False)
        self.cells, self.page_size = geometry.cells, (geometry.width, geometry.height)
        self.size = target_pixels(geometry.cells[0].image.w, geometry.cells[0].image.h, FLOOR_OPTIONS.dpi)
        self.sources = [folder / panel.image for _scene, panel in self.project.iter_panels()]
        self.workers = floor_workers()
        self.ours_pdf, self.floor_pdf = work / f"{tag}-ours.pdf", work / f"{tag}-floor.pdf"
        self.scratch = work / f"{tag}-jpegs"
        self._caches = iter(range(1_000_000))
        self.tag = tag
        with Image.open(self.sources[0]) as first:
            self.mode = first.mode

    def ours(self) -> None:
        cache = self.work / f"{self.tag}-cache-{next(self._caches)}"
        try:
            export_storyboard_pdf(self.project, self.folder, self.ours_pdf, replace(FLOOR_OPTIONS, image_cache_dir=cache))
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    def floor(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        same_size_floor(self.sources, self.size, self.cells, self.page_size, self.workers, self.scratch, self.floor_pdf)

    def sizes_mb(self) -> tuple[float, float]:
        return os.path.getsize(self.ours_pdf) / 1e6, os.path.getsize(self.floor_pdf) / 1e6


def alternate(pair: SameSizePair, repeat: int, warm_up: bool = True) -> tuple[float, float]:
    """Medians of ours and the floor over ``repeat`` alternating runs, after one untimed run each."""
    if warm_up:
        pair.ours(), pair.floor()
    times = {"ours": [], "floor": []}
    for i in range(repeat):
        order = [("ours", pair.ours), ("floor", pair.floor)]
        if i % 2:
            order.reverse()
        for name, run in order:
            times[name].append(timed(run))
    return median(times["ours"]), median(times["floor"])


def run_floor(panels: int, scenes: int, images: str, repeat: int, work: Path) -> None:
    folder = cached_project(panels=panels, scenes=scenes, images=images, verbose=True)
    pair = SameSizePair(folder, work, f"floor-{images}")
    ours_s, floor_s = alternate(pair, repeat)
    ours_mb, floor_mb = pair.sizes_mb()
    clock = "CPU" if CLOCK["clock"] is time.process_time else "wall"
    unique = images != "line"
    shared = "unique drawings, nothing shared" if unique else "50 drawings shared among the panels, on both sides"
    print(f"\nsame-size floor: {panels} panels of {pair.mode} {images} ({shared}), 3x2, {FLOOR_OPTIONS.dpi} DPI, "
          f"images {pair.size[0]}×{pair.size[1]} px, {pair.workers} threads each, {clock} time, median of {repeat}")
    print(f"  floor (threaded read + convert + thumbnail + JPEG, drawn by path)  {floor_s:7.2f} s  {floor_mb:6.1f} MB")
    ratio = ours_s / floor_s
    print(f"  ours, empty image cache                                           {ours_s:7.2f} s  {ours_mb:6.1f} MB")
    print(f"  ours / floor = {ratio:.2f} (target ≤ {FLOOR_TARGET:g}){flag(ratio, FLOOR_TARGET)}"
          f"   size ours / floor = {ours_mb / floor_mb:.2f}{' (nothing shared: an honest size ratio)' if unique else ''}")


#: The rows ``scale_rows`` gives (bench_scale.py).
SCALE_ROWS = ("storyboard PDF, 1-bit, 50 shared drawings", "storyboard PDF, unique 1-bit", "storyboard PDF, unique RGBA sketches")


def scale_rows(panels: int):
    """Rows of the scale run (bench_scale.py): the same-size comparison at the scale run's sizes.

    On the scale project (1-bit, 50 drawings shared, which both sides prepare
    once each) at ``panels``; on unique 1-bit drawings at a twentieth of
    that and unique RGBA sketches at a hundredth (at least 10), since unique
    drawings take disk and time to generate: those rows say how many panels
    they measured. Medians of 3 alternating runs under 2,000 panels, else one
    run each, after an untimed run each of a small project (fonts, imports).
    """
    import bench_scale

    CLOCK["clock"] = bench_scale.clock()
    rl_config.useA85 = 0
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-pdf-", dir=DATA_DIR))
    try:
        warm_up = SameSizePair(bench_scale.scale_project(12), work, "warm-up")
        warm_up.ours(), warm_up.floor()
        runs = [
            ("storyboard PDF, 1-bit, 50 shared drawings", panels, "line"),
            ("storyboard PDF, unique 1-bit", max(10, panels // 20), "unique-line"),
            ("storyboard PDF, unique RGBA sketches", max(10, panels // 100), "sketch"),
        ]
        for name, size, images in runs:
            if not bench_scale.wanted(name):
                continue
            pair = SameSizePair(bench_scale.scale_project(size, images=images), work, images)
            ours_s, floor_s = alternate(pair, 3 if size < 2000 else 1, warm_up=False)
            yield name, ours_s, floor_s, size
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--panels", type=int, default=2000, help="panels in the grid comparison (default 2000)")
    parser.add_argument("--issue-panels", type=int, default=1000, help="panels in the issue comparison (default 1000)")
    parser.add_argument("--scenes", type=int, default=40)
    parser.add_argument("--layout", default="3x3", help="grid of the grid comparison (default 3x3)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor-panels", type=int, default=200, help="panels in the same-size floor comparison (default 200)")
    parser.add_argument("--floor-images", default="unique-line,sketch",
                        help="generate.py --images kinds of the floor comparison (default unique-line,sketch)")
    parser.add_argument("--only", choices=["grid", "issue", "floor"])
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="wall time (default) or the process's CPU time")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK["clock"] = time.process_time
    rl_config.useA85 = 0  # as our export does: same stream encoding on both sides
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-export-", dir=DATA_DIR))
    try:
        if args.only in (None, "grid"):
            run_grid(args.panels, args.scenes, args.layout, args.repeat, work)
        if args.only in (None, "issue"):
            run_issue(args.issue_panels, args.scenes, args.repeat, work)
        if args.only in (None, "floor"):
            for images in args.floor_images.split(","):
                run_floor(args.floor_panels, max(1, min(args.scenes, args.floor_panels // 25)), images.strip(), args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
