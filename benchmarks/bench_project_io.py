"""Measure loading a large project and saving it after a one-panel edit.

Each operation is timed against a floor, the plain-``json`` way of doing the
same file work, and the ratio of the medians is the result:

* load: ``storyboarder.io.load_project(folder)`` against opening
  ``project.json`` and ``json.load``-ing it;
* save after one edit: ``save_project`` after changing one panel's action
  text, against ``json.dump(doc, f, indent=2, ensure_ascii=False)`` of the
  same document into a file in the same folder;
* validate: ``storyboarder validate`` (load, then every image file opened
  and checked, PNGs to their last chunk, and the schedule's warnings)
  against two floors: issue 15's honest one, decoding ``project.json`` with
  the same msgspec decoder and types that loading uses (``io.codec``) plus
  one ``os.stat`` per image, and the same decode plus reading every image
  file whole (the bytes a check that finds a file cut short must at least
  read). ``scale_rows(panels)`` gives these rows for benchmarks/bench_scale.py.

The save must also write no image file: the edit touches text only.

This is a measurement, not a test: it always exits with status 0 and
prints ABOVE TARGET next to a ratio that is over its target.

    python benchmarks/bench_project_io.py [--panels N] [--scenes S] [--repeat R] [--clock cpu] [--only validate]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

from generate import cached_project, working_copy

from storyboarder.io import IMAGES_DIR, PROJECT_FILE, load_project, save_project

LOAD_TARGET = 1.5
SAVE_TARGET = 1.5
VALIDATE_TARGET = 2.0

#: The clock: wall time, or with --clock cpu this process's CPU time.
CLOCK = {"ns": time.perf_counter_ns}

#: The file the save floor writes, beside project.json.
FLOOR_FILE = "floor-save.json"


def time_ms(run: Callable[[], object]) -> float:
    """Run once and return the wall time in milliseconds."""
    # Start each run with the same garbage-collector state, so one side does
    # not pay for collecting the other side's garbage.
    gc.collect()
    clock = CLOCK["ns"]
    started = clock()
    run()
    return (clock() - started) / 1e6


def interleaved(
    ours: Callable[[], object],
    floor: Callable[[], object],
    repeat: int,
    before_ours: Callable[[], None] = lambda: None,
    before_floor: Callable[[], None] = lambda: None,
) -> tuple[list[float], list[float]]:
    """Time ``ours`` and ``floor`` alternately, after one untimed warm-up each.

    ``before_*`` run untimed ahead of each call. The order flips every
    round so that neither side always runs on a cache the other warmed.
    """
    for before, run in ((before_ours, ours), (before_floor, floor)):
        before()
        run()
    ours_ms: list[float] = []
    floor_ms: list[float] = []
    for i in range(repeat):
        pairs = [(before_ours, ours, ours_ms), (before_floor, floor, floor_ms)]
        if i % 2:
            pairs.reverse()
        for before, run, times in pairs:
            before()
            times.append(time_ms(run))
    return ours_ms, floor_ms


def report(name: str, ours_ms: list[float], floor_ms: list[float], target: float) -> float:
    """Print one result line and return the ratio of the medians."""
    ours, floor = statistics.median(ours_ms), statistics.median(floor_ms)
    ratio = ours / floor
    verdict = "  ABOVE TARGET" if ratio > target else ""
    print(
        f"{name}: ours {ours:.1f} ms, floor {floor:.1f} ms, ours/floor {ratio:.2f} (target <= {target}){verdict}"
        f"  [min: ours {min(ours_ms):.1f} ms, floor {min(floor_ms):.1f} ms, ratio {min(ours_ms) / min(floor_ms):.2f}]"
    )
    return ratio


def bench_load(folder: Path, repeat: int) -> float:
    """Compare ``load_project`` with ``json.load`` of the same file; return the ratio."""
    project_file = folder / PROJECT_FILE

    def floor():
        with open(project_file, encoding="utf-8") as handle:
            return json.load(handle)

    ours_ms, floor_ms = interleaved(lambda: load_project(folder), floor, repeat)
    return report("load", ours_ms, floor_ms, LOAD_TARGET)


def image_snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Return every file in ``images/`` with its inode, size and modification time."""
    snapshot = {}
    with os.scandir(folder / IMAGES_DIR) as entries:
        for entry in entries:
            stat = entry.stat(follow_symlinks=False)
            snapshot[entry.name] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return snapshot


def bench_save(folder: Path, repeat: int) -> float:
    """Compare ``save_project`` after a one-panel edit with ``json.dump`` of the document; return the ratio."""
    project = load_project(folder).project
    panel = next(panel for _scene, panel in project.iter_panels())
    with open(folder / PROJECT_FILE, encoding="utf-8") as handle:
        doc = json.load(handle)
    doc_panel = next(p for scene in doc["scenes"] for p in scene["panels"] if p["id"] == panel.id)
    original = panel.action
    edits = 0

    def edit_ours():
        nonlocal edits
        edits += 1
        panel.action = f"{original} (take {edits})"

    def edit_floor():
        doc_panel["action"] = f"{original} (take {edits})"

    images_written = 0

    def ours():
        nonlocal images_written
        images_written += save_project(project, folder)

    def floor():
        with open(folder / FLOOR_FILE, "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=2, ensure_ascii=False)

    before = image_snapshot(folder)
    ours_ms, floor_ms = interleaved(ours, floor, repeat, before_ours=edit_ours, before_floor=edit_floor)
    ratio = report("save after one edit", ours_ms, floor_ms, SAVE_TARGET)

    after = image_snapshot(folder)
    saved = load_project(folder).project
    saved_panel = next(p for _scene, p in saved.iter_panels() if p.id == panel.id)
    unchanged = after == before
    print(
        f"  images: save_project wrote {images_written} over {repeat + 1} saves; images/ had {len(before)} files "
        f"and has {len(after)}, {'none added, replaced or touched' if unchanged else 'CHANGED'}"
    )
    if images_written or not unchanged:
        print("  UNEXPECTED: a text-only edit wrote image files")
    if saved_panel.action != panel.action:
        print("  UNEXPECTED: the last edit is not in the saved project")
    return ratio


def validate_sides(folder: Path) -> tuple[Callable[[], object], Callable[[], object], Callable[[], object]]:
    """Return ``storyboarder validate`` on ``folder`` and its two floors (stat, read) as callables."""
    import contextlib
    import io

    from storyboarder.cli import main as cli
    from storyboarder.io.codec import fast_decode
    from storyboarder.io.migrate import FORMAT_VERSION

    project_file = folder / PROJECT_FILE
    images = sorted(entry.path for entry in os.scandir(folder / IMAGES_DIR))

    def ours():
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert cli(["validate", "--quiet", str(folder)]) == 0

    def decode():
        # The decoder and types load_project uses on a file we wrote.
        assert fast_decode(project_file.read_bytes(), FORMAT_VERSION) is not None

    def stat_floor():
        decode()
        for path in images:
            os.stat(path)

    def read_floor():
        decode()
        for path in images:
            with open(path, "rb") as handle:
                handle.read()

    return ours, stat_floor, read_floor


def bench_validate(folder: Path, repeat: int) -> float:
    """Compare ``storyboarder validate`` with its floors; return the ratio to issue 15's floor."""
    ours, stat_floor, read_floor = validate_sides(folder)
    ours_ms, floor_ms = interleaved(ours, stat_floor, repeat)
    ratio = report("validate vs msgspec decode + a stat per image", ours_ms, floor_ms, VALIDATE_TARGET)
    ours_ms, floor_ms = interleaved(ours, read_floor, repeat)
    report("validate vs msgspec decode + reading each image", ours_ms, floor_ms, VALIDATE_TARGET)
    return ratio


def scale_rows(panels: int, scenes: int = 40, repeat: int = 5) -> list[tuple[str, float, float]]:
    """Validate at ``panels`` panels: ``[(name, ours_seconds, floor_seconds)]`` (medians), for bench_scale.py."""
    work = working_copy(cached_project(panels, min(scenes, panels)))
    try:
        ours, stat_floor, _read_floor = validate_sides(work)
        ours_ms, floor_ms = interleaved(ours, stat_floor, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [("validate", statistics.median(ours_ms) / 1e3, statistics.median(floor_ms) / 1e3)]


def main(argv: list[str] | None = None) -> int:
    """Run both measurements on a generated project and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", type=int, default=2000)
    parser.add_argument("--scenes", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each side (default 15)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="wall time (default) or this process's CPU time")
    parser.add_argument("--only", choices=["load", "save", "validate"])
    args = parser.parse_args(argv)
    if args.clock == "cpu":
        CLOCK["ns"] = time.process_time_ns
    if args.panels < 1 or args.scenes < 1 or args.repeat < 1:
        parser.error("--panels, --scenes and --repeat must be at least 1")

    source = cached_project(args.panels, args.scenes, verbose=True)
    size = (source / PROJECT_FILE).stat().st_size
    print(f"{args.panels} panels, {args.scenes} scenes, project.json {size / 1e6:.1f} MB, {args.repeat} runs each (median)")
    # The save changes the project, so work on a copy and keep the cache as generated.
    work = working_copy(source)
    try:
        if args.only in (None, "load"):
            bench_load(work, args.repeat)
        if args.only in (None, "save"):
            bench_save(work, args.repeat)
        if args.only in (None, "validate"):
            bench_validate(work, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
