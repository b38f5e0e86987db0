"""Issue 15's scale run: every measured command at two (or more) project sizes, against its floor.

A registry, not a list: every ``bench_*.py`` module beside this one that
defines ``scale_rows(panels: int)`` takes part. It returns (or yields) rows
``(name, ours_seconds, floor_seconds)``, optionally with a fourth element,
the number of panels really measured when a row runs on fewer than asked
(a clearly labelled subset). Each module runs in a child process of its
own for each size, so memory, Qt and caches never carry over from one to
the next. A module may also declare ``SCALE_ROWS = ("name", ...)``, the
names of its rows, so that ``--only`` can find them without running it.

Printed for every row: the command, panels, ours, the floor, ours/floor,
the growth exponent from the size before, ``log(t2/t1) / log(n2/n1)``
(1 is linear, 2 quadratic) for ours and for the floor, and how long the
row took to measure. Modules without ``scale_rows`` yet are listed as
"not measured".

    python benchmarks/bench_scale.py [--sizes 1000,20000] [--only load,save] [--repeat 1] [--clock cpu]

Helpers for the modules: ``scale_project(panels)`` is the generated
project every row of a size shares (one cache folder, generated once),
``clock()`` the clock ``--clock`` chose, ``wanted(name)`` whether
``--only`` lets a row through (skip the work of the others).
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The environment a child reads its settings from.
CLOCK_ENV = "STORYBOARDER_SCALE_CLOCK"
ONLY_ENV = "STORYBOARDER_SCALE_ONLY"
#: How the child hands its rows back: one line of JSON after this marker, last on its stdout.
MARKER = "SCALE-ROWS "


# Helpers for the benchmark modules --------------------------------------------------------


def scale_project(panels: int, **kwargs) -> Path:
    """The generated project of a scale row: ``panels`` panels, 50 to a scene (40 scenes at 2,000, as elsewhere)."""
    from generate import cached_project

    return cached_project(panels=panels, scenes=max(1, panels // 50), **kwargs)


def clock() -> Callable[[], float]:
    """The clock of this run in seconds: wall time, or with ``--clock cpu`` the process's CPU time (every thread)."""
    return time.process_time if os.environ.get(CLOCK_ENV) == "cpu" else time.perf_counter


def clock_name() -> str:
    """``cpu`` or ``wall``."""
    return "cpu" if os.environ.get(CLOCK_ENV) == "cpu" else "wall"


def wanted(name: str) -> bool:
    """Whether ``--only`` lets a row of this name through (every row when it is not given)."""
    words = [word for word in os.environ.get(ONLY_ENV, "").split(",") if word]
    return not words or any(word.casefold() in name.casefold() for word in words)


# The registry ------------------------------------------------------------------------------


def find_modules(folder: Path = HERE) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Every ``bench_*.py`` module: whether it defines ``scale_rows``, and its declared ``SCALE_ROWS``.

    Read from the source (not imported), so that finding them costs nothing
    and a module that imports Qt is only imported in its own child.
    """
    found = {}
    for path in sorted(folder.glob("bench_*.py")):
        if path.stem == "bench_scale":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        has_rows, names = False, ()
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "scale_rows":
                has_rows = True
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "SCALE_ROWS" for t in targets) and node.value is not None:
                    try:
                        names = tuple(ast.literal_eval(node.value))
                    except ValueError:
                        names = ()
        found[path.stem] = (has_rows, names)
    return found


def selected(module: str, names: tuple[str, ...], only: list[str]) -> bool:
    """Whether ``--only`` asks for a module: a word in its name or in one of its declared row names."""
    if not only:
        return True
    short = module.removeprefix("bench_")
    return any(word in short or any(word in name.casefold() for name in names) for word in only)


def run_child(module: str, panels: int, timeout: float, verbose: bool) -> tuple[list[dict], str]:
    """Run one module's ``scale_rows`` at one size in a child; return its rows and an error ("" when none)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", module, "--sizes", str(panels)]
    try:
        done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return [], f"timed out after {timeout:.0f} s"
    if verbose:
        sys.stderr.write(done.stdout + done.stderr)
    rows = None
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            rows = json.loads(line[len(MARKER):])
    if done.returncode != 0 or rows is None:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return rows or [], f"failed (exit {done.returncode}): {tail}"
    return rows, ""


def child(module: str, panels: int) -> int:
    """In the child: import the module, run ``scale_rows(panels)``, print its rows as JSON, timing each."""
    sys.path.insert(0, str(HERE))
    mod = __import__(module)
    rows = []
    started = last = time.perf_counter()
    result = mod.scale_rows(panels)
    is_list = isinstance(result, (list, tuple))
    for row in result:
        now = time.perf_counter()
        name, ours, floor, *rest = row
        rows.append({
            "name": name, "ours": float(ours), "floor": float(floor),
            "panels": int(rest[0]) if rest else panels,
            # A generator's rows are timed one by one; a list's only as a whole.
            "took": None if is_list else now - last,
        })
        last = now
    total = time.perf_counter() - started
    if is_list and rows:
        rows[0]["took"] = total
    print(MARKER + json.dumps(rows), flush=True)
    return 0


# The table ---------------------------------------------------------------------------------


def exponent(t1: float, t2: float, n1: int, n2: int) -> float | None:
    """Growth ``log(t2/t1) / log(n2/n1)``, or None when it cannot be worked out."""
    if n1 == n2 or t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def format_seconds(value: float) -> str:
    return f"{value * 1000:9.1f} ms" if value < 1 else f"{value:9.2f} s "


def table(results: dict[str, dict[int, dict]], order: Iterable[str]) -> list[str]:
    """The table's lines: one row per command and size, the exponent from the size before."""
    lines = [
        f"{'command':<44} {'panels':>14} {'ours':>12} {'floor':>12} {'ours/floor':>10} {'exp ours':>8} {'exp floor':>9} {'took':>8}",
    ]
    for name in order:
        before = None
        for size in sorted(results[name]):
            row = results[name][size]
            if "missing" in row:
                lines.append(f"{name:<44} {size:>14} {row['missing']}")
                continue
            ratio = row["ours"] / row["floor"] if row["floor"] > 0 else float("inf")
            e_ours = e_floor = None
            if before is not None:
                e_ours = exponent(before["ours"], row["ours"], before["panels"], row["panels"])
                e_floor = exponent(before["floor"], row["floor"], before["panels"], row["panels"])
            took = "" if row["took"] is None else f"{row['took']:7.1f}s"
            shown = f"{row['panels']}" + ("" if row["panels"] == size else f" of {size}")
            lines.append(
                f"{name:<44} {shown:>14} {format_seconds(row['ours']):>12} {format_seconds(row['floor']):>12} {ratio:10.2f} "
                f"{'' if e_ours is None else f'{e_ours:8.2f}':>8} {'' if e_floor is None else f'{e_floor:9.2f}':>9} {took:>8}"
            )
            before = row
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000", help="panel counts, comma-separated (default 1000,20000)")
    parser.add_argument("--only", default="", help="comma-separated words: modules (project_io) or row names (load, filter)")
    parser.add_argument("--repeat", type=int, default=1, help="children per module and size; medians of their results (default 1)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall time (default) or CPU time, for the modules that read it (bench_scale.clock())")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds one child may take (default 1200)")
    parser.add_argument("--verbose", action="store_true", help="show the children's own output")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes needs at least one size of at least 1 panel, --repeat at least 1")
    if args.child:
        return child(args.child, sizes[0])

    only = [word.strip().casefold() for word in args.only.split(",") if word.strip()]
    os.environ[CLOCK_ENV] = args.clock
    os.environ[ONLY_ENV] = ",".join(only)
    modules = {name: info for name, info in find_modules().items() if selected(name, info[1], only)}
    print(f"scale run: sizes {', '.join(f'{s:,}' for s in sizes)} panels, {args.clock} clock, "
          f"median of {args.repeat} child run(s) per module and size", flush=True)
    results: dict[str, dict[int, dict]] = {}
    order: list[str] = []
    not_measured = [name for name, (has_rows, _names) in modules.items() if not has_rows]
    started = time.perf_counter()
    for module, (has_rows, _names) in modules.items():
        if not has_rows:
            continue
        for size in sizes:
            runs: list[list[dict]] = []
            error = ""
            for _ in range(args.repeat):
                rows, error = run_child(module, size, args.timeout, args.verbose)
                if rows:
                    runs.append(rows)
                if error:
                    break
            if error:
                print(f"  {module} at {size:,} panels: {error}", flush=True)
                results.setdefault(f"{module} (all rows)", {})[size] = {"missing": error}
                if f"{module} (all rows)" not in order:
                    order.append(f"{module} (all rows)")
            for row in merge_runs(runs):
                if not wanted(row["name"]):
                    continue
                if row["name"] not in order:
                    order.append(row["name"])
                results.setdefault(row["name"], {})[size] = row
                print(f"  {row['name']} at {row['panels']:,} panels: ours {row['ours']:.3f} s, floor {row['floor']:.3f} s", flush=True)
    print()
    for line in table(results, order):
        print(line)
    for module in not_measured:
        print(f"{module:<44} not measured (no scale_rows yet)")
    print(f"\n{args.clock} clock; exponents from the size before (1 = linear); 'took' is the time to measure the row "
          f"(or its whole module); whole run {time.perf_counter() - started:.0f} s")
    return 0


def merge_runs(runs: list[list[dict]]) -> list[dict]:
    """One row per name from several child runs: the medians of ours and of the floor."""
    if not runs:
        return []
    merged = []
    for first in runs[0]:
        same = [row for rows in runs for row in rows if row["name"] == first["name"]]
        tooks = [row["took"] for row in same if row["took"] is not None]
        merged.append({
            **first,
            "ours": statistics.median(row["ours"] for row in same),
            "floor": statistics.median(row["floor"] for row in same),
            "took": sum(tooks) if tooks else None,
        })
    return merged


if __name__ == "__main__":
    sys.exit(main())
