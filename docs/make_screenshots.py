"""Render the README's screenshots of the bundled example, offscreen.

    python docs/make_screenshots.py            # light palette
    python docs/make_screenshots.py --dark     # dark palette, files end in -dark

Looking at these is part of checking a change to the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STORYBOARDER_SETTINGS_DIR", tempfile.mkdtemp(prefix="sb-shots-"))

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from storyboarder.ui.app import make_application  # noqa: E402
from storyboarder.ui.main_window import MainWindow  # noqa: E402
from storyboarder.ui.palettes import dark_palette  # noqa: E402


def settle(ms: int = 600) -> None:
    """Let thumbnails decode and layouts finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    app = make_application([])
    if args.dark:
        # The offscreen platform has no system theme to follow, so set a dark palette as a desktop would.
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    suffix = "-dark" if args.dark else ""
    out = Path(args.out)
    window = MainWindow()
    window.resize(1500, 860)
    window.open_project(ROOT / "examples" / "night-market")
    window.show()
    window.grid.select_rows([1])
    settle()

    def shot(name: str) -> None:
        settle(300)
        window.grab().save(str(out / f"{name}{suffix}.png"))

    window.navigator.show_scene(window.project.scenes[0])
    window.grid.select_rows([1])
    shot("screenshot")
    window.board_tabs.setCurrentWidget(window.shot_list)
    window.selection.select([window.project.scenes[0].panels[1]], window.project.scenes[0])
    shot("shot-list")
    window.board_tabs.setCurrentWidget(window.production)
    window.production.setCurrentWidget(window.production.shoot_days)
    shot("shoot-day")
    window.board_tabs.setCurrentWidget(window.grid)
    window.navigator.show_scene(window.project.scenes[1])
    window.grid.select_rows([1])
    window.play()
    window.player.halt()
    shot("play")
    window.player.stop()
    del app


if __name__ == "__main__":
    main()
