"""Shared test set-up: offscreen Qt, fresh settings, and small project builders."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

#: The offscreen platform's screen in tests: a common 1920×1080 desktop (its default is 800×800,
#: smaller than the window the editor opens). Subprocesses of tests inherit it.
SCREEN_CONFIG = Path(__file__).resolve().parent / "data" / "screen-1920x1080.json"

# Before any Qt import: tests never need a display.
# (Qt splits platform arguments at colons: a path with a drive letter keeps the default screen.)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen" and ":" not in str(SCREEN_CONFIG):
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"
else:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from storyboarder.model import CameraSpec, CastMember, LightingSpec, Location, Panel, Project, Scene  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "night-market"
FIXTURES = REPO.parent / "shared" / "fixtures"

#: The test files that drive the GUI. Every other test file tests the model, io, exports or the
#: command line, and must pass without Qt: CI runs them again in a venv without PySide6
#: (``.ci/run``), where these files are not even collected.
_GUI_TEST = re.compile(
    r"^\s*(?:from|import)\s+(?:PySide6|shiboken6|storyboarder\.ui)\b|^\s*def \w+\([^)]*\b(?:qtbot|qtmodeltester|qapp)\b",
    re.MULTILINE,
)
GUI_TEST_FILES = frozenset(
    path.name
    for path in Path(__file__).parent.glob("test_*.py")
    # A GUI test imports Qt or our ui package, or takes pytest-qt's fixtures; the rule is read from
    # the files so that a new GUI test file never has to be listed by hand.
    if _GUI_TEST.search(path.read_text(encoding="utf-8"))
)


def _qt_installed() -> bool:
    try:
        return importlib.util.find_spec("PySide6") is not None
    except ImportError:  # blocked, as tests/test_no_qt.py does
        return False


HAVE_QT = _qt_installed()


def pytest_configure(config):
    config.addinivalue_line("markers", "gui: drives the Qt GUI (the files in GUI_TEST_FILES); the others run without Qt")


def pytest_ignore_collect(collection_path, config):
    """Without Qt, leave the GUI test files out instead of failing on their imports."""
    if not HAVE_QT and collection_path.name in GUI_TEST_FILES:
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in GUI_TEST_FILES:
            item.add_marker(pytest.mark.gui)


def _gui(request) -> bool:
    return request.node.get_closest_marker("gui") is not None


@pytest.fixture(autouse=True)
def dialogs(request, monkeypatch):
    """Record message boxes instead of blocking on them; tests assert what was shown."""
    shown: list[tuple[str, str, str]] = []
    if not _gui(request):
        return shown  # a test without Qt shows no message box
    from PySide6.QtWidgets import QMessageBox

    def recorder(kind, answer):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "critical", recorder("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", recorder("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", recorder("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", recorder("about", None))
    # An unexpected question (for example "save changes?" as a test window closes)
    # must not block the run: it is recorded and answered "Discard".
    monkeypatch.setattr(QMessageBox, "question", recorder("question", QMessageBox.StandardButton.Discard))
    return shown


@pytest.fixture(autouse=True)
def _release_clipboard(request):
    """Clear the clipboard after each test: PySide6 crashes at exit while it holds our data."""
    yield
    if not _gui(request):
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """Point every test's QSettings at its own empty folder."""
    settings_dir = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(settings_dir))
    monkeypatch.setenv("STORYBOARDER_SETTINGS_DIR", str(settings_dir))
    # The CLI keeps prepared print images in the user's cache folder: a test's own, here.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def open_window(qtbot, path=None, size=None, settings=None, activate=False, context=None):
    """A main window as the user gets it: shown, exposed, optionally sized and active, with a project opened.

    It is built from ``context`` when one is given, else from a context of its own on ``settings``.
    """
    from storyboarder.ui.context import ApplicationContext
    from storyboarder.ui.main_window import MainWindow
    from storyboarder.ui.settings import Settings

    window = MainWindow(context or ApplicationContext(settings or Settings()))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if activate:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    if path is not None:
        assert window.open_project(path)
    return window


def window_on(qtbot, folder: Path, project: Project, size=None):
    """Save a project into a folder and open it in a main window."""
    from storyboarder.io import save_project

    save_project(project, folder)
    return open_window(qtbot, folder, size)


def tree_digest(folder: Path) -> dict[str, str]:
    """Return a hash of every file under a folder, to prove nothing on disk changed."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def small_project() -> Project:
    """Build a two-scene project with cast, a location and camera data."""
    mara = CastMember(id="cast-mara", actor="Ana Lima", character="MARA")
    market = Location(id="loc-market", name="Night market", latitude=51.5, longitude=-0.1)
    scene1 = Scene(id="s1", heading="EXT. MARKET - NIGHT", int_ext="EXT", location_id="loc-market", time_of_day="NIGHT")
    scene2 = Scene(id="s2", heading="INT. VAN - NIGHT", int_ext="INT", time_of_day="NIGHT")
    for i in range(3):
        scene1.panels.append(
            Panel(
                id=f"p1-{i}",
                action=f"Mara runs, beat {i}",
                duration_ms=1500 + i * 500,
                camera=CameraSpec(shot_size="MCU", angle="low", movement="dolly in", lens_mm=35, camera="A"),
                lighting=LightingSpec(setup="L1", style="low key", color_temp_k=3200),
                cast_ids=["cast-mara"],
            )
        )
    scene2.panels.append(Panel(id="p2-0", dialogue="MARA\nDrive.", duration_ms=2500))
    return Project(
        title="Test", director="D", scenes=[scene1, scene2], cast=[mara], locations=[market]
    )


def fill_save_as_dialog(target: Path, act=None):
    """Answer the next Save As dialog as a user does: pick ``target``'s parent, type its name, click Save.

    ``act(dialog)`` replaces the typing and clicking when given. Returns a list that holds the
    dialog once it was answered (and any exception the answer raised, the dialog then cancelled).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    seen: list = []

    def default(dialog):
        dialog.set_parent_folder(target.parent)
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, target.name)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "newProjectDialog":
            QTimer.singleShot(10, answer)  # not up yet
            return
        seen.append(dialog)
        try:
            (act or default)(dialog)
        except Exception as exc:  # noqa: BLE001 - never leave a modal dialog open: the test would hang
            seen.append(exc)
            dialog.reject()
        if dialog.isVisible() and act is None:
            seen.append(AssertionError(f"the dialog stayed open: {dialog.status.text()}"))
            dialog.reject()

    from PySide6.QtCore import Qt

    QTimer.singleShot(0, answer)
    return seen


@pytest.fixture
def trash(tmp_path, monkeypatch):
    """The system trash, moved into the test's folder: where the freedesktop trash puts files (Linux)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the freedesktop trash; elsewhere the test would fill the user's own trash")
    plat_other = pytest.importorskip("send2trash.plat_other")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    # send2trash reads XDG_DATA_HOME once, when first imported: point its copies at this test's folder.
    data = os.fsencode(home / ".local" / "share")
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", data)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.path.join(data, b"Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", os.fsdecode(os.path.join(data, b"Trash")))
    return home / ".local" / "share" / "Trash" / "files"


@pytest.fixture
def editor_lock():
    """Lock a folder as a live editor elsewhere would: a real running process, recorded with its start time.

    Not the process that started pytest: what that is (a shell, CI's script) decides whether its
    lock looks live, which made such tests pass in one place and hang in another.
    """
    import json
    import socket
    import subprocess

    from storyboarder.io import process
    from storyboarder.io.paths import LOCK_FILE

    holders = []

    def lock(folder: Path, user: str = "mara") -> None:
        holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        holders.append(holder)
        record = {"pid": holder.pid, "host": socket.gethostname(), "user": user, "started": "2026-12-03T09:00:00",
                  "program": "storyboarder", "process_start": process.start_token(holder.pid) or ""}
        (folder / LOCK_FILE).write_text(json.dumps(record))

    yield lock
    for holder in holders:
        holder.kill()
        holder.wait()


@pytest.fixture
def other_instance():
    """A live process that is not us, standing in for another Storyboarder; its pid."""
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    yield child.pid
    child.kill()
    child.wait()


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Exports stamped with a fixed date (``SOURCE_DATE_EPOCH``), so tests can compare two of them byte for byte.

    Without it an export takes the time it is made; tests/test_pdf_meta.py checks that, with it unset.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
