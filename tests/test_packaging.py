"""A normal (non-editable) install carries resources/ and finds it through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO
from storyboarder.resources_path import resource


def test_resources_are_found_in_this_install():
    schema = resource("schema", "project-v1.schema.json")
    assert schema.is_file() and '"storyboarder"' in schema.read_text(encoding="utf-8")
    assert resource("icons", "app.svg").is_file()


def test_wheel_ships_resources_and_they_load_outside_the_checkout(tmp_path):
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("storyboarder-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "storyboarder/resources/schema/project-v1.schema.json" in names
    assert "storyboarder/resources/icons/app.svg" in names

    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import storyboarder; assert storyboarder.__file__.startswith(sys.argv[1]), storyboarder.__file__;"
        "from storyboarder.resources_path import resource;"
        "print(len(resource('schema', 'project-v1.schema.json').read_bytes()) > 1000,"
        " resource('icons', 'app.svg').is_file())"
    )
    # -I: isolated mode, so neither the checkout nor the editable install can answer.
    result = subprocess.run(
        [sys.executable, "-I", "-c", probe, str(target)], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
