"""Render the README's screenshots of the bundled example, offscreen.

    python docs/make_screenshots.py            # light palette
    python docs/make_screenshots.py --dark     # dark palette, files end in -dark
    python docs/make_screenshots.py --scale 2  # QT_SCALE_FACTOR=2 (set before Qt starts), files end in @2x
    python docs/make_screenshots.py --all      # all four: light and dark, at scale 1 and 2, each in its own process

Besides the README's pictures it renders, at 1400×860, the views that issue 14 made roomier:
drawing in focus mode, the board after a screenplay import, the Shot List scrolled right and
the Production tab. Looking at these is part of checking a change to the window.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The screenplay the import shot reads: the shared fixture the import tests use, else the tests' copy.
SCREENPLAY = next(
    (path for path in (ROOT.parent / "shared" / "fixtures" / "brick-and-steel.fountain",
                       ROOT / "tests" / "data" / "brick-and-steel.fountain") if path.is_file()),
    None,
)
#: Pictures bigger than this many bytes are stored with a 256-colour palette, which takes a half to a quarter.
PALETTE_ABOVE = 300_000


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--scale", type=int, choices=(1, 2), default=1, help="QT_SCALE_FACTOR for this run")
    parser.add_argument("--all", action="store_true", help="every palette and scale, one process each")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    return parser.parse_args()


if __name__ == "__main__":
    _ARGS = _arguments()
    if not _ARGS.all:
        # Qt reads the scale factor once, when it starts: so each scale is a process of its own.
        os.environ["QT_SCALE_FACTOR"] = str(_ARGS.scale)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STORYBOARDER_SETTINGS_DIR", tempfile.mkdtemp(prefix="sb-shots-"))
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from storyboarder.ui.app import make_application  # noqa: E402
from storyboarder.ui.main_window import MainWindow  # noqa: E402
from storyboarder.ui.palettes import dark_palette  # noqa: E402


def settle(ms: int = 600) -> None:
    """Let thumbnails decode and layouts finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle_until(ready, seconds: float = 10) -> None:
    """Let the event loop run until ``ready()`` (images decode in worker threads), or the time is up."""
    for _ in range(int(seconds * 10)):
        if ready():
            return
        settle(100)


def save(window, path: Path) -> None:
    """Grab a window to a PNG; a big one (a drawing, QT_SCALE_FACTOR=2) keeps 256 colours, to stay small."""
    settle(300)
    window.grab().save(str(path))
    if path.stat().st_size > PALETTE_ABOVE:
        from PIL import Image  # Pillow is a dependency of the exports

        with Image.open(path) as picture:
            small = picture.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)


def readme_shots(window, out: Path, suffix: str) -> None:
    """The README's pictures of the example project, at 1500×860."""
    window.resize(1500, 860)
    window.open_project(ROOT / "examples" / "night-market")
    window.grid.select_rows([1])
    settle()
    window.navigator.show_scene(window.project.scenes[0])
    window.grid.select_rows([1])
    save(window, out / f"screenshot{suffix}.png")
    window.board_tabs.setCurrentWidget(window.shot_list)
    window.selection.select([window.project.scenes[0].panels[1]], window.project.scenes[0])
    save(window, out / f"shot-list{suffix}.png")
    window.board_tabs.setCurrentWidget(window.production)
    window.production.setCurrentWidget(window.production.shoot_days)
    save(window, out / f"shoot-day{suffix}.png")
    window.board_tabs.setCurrentWidget(window.grid)
    window.navigator.show_scene(window.project.scenes[1])
    window.grid.select_rows([1])
    window.play()
    window.player.halt()
    shown = window.player.sequence[window.player.position][1]
    settle_until(lambda: window.player.images.pixmap(shown.image) is not None)
    save(window, out / f"play{suffix}.png")
    window.player.stop()


def roomier_shots(window, out: Path, suffix: str) -> None:
    """Issue 14's views at 1400×860: drawing in focus mode, an imported board, the Shot List scrolled right, Production."""
    window.resize(1400, 860)
    window.open_project(ROOT / "examples" / "night-market")
    settle()
    scene = window.project.scenes[0]
    window.navigator.show_scene(scene)
    window.draw_panel_at(1, scene)
    save(window, out / f"drawing-focus{suffix}.png")
    window.drawing.close_drawing()
    window.board_tabs.setCurrentWidget(window.shot_list)
    window.selection.select([scene.panels[1]], scene)
    settle(200)
    bar = window.shot_list.tree.horizontalScrollBar()
    bar.setValue(bar.maximum())
    save(window, out / f"shot-list-scrolled{suffix}.png")
    window.board_tabs.setCurrentWidget(window.production)
    window.production.setCurrentWidget(window.production.cast)
    save(window, out / f"production{suffix}.png")
    window.board_tabs.setCurrentWidget(window.grid)
    if SCREENPLAY is None:
        print("no screenplay fixture: the import shot is left out", file=sys.stderr)
        return
    from storyboarder.ui.files.screenplay_dialog import ScreenplayImportDialog

    # The import's warnings would wait for a click: noted, not shown.
    QMessageBox.warning = lambda *args, **kwargs: QMessageBox.StandardButton.Ok
    dialog = ScreenplayImportDialog(window.context, window.files, window, path=str(SCREENPLAY))
    dialog.new.setChecked(True)
    dialog.per_paragraph.setChecked(True)
    dialog.run_import()
    window.navigator.show_scene(window.project.scenes[0])
    save(window, out / f"board-imported{suffix}.png")


def main(args: argparse.Namespace) -> None:
    if args.all:
        for scale in (1, 2):
            for dark in (False, True):
                command = [sys.executable, __file__, "--scale", str(scale), "--out", args.out, *(["--dark"] if dark else [])]
                subprocess.run(command, check=True, env={**os.environ, "QT_SCALE_FACTOR": str(scale)})
        return
    app = make_application([])
    if args.dark:
        # The offscreen platform has no system theme to follow, so set a dark palette as a desktop would.
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    suffix = ("-dark" if args.dark else "") + ("@2x" if args.scale == 2 else "")
    out = Path(args.out)
    if args.scale == 1:
        window = MainWindow()
        window.show()
        readme_shots(window, out, suffix)
        window.close()
    # Fresh settings: a window closed before (here, or in another run) saved a layout that is not this one's.
    os.environ["STORYBOARDER_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="sb-shots-")
    window = MainWindow()
    window.show()
    roomier_shots(window, out, suffix)
    window.close()
    del app


if __name__ == "__main__":
    main(_ARGS)
