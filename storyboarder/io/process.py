"""Which process is which: this computer's name, whether a process id is alive, and when it started.

A process id alone names a process only while it runs; once it ends, the
number is given to the next process that starts (a lock naming PID 1 names
the system's first process on the next boot). A process's start time, read
from the system, tells the one that wrote a lock or a temporary file from a
later one that got its number. Where the system does not say (no ``/proc``,
not Windows), ``start_token`` returns None and callers fall back to asking
only whether the number is alive, which may mistake a stranger for us.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from functools import cache

_PROC = "/proc"


def host() -> str:
    """This computer's name, as locks and temporary files record it."""
    return socket.gethostname()


def host_tag() -> str:
    """This computer's name made safe for a file name: letters, digits, ``.``, ``-`` and ``_``, at most 64."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", host())[:64] or "host"


def pid_alive(pid: int) -> bool:
    """Tell whether a process with this id runs on this computer (any user's)."""
    if not 0 < pid < 2**31:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but another user's
    except OSError:
        return False
    return True


def start_token(pid: int) -> str | None:
    """A text that names the process ``pid`` and no later one with its number; None when it cannot be read.

    Compare tokens only for equality: two tokens are equal when they name the
    same process of the same boot of this computer.
    """
    if not 0 < pid < 2**31:
        return None
    if sys.platform == "win32":
        return _windows_start_token(pid)
    return _linux_start_token(pid)


def own_start_token() -> str | None:
    """This process's ``start_token``, read once per process (a forked child reads its own)."""
    return _start_token_of(os.getpid())


@cache
def _start_token_of(pid: int) -> str | None:
    return start_token(pid)


def command_line(pid: int) -> str | None:
    """The command line of a process on this computer, where the system shows it (Linux), else None."""
    try:
        with open(f"{_PROC}/{pid}/cmdline", "rb") as handle:
            raw = handle.read(4096)
    except OSError:
        return None
    return raw.replace(b"\x00", b" ").decode("utf-8", "replace").strip()


def may_be_storyboarder(pid: int) -> bool:
    """Tell whether a live process could be a Storyboarder; True when the system does not say.

    For locks written before they recorded a start time: a live process whose
    command line names neither Storyboarder nor Python (``init``, a shell…)
    cannot be holding the project open.
    """
    line = command_line(pid)
    if line is None or not line:
        return True  # no /proc, or a kernel thread's empty line we cannot judge: assume it may be
    line = line.lower()
    return "storyboarder" in line or "python" in line


@cache
def _boot_id() -> str:
    try:
        with open(f"{_PROC}/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read(100).strip()
    except (OSError, ValueError):
        return ""


def _linux_start_token(pid: int) -> str | None:
    try:
        with open(f"{_PROC}/{pid}/stat", "rb") as handle:
            raw = handle.read(4096)
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces or ")"; fields count from the last ")".
    fields = raw[raw.rfind(b")") + 2 :].split()
    if len(fields) < 20 or not fields[19].isdigit():
        return None
    # Field 22, starttime: clock ticks after boot; with the boot's id it names one process.
    return f"linux:{_boot_id()}:{int(fields[19])}"


def _windows_kernel32():
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = ctypes.c_void_p
    kernel32.GetExitCodeProcess.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong))
    kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
    return ctypes, kernel32


def _windows_pid_alive(pid: int) -> bool:
    # On Windows os.kill(pid, 0) would send CTRL_C_EVENT, so ask the kernel instead.
    ctypes, kernel32 = _windows_kernel32()
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _windows_start_token(pid: int) -> str | None:
    try:
        ctypes, kernel32 = _windows_kernel32()
        from ctypes import wintypes

        times = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
        kernel32.GetProcessTimes.argtypes = (ctypes.c_void_p, *[ctypes.POINTER(wintypes.FILETIME)] * 4)
        handle = kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return None
        try:
            if not kernel32.GetProcessTimes(handle, *[ctypes.byref(t) for t in times]):
                return None
        finally:
            kernel32.CloseHandle(handle)
        created = times[0].dwHighDateTime << 32 | times[0].dwLowDateTime
    except (OSError, AttributeError, ImportError):
        return None
    # FILETIME counts from 1601, so a creation time names one process across boots too.
    return f"windows:{created}"
