"""Child process of bench_editor.py: time one field edit, a keystroke, undo and redo in the open editor.

    python benchmarks/_edit_probe.py PROJECT [--repeat N] [--history H] [--profile]

Opens the project in the editor window (offscreen, shown, grid painted and
its visible thumbnails decoded), selects the first panel of the first scene
so that the grid shows it and the inspector holds it, then N times runs
each of these operations, each followed by ``app.processEvents()`` (so
that the repaints and every other reaction count):

* ``edit``: ``document.set_field([panel], "action", text, "action", session)``
  with a new session, as the first keystroke of a typing run does (a new
  undo step);
* ``keystroke``: the same with the same session and one more character, as
  every further keystroke does (merged into that step);
* ``undo`` and ``redo``: ``document.undo_stack.undo()`` / ``redo()``.

"Followed by processing events" means until the event loop is quiet:
``app.processEvents()`` runs only the events already posted when it starts,
and an edit sets off a chain (a delayed relayout of the grid, then its
repaint, then the window's), so it is called again until two calls in a
row find nothing to do (each under 50 µs). Qt's repaint throttle
(``QT_QPA_UPDATE_IDLE_TIME``, 5 ms on the offscreen platform) is set to 0
so that the repaint is part of the operation and not left to a later one.

Each is interleaved with its floor: ``panel.action = text`` set directly on
the msgspec object, then the same event processing. Prints one line,

    RESULT {"ops": {"edit": {"ours": [ms...], "floor": [ms...]}, ...}, ...}

Then, with the undo history grown to ``--history`` steps (1,000 by
default), it times ``edit`` again (``long_history_edit``): the History
view is over the undo stack, and its cost may grow with the history.

With ``--profile`` it then runs the operations again under cProfile (ours
only) and prints the top entries to stderr.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time

# Paint as soon as asked, so that the repaint lands inside the operation that caused it.
os.environ["QT_QPA_UPDATE_IDLE_TIME"] = "0"

OPS = ("edit", "keystroke", "undo", "redo")
#: A processEvents call shorter than this found nothing to do.
QUIET_NS = 50_000
#: At most this many processEvents calls after one operation.
MAX_ROUNDS = 50


def main(project: str, repeat: int, history: int, profile: bool) -> dict:
    from _editor_common import (
        image_of,
        memory_mb,
        no_dialogs,
        pin_singletons,
        quiet_qt_messages,
        refs_dropped,
        singleton_refs,
        spin_until,
        thumbnail_settled,
        visible_rows,
    )

    pinned = pin_singletons()

    from PySide6.QtCore import QEvent, QObject

    from storyboarder.ui import settings as opts
    from storyboarder.ui.app import make_application
    from storyboarder.ui.context import ApplicationContext
    from storyboarder.ui.main_window import MainWindow
    from storyboarder.ui.settings import Settings

    quiet_qt_messages()
    dialogs = no_dialogs()
    app = make_application([sys.argv[0]])
    settings = Settings()
    # An autosave is a periodic cost, not part of an edit: keep it out of the timings.
    settings.set(opts.AUTOSAVE_SECONDS, 24 * 3600)
    window = MainWindow(ApplicationContext(settings))
    window.show()
    if not window.open_project(project):
        raise SystemExit(f"could not open {project}")
    grid = window.grid
    spin_until(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), 10)
    grid.viewport().grab()
    spin_until(lambda: all(thumbnail_settled(window.thumbnails, image_of(grid, r)) for r in visible_rows(grid)), 10)
    grid.select_rows([0])
    spin_until(lambda: False, 0.3)  # let the summary timer and any late repaint run
    app.processEvents()
    scene = window.current_scene()
    panel = scene.panels[0]
    if window.inspector.panels != [panel]:
        raise SystemExit("the inspector does not show the selected panel")

    paints = {"grid": 0}

    class PaintWatch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                paints["grid"] += 1
            return False

    watch = PaintWatch()
    grid.viewport().installEventFilter(watch)

    document = window.document
    stack = document.undo_stack
    base = panel.action
    counter = {"n": 0}
    session = {"s": None}

    def text(suffix: str) -> str:
        return f"{base} {counter['n']}{suffix}"

    def edit():
        counter["n"] += 1
        session["s"] = object()
        document.set_field([panel], "action", text(""), "action", session["s"])

    def keystroke():
        document.set_field([panel], "action", text("x"), "action", session["s"])

    ours = {"edit": edit, "keystroke": keystroke, "undo": stack.undo, "redo": stack.redo}

    def floor_for(op: str):
        def floor():
            panel.action = text(op)

        return floor

    floors = {op: floor_for(op) for op in OPS}

    rounds_used = {"max": 0}

    def settle() -> None:
        quiet = 0
        for rounds in range(1, MAX_ROUNDS + 1):
            started = time.perf_counter_ns()
            app.processEvents()
            quiet = quiet + 1 if time.perf_counter_ns() - started < QUIET_NS else 0
            if quiet == 2:
                break
        rounds_used["max"] = max(rounds_used["max"], rounds)

    def timed(run) -> float:
        started = time.perf_counter_ns()
        run()
        settle()
        return (time.perf_counter_ns() - started) / 1e6

    # One untimed round of each, then the timed rounds; ours and the floor
    # take turns going first.
    for op in OPS:
        timed(ours[op])
        timed(floors[op])
    gc.collect()
    times = {op: {"ours": [], "floor": []} for op in OPS}
    paint_counts = {op: 0 for op in OPS}
    steps_before = stack.count()
    refs_before = singleton_refs()
    for i in range(repeat):
        for op in OPS:
            pair = [("ours", ours[op]), ("floor", floors[op])]
            if i % 2:
                pair.reverse()
            for side, run in pair:
                before = paints["grid"]
                times[op][side].append(timed(run))
                if side == "ours":
                    paint_counts[op] += paints["grid"] - before
    dropped = refs_dropped(refs_before, singleton_refs())
    result = {
        "ops": times,
        "grid_paints_per_op": {op: paint_counts[op] / repeat for op in OPS},
        "undo_steps_added": stack.count() - steps_before,
        "max_event_rounds": rounds_used["max"],
        "panels": sum(len(s.panels) for s in window.project.scenes),
        "scene_panels": len(scene.panels),
        "refs_dropped_per_round": {k: v / repeat for k, v in dropped.items()},
        "pinned": pinned,
        "dialogs": len(dialogs),
        **memory_mb(),
    }
    # The same edit once the undo history is long (each set_field without a session is one step).
    while stack.count() < history:
        document.set_field([panel], "action", f"{base} h{stack.count()}", "action")
    settle()
    long_history = []
    for i in range(min(repeat, 50)):
        times_pair = [("ours", edit), ("floor", floors["edit"])]
        for side, run in (times_pair if i % 2 == 0 else times_pair[::-1]):
            if side == "ours":
                long_history.append(timed(run))
            else:
                timed(run)
    result["long_history_edit"] = {"steps": stack.count(), "ours": long_history}

    # Work the window does once edits pause (the summary timer): not per keystroke, but per pause.
    started = time.perf_counter_ns()
    window._update_summary()
    result["summary_refresh_ms"] = (time.perf_counter_ns() - started) / 1e6

    if profile:
        import cProfile

        from _editor_common import profile_report

        def rounds():
            for _ in range(repeat):
                for op in OPS:
                    ours[op]()
                    settle()

        profiler = cProfile.Profile()
        profiler.runcall(rounds)
        print(f"=== cProfile: {repeat} rounds of edit, keystroke, undo, redo, each + processing events ===", file=sys.stderr)
        profile_report(profiler, limit=30)

    window.files.closing()
    return result


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    args = [a for a in sys.argv[1:] if a != "--profile"]
    options = {"--repeat": 200, "--history": 1000}
    for name in options:
        if name in args:
            at = args.index(name)
            options[name] = int(args[at + 1])
            del args[at : at + 2]
    if len(args) != 1:
        raise SystemExit(__doc__)
    result = main(args[0], options["--repeat"], options["--history"], "--profile" in sys.argv)
    print("RESULT " + json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)
