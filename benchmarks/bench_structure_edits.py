"""Measure inserting a panel, moving one (a drag's reorder) and undoing each, in the open editor, at scale.

Opens a generated project in the editor window (offscreen, the Board tab
shown, the Shot List built but hidden, as after start-up), shows the first
scene, selects its first panel, then times each operation followed by event
processing until the loop is quiet (so repaints and every reaction count):

* ``insert``: ``document.insert_panels(scene, 1, [new panel])``, as Insert does;
* ``undo insert``: ``undo_stack.undo()``;
* ``move``: ``document.move_panels(scene, [0], scene, 3)``, as a drag in the grid does;
* ``undo move``: ``undo_stack.undo()``;
* ``status summary``: the status bar's count (scenes, panels, shots, running
  time), which the window refreshes 150 ms after an edit: a frame of its own.

The floor of each is the same change made straight on the model's lists
(``scene.panels.insert`` / ``pop``), followed by the same event processing:
what an edit costs with no view, no undo step and no event. The target is
absolute, a frame: under 16 ms at 20,000 panels. Prints medians in ms.

    python benchmarks/bench_structure_edits.py [--panels 20000] [--repeat 15] [--profile]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ["QT_QPA_UPDATE_IDLE_TIME"] = "0"  # paint inside the operation that asked for it
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 16.0
OPS = ("insert", "undo insert", "move", "undo move", "status summary")
SCALE_ROWS = tuple(f"editor {op}" for op in OPS)


def open_editor(folder):
    from _editor_common import no_dialogs, pin_singletons, quiet_qt_messages, spin_until

    pin_singletons()
    from storyboarder.ui import settings as opts
    from storyboarder.ui.app import make_application
    from storyboarder.ui.context import ApplicationContext
    from storyboarder.ui.main_window import MainWindow
    from storyboarder.ui.settings import Settings

    quiet_qt_messages()
    no_dialogs()
    app = make_application([sys.argv[0]])
    settings = Settings()
    settings.set(opts.AUTOSAVE_SECONDS, 24 * 3600)  # an autosave is not part of an edit
    window = MainWindow(ApplicationContext(settings))
    window.show()
    if not window.open_project(str(folder)):
        raise SystemExit(f"could not open {folder}")
    spin_until(lambda: False, 1.0)
    window.grid.select_rows([0])
    spin_until(lambda: False, 0.3)
    return app, window


def measure(panels: int, repeat: int = 15, profile: bool = False) -> dict[str, tuple[float, float]]:
    """Median seconds (ours, floor) of each operation on a project of ``panels`` panels."""
    from bench_scale import scale_project

    from storyboarder.model import Panel

    app, window = open_editor(scale_project(panels))
    document, scene = window.document, window.current_scene()

    def settle() -> None:
        for _ in range(50):
            started = time.perf_counter_ns()
            app.processEvents()
            if time.perf_counter_ns() - started < 50_000:
                break

    def timed(run) -> float:
        started = time.perf_counter()
        run()
        settle()
        return time.perf_counter() - started

    def plain_insert():
        scene.panels.insert(1, Panel())

    def plain_remove():
        scene.panels.pop(1)

    def plain_move():
        scene.panels.insert(3, scene.panels.pop(0))

    def plain_move_back():
        scene.panels.insert(0, scene.panels.pop(2))

    ops = {
        "insert": (lambda: document.insert_panels(scene, 1, [document.new_panel()]), plain_insert),
        "undo insert": (document.undo_stack.undo, plain_remove),
        "move": (lambda: document.move_panels(scene, [0], scene, 3), plain_move),
        "undo move": (document.undo_stack.undo, plain_move_back),
        "status summary": (window._update_summary, lambda: None),
    }
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in OPS}
    for _ in range(repeat):
        for name in OPS:
            ours, plain = ops[name]
            times[name][0].append(timed(ours))
        for name in OPS:
            times[name][1].append(timed(ops[name][1]))
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            for name in OPS:
                timed(ops[name][0])
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(20)
    return {name: (statistics.median(ours), statistics.median(floor)) for name, (ours, floor) in times.items()}


def scale_rows(panels: int) -> list[tuple[str, float, float]]:
    """(name, ours seconds, floor seconds) per operation, for ``benchmarks/bench_scale.py``."""
    return [(f"editor {name}", ours, floor) for name, (ours, floor) in measure(panels).items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--panels", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    results = measure(args.panels, args.repeat, args.profile)
    print(f"{'operation':16} {'ours ms':>9} {'floor ms':>9}   target < {TARGET_MS:g} ms at {args.panels:,} panels")
    for name, (ours, floor) in results.items():
        mark = "" if ours * 1000 < TARGET_MS else "  ABOVE TARGET"
        print(f"{name:16} {ours * 1000:>9.1f} {floor * 1000:>9.2f}{mark}")


if __name__ == "__main__":
    main()
