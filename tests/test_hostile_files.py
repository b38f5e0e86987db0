"""A project folder from someone else cannot hang, flood or run code: FIFOs, devices, PostScript, cut-short images.

Commands run in their own process with a timeout (a FIFO that is opened
waits forever for a writer) and a memory limit (a device read to the end
never ends); the io functions the editor uses run in a thread that is
released if it blocks, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image

from conftest import small_project, tree_digest
from storyboarder.io import ProjectError, load_project, save_project
from storyboarder.io.images import ImageProblem, check_images, open_panel_image
from storyboarder.io.paths import UnreadableFile, read_regular
from storyboarder.io.recovery import LOCK_FILE, RECOVERY_FILE, acquire_lock, find_recovery, load_recovery, read_lock, release_lock

POSTSCRIPT = b"""%!PS-Adobe-3.0 EPSF-3.0
%%BoundingBox: 0 0 64 36
%%EndComments
newpath 0 0 moveto 64 36 lineto stroke
showpage
%%EOF
"""

#: Every program-starting event Python audits.
_AUDIT = """
import sys
def hook(event, args):
    if event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty"):
        with open(sys.argv[1], "a") as log:
            log.write(f"{event} {args!r}\\n")
sys.addaudithook(hook)
from storyboarder.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _limit_memory() -> None:
    # A read of /dev/zero to the end would take all the memory there is; a gigabyte is plenty for any command.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_cli(*args: str, env: dict | None = None, audit: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``storyboarder ARGS`` in its own process, bounded in time and memory; with ``audit``, log program starts there."""
    command = [sys.executable, "-c", _AUDIT, str(audit), *args] if audit else [sys.executable, "-m", "storyboarder", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory, env=env or os.environ.copy()
    )


def without_hanging(function, *fifos: Path):
    """Call ``function`` in a thread; if it blocks on one of ``fifos``, open their other end so it ends, and fail."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    hung = thread.is_alive()
    if hung:
        for fifo in fifos:
            for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
                try:
                    os.close(os.open(fifo, flags))
                except OSError:
                    pass
        thread.join(30)
    assert not hung, f"{function} blocked on a FIFO"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A saved project whose first panel has a real drawing."""
    project = small_project()
    project.scenes[0].panels[0].image = "images/drawing.png"
    save_project(project, tmp_path / "film")
    (tmp_path / "film" / "images").mkdir(exist_ok=True)
    Image.new("L", (64, 36), 200).save(tmp_path / "film" / "images" / "drawing.png")
    return tmp_path / "film"


def with_image(folder: Path, name: str) -> Path:
    """Point the first panel at ``images/NAME`` and return that path."""
    loaded = load_project(folder)
    loaded.project.scenes[0].panels[0].image = f"images/{name}"
    save_project(loaded.project, folder)
    return folder / "images" / name


# Item 6: code from a project never runs -----------------------------------------------------------------


@pytest.fixture
def fake_ghostscript(tmp_path):
    """A ``gs`` first on PATH that leaves a mark when anything starts it; returns (environment, mark)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mark = tmp_path / "ghostscript-ran"
    gs = bin_dir / "gs"
    gs.write_text(f"#!/bin/sh\necho \"$@\" >> '{mark}'\nexit 1\n")
    gs.chmod(0o755)
    env = os.environ.copy()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env, mark


def test_postscript_named_png_is_refused_by_validate_and_never_run(folder, tmp_path, fake_ghostscript):
    env, mark = fake_ghostscript
    with_image(folder, "drawing.png").write_bytes(POSTSCRIPT)
    audit = tmp_path / "audit.log"
    result = run_cli("validate", str(folder), env=env, audit=audit)
    assert result.returncode == 0, result.stderr
    assert (f"warning: {folder / 'project.json'}: scenes[0].panels[0].image: 'images/drawing.png' is not an image "
            "Storyboarder can read; a placeholder is shown") in result.stderr
    assert not mark.exists() and not audit.exists()


#: Every export that reads panel images, with its options and the output it writes.
EXPORTS = {
    "storyboard": (["export", "storyboard"], "board.pdf"),
    "shotlist": (["export", "shotlist", "--thumbnails"], "shots.pdf"),
    "animatic": (["export", "animatic", "--width", "64"], "board.gif"),
    "edit": (["export", "edit", "--width", "64"], "cut.xml"),
}


def run_export(name: str, folder: Path, tmp_path: Path, **kwargs) -> tuple[subprocess.CompletedProcess, Path]:
    command, out = EXPORTS[name]
    out = tmp_path / out
    return run_cli(*command, str(folder), "-o", str(out), **kwargs), out


@pytest.mark.parametrize("name", EXPORTS)
def test_postscript_named_png_is_never_run_by_an_export(name, folder, tmp_path, fake_ghostscript):
    env, mark = fake_ghostscript
    with_image(folder, "drawing.png").write_bytes(POSTSCRIPT)
    audit = tmp_path / "audit.log"
    result, out = run_export(name, folder, tmp_path, env=env, audit=audit)
    assert result.returncode == 0, result.stderr
    assert "'images/drawing.png' is not an image Storyboarder can read; a placeholder is shown" in result.stderr
    assert out.exists()
    assert not mark.exists(), mark.read_text()
    assert not audit.exists(), audit.read_text()


def test_postscript_is_refused_in_memory_too():
    with pytest.raises(ImageProblem, match="is not an image Storyboarder can read"):
        open_panel_image(None, "images/pasted.png", data=POSTSCRIPT)


def test_imports_and_panels_share_one_list_of_formats():
    from storyboarder.io import image_import, images

    assert "EPS" not in images.IMAGE_FORMATS and {"PNG", "JPEG", "TIFF", "WEBP"} <= set(images.IMAGE_FORMATS)
    # The importer opens through the same function, so it refuses what panels refuse.
    assert image_import.open_image is images.open_image


# Item 7: FIFOs and devices ------------------------------------------------------------------------------------


def test_validate_refuses_a_fifo_as_project_json(tmp_path):
    folder = tmp_path / "film"
    folder.mkdir()
    os.mkfifo(folder / "project.json")
    result = run_cli("validate", str(folder))
    assert result.returncode == 2
    assert result.stderr == (f"error: {folder / 'project.json'}: this is a named pipe (FIFO), not a project file; "
                             "it is not read\n")


def test_an_export_refuses_a_fifo_as_project_json(tmp_path):
    folder = tmp_path / "film"
    folder.mkdir()
    os.mkfifo(folder / "project.json")
    result = run_cli("export", "storyboard", str(folder), "-o", str(tmp_path / "board.pdf"))
    assert result.returncode == 2 and "named pipe (FIFO), not a project file" in result.stderr
    assert not (tmp_path / "board.pdf").exists()


def test_validate_refuses_a_link_to_dev_zero_as_project_json(tmp_path):
    folder = tmp_path / "film"
    folder.mkdir()
    (folder / "project.json").symlink_to("/dev/zero")
    result = run_cli("validate", str(folder))
    assert result.returncode == 2
    assert "this is a device, not a project file; it is not read" in result.stderr and "Traceback" not in result.stderr


def test_validate_reports_a_fifo_as_an_image(folder):
    os.mkfifo(with_image(folder, "pipe.png"))
    result = run_cli("validate", str(folder))
    assert result.returncode == 0, result.stderr
    assert "'images/pipe.png' is a named pipe (FIFO), not an image file; a placeholder is shown" in result.stderr


@pytest.mark.parametrize("name", EXPORTS)
def test_a_fifo_as_an_image_is_a_placeholder_not_a_hang(name, folder, tmp_path):
    os.mkfifo(with_image(folder, "pipe.png"))
    result, out = run_export(name, folder, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "'images/pipe.png' is a named pipe (FIFO), not an image file; a placeholder is shown" in result.stderr
    assert out.exists()


def test_plan_write_takes_over_a_fifo_as_the_lock(folder):
    os.mkfifo(folder / LOCK_FILE)
    result = run_cli("plan", str(folder), "--write")
    assert result.returncode == 0, result.stderr
    assert not (folder / LOCK_FILE).exists()  # replaced by our lock, then released


def test_the_editor_opens_nothing_through_a_fifo(folder):
    """What the editor's File › Open calls: load, look for a recovery copy, take the lock; none may block."""
    project_json = folder / "project.json"
    saved = project_json.read_bytes()
    project_json.unlink()
    os.mkfifo(project_json)
    with pytest.raises(ProjectError, match="named pipe"):
        without_hanging(lambda: load_project(folder), project_json)
    project_json.unlink()
    project_json.write_bytes(saved)
    os.mkfifo(folder / RECOVERY_FILE)
    assert without_hanging(lambda: find_recovery(folder), folder / RECOVERY_FILE) is None
    with pytest.raises(ProjectError, match="named pipe"):
        without_hanging(lambda: load_recovery(folder), folder / RECOVERY_FILE)
    os.mkfifo(folder / LOCK_FILE)
    assert without_hanging(lambda: read_lock(folder), folder / LOCK_FILE) is None
    assert without_hanging(lambda: acquire_lock(folder), folder / LOCK_FILE) is None
    assert read_lock(folder).is_ours()
    assert release_lock(folder)


def test_a_fifo_as_a_panel_image_is_refused_without_blocking(folder):
    fifo = with_image(folder, "pipe.png")
    os.mkfifo(fifo)
    loaded = load_project(folder)
    assert [str(w) for w in loaded.warnings] == [
        f"{folder / 'project.json'}: scenes[0].panels[0].image: the image 'images/pipe.png' is a named pipe (FIFO), "
        "not an image file; a placeholder is shown"
    ]
    with pytest.raises(ImageProblem, match="named pipe"):
        without_hanging(lambda: open_panel_image(folder, "images/pipe.png"), fifo)


def test_reads_are_bounded_by_the_bytes_read_not_the_size_on_record(tmp_path):
    # /proc files say they are 0 bytes long and still hold text; the bound must hold for them too.
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(UnreadableFile, match="holds more than the 16 bytes allowed"):
        read_regular("/proc/self/maps", 16)
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 16)
    assert read_regular(exact, 16) == b"x" * 16
    exact.write_bytes(b"x" * 17)
    with pytest.raises(UnreadableFile, match="is 17 bytes, more than the 16 bytes allowed"):
        read_regular(exact, 16)
    with pytest.raises(UnreadableFile, match="device") as caught:
        read_regular("/dev/zero", 1 << 20)
    assert caught.value.kind == "device"


# Item 14: validate decodes what it can cheaply -------------------------------------------------------------


def _noisy_png() -> bytes:
    data = io.BytesIO()
    Image.effect_noise((120, 80), 50).save(data, "PNG")
    return data.getvalue()


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_validate_warns_about_a_truncated_png(cut, folder):
    png = _noisy_png()
    with_image(folder, "cut.png").write_bytes(png[: int(len(png) * cut)])
    result = run_cli("validate", str(folder))
    assert result.returncode == 0
    assert f"warning: {folder / 'project.json'}: scenes[0].panels[0].image: 'images/cut.png' is damaged or cut short" in result.stderr
    assert result.stdout.endswith("1 warnings)\n")


def test_validate_warns_about_a_truncated_jpeg_and_passes_whole_images(folder):
    data = io.BytesIO()
    Image.effect_noise((120, 80), 50).convert("RGB").save(data, "JPEG")
    with_image(folder, "cut.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    loaded = load_project(folder)
    loaded.project.scenes[0].panels[1].image = "images/drawing.png"
    problems = [str(p) for p in check_images(loaded.project, folder, "project.json")]
    assert len(problems) == 1, problems
    assert problems[0].startswith("project.json: scenes[0].panels[0].image: 'images/cut.jpg' is damaged or cut short (")


def test_validate_changes_nothing_in_a_hostile_folder(folder):
    os.mkfifo(with_image(folder, "pipe.png"))
    before = tree_digest(folder)
    assert run_cli("validate", str(folder)).returncode == 0
    assert tree_digest(folder) == before


# Found by the hostile sweep (tests/test_hostile_sweep.py) --------------------------------------------------


def test_a_link_to_a_device_is_refused_without_opening_the_device(tmp_path, monkeypatch):
    # Opening a device can act by itself (rewind a tape, raise a modem line): the name is checked first.
    link = tmp_path / "project.json"
    link.symlink_to("/dev/zero")
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *args, **kwargs: opened.append(str(path)) or real_open(path, *args, **kwargs))
    with pytest.raises(UnreadableFile, match="this is a device, not a regular file"):
        read_regular(link, 1 << 20)
    assert opened == []


def test_a_lock_linked_out_of_the_folder_is_neither_read_nor_written_through(folder, tmp_path):
    # A lock that is a link to a live holder's lock elsewhere: the link is not followed, but replaced by our lock.
    import json
    import socket

    elsewhere = tmp_path / "elsewhere.lock"
    held = {"pid": os.getppid(), "host": socket.gethostname(), "user": "someone", "started": "2027-01-01T00:00:00+00:00"}
    elsewhere.write_text(json.dumps(held))
    (folder / LOCK_FILE).symlink_to(elsewhere)
    assert read_lock(folder) is None
    assert acquire_lock(folder) is None
    assert not (folder / LOCK_FILE).is_symlink() and read_lock(folder).is_ours()
    assert json.loads(elsewhere.read_text()) == held
    assert release_lock(folder)


def test_a_project_json_linked_out_of_the_folder_is_not_read(tmp_path, folder):
    # A shared folder's project.json may lead anywhere: it is refused like an image that leads out of the folder.
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes((folder / "project.json").read_bytes())
    (folder / "project.json").unlink()
    (folder / "project.json").symlink_to(elsewhere)
    result = run_cli("validate", str(folder))
    assert result.returncode == 2
    assert result.stderr == (f"error: {folder / 'project.json'}: this is a link to {elsewhere}, outside the project "
                             "folder; it is not read\n")
    # A link that stays inside the folder is read as before.
    (folder / "project.json").unlink()
    (folder / "real.json").write_bytes(elsewhere.read_bytes())
    (folder / "project.json").symlink_to("real.json")
    assert run_cli("validate", str(folder)).returncode == 0
