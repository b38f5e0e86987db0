"""Issue 14, bug 10: the first window fits its screen, scaled or not, and a saved size is kept only where it fits."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QByteArray

from conftest import REPO, SCREEN_CONFIG, open_window
from storyboarder.ui import settings as opts
from storyboarder.ui.settings import Settings

#: Builds the window as ``storyboarder`` does at start-up and reports where it and its docks are.
FIRST_WINDOW = """
import json
from storyboarder.ui.app import make_application
from storyboarder.ui.context import ApplicationContext
from storyboarder.ui.main_window import MainWindow

app = make_application()
window = MainWindow(ApplicationContext())
window.show()
app.processEvents()
def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]
inspector = window.inspector_dock
corner = inspector.mapToGlobal(inspector.rect().bottomRight())
print(json.dumps({
    "available": rect(window.screen().availableGeometry()),
    "frame": rect(window.frameGeometry()),
    "inspector_corner": [corner.x(), corner.y()],
}))
window.close()
"""


def first_window(tmp_path, scale: str) -> dict:
    env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM=f"offscreen:configfile={SCREEN_CONFIG}",
               STORYBOARDER_SETTINGS_DIR=str(tmp_path / f"settings-{scale}"), XDG_CONFIG_HOME=str(tmp_path / f"config-{scale}"))
    done = subprocess.run([sys.executable, "-c", FIRST_WINDOW], env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.skipif(":" in str(SCREEN_CONFIG), reason="Qt cannot take a platform config path with a drive letter")
def test_the_first_window_fits_a_1920x1080_screen_at_scale_factor_2(tmp_path):
    found = first_window(tmp_path, "2")
    available = found["available"]
    assert available[2:] == [960, 540]  # 1920×1080 device pixels at twice the size
    assert inside(found["frame"], available), found
    x, y = found["inspector_corner"]
    assert available[0] <= x < available[0] + available[2] and available[1] <= y < available[1] + available[3]


@pytest.mark.skipif(":" in str(SCREEN_CONFIG), reason="Qt cannot take a platform config path with a drive letter")
def test_the_first_window_keeps_its_design_size_where_it_fits(tmp_path):
    found = first_window(tmp_path, "1")
    assert found["frame"][2:4] >= [1400, 860] and inside(found["frame"], found["available"])


def test_a_saved_size_that_does_not_fit_this_screen_is_not_restored(qtbot):
    big = open_window(qtbot)
    available = big.screen().availableGeometry()
    big.resize(available.width() * 2, available.height() * 2)  # saved on a screen twice this one's size
    geometry = big.saveGeometry()
    big.close()
    settings = Settings()
    settings.set(opts.WINDOW_GEOMETRY, QByteArray(geometry))
    window = open_window(qtbot, settings=settings)
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)


def test_a_saved_size_that_fits_is_restored(qtbot):
    first = open_window(qtbot)
    first.setGeometry(100, 80, 1000, 700)
    first.close()  # closing saves the geometry
    window = open_window(qtbot)
    assert window.geometry().size().toTuple() == (1000, 700)
