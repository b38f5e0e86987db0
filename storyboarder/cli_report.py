"""How every command reports: one ``error:`` or ``warning:`` line per problem on stderr, and the exit codes."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILED = 2


def errors(problems) -> int:
    """Print each problem as an ``error:`` line; return the failure exit code."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_FAILED


def warn(warnings) -> None:
    """Print each warning as a ``warning:`` line."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


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


def run_export(loaded, problems, export, describe) -> int:
    """The end every export command shares: refuse on any problem, else warn, export, warn and say what was written.

    ``export()`` returns a result with ``warnings``; ``describe(result)`` is the ``wrote …`` line.
    """
    from storyboarder.export import StoryboardExportError

    if problems:
        return errors(problems)
    warn(loaded.warnings)
    try:
        result = export()
    except StoryboardExportError as exc:
        return errors(exc.problems)
    warn(result.warnings)
    print(describe(result))
    return EXIT_OK
