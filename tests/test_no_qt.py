"""The layers hold: the model, file IO, exports and headless CLI never import Qt, and the contracts bite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import GUI_TEST_FILES, REPO, small_project
from storyboarder.io import save_project

# Runs in a fresh interpreter where importing PySide6 or shiboken6 fails loudly.
_BLOCKER = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked in this test")
sys.meta_path.insert(0, Block())
"""

_BLOCKED = _BLOCKER + r"""
import storyboarder.model, storyboarder.io, storyboarder.export, storyboarder.io.images
from storyboarder.cli import main
codes = [main(["validate", sys.argv[1]]), main(["info", sys.argv[1]]), main(["new", sys.argv[2]])]
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules), "Qt was imported"
print("codes", codes)
"""

# Collects the test suite as the headless CI venv does, with Qt blocked instead of uninstalled.
_COLLECT = _BLOCKER + r"""
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider", sys.argv[1]]))
"""

#: One import per contract in pyproject.toml that breaks it: (module file, the line added to it).
VIOLATIONS = {
    "Layers: ui and cli over export over io over model": ("model/numbering.py", "import storyboarder.io.save"),
    "Model, file IO, exports and the command line never import Qt or the GUI": (
        "cli_report.py",
        "import storyboarder.ui.settings",
    ),
    "The GUI never calls the command line": ("ui/icons.py", "import storyboarder.cli_report"),
    "The model knows no files and no file formats": ("model/sun.py", "import json"),
    "Exports reach io only through io.images and io.paths": (
        "export/timing.py",
        "from storyboarder.io.save import save_project",
    ),
    "UI groups form layers without cycles": ("ui/editors/field_editors.py", "import storyboarder.ui.board.inspector"),
}


def _contracts() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


def _lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if pythonpath is not None:
        # Ahead of the editable install, so the copy is the package that is analysed.
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        ["lint-imports", "--no-cache", "--config", str(REPO / "pyproject.toml")],
        capture_output=True, text=True, timeout=300, cwd=cwd, env=env,
    )


def test_headless_packages_and_commands_work_with_qt_blocked(tmp_path):
    save_project(small_project(), tmp_path / "p")
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKED, str(tmp_path / "p"), str(tmp_path / "new")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "codes [0, 0, 0]" in result.stdout


def test_import_linter_contract_holds():
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    # Every contract pyproject.toml declares is checked and kept (none silently skipped).
    assert f"Contracts: {len(_contracts())} kept, 0 broken" in result.stdout


def test_every_contract_has_a_violation_that_breaks_it():
    assert set(VIOLATIONS) == set(_contracts())


@pytest.mark.parametrize("contract", list(VIOLATIONS))
def test_a_violating_import_breaks_its_contract(tmp_path, contract):
    copy = tmp_path / "src"
    shutil.copytree(REPO / "storyboarder", copy / "storyboarder", ignore=shutil.ignore_patterns("__pycache__"))
    module, line = VIOLATIONS[contract]
    with open(copy / "storyboarder" / module, "a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # a violation planted by the test\n")
    result = _lint_imports(tmp_path, copy)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout + result.stderr


def test_every_test_file_but_the_gui_ones_collects_without_qt():
    """What the CI's venv without PySide6 runs: every test file outside GUI_TEST_FILES, none of them empty."""
    result = subprocess.run(
        [sys.executable, "-c", _COLLECT, str(REPO / "tests")], capture_output=True, text=True, timeout=300, cwd=REPO
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    collected = {line.split("::")[0].rsplit("/", 1)[-1] for line in result.stdout.splitlines() if "::" in line}
    every = {path.name for path in (REPO / "tests").glob("test_*.py")}
    assert GUI_TEST_FILES <= every, "GUI_TEST_FILES names a file that does not exist"
    assert collected == every - GUI_TEST_FILES
