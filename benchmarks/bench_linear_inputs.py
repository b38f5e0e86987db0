"""Measure two inputs that used to take quadratic time, at doubling sizes, against linear floors.

* Fountain heading: ``INT. X`` + N spaces (or tabs) + ``y - DAY``, then a
  blank line and an action line. Ours: ``parse_fountain`` of the text.
  Floor: ``str.split()`` of the same text, the plainest linear pass over it.
  (320,000 spaces took 191 s before the scene-number pattern was made linear.)
* Call sheet: the example project (``examples/night-market``) with one
  unbroken word of N characters as its first location's name, a table cell
  that runs over many pages. Ours: ``export_call_sheet_pdf`` of day 1.
  Floor: ``pdfmetrics.stringWidth`` of the whole word once, in the sheet's
  body font at its body size: measuring every character once, which any
  layout of the word must do. (160,000 characters took 54 s before a cell's
  rest was laid out only once per page.)

For each size: the medians of ``--repeat`` alternating runs (after one
untimed run of each), ours/floor, and *growth*, ours at this size over ours
at half the size. Linear work doubles (growth about 2, ours/floor about
constant); quadratic work quadruples. A growth over 2.6 is printed with
``ABOVE TARGET``. A measurement, not a test: it exits 0.

    python benchmarks/bench_linear_inputs.py [--heading-sizes 40000,80000,160000,320000]
        [--word-sizes 10000,20000,40000,80000] [--repeat 3] [--only heading|word]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generate import DATA_DIR
from reportlab.pdfbase import pdfmetrics

from storyboarder.export.call_sheet_options import CallSheetOptions
from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
from storyboarder.export.fonts import load_font_set
from storyboarder.io import load_project
from storyboarder.io.fountain import parse_fountain

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "night-market"
GROWTH_TARGET = 2.6
BODY_SIZE = 8.5  # the call sheet's largest text size, which it tries first


def timed(run) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def compare(label: str, sizes: list[int], make_sides, repeat: int) -> None:
    """Time ours and the floor at each size and print the table."""
    print(f"\n{label}: median of {repeat}")
    print(f"  {'size':>9} {'ours':>10} {'floor':>10} {'ours/floor':>11} {'growth':>7}")
    previous = None
    for size in sizes:
        sides = make_sides(size)
        for run in sides.values():
            run()  # warm-up
        times: dict[str, list[float]] = {name: [] for name in sides}
        for i in range(repeat):
            for name in list(sides) if i % 2 == 0 else list(reversed(sides)):
                times[name].append(timed(sides[name]))
        ours, floor = (statistics.median(times[name]) for name in ("ours", "floor"))
        growth = ours / previous if previous else None
        flag = "  ABOVE TARGET" if growth is not None and growth > GROWTH_TARGET else ""
        shown = f"{growth:7.2f}" if growth is not None else f"{'':>7}"
        print(f"  {size:>9,} {ours:9.4f}s {floor * 1e3:8.3f}ms {ours / floor:11.0f} {shown}{flag}")
        previous = ours


def heading_sides(blank: str):
    def make(size: int):
        text = f"INT. X{blank * size}y - DAY\n\nAction.\n"
        return {"ours": lambda: parse_fountain(text, "bench.fountain"), "floor": lambda: text.split()}

    return make


def word_sides(work: Path):
    font = load_font_set(None)[0].regular

    def make(size: int):
        project = load_project(EXAMPLE).project
        word = "x" * size
        project.locations[0].name = word
        out = work / f"sheet-{size}.pdf"
        options = CallSheetOptions(day_ids=(project.shoot_days[0].id,))
        return {
            "ours": lambda: export_call_sheet_pdf(project, out, options),
            "floor": lambda: pdfmetrics.stringWidth(word, font, BODY_SIZE),
        }

    return make


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heading-sizes", default="40000,80000,160000,320000")
    parser.add_argument("--word-sizes", default="10000,20000,40000,80000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("heading", "word"))
    args = parser.parse_args()
    heading_sizes = [int(size) for size in args.heading_sizes.split(",")]
    word_sizes = [int(size) for size in args.word_sizes.split(",")]

    if args.only != "word":
        compare("Fountain heading with a run of spaces", heading_sizes, heading_sides(" "), args.repeat)
        compare("Fountain heading with a run of tabs", heading_sizes, heading_sides("\t"), args.repeat)
    if args.only != "heading":
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="bench-linear-", dir=DATA_DIR))
        try:
            compare("Call sheet, an unbroken word as a location's name", word_sizes, word_sides(work), args.repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
