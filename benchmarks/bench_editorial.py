"""Measure the editorial timeline write (no stills) per format against plain string formatting, and its growth.

On generated projects (1,000 and 20,000 panels by default), for ``.xml``
(FCP 7), ``.fcpxml`` (FCP X) and ``.edl`` (CMX 3600):

* ours: ``editorial._write_string`` on the timeline ``build_timeline`` makes
  of every panel (stills named as an export names them, none written);
* floor: the same text's per-clip fields (name, URL, record start and
  length in frames) put into one fixed line per clip with an f-string and
  joined: the unavoidable work of writing one record per clip, not a file an
  editing program opens.

Printed per format and size: milliseconds for each, ours/floor, and between
the smallest and largest size the growth exponent log(t2/t1)/log(n2/n1) of
each (1 is linear, 2 quadratic). ``--adapter`` also times OpenTimelineIO's
own adapter at the smallest size, the writer this replaced. A measurement,
not a test: it exits 0.

    python benchmarks/bench_editorial.py [--sizes 1000,20000] [--repeat 3] [--adapter]
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
from fractions import Fraction

import opentimelineio as otio
from generate import cached_project

from storyboarder.export import editorial
from storyboarder.export.timing import cut_list
from storyboarder.io import load_project

FORMATS = {".xml": "fcp_xml", ".fcpxml": "fcpx_xml", ".edl": "cmx_3600"}


def prepared(panels: int) -> tuple[otio.schema.Timeline, Fraction]:
    """The timeline of a generated project of ``panels`` panels, as an export builds it before writing."""
    project = load_project(cached_project(panels=panels, scenes=max(1, panels // 50))).project
    cues = cut_list(project, "")
    rate = editorial.timeline_rate(project.fps)
    urls = [f"file:///tmp/cut_media/{index + 1:04d}_{cue.shot}.png" for index, cue in enumerate(cues)]
    return editorial.build_timeline(project, cues, urls, rate), rate


def floor(timeline: otio.schema.Timeline) -> str:
    lines = []
    start = 0
    for clip in timeline.tracks[0]:
        length = round(clip.source_range.duration.value)
        lines.append(f'<clip name="{clip.name}" src="{clip.media_reference.target_url}" start="{start}" duration="{length}"/>\n')
        start += length
    return "".join(lines)


def timed(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(panels: int, repeat: int = 3) -> dict[str, tuple[float, float]]:
    """Seconds (ours, floor) per format for a project of ``panels`` panels."""
    timeline, rate = prepared(panels)
    results = {}
    for suffix, adapter in FORMATS.items():
        ours = timed(lambda: editorial._write_string(timeline, adapter, rate, (1920, 1080)), repeat)
        base = timed(lambda: floor(timeline), repeat)
        results[suffix] = (ours, base)
    return results


def scale_rows(panels: int) -> list[tuple[str, float, float]]:
    """(name, ours seconds, floor seconds) per format, for ``benchmarks/bench_scale.py``."""
    return [(f"editorial {suffix} timeline", ours, base) for suffix, (ours, base) in measure(panels).items()]


def exponent(t1: float, t2: float, n1: int, n2: int) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,20000", help="panel counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--adapter", action="store_true", help="also time OTIO's adapters at the smallest size")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    runs = {size: measure(size, args.repeat) for size in sizes}
    print(f"{'format':8} {'panels':>7} {'ours ms':>9} {'floor ms':>9} {'ours/floor':>10}")
    for suffix in FORMATS:
        for size in sizes:
            ours, base = runs[size][suffix]
            print(f"{suffix:8} {size:>7,} {ours * 1000:>9.1f} {base * 1000:>9.1f} {ours / base:>10.2f}")
        if len(sizes) > 1:
            (o1, f1), (o2, f2) = runs[sizes[0]][suffix], runs[sizes[-1]][suffix]
            print(f"{'':8} growth exponent {sizes[0]:,}->{sizes[-1]:,}: ours {exponent(o1, o2, sizes[0], sizes[-1]):.2f}, "
                  f"floor {exponent(f1, f2, sizes[0], sizes[-1]):.2f}")
    if args.adapter:
        timeline, rate = prepared(sizes[0])
        for suffix, adapter in FORMATS.items():
            kwargs = {"rate": float(rate)} if adapter == "cmx_3600" else {}
            seconds = timed(lambda: otio.adapters.write_to_string(timeline, adapter, **kwargs), 1)
            print(f"OTIO's {adapter} adapter at {sizes[0]:,} panels: {seconds * 1000:.0f} ms "
                  f"({seconds / runs[sizes[0]][suffix][0]:.0f} times ours)")


if __name__ == "__main__":
    main()
