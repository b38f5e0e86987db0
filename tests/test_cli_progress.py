"""Long commands show progress on a terminal's stderr, and nothing of it in a log, a pipe or with --quiet
(issue 15, item 6)."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLE
from storyboarder.cli_report import TerminalProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_meter_draws_one_line_and_takes_it_away():
    stream = FakeTerminal()
    meter = TerminalProgress(stream=stream)
    meter(0, 8)
    meter(8, 8)  # the last step always shows, however soon after the one before
    assert stream.getvalue() == "\rexporting: 0/8 (0%)\rexporting: 8/8 (100%)"
    meter.finish()
    assert stream.getvalue().endswith("\r" + " " * len("exporting: 8/8 (100%)") + "\r")


def test_no_meter_where_nobody_watches():
    piped, quiet = io.StringIO(), FakeTerminal()
    TerminalProgress(stream=piped)(1, 2)
    TerminalProgress(stream=quiet, quiet=True)(1, 2)
    assert piped.getvalue() == quiet.getvalue() == ""


def _run_on_a_terminal(argv: list[str]) -> tuple[int, str, str]:
    """Run ``storyboarder ARGV`` with stderr on a pseudo-terminal, as in a shell; return code, stdout, stderr."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "storyboarder", *argv], stdout=subprocess.PIPE, stderr=child,
                               stdin=subprocess.DEVNULL)
    os.close(child)
    seen = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read().decode()
    process.wait(timeout=60)
    os.close(main)
    return process.returncode, out, seen.decode(errors="replace")


@pytest.fixture
def project(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "film")
    return tmp_path / "film"


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="pseudo-terminals")
def test_an_export_on_a_terminal_shows_its_progress_and_a_pipe_gets_none(project, tmp_path):
    code, out, err = _run_on_a_terminal(["export", "shotlist", str(project), "-o", str(tmp_path / "a.csv")])
    assert code == 0 and "wrote" in out
    assert "exporting: 22/22 (100%)" in err  # the example's 22 panels, one row each

    quiet = _run_on_a_terminal(["export", "shotlist", str(project), "-o", str(tmp_path / "b.csv"), "--quiet"])
    assert quiet[0] == 0 and "exporting:" not in quiet[2]

    piped = subprocess.run([sys.executable, "-m", "storyboarder", "export", "shotlist", str(project),
                            "-o", str(tmp_path / "c.csv")], capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and "exporting:" not in piped.stderr and "wrote" in piped.stdout


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="pseudo-terminals")
def test_validate_on_a_terminal_shows_the_images_it_checks(project):
    code, out, err = _run_on_a_terminal(["validate", str(project)])
    assert code == 0 and ": ok (" in out
    assert "checking images: 22/22 (100%)" in err
    quiet = _run_on_a_terminal(["validate", str(project), "--quiet"])
    assert quiet[0] == 0 and "checking images" not in quiet[2]


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="pseudo-terminals")
def test_plan_on_a_terminal_shows_its_progress(project):
    code, out, err = _run_on_a_terminal(["plan", str(project)])
    assert code == 0 and out.strip()
    assert "planning: " in err and "(100%)" in err
    quiet = _run_on_a_terminal(["plan", str(project), "--quiet"])
    assert quiet[0] == 0 and "planning" not in quiet[2] and quiet[1] == out
