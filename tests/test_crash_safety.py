"""A save killed at any moment leaves a project that opens, as the old state or the new."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from storyboarder.io import load_project, save_project
from storyboarder.model import Panel, Project, Scene

KILLS = 80


def _start_project(folder: Path) -> None:
    scenes = [Scene(panels=[Panel(action="A 0") for _ in range(40)]) for _ in range(8)]
    save_project(Project(title="A", scenes=scenes), folder)


def test_sigkill_during_saves_never_breaks_the_project(tmp_path):
    folder = tmp_path / "project"
    _start_project(folder)
    rng = random.Random(1234)
    saver = Path(__file__).with_name("crash_saver.py")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), *sys.path]))
    seen_titles = set()
    mid_write = 0
    for kill in range(KILLS):
        process = subprocess.Popen([sys.executable, str(saver), str(folder)], stdout=subprocess.PIPE, env=env)
        assert process.stdout.readline().strip() == b"ready"
        # Saves of this project take a few milliseconds; spread kills over several of them.
        delay = rng.uniform(0, 0.25)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()
        assert process.returncode == -signal.SIGKILL, f"kill {kill}: the saver died by itself"

        leftovers = [p for p in folder.rglob(".storyboarder-save-*")]
        mid_write += bool(leftovers)
        loaded = load_project(folder)
        project = loaded.project
        assert project.title in ("A", "B")
        actions = {panel.action for _scene, panel in project.iter_panels()}
        # One whole state: every panel carries the same save's text.
        assert len(actions) == 1, f"kill {kill}: mixed states {actions}"
        assert next(iter(actions)).startswith(project.title)
        assert loaded.warnings == [], f"kill {kill}: {loaded.warnings}"
        seen_titles.add(project.title)
    # The kills landed at different points: both states were seen on disk.
    assert seen_titles == {"A", "B"}
    # Some kills hit while a file was half written: the case this test is for.
    print(f"kills mid-write: {mid_write} of {KILLS}")
    assert mid_write >= 1, mid_write
