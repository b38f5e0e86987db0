"""How every command reports: one ``error:`` or ``warning:`` line per problem on stderr, and the exit codes.

Everything printed for people goes through :func:`say`, which escapes
control characters: a project's text could otherwise send the terminal
escape sequences (retitle the window, rewrite the screen, worse).
"""

from __future__ import annotations

import re
import sys
import time

EXIT_OK = 0
EXIT_FAILED = 2

# C0 controls, DEL and C1 controls (a lone 0x9b is CSI to many terminals), and lone surrogates (unprintable).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# In JSON text json.dumps has escaped C0 inside strings already; a raw newline there is layout.
_JSON_CONTROL = re.compile("[\x7f-\x9f\ud800-\udfff]")


def printable(text, *, json: bool = False) -> str:
    """``text`` with every control character written as an escape, ``\\x1b`` for ESC: safe to print to a terminal.

    With ``json``, ``text`` is JSON and the escapes are JSON's own (``\\u009b``), so it stays valid.
    """
    if json:
        return _JSON_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", str(text))
    return _CONTROL.sub(_escape, str(text))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def say(text="", *, file=None) -> None:
    """Print one line for people, its control characters escaped."""
    print(printable(text), file=file or sys.stdout)


def errors(problems) -> int:
    """Print each problem as an ``error:`` line; return the failure exit code."""
    for problem in problems:
        say(f"error: {problem}", file=sys.stderr)
    return EXIT_FAILED


def warn(warnings) -> None:
    """Print each warning as a ``warning:`` line."""
    for warning in warnings:
        say(f"warning: {warning}", file=sys.stderr)


def add_output_options(parser) -> None:
    """Add the options every export takes: ``--force`` (replace a file of another kind) and ``--quiet``."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file of another kind at the output (never the project's own files)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line, even on a terminal")


class TerminalProgress:
    """The one line ``exporting: 120/1,000 (12%)`` on stderr while an export runs, where someone watches it.

    Only when stderr is a terminal and not ``--quiet``: a log or a pipe gets the ``wrote …``
    line alone. Ours rather than a progress library's: one rewritten line is all it takes.
    """

    #: The least time between two redraws, in seconds; a fast export would otherwise spend it printing.
    INTERVAL = 0.1

    def __init__(self, what: str = "exporting", *, quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.on = not quiet and callable(isatty) and isatty()
        self.what = what
        self.width = 0
        self.last = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` (an exporter's ``progress`` callback)."""
        now = time.monotonic()
        if not self.on or (now - self.last < self.INTERVAL and done < total):
            return
        self.last = now
        percent = f" ({100 * done // total}%)" if total > 0 else ""
        line = f"{self.what}: {done:,}/{total:,}{percent}"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = max(self.width, len(line))

    def finish(self) -> None:
        """Take the line away again, so that what follows starts on a clean line."""
        if self.on and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def output_problems(project, targets, force: bool = False) -> list[str]:
    """Check the paths an export writes (``(path, kind)``) against the project it comes from; return the problems.

    Run before loading, so a bad output is reported with the other option problems.
    """
    from storyboarder.export.output import check_outputs
    from storyboarder.export.storyboard_options import StoryboardExportError
    from storyboarder.io import project_paths

    try:
        check_outputs(targets, project_paths(project)[0], force=force)
    except StoryboardExportError as exc:
        return list(exc.problems)
    return []


def open_for_command(path, option_problems=()):
    """Load a project for a command, or print why it cannot be used and return None.

    Option problems found before loading are printed with the load error, so a
    user sees everything wrong with one command line at once.
    """
    from storyboarder.io import ProjectError, load_project

    try:
        return load_project(path)
    except ProjectError as exc:
        errors(option_problems)
        errors(exc.problems)
        return None


def run_export(loaded, problems, export, describe, *, quiet: bool = False) -> int:
    """The end every export command shares: refuse on any problem, else warn, export, warn and say what was written.

    ``export(progress)`` returns a result with ``warnings``, calling ``progress(done, total)``
    as it goes (a TerminalProgress); ``describe(result)`` is the ``wrote …`` line.
    """
    from storyboarder.export import StoryboardExportError

    if problems:
        return errors(problems)
    warn(loaded.warnings)
    meter = TerminalProgress(quiet=quiet)
    try:
        result = export(meter)
    except StoryboardExportError as exc:
        return errors(exc.problems)
    finally:
        meter.finish()
    warn(result.warnings)
    say(describe(result))
    return EXIT_OK
