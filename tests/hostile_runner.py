"""Run every headless command on one hostile project, in this process, and report what went wrong as JSON.

Used by tests/test_hostile_sweep.py and tools/hostile_sweep.py, always in a
subprocess of its own (``python tests/hostile_runner.py WORK RESULT [FONT]
[SCRIPT]``) with a timeout, so that a hang or a crash ends this process
and not the caller. Before anything else it installs an audit hook
(``sys.addaudithook``) that records every open, write, remove, rename and
program start outside what a command may touch: nothing may be opened under
``WORK/outside`` (where the case's links point), no device but the harmless
ones, no program started, and nothing written but ``WORK/out`` and
``WORK/tmp`` (``TMPDIR``, ``HOME``), and in the project folder only what
the commands that change it may change (``WRITERS``: ``plan --write``,
``clean``) besides taking the lock. Each command has its own alarm, so one
hang is named and the rest still run.

What it checks, per command: the exit code, no traceback, no hang, no file
in the project changed (every entry hashed: files, links, FIFOs, folders).
And for a project ``validate`` accepts: every export succeeds, the project
saves (its bytes reload to the same project) and ``plan --write`` saves it
in place.
"""

from __future__ import annotations

import os
import sys

WORK = _OUTSIDE = _PROJECT = ""
_WRITABLE: list[str] = []


def configure(work: str) -> None:
    """Watch the case in ``work``: what is outside, writable and the project, for the audit hook."""
    global WORK, _OUTSIDE, _PROJECT, _WRITABLE
    WORK = os.path.realpath(work) if work else ""
    _OUTSIDE = os.path.join(WORK, "outside") + os.sep
    _WRITABLE = [os.path.join(WORK, "out") + os.sep, os.path.join(WORK, "tmp") + os.sep]
    _PROJECT = os.path.join(WORK, "project")


#: Devices any program may open; every other device is the project's doing.
_HARMLESS_DEVICES = {"/dev/null", "/dev/urandom", "/dev/random", "/dev/tty"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PROGRAM_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty"}

#: The commands that change the project folder, and which of its entries each may change: a save writes
#: project.json and its backup and takes (then gives back) the lock; a clean-up moves unused images out.
WRITERS = {
    "plan-write": lambda entry: entry in (".", "project.json", "project.json.bak", ".storyboarder.lock")
    or entry.startswith(".storyboarder-save-"),
    "clean": lambda entry: entry in (".", ".storyboarder.lock", "images") or entry.startswith(("images/", "removed-images")),
}


#: The commands that take (and give back) the project's lock, so that nothing writes under an editor.
#: `clean --dry-run` only looks at it: a dry run leaves even a junk lock file alone.
LOCK_TAKERS = set(WRITERS)

violations: list[str] = []
#: The command running, for messages and for what it may write (``WRITERS``).
_state = {"command": "", "busy": False}


def _real(path, dir_fd=None, follow: bool = True) -> str | None:
    """Where ``path`` leads; with ``follow`` False, a link as the last part is the link itself (remove, rename)."""
    if isinstance(path, int) or path is None:
        return None
    try:
        path = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        if follow:
            return os.path.realpath(path)
        head, tail = os.path.split(os.path.abspath(path))
        return os.path.join(os.path.realpath(head), tail)
    except (TypeError, ValueError, OSError):
        return None


#: Where each changing event has its paths and their dir_fd arguments.
_PATH_ARGS = {"os.remove": ((0, 1),), "os.rmdir": ((0, 1),), "os.mkdir": ((0, 2),), "os.rename": ((0, 2), (1, 3)),
              "os.replace": ((0, 2), (1, 3)), "os.symlink": ((1, 2),), "os.link": ((1, 3),), "os.chmod": ((0, 2),),
              "os.chown": ((0, 3),), "os.truncate": ((0, None),), "os.utime": ((0, 4),), "shutil.rmtree": ((0, 1),),
              "shutil.move": ((0, None), (1, None))}


def _may_write(real: str) -> bool:
    if real in _HARMLESS_DEVICES or any(real.startswith(root) for root in _WRITABLE):
        return True
    if real != _PROJECT and not real.startswith(_PROJECT + os.sep):
        return False
    entry = os.path.relpath(real, _PROJECT)
    allowed = WRITERS.get(_state["command"])
    # A command that only reads may still take the lock (and give it back), as `clean --dry-run` does.
    return entry.startswith(".storyboarder-lock-") or entry == ".storyboarder.lock" or bool(allowed and allowed(entry))


def _note(what: str) -> None:
    violations.append(f"{_state['command']}: {what}")


def _hook(event: str, args: tuple) -> None:
    if _state["busy"] or not WORK:
        return
    _state["busy"] = True  # realpath below must not call back in here
    try:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            # O_CREAT | O_EXCL (and O_NOFOLLOW) never follow a link as the last part of the path.
            exclusive = bool(flags) and (flags & (os.O_CREAT | os.O_EXCL) == os.O_CREAT | os.O_EXCL
                                         or bool(flags & getattr(os, "O_NOFOLLOW", 0)))
            real = _real(path, follow=not exclusive)
            if real is None:
                return
            writes = bool(mode and any(c in mode for c in "wax+")) or bool(flags and flags & _WRITE_FLAGS)
            if real.startswith(_OUTSIDE):
                _note(f"opened {real} (outside the project)")
            elif real.startswith("/dev/") and real not in _HARMLESS_DEVICES and not real.startswith("/dev/shm/"):
                _note(f"opened the device {real}")
            elif writes and not _may_write(real):
                _note(f"opened {real} for writing")
        elif event in _PATH_ARGS:
            for where, fd_at in _PATH_ARGS[event]:
                path = args[where] if len(args) > where else None
                dir_fd = args[fd_at] if fd_at is not None and len(args) > fd_at else None
                follow = event in ("os.chmod", "os.chown", "os.truncate", "os.utime")
                real = _real(path, dir_fd if isinstance(dir_fd, int) else None, follow=follow)
                if real is not None and not _may_write(real):
                    _note(f"{event} {real}")
        elif event in _PROGRAM_EVENTS:
            _note(f"started a program: {event} {args!r:.200}")
    finally:
        _state["busy"] = False


if __name__ == "__main__":
    configure(sys.argv[1])
    sys.addaudithook(_hook)

# Imported after the hook is installed, so that nothing these imports open escapes it.
import contextlib  # noqa: E402
import hashlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import stat  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

#: Seconds one command may take on these small projects before it counts as a hang.
COMMAND_SECONDS = int(os.environ.get("HOSTILE_COMMAND_SECONDS", "20"))
#: Memory one run may take: a read of /dev/zero to the end would take all there is.
MEMORY_BYTES = 3 << 30


def _sequence_limit() -> str:
    from storyboarder.export.animatic import MAX_SEQUENCE_FRAMES

    return f"more than the {MAX_SEQUENCE_FRAMES:,} files a PNG sequence may hold"


#: Limits of a file format, not of ours: an accepted project past one (a 24-hour panel) cannot be written in
#: that format, and the export must say so by that limit (and nothing else) to count as handled.
FORMAT_LIMITS = {
    "export-animatic-png": _sequence_limit,
    "export-edit-edl": lambda: "at most 23 hours fit",  # an EDL's two-digit hours wrap at 24:00:00:00
}


def commands(work: Path, font: str | None = None, script: str | None = None) -> list[tuple[str, list[str], bool]]:
    """Every headless command on the case's project: ``(name, argv, is_export)``; ``plan --write`` last, as it saves."""
    project, out = str(work / "project"), work / "out"
    with_font = ["--font", str(work / "inputs" / font)] if font else []

    def o(name: str) -> str:
        return str(out / name)

    table = [
        ("validate", ["validate", project], False),
        ("info", ["info", project], False),
        ("info-json", ["info", project, "--json"], False),
        ("export-storyboard", ["export", "storyboard", project, "-o", o("board.pdf"), "--dpi", "50", *with_font], True),
        ("export-shotlist-csv", ["export", "shotlist", project, "-o", o("shots.csv")], True),
        ("export-shotlist-pdf", ["export", "shotlist", project, "-o", o("shots.pdf"), "--thumbnails", *with_font], True),
        ("export-callsheet", ["export", "callsheet", project, "-o", o("call.pdf"), *with_font], True),
        ("export-callsheet-all-days", ["export", "callsheet", project, "-o", o("days"), "--all-days"], True),
        ("export-animatic-gif", ["export", "animatic", project, "-o", o("board.gif"), "--width", "64", *with_font], True),
        ("export-animatic-png", ["export", "animatic", project, "-o", o("frames") + "/", "--width", "64"], True),
        ("export-animatic-png-panels", ["export", "animatic", project, "-o", o("stills") + "/", "--width", "64",
                                        "--sequence", "panels"], True),
        ("export-edit-xml", ["export", "edit", project, "-o", o("cut.xml"), "--width", "64", "--captions", *with_font], True),
        ("export-edit-fcpxml", ["export", "edit", project, "-o", o("cut.fcpxml"), "--width", "64"], True),
        ("export-edit-edl", ["export", "edit", project, "-o", o("cut.edl"), "--width", "64"], True),
        ("export-edit-otio", ["export", "edit", project, "-o", o("cut.otio"), "--width", "64"], True),
        ("plan", ["plan", project], False),
        ("clean-dry-run", ["clean", project, "--dry-run"], False),
    ]
    if script:
        table.append(("import-fountain", ["import", "fountain", str(work / "inputs" / script), "-o", o("imported")], False))
    table.append(("clean", ["clean", project], False))
    table.append(("plan-write", ["plan", project, "--write"], False))
    return table


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (the folder itself too) by what it is: a file's hash, a link's target, a FIFO…

    Nothing is opened but regular files, so a FIFO or a device cannot hang it; the audit hook looks away.
    """
    _state["busy"] = True
    try:
        return _snapshot(folder)
    finally:
        _state["busy"] = False


def _snapshot(folder: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    stack = [folder]
    while stack:
        path = stack.pop()
        name = str(path.relative_to(folder)) if path != folder else "."
        try:
            info = path.lstat()
        except OSError as exc:
            entries[name] = f"missing ({exc.errno})"
            continue
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            entries[name] = f"link -> {os.readlink(path)}"
        elif stat.S_ISDIR(mode):
            entries[name] = f"folder {oct(mode & 0o7777)}"
            try:
                stack.extend(sorted(path.iterdir()))
            except OSError:
                entries[name] += " (unreadable)"
        elif stat.S_ISREG(mode):
            try:
                with open(path, "rb") as handle:
                    entries[name] = hashlib.sha256(handle.read()).hexdigest() + f" {oct(mode & 0o7777)}"
            except OSError:
                entries[name] = f"unreadable file {info.st_size} {info.st_mtime_ns}"
        else:
            entries[name] = f"special {stat.S_IFMT(mode)} {oct(mode & 0o7777)}"
    return entries


class Hang(Exception):
    """A command ran past its alarm."""


def _alarm(signum, frame):
    raise Hang


def run_command(argv: list[str], seconds: int) -> dict:
    """Run ``storyboarder ARGV`` here: its exit code, output, whether it hung or raised, and how long it took."""
    from storyboarder.cli import main

    out, err = io.StringIO(), io.StringIO()
    result = {"argv": argv, "code": None, "hung": False, "traceback": ""}
    start = time.perf_counter()
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result["code"] = main(argv)
    except Hang:
        result["hung"] = True
    except SystemExit as exc:
        result["code"] = exc.code if isinstance(exc.code, int) else 2
    except BaseException:  # noqa: BLE001 - exactly what the sweep looks for
        result["traceback"] = traceback.format_exc()
    finally:
        signal.alarm(0)
    result["seconds"] = time.perf_counter() - start
    result["stdout"], result["stderr"] = out.getvalue()[-4000:], err.getvalue()[-4000:]
    if "Traceback (most recent call last)" in result["stderr"]:
        result["traceback"] = result["traceback"] or result["stderr"]
    return result


def save_roundtrip(project_folder: Path) -> str:
    """Save an accepted project to bytes and read them back: '' when the same project returns, else what went wrong."""
    from storyboarder.io import ProjectError, dumps, load_document, load_project

    try:
        loaded = load_project(project_folder)
        text = dumps(loaded.project)
        again = load_document(text.encode("utf-8"), loaded.folder, loaded.file)
    except (ProjectError, ValueError) as exc:
        return f"the accepted project does not save and reload: {exc}"
    if dumps(again.project) != text:
        return "the saved project reloads different"
    return ""


def run_case(work: Path, font: str | None, script: str | None) -> dict:
    """Run every command on ``work/project``; return every failure found, and each command's result."""
    project, outside = work / "project", work / "outside"
    failures: list[str] = []
    results = {}
    for name, argv, _export in commands(work, font, script):
        _state.update(command=name)
        before, outside_before = snapshot(project), snapshot(outside)
        (work / "tmp" / "progress").write_text(name)
        result = run_command(argv, COMMAND_SECONDS)
        results[name] = result
        if result["hung"]:
            failures.append(f"{name}: no answer within {COMMAND_SECONDS} s")
        if result["traceback"]:
            failures.append(f"{name}: traceback: {result['traceback'].strip().splitlines()[-1]}")
        after = snapshot(project)
        if name not in WRITERS and after != before:
            # Taking the lock replaces a lock file that is junk (a FIFO, a link): the program's own file, not the user's.
            changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
                             and not (k == ".storyboarder.lock" and name in LOCK_TAKERS))
            if changed:
                failures.append(f"{name}: changed the project folder: {changed[:5]}")
        if name in WRITERS and result["code"] == 0:
            kept = {k: v for k, v in before.items() if not WRITERS[name](k)}
            changed = sorted(k for k in kept if after.get(k) != kept[k])
            if changed:
                failures.append(f"{name}: changed files it has no business with: {changed[:5]}")
        if snapshot(outside) != outside_before:
            failures.append(f"{name}: changed files outside the project")
        _state.update(command="")
    accepted = results["validate"]["code"] == 0
    if accepted:
        for name, _argv, export in commands(work, font, script):
            result = results[name]
            if export and result["code"] != 0 and not result["hung"] and not result["traceback"]:
                lines = [line for line in result["stderr"].splitlines() if line.startswith("error:")]
                font_says = ("error: font: ", f"error: {work / 'inputs' / font}: ") if font else ()
                if font and lines and all(line.startswith(font_says) for line in lines):
                    continue  # the case's --font is the hostile part: refusing it by name is handling it
                limit = FORMAT_LIMITS.get(name)
                if limit and len(lines) == 1 and limit() in lines[0]:
                    continue  # the file format itself cannot hold it; the refusal says so and offers another
                failures.append(f"{name}: the accepted project does not export: {(lines or ['?'])[0][:300]}")
        if results["plan-write"]["code"] != 0:
            failures.append(f"plan-write: the accepted project does not save: {results['plan-write']['stderr'][:300]}")
        problem = save_roundtrip(project)
        if problem:
            failures.append(f"save: {problem}")
    elif results["validate"]["code"] is not None and not results["validate"]["stderr"].startswith("error: "):
        failures.append(f"validate: refused without an error line: {results['validate']['stderr'][:200]!r}")
    failures.extend(violations)
    return {"accepted": accepted, "failures": failures, "results": results}


def main(argv: list[str]) -> int:
    work, result_file = Path(argv[0]).resolve(), Path(argv[1])
    font = argv[2] or None if len(argv) > 2 else None
    script = argv[3] or None if len(argv) > 3 else None
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGALRM, _alarm)
    report = run_case(work, font, script)
    _state["busy"] = True
    result_file.write_text(json.dumps(report, ensure_ascii=True))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # an export's worker thread stuck on a FIFO must not keep this process alive


if __name__ == "__main__":
    main(sys.argv[1:])


def run_in_subprocess(work: Path, font: str | None = None, script: str | None = None, timeout: float = 600,
                      env: dict | None = None) -> dict:
    """Run this file on ``work`` in a fresh Python with a timeout; return its report (a hang of the whole run included)."""
    import subprocess

    (work / "out").mkdir(exist_ok=True)
    (work / "tmp").mkdir(exist_ok=True)
    result_file = work / "tmp" / "result.json"
    # HOME and the XDG folders too: `clean` sends unused images to the trash, exports keep a print cache.
    environment = dict(os.environ if env is None else env, TMPDIR=str(work / "tmp"), HOME=str(work / "tmp"),
                       XDG_DATA_HOME=str(work / "tmp" / "data"), XDG_CACHE_HOME=str(work / "tmp" / "cache"))
    environment.pop("QT_QPA_PLATFORM", None)
    try:
        done = subprocess.run([sys.executable, __file__, str(work), str(result_file), font or "", script or ""],
                              capture_output=True, text=True, check=False, timeout=timeout, env=environment, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        progress = work / "tmp" / "progress"
        last = progress.read_text() if progress.exists() else "start-up"
        return {"accepted": False, "failures": [f"{last}: the whole run hung (no answer within {timeout:g} s)"], "results": {}}
    if not result_file.exists():
        return {"accepted": False, "results": {},
                "failures": [f"the runner died (exit {done.returncode}): {done.stderr.strip()[-600:]}"]}
    return json.loads(result_file.read_text())
