"""Two editors on one project, a deleted project folder, honest locks (issue 13, items 3, 4, 12 and 13): io and CLI."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import (
    PROJECT_FILE,
    ProjectError,
    load_project,
    process,
    save_project,
)
from storyboarder.io.fingerprint import DiskChanged, disk_change, read_fingerprint
from storyboarder.io.recovery import (
    LOCK_FILE,
    RECOVERY_FILE,
    acquire_lock,
    find_recovery,
    load_recovery,
    lock_project,
    read_lock,
    set_aside_recovery,
    untitled_recoveries,
)
from storyboarder.io.save import STALE_TEMP_SECONDS, save_and_report
from storyboarder.io.staging import stage_image

IMAGE = b"\x89PNG\r\n\x1a\n pretend pixels"


@pytest.fixture
def folder(tmp_path):
    save_project(small_project(), tmp_path / "film")
    return tmp_path / "film"


# Item 3: a change on disk is noticed before a save overwrites it


def test_a_save_over_someone_elses_newer_save_is_refused(folder):
    a = load_project(folder)
    b = load_project(folder)
    b.project.title = "B's title"
    save_project(b.project, folder, expected=b.fingerprint)
    a.project.director = "A's director"
    with pytest.raises(DiskChanged) as caught:
        save_project(a.project, folder, expected=a.fingerprint)
    assert "changed on disk" in str(caught.value) and "nothing was written" in str(caught.value)
    assert load_project(folder).project.title == "B's title", "B's change is still there"
    # "Overwrite" means: replace that version, the one the check found, and only that one.
    save_project(a.project, folder, expected=caught.value.change.current)
    assert load_project(folder).project.director == "A's director"


def test_each_save_records_what_it_wrote_so_the_next_save_of_the_same_editor_passes(folder):
    a = load_project(folder)
    first = save_and_report(a.project, folder, expected=a.fingerprint)
    assert first.fingerprint == read_fingerprint(folder / PROJECT_FILE)
    a.project.title = "again"
    second = save_and_report(a.project, folder, expected=first.fingerprint)
    assert disk_change(folder / PROJECT_FILE, second.fingerprint) is None


def test_a_file_only_touched_is_not_a_change_and_a_deleted_one_is_no_conflict(folder):
    loaded = load_project(folder)
    os.utime(folder / PROJECT_FILE, ns=(10**18, 10**18))
    assert disk_change(folder / PROJECT_FILE, loaded.fingerprint) is None
    (folder / PROJECT_FILE).unlink()
    assert disk_change(folder / PROJECT_FILE, loaded.fingerprint).kind == "deleted"
    save_project(loaded.project, folder, expected=loaded.fingerprint)  # nothing there to lose
    assert load_project(folder).project.title == "Test"


def test_plan_write_refuses_when_the_project_changed_while_it_ran(folder, capsys, monkeypatch):
    from storyboarder.model import shooting_order

    real = shooting_order.apply_shoot_order

    def someone_saves_meanwhile(project, planned):
        other = load_project(folder).project
        other.title = "saved by the editor meanwhile"
        save_project(other, folder)
        return real(project, planned)

    monkeypatch.setattr(shooting_order, "apply_shoot_order", someone_saves_meanwhile)
    assert main(["plan", str(folder), "--write"]) == 2
    err = capsys.readouterr().err
    assert "changed on disk" in err and "nothing was written" in err
    assert load_project(folder).project.title == "saved by the editor meanwhile"


# Item 3: temporary files of another live save are never removed


def _temp(folder: Path, name: str, age: float = 0) -> Path:
    path = folder / name
    path.write_bytes(b"half a save")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def test_a_save_removes_only_temporary_files_that_are_provably_stale(folder, other_instance):
    tag = process.host_tag()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    live = _temp(folder, f".storyboarder-save-{tag}.{other_instance}.abc123")
    own = _temp(folder, f".storyboarder-save-{tag}.{os.getpid()}.xyz789")
    elsewhere = _temp(folder, ".storyboarder-save-edit-suite-2.example.4242.q1w2e3")
    unknown_fresh = _temp(folder, ".storyboarder-save-k3j4h5")
    gone = _temp(folder, f".storyboarder-save-{tag}.{dead_pid}.zzz000")
    old = _temp(folder, ".storyboarder-save-edit-suite-2.example.4242.old111", age=STALE_TEMP_SECONDS + 60)
    (folder / "images").mkdir(exist_ok=True)
    gone_image = _temp(folder / "images", f".storyboarder-save-{tag}.{dead_pid}.img000")
    save_project(load_project(folder).project, folder)
    assert live.exists() and own.exists() and elsewhere.exists() and unknown_fresh.exists()
    assert not gone.exists() and not old.exists() and not gone_image.exists()


SAVER = r"""
import sys
from storyboarder.io import ProjectError, load_project, save_project
from storyboarder.io.staging import stage_image

folder, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = 0
for i in range(count):
    try:
        project = load_project(folder).project
        project.title = f"{name} {i}"
        stage_image(project, project.scenes[0].panels[i % 3], f"{name}{i}".encode() * 50, "png")
        save_project(project, folder)
    except ProjectError as exc:
        failures += 1
        print(exc, file=sys.stderr)
print(failures)
"""


def test_two_processes_saving_one_folder_never_fail(folder):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    savers = [
        subprocess.Popen([sys.executable, "-c", SAVER, str(folder), name, "100"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
        for name in ("A", "B")
    ]
    results = [saver.communicate(timeout=240) for saver in savers]
    assert [int(out) for out, _err in results] == [0, 0], [err[-2000:] for _out, err in results]
    title = load_project(folder).project.title
    assert title.split()[0] in ("A", "B")
    assert not list(folder.rglob(".storyboarder-save-*")), "every save cleaned up after itself"


# Item 4: a save after the project folder was deleted


def test_a_save_after_the_folder_was_deleted_writes_what_it_holds_and_names_every_lost_image(tmp_path):
    folder = tmp_path / "film"
    project = small_project()
    panels = [panel for _scene, panel in project.iter_panels()]
    for n, panel in enumerate(panels[:3]):
        stage_image(project, panel, IMAGE + bytes([n]), "png")
    save_project(project, folder)
    loaded = load_project(folder)
    # A drawing made after opening waits in memory.
    fresh = loaded.project.scenes[1].panels[0]
    stage_image(loaded.project, fresh, IMAGE + b"new", "png")
    shutil.rmtree(folder)

    report = save_and_report(loaded.project, folder, expected=loaded.fingerprint)
    assert (folder / fresh.image).read_bytes() == IMAGE + b"new", "the image in memory is written again"
    lost = {problem.where: problem.message for problem in report.missing}
    assert lost == {
        f"scenes[0].panels[{n}].image": f"the image file {panels[n].image!r} is missing; it is lost" for n in range(3)
    }
    assert all(str(folder / PROJECT_FILE) == problem.file for problem in report.missing)


def test_a_save_of_a_whole_project_reports_nothing_missing(folder):
    loaded = load_project(folder)
    stage_image(loaded.project, loaded.project.scenes[0].panels[0], IMAGE, "png")
    assert save_and_report(loaded.project, folder).missing == []


# Item 12: a damaged recovery copy is set aside


def test_a_damaged_recovery_copy_is_moved_aside_once(folder):
    (folder / RECOVERY_FILE).write_text('{"format": "storyboarder", "version": 1, "scenes": [{')
    assert find_recovery(folder) is not None
    with pytest.raises(ProjectError):
        load_recovery(folder)
    moved = set_aside_recovery(folder)
    assert moved.parent == folder and moved.name.startswith("project.recovery.damaged-") and moved.suffix == ".json"
    assert moved.read_text().endswith("[{"), "kept, not deleted"
    assert find_recovery(folder) is None
    # A second damaged copy in the same second gets a name of its own.
    (folder / RECOVERY_FILE).write_text("garbage")
    again = set_aside_recovery(folder)
    assert again != moved and again.exists() and moved.exists()


def test_a_damaged_untitled_autosave_is_no_longer_listed_once_set_aside(tmp_path):
    untitled = tmp_path / "recovery" / "abc"
    untitled.mkdir(parents=True)
    (untitled / RECOVERY_FILE).write_bytes(b"\x00not json")
    assert untitled_recoveries(tmp_path / "recovery") == [untitled]
    set_aside_recovery(untitled)
    assert untitled_recoveries(tmp_path / "recovery") == []


# Item 13 and item 3: locks that tell the truth


def _old_lock(folder: Path, pid: int) -> None:
    doc = {"pid": pid, "host": socket.gethostname(), "user": "someone", "started": "2026-03-01T09:00:00+00:00"}
    (folder / LOCK_FILE).write_text(json.dumps(doc))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process start times from /proc")
def test_a_lock_naming_a_live_but_unrelated_process_is_taken_over(folder, other_instance):
    assert acquire_lock(folder) is None
    doc = json.loads((folder / LOCK_FILE).read_text())
    assert doc["process_start"] == process.start_token(os.getpid()) and doc["process_start"].startswith("linux:")
    # The lock's process is gone and PID 1 (or any live process) got its number: not the holder.
    for pid in (1, other_instance):
        doc["pid"] = pid
        (folder / LOCK_FILE).write_text(json.dumps(doc))
        assert acquire_lock(folder) is None, f"pid {pid} started later than the lock's holder"
        assert read_lock(folder).is_ours()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="command lines from /proc")
def test_an_old_lock_naming_a_process_that_is_no_storyboarder_is_taken_over(folder):
    stranger = subprocess.Popen(["sleep", "30"])
    try:
        # Until it has run exec, the child is still a copy of this Python.
        for _ in range(1000):
            if (process.command_line(stranger.pid) or "").startswith("sleep"):
                break
            time.sleep(0.01)
        _old_lock(folder, stranger.pid)
        assert acquire_lock(folder) is None
        assert read_lock(folder).is_ours()
    finally:
        stranger.kill()
        stranger.wait()


def test_an_old_lock_of_a_live_storyboarder_is_still_respected(folder, other_instance):
    _old_lock(folder, other_instance)
    holder = acquire_lock(folder)
    assert holder is not None and holder.pid == other_instance and holder.process_start == ""


def test_a_lock_that_cannot_be_written_says_so(folder, monkeypatch):
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(LOCK_FILE):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    outcome = lock_project(folder)
    assert not outcome.locked and outcome.holder is None
    assert "read-only" in outcome.problem and str(folder) in outcome.problem


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_holds_no_lock_and_says_so(folder):
    before = tree_digest(folder)
    folder.chmod(0o555)
    try:
        outcome = lock_project(folder)
    finally:
        folder.chmod(0o755)
    assert not outcome.locked and "read-only" in outcome.problem
    assert tree_digest(folder) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_records_its_own_start_time(tmp_path):
    assert process.own_start_token() is not None or not sys.platform.startswith("linux")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its token and leave at once
        os.write(write, (process.own_start_token() or "").encode())
        os._exit(0)
    os.close(write)
    child_token = os.read(read, 200).decode()
    os.close(read)
    os.waitpid(pid, 0)
    if sys.platform.startswith("linux"):
        assert child_token and child_token != process.own_start_token()
