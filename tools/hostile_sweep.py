"""The slow hostile-input sweep: every case of tests/hostile_projects.py through every command, and the editor's open and save.

    python tools/hostile_sweep.py [--limit N] [--family F ...] [--jobs J] [--no-gui] [--show-failures]

Each case runs in its own process (tests/hostile_runner.py: every headless
command, an audit hook on every open, a timeout per command), and again in
the editor (``QT_QPA_PLATFORM=offscreen``: open the folder, show every tab,
save, reopen), unless ``--no-gui``. Prints per family the cases tried,
handled and failed, then each failure; for the size family, each command's
time at the last two doublings and their ratio (about 2 is linear, about 4
quadratic). CI runs a sample of the same cases: tests/test_hostile_sweep.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import hostile_projects as hp  # noqa: E402
from hostile_runner import run_in_subprocess  # noqa: E402

#: The editor's part, run in a fresh process: open, show every tab, save, reopen; print a JSON line.
_GUI = r"""
import json, os, sys
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget
shown = []
def recorder(kind, answer):
    def show(parent, title, text, *args, **kwargs):
        shown.append(f"{kind}: {title}: {str(text)[:300]}")
        return answer
    return show
B = QMessageBox.StandardButton
for kind, answer in (("critical", B.Ok), ("warning", B.Ok), ("information", B.Ok), ("question", B.Discard)):
    setattr(QMessageBox, kind, staticmethod(recorder(kind, answer)))
from storyboarder.ui.app import make_application
from storyboarder.ui.context import ApplicationContext
from storyboarder.ui.main_window import MainWindow
app = make_application()
window = MainWindow(ApplicationContext())
window.show()
app.processEvents()
opened = window.open_project(sys.argv[1])
app.processEvents()
saved = reopened = None
if opened:
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()
            tabs.currentWidget().grab()
    window.document.undo_stack.resetClean()  # as after an edit: the save must write
    saved = window.files.save()
    app.processEvents()
    from storyboarder.io import ProjectError, load_project
    try:
        load_project(sys.argv[1])
        reopened = True
    except ProjectError as exc:
        reopened = str(exc)[:300]
window.document.undo_stack.setClean()
window.close()
app.processEvents()
print(json.dumps({"opened": opened, "saved": saved, "reopened": reopened, "shown": shown}))
sys.stdout.flush()
os._exit(0)
"""


def gui_check(case: hp.Case, root: Path, timeout: float) -> list[str]:
    """Open a fresh copy of the case in the editor, save it, reopen it; return what went wrong."""
    work = Path(tempfile.mkdtemp(prefix="gui-", dir=root))
    case.build(work)
    (work / "settings").mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STORYBOARDER_SETTINGS_DIR=str(work / "settings"),
               XDG_CONFIG_HOME=str(work / "settings"), TMPDIR=str(work / "settings"))
    try:
        done = subprocess.run([sys.executable, "-c", _GUI, str(work / hp.PROJECT)], capture_output=True, text=True,
                              check=False, timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [f"gui: no answer within {timeout:g} s"]
    failures = []
    if done.returncode != 0:
        failures.append(f"gui: the editor ended with {done.returncode}: {done.stderr.strip()[-300:]}")
    if "Traceback (most recent call last)" in done.stderr:
        failures.append(f"gui: traceback: {done.stderr.strip().splitlines()[-1][:300]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return failures or [f"gui: no report: {done.stderr.strip()[-300:]}"]
    report = json.loads(lines[-1])
    if report["opened"] and report["saved"] is not True:
        failures.append(f"gui: opened but did not save: {report['shown'][-1:]}")
    if report["opened"] and report["reopened"] is not True:
        failures.append(f"gui: saved a project that does not reopen: {report['reopened']}")
    return failures


def run(case: hp.Case, root: Path, gui: bool, timeout: float) -> tuple[hp.Case, dict]:
    """Build the case and run it through the commands (and the editor); return its report."""
    work = Path(tempfile.mkdtemp(prefix="case-", dir=root))
    case.build(work)
    start = time.perf_counter()
    # A big project may take its time (thousands of animatic frames): the size family is timed, not hurried.
    env = dict(os.environ, HOSTILE_COMMAND_SECONDS="600") if case.family == "sizes" else None
    report = run_in_subprocess(work, case.font, case.script, timeout=timeout * (4 if env else 1), env=env)
    report["seconds"] = time.perf_counter() - start
    if gui:
        report["failures"] = report["failures"] + gui_check(case, root, timeout)
    return case, report


def growth(reports: list[tuple[hp.Case, dict]]) -> list[str]:
    """Each size kind's command times at the last two doublings, and their ratio."""
    by_kind: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for case, report in reports:
        by_kind[case.name.split("=")[0]].append((case.size, report))
    lines = []
    for kind, runs in sorted(by_kind.items()):
        runs.sort(key=lambda run: run[0])
        if len(runs) < 2:
            continue
        (small, before), (large, after) = runs[-2], runs[-1]
        lines.append(f"  {kind}: {small:,} -> {large:,}")
        for name, result in after["results"].items():
            earlier = before["results"].get(name)
            if not earlier:
                continue
            a, b = earlier["seconds"], result["seconds"]
            ratio = b / a if a > 0.02 else float("nan")
            note = "" if a > 0.02 else " (too quick to compare)"
            lines.append(f"    {name:28s} {a:7.2f} s -> {b:7.2f} s  ratio {ratio:4.1f}{note}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="at most N cases per family, spread evenly (default all)")
    parser.add_argument("--family", action="append", choices=list(hp.FAMILIES), help="only these families")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--no-gui", action="store_true", help="leave out the editor's open and save")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a whole case may take")
    parser.add_argument("--json", metavar="FILE", help="also write every report here")
    args = parser.parse_args(argv)

    cases = []
    for family, make in hp.FAMILIES.items():
        if args.family and family not in args.family:
            continue
        found = make()
        cases += hp.sample(found, args.limit) if args.limit else found
    root = Path(tempfile.mkdtemp(prefix="hostile-sweep-"))
    print(f"{len(cases)} cases, work in {root}", flush=True)
    start = time.perf_counter()
    reports: list[tuple[hp.Case, dict]] = []
    with ThreadPoolExecutor(args.jobs) as pool:
        # The size family one at a time after the rest, so that its times are not shared with other cases.
        others = [c for c in cases if c.family != "sizes"]
        reports.extend(pool.map(lambda c: run(c, root, not args.no_gui, args.timeout), others))
    for case in (c for c in cases if c.family == "sizes"):
        reports.append(run(case, root, not args.no_gui, args.timeout))

    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for case, report in reports:
        row = table[case.family]
        row[0] += 1
        row[1 if not report["failures"] else 2] += 1
        row[3] += report["accepted"]
    print(f"\n{'family':10s} {'tried':>6s} {'handled':>8s} {'failed':>7s} {'accepted':>9s}")
    for family, (tried, handled, failed, accepted) in table.items():
        print(f"{family:10s} {tried:6d} {handled:8d} {failed:7d} {accepted:9d}")
    total = [sum(row[i] for row in table.values()) for i in range(4)]
    print(f"{'total':10s} {total[0]:6d} {total[1]:8d} {total[2]:7d} {total[3]:9d}   ({time.perf_counter() - start:.0f} s)")
    sizes = [(c, r) for c, r in reports if c.family == "sizes"]
    if sizes:
        print("\ntime growth, the last doubling (about 2 is linear):")
        print("\n".join(growth(sizes)))
    failed = [(c, r) for c, r in reports if r["failures"]]
    if failed:
        print("\nfailures:")
        for case, report in failed:
            print(f"  {case.id}")
            for failure in report["failures"][:8]:
                print(f"      {failure[:400]}")
    if args.json:
        Path(args.json).write_text(json.dumps([{"case": c.id, **r} for c, r in reports], indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
