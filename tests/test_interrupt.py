"""Ctrl+C in the middle of an export: the command stops with status 130 and one line, and leaves nothing behind.

Each export runs as a real ``storyboarder`` process on a generated board big
enough to take seconds; once it has spent CPU time past start-up and loading,
it gets SIGINT, as a terminal sends on Ctrl+C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_project  # noqa: E402

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time from /proc")

EXPORTS = {
    "png sequence": ("animatic", "frames"),
    "gif": ("animatic", "cut.gif"),
    "storyboard": ("storyboard", "board.pdf"),
    "edit": ("edit", "cut.xml"),
}


@pytest.fixture(scope="module")
def big_board(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "board"
    make_project(folder, panels=400, scenes=4)  # seconds of work for every export, even on a fast machine
    return folder


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("kind", EXPORTS)
def test_ctrl_c_stops_an_export_and_leaves_nothing(tmp_path, big_board, kind):
    command, name = EXPORTS[kind]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = snapshot(big_board)
    process = subprocess.Popen(
        [sys.executable, "-m", "storyboarder", "export", command, str(big_board), "-o", str(out_dir / name), "--width", "960"]
        if command in ("animatic", "edit") else
        [sys.executable, "-m", "storyboarder", "export", command, str(big_board), "-o", str(out_dir / name), "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    # Past imports and loading (about 0.5 s of CPU), well inside the export itself.
    deadline = time.monotonic() + 60
    while process.poll() is None and cpu_seconds(process.pid) < 1.2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, f"the export ended before it could be interrupted: {process.communicate()}"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "interrupted: nothing was written"
    assert list(out_dir.iterdir()) == []
    assert snapshot(big_board) == before
