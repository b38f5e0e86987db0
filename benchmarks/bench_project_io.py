"""Measure loading a large project and saving it after a one-panel edit.

Each operation is timed against a floor, the plainest way of doing the same
file work with the same library, and the ratio of the medians is the result:

* load: ``storyboarder.io.load_project(folder)`` against reading
  ``project.json`` and decoding it with the msgspec decoder of the same
  type our loader uses (``msgspec.json.Decoder(Project)``), so the ratio is
  what our checks and bookkeeping add;
* save after one edit: ``save_project`` after changing one panel's action
  text, against msgspec encoding the same project straight from the model
  objects into the identical bytes (checked before timing), written to a
  file in the same folder and fsynced;
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
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import msgspec
from generate import cached_project, working_copy

from storyboarder.io import FORMAT_VERSION, IMAGES_DIR, PROJECT_FILE, load_project, save_project
from storyboarder.io.migrate import FORMAT
from storyboarder.io.save import dumps_bytes
from storyboarder.model import entities

LOAD_TARGET = 1.5
SAVE_TARGET = 1.5
VALIDATE_TARGET = 2.0

#: The clock: wall time, or with --clock cpu this process's CPU time.
CLOCK = {"ns": time.perf_counter_ns}

#: The file the save floor writes, beside project.json.
FLOOR_FILE = "floor-save.json"

#: The rows ``scale_rows`` gives (bench_scale.py).
SCALE_ROWS = ("load", "save after one edit", "validate")

#: How every project.json we write begins: the file's header, which no entity holds.
HEADER = b'{\n  "format": %s,\n  "version": %d,\n' % (msgspec.json.encode(FORMAT), FORMAT_VERSION)
#: The same header as msgspec writes it before indenting.
COMPACT_HEADER = b'{"format":%s,"version":%d,' % (msgspec.json.encode(FORMAT), FORMAT_VERSION)
#: The floor's decoder: the same msgspec decoder of the same type as storyboarder.io.codec's.
FLOOR_DECODER = msgspec.json.Decoder(entities.Project)


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


def floor_load(project_file: Path) -> entities.Project:
    """The load floor: read the file and decode it with msgspec into the model's types, nothing else.

    The decoder refuses keys the entity does not declare, so the file's
    header (format and version, three lines) is cut off first, as our
    loader does before the same decoder.
    """
    with open(project_file, "rb") as handle:
        data = handle.read()
    if not data.startswith(HEADER):
        raise ValueError(f"{project_file}: not a file this version writes")
    return FLOOR_DECODER.decode(b"{\n" + data[len(HEADER):])


def measure_load(folder: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Time ``load_project`` and the load floor on the same folder; return both lists of milliseconds."""
    project_file = folder / PROJECT_FILE
    # The floor must decode to the same project, or it does less work.
    if msgspec.json.encode(floor_load(project_file)) != msgspec.json.encode(load_project(folder).project):
        raise AssertionError("the load floor decodes a different project")
    return interleaved(lambda: load_project(folder), lambda: floor_load(project_file), repeat)


def bench_load(folder: Path, repeat: int) -> float:
    """Compare ``load_project`` with msgspec decoding the same file; return the ratio."""
    ours_ms, floor_ms = measure_load(folder, repeat)
    return report("load vs msgspec decode", ours_ms, floor_ms, LOAD_TARGET)


def image_snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Return every file in ``images/`` with its inode, size and modification time."""
    snapshot = {}
    with os.scandir(folder / IMAGES_DIR) as entries:
        for entry in entries:
            stat = entry.stat(follow_symlinks=False)
            snapshot[entry.name] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return snapshot


def floor_bytes(project: entities.Project) -> bytes:
    """The save floor's bytes: msgspec encodes the model objects in one call, the header spliced in, then indents."""
    body = msgspec.json.encode(project)
    return msgspec.json.format(COMPACT_HEADER + body[1:], indent=2) + b"\n"


def floor_save(project: entities.Project, target: Path) -> None:
    """The save floor: the same bytes, written over one file and fsynced (no backup, no rename)."""
    data = floor_bytes(project)
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def measure_save(folder: Path, repeat: int) -> tuple[list[float], list[float], list[str]]:
    """Time ``save_project`` after a one-panel edit and the save floor; return both lists of milliseconds and notes.

    The notes say whether the saves wrote images (a text-only edit must
    write none) and whether the last edit was saved.
    """
    project = load_project(folder).project
    panel = next(panel for _scene, panel in project.iter_panels())
    original = panel.action
    edits = 0

    def edit():
        nonlocal edits
        edits += 1
        panel.action = f"{original} (take {edits})"

    images_written = 0

    def ours():
        nonlocal images_written
        images_written += save_project(project, folder)

    def floor():
        floor_save(project, folder / FLOOR_FILE)

    # The floor must write what we write, byte for byte, or it does less work.
    if floor_bytes(project) != dumps_bytes(project):
        raise AssertionError("the save floor's bytes differ from what save_project writes")
    before = image_snapshot(folder)
    ours_ms, floor_ms = interleaved(ours, floor, repeat, before_ours=edit, before_floor=edit)
    ours(), floor()  # the same project once more on both sides: the two files must be one text
    if (folder / PROJECT_FILE).read_bytes() != (folder / FLOOR_FILE).read_bytes():
        raise AssertionError("the save floor's file differs from project.json")
    after = image_snapshot(folder)
    saved = load_project(folder).project
    saved_panel = next(p for _scene, p in saved.iter_panels() if p.id == panel.id)
    unchanged = after == before
    notes = [
        f"  images: save_project wrote {images_written} over {repeat + 2} saves; images/ had {len(before)} files "
        f"and has {len(after)}, {'none added, replaced or touched' if unchanged else 'CHANGED'}; "
        "the floor's file and project.json are byte-identical"
    ]
    if images_written or not unchanged:
        notes.append("  UNEXPECTED: a text-only edit wrote image files")
    if saved_panel.action != panel.action:
        notes.append("  UNEXPECTED: the last edit is not in the saved project")
    return ours_ms, floor_ms, notes


def bench_save(folder: Path, repeat: int) -> float:
    """Compare ``save_project`` after a one-panel edit with msgspec writing the same bytes; return the ratio."""
    ours_ms, floor_ms, notes = measure_save(folder, repeat)
    ratio = report("save after one edit vs msgspec writing the same bytes", ours_ms, floor_ms, SAVE_TARGET)
    print("\n".join(notes))
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


def scale_rows(panels: int):
    """Rows of the scale run (bench_scale.py): load, save and validate at ``panels`` panels, seconds, medians of 5."""
    import bench_scale

    CLOCK["ns"] = time.process_time_ns if bench_scale.clock_name() == "cpu" else time.perf_counter_ns
    work = working_copy(bench_scale.scale_project(panels))
    try:
        if bench_scale.wanted("load"):
            ours_ms, floor_ms = measure_load(work, 5)
            yield "load", statistics.median(ours_ms) / 1000, statistics.median(floor_ms) / 1000
        if bench_scale.wanted("save after one edit"):
            ours_ms, floor_ms, _notes = measure_save(work, 5)
            yield "save after one edit", statistics.median(ours_ms) / 1000, statistics.median(floor_ms) / 1000
        if bench_scale.wanted("validate"):
            ours, stat_floor, _read_floor = validate_sides(work)
            ours_ms, floor_ms = interleaved(ours, stat_floor, 5)
            yield "validate", statistics.median(ours_ms) / 1000, statistics.median(floor_ms) / 1000
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
